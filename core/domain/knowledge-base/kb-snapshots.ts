import { yieldToEventLoop } from '../../time/yield-to-event-loop.ts';
import { BUILD_SLICE, KbPostings } from './kb-postings.ts';
import type { KbSearchIndex } from './kb-search-index.ts';
import { Vocabulary } from './vocabulary.ts';

/** What the search knows of the indexed entries, loaded together from the index. */
export interface Snapshot {
  vocabulary: Vocabulary;
  postings?: KbPostings;
  builtAt: number;
}

export interface SnapshotOptions {
  /** Build postings too (the memory engine), or only the vocabulary. */
  postings: boolean;
  /** Entries may also change in another process (the CLI): a question after this long reloads in the background. */
  refreshMs: number;
  now: () => number;
  /** A background reload failed (the previous copy keeps answering; the next question tries again). */
  onRefreshError?: (error: unknown) => void;
}

/**
 * Keeps the current snapshot of the knowledge-base index and loads new ones: one load at a time,
 * however many questions and edits come in meanwhile. After `invalidate()` (an edit) the next
 * question waits for a load that started after the edit; a stale copy (older than refreshMs)
 * answers while a fresh one loads in the background.
 */
export class KbSnapshots {
  private current: Snapshot | undefined;
  /** Bumped by every edit: a load started before the last edit cannot become current. */
  private generation = 0;
  private running: { generation: number; promise: Promise<Snapshot> } | undefined;
  /** The load that starts when the running one is done (edits came in during it). */
  private queued: Promise<Snapshot> | undefined;
  private lastRefreshError = -Infinity;

  constructor(
    private readonly index: KbSearchIndex,
    private readonly o: SnapshotOptions,
  ) {}

  invalidate(): void {
    this.generation++;
    this.current = undefined;
  }

  get(): Promise<Snapshot> {
    const current = this.current;
    if (!current) return this.load();
    if (this.o.now() - current.builtAt > this.o.refreshMs && !this.running && !this.queued && this.o.now() - this.lastRefreshError > 60_000) {
      this.load().catch((error: unknown) => {
        this.lastRefreshError = this.o.now();
        this.o.onRefreshError?.(error);
      });
    }
    return Promise.resolve(current);
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
      if (generation === this.generation) this.current = snapshot;
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
    const entries = await this.index.allEntries();
    const vocabulary = new Vocabulary();
    for (let i = 0; i < entries.length; i++) {
      if (i > 0 && i % BUILD_SLICE === 0) await yieldToEventLoop();
      const e = entries[i]!;
      vocabulary.addDocument([...e.titleTerms, ...e.tagTerms, ...e.bodyTerms]);
    }
    const postings = this.o.postings ? await KbPostings.build(entries) : undefined;
    return { vocabulary, builtAt, ...(postings ? { postings } : {}) };
  }
}
