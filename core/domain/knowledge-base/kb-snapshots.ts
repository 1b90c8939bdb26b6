import { FingerprintCheck, type FingerprintStamp } from '../../cache/fingerprint-check.ts';
import { yieldToEventLoop } from '../../time/yield-to-event-loop.ts';
import { BUILD_SLICE, KbPostings } from './kb-postings.ts';
import type { KbSearchIndex } from './kb-search-index.ts';
import { Vocabulary } from './vocabulary.ts';

/** What the search knows of the indexed entries, loaded together from the index. */
export interface Snapshot {
  vocabulary: Vocabulary;
  postings?: KbPostings;
  builtAt: number;
  /** The index's version read before the entries (when the index has one). */
  version?: FingerprintStamp;
}

export interface SnapshotOptions {
  /** Build postings too (the memory engine), or only the vocabulary. */
  postings: boolean;
  /** Entries may also change in another process (the CLI): a question after this long reloads in the background (a safety net beside the version check). */
  refreshMs: number;
  /** With an index that has a version: how often a question checks it (default CHECK_EVERY_MS). */
  checkEveryMs?: number;
  /** How long a question waits for the reload a changed version started, before the old copy answers (default WAIT_FOR_CHANGE_MS). */
  waitForChangeMs?: number;
  now: () => number;
  /** A background reload failed (the previous copy keeps answering; the next question tries again). */
  onRefreshError?: (error: unknown) => void;
}

/** How often the index's version is checked: a change by the CLI or another instance is seen within this. */
export const CHECK_EVERY_MS = 2000;
/** Small indexes reload well within this, so the question that noticed the change is answered from it. */
export const WAIT_FOR_CHANGE_MS = 1000;
/** After a reload for a changed version failed, the next attempt waits this long (the old copy answers). */
const RETRY_CHANGE_MS = 10_000;

/**
 * Keeps the current snapshot of the knowledge-base index and loads new ones: one load at a time,
 * however many questions and edits come in meanwhile. After `invalidate()` (an edit) the next
 * question waits for a load that started after the edit; a stale copy (older than refreshMs)
 * answers while a fresh one loads in the background.
 * An edit elsewhere (the CLI, another instance) is noticed through the index's version, checked at
 * most every checkEveryMs: the question that notices it waits up to waitForChangeMs for the reload
 * (so do questions in that time); later ones get the old copy until the reload is done.
 */
export class KbSnapshots {
  private current: Snapshot | undefined;
  /** Bumped by every edit: a load started before the last edit cannot become current. */
  private generation = 0;
  private running: { generation: number; promise: Promise<Snapshot> } | undefined;
  /** The load that starts when the running one is done (edits came in during it). */
  private queued: Promise<Snapshot> | undefined;
  private lastRefreshError = -Infinity;
  private readonly changes: FingerprintCheck | undefined;
  /** A reload for a change elsewhere is running: questions until this time wait for it. */
  private changeDeadline = -Infinity;
  private lastChangeError = -Infinity;

  constructor(
    private readonly index: KbSearchIndex,
    private readonly o: SnapshotOptions,
  ) {
    const version = index.version?.bind(index);
    this.changes = version ? new FingerprintCheck(version, o.checkEveryMs ?? CHECK_EVERY_MS, o.now) : undefined;
  }

  invalidate(): void {
    this.generation++;
    this.current = undefined;
  }

  get(): Promise<Snapshot> {
    const current = this.current;
    if (!current) return this.load();
    if (this.changes) return this.followChanges(current);
    return Promise.resolve(this.refreshIfOld(current));
  }

  /** The current copy, or the reload a change elsewhere started if it is ready within the deadline. */
  private async followChanges(current: Snapshot): Promise<Snapshot> {
    // No check while a load runs: it read the version before its entries, and the check after it compares with that.
    if (!this.loading() && this.o.now() - this.lastChangeError >= RETRY_CHANGE_MS && (await this.changes!.changed()) && this.current === current && !this.loading()) {
      // Like an edit, except that the old copy answers until the reload replaces it.
      this.generation++;
      this.changeDeadline = this.o.now() + (this.o.waitForChangeMs ?? WAIT_FOR_CHANGE_MS);
      this.load().catch((error: unknown) => {
        this.lastChangeError = this.o.now();
        this.o.onRefreshError?.(error);
      });
    }
    const wait = this.changeDeadline - this.o.now();
    const reload = this.loading();
    if (wait > 0 && reload && this.current === current) return this.within(reload, wait, current);
    return this.refreshIfOld(this.current ?? current);
  }

  /** The load that will give the newest snapshot, if one is under way. */
  private loading(): Promise<Snapshot> | undefined {
    return this.queued ?? this.running?.promise;
  }

  /** The reload's snapshot if it is done within `ms`, else (or when it fails) the old copy. */
  private within(reload: Promise<Snapshot>, ms: number, old: Snapshot): Promise<Snapshot> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(old), ms);
      reload.then(
        (fresh) => { clearTimeout(timer); resolve(fresh); },
        () => { clearTimeout(timer); resolve(old); },
      );
    });
  }

  private refreshIfOld(current: Snapshot): Snapshot {
    if (this.o.now() - current.builtAt > this.o.refreshMs && !this.running && !this.queued && this.o.now() - this.lastRefreshError > 60_000) {
      this.load().catch((error: unknown) => {
        this.lastRefreshError = this.o.now();
        this.o.onRefreshError?.(error);
      });
    }
    return current;
  }

  private load(): Promise<Snapshot> {
    if (this.queued) return this.queued;
    const running = this.running;
    if (running && running.generation === this.generation) return running.promise;
    if (running) {
      // It reads what the index held before the last edit: load again right after it.
      const queued = running.promise.catch(() => undefined).then(() => {
        this.queued = undefined;
        return this.start();
      });
      this.queued = queued;
      return queued;
    }
    return this.start();
  }

  private start(): Promise<Snapshot> {
    const generation = this.generation;
    const promise = this.build().then((snapshot) => {
      if (generation === this.generation) {
        this.current = snapshot;
        if (snapshot.version) this.changes?.loaded(snapshot.version);
      }
      return snapshot;
    });
    const running = { generation, promise };
    this.running = running;
    const done = () => {
      if (this.running === running) this.running = undefined;
    };
    promise.then(done, done);
    return promise;
  }

  private async build(): Promise<Snapshot> {
    const builtAt = this.o.now();
    // The version first: an edit landing during the read is noticed at the next check.
    const version = this.changes ? await this.changes.read() : undefined;
    const entries = await this.index.allEntries();
    const vocabulary = new Vocabulary();
    for (let i = 0; i < entries.length; i++) {
      if (i > 0 && i % BUILD_SLICE === 0) await yieldToEventLoop();
      const e = entries[i]!;
      vocabulary.addDocument([...e.titleTerms, ...e.tagTerms, ...e.bodyTerms]);
    }
    const postings = this.o.postings ? await KbPostings.build(entries) : undefined;
    return { vocabulary, builtAt, ...(postings ? { postings } : {}), ...(version ? { version } : {}) };
  }
}
