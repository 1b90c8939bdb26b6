import { describe, expect, it } from 'vitest';
import type { IndexedEntry, KbSearchIndex } from '../../../../core/domain/knowledge-base/kb-search-index.ts';
import { KbSnapshots } from '../../../../core/domain/knowledge-base/kb-snapshots.ts';

const entry = (id: string, title: string): IndexedEntry => ({ id, language: 'nl', published: true, titleTerms: [title], tagTerms: [], bodyTerms: [] });

/** An index whose reads finish only when the test says so, counting how many run at once. */
class SlowIndex implements KbSearchIndex {
  entries: IndexedEntry[] = [entry('a', 'printer')];
  reads = 0;
  running = 0;
  mostAtOnce = 0;
  fail: Error | undefined;
  private releases: Array<() => void> = [];

  async candidates(): Promise<Array<IndexedEntry & { rank: number }>> {
    return [];
  }

  async allEntries(): Promise<IndexedEntry[]> {
    this.reads++;
    this.running++;
    this.mostAtOnce = Math.max(this.mostAtOnce, this.running);
    const snapshot = [...this.entries];
    const fail = this.fail;
    await new Promise<void>((resolve) => this.releases.push(resolve));
    this.running--;
    if (fail) throw fail;
    return snapshot;
  }

  /** Lets every read waiting now finish. */
  release(): void {
    for (const r of this.releases.splice(0)) r();
  }
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
const terms = (s: { vocabulary: { has(t: string): boolean } }, t: string) => s.vocabulary.has(t);

describe('KbSnapshots', () => {
  it('edits during a load: one load at a time, and one more after it, however many edits and questions came', async () => {
    const index = new SlowIndex();
    const snapshots = new KbSnapshots(index, { postings: true, refreshMs: 60_000, now: () => 0 });
    const first = snapshots.get();
    await flush();
    const waiting: Array<Promise<unknown>> = [];
    for (let i = 0; i < 5; i++) {
      index.entries.push(entry(`e${i}`, `woord${i}`));
      snapshots.invalidate();
      waiting.push(snapshots.get());
    }
    await flush();
    expect(index.reads).toBe(1);
    index.release(); // the first load ends; the one queued for the edits starts
    expect(terms(await first, 'woord4')).toBe(false);
    await flush();
    expect(index.reads).toBe(2);
    index.release();
    for (const w of await Promise.all(waiting)) expect(terms(w as never, 'woord4')).toBe(true);
    expect(index.mostAtOnce).toBe(1);
    expect(index.reads).toBe(2);
  });

  it('a copy older than refreshMs answers while a fresh one loads in the background; a failing refresh is reported, retried a minute later', async () => {
    let now = 0;
    const errors: unknown[] = [];
    const index = new SlowIndex();
    const snapshots = new KbSnapshots(index, { postings: false, refreshMs: 1000, now: () => now, onRefreshError: (e) => errors.push(e) });
    const load = snapshots.get();
    index.release();
    const old = await load;
    now = 2000;
    index.fail = new Error('database away');
    expect(await snapshots.get()).toBe(old); // not waiting for the refresh
    expect(index.reads).toBe(2);
    index.release();
    await flush();
    expect(errors).toEqual([index.fail]);
    now = 30_000;
    expect(await snapshots.get()).toBe(old);
    expect(index.reads).toBe(2); // not hammering a database that just failed
    now = 70_000;
    index.fail = undefined;
    index.entries.push(entry('b', 'scanner'));
    expect(await snapshots.get()).toBe(old);
    expect(index.reads).toBe(3);
    index.release();
    await flush();
    expect(terms(await snapshots.get(), 'scanner')).toBe(true);
  });

  it('a version changed elsewhere: a reload, the old copy answering while it runs past the wait, no further check meanwhile', async () => {
    let now = 0;
    const index = new VersionedIndex();
    const snapshots = new KbSnapshots(index, { postings: true, refreshMs: 300_000, checkEveryMs: 2000, waitForChangeMs: 20, now: () => now });
    const load = snapshots.get();
    await flush();
    index.release();
    const old = await load;
    index.entries.push(entry('b', 'scanner'));
    index.bump();
    now = 1999;
    expect(await snapshots.get()).toBe(old);
    expect(index.versionReads).toBe(1);
    now = 2000;
    expect(await snapshots.get()).toBe(old); // the reload is slower than the wait
    expect([index.versionReads, index.reads]).toEqual([3, 2]); // the check, and the reload's own read before its entries
    for (const t of [4000, 6000, 8000]) {
      now = t;
      expect(await snapshots.get()).toBe(old);
    }
    expect([index.versionReads, index.reads]).toEqual([3, 2]); // no check while the reload runs, so it is never restarted
    index.release();
    await flush();
    const fresh = await snapshots.get();
    expect(terms(fresh, 'scanner')).toBe(true);
    now = 9000; // the reload read the version at 2000: checked again 2 s after that, unchanged
    expect(await snapshots.get()).toBe(fresh);
    expect([index.versionReads, index.reads]).toEqual([4, 2]);
  });

  it('a quick reload is what the question that noticed the change gets; a failed one is retried 10 s later', async () => {
    let now = 0;
    const errors: unknown[] = [];
    const index = new VersionedIndex();
    index.instant = true;
    const snapshots = new KbSnapshots(index, { postings: false, refreshMs: 300_000, now: () => now, onRefreshError: (e) => errors.push(e) });
    const old = await snapshots.get();
    index.entries.push(entry('b', 'scanner'));
    index.bump();
    index.fail = new Error('database away');
    now = 2000;
    expect(await snapshots.get()).toBe(old);
    expect(errors).toEqual([index.fail]);
    index.fail = undefined;
    now = 4000;
    expect(await snapshots.get()).toBe(old);
    expect(index.reads).toBe(2);
    now = 12_000;
    expect(terms(await snapshots.get(), 'scanner')).toBe(true);
    expect(index.reads).toBe(3);
  });
});

/** A SlowIndex with a version that `bump()` changes; `instant` reads finish at once. */
class VersionedIndex extends SlowIndex {
  versionReads = 0;
  instant = false;
  private v = 1;

  bump(): void {
    this.v++;
  }

  async version(): Promise<string> {
    this.versionReads++;
    return String(this.v);
  }

  override async allEntries(): Promise<IndexedEntry[]> {
    if (!this.instant) return super.allEntries();
    this.reads++;
    if (this.fail) throw this.fail;
    return [...this.entries];
  }
}
