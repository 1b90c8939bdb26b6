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
});
