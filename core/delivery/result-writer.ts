import type { WorkerLogger } from './delivery-worker.ts';

/** How often results that could not be written are tried again. */
export const RETRY_WRITE_MS = 1000;

/**
 * Writes what became of each send. A result that cannot be written now (the database is away) is
 * kept in memory and written as soon as the database is back: the row stays "sending" under this
 * instance's lease meanwhile, so no other instance takes it over and sends it a second time.
 */
export class ResultWriter {
  private readonly unwritten = new Map<string, () => Promise<unknown>>();
  private timer: ReturnType<typeof setInterval> | undefined;
  private flushing: Promise<void> | undefined;

  constructor(private readonly logger: WorkerLogger) {}

  async write(deliveryId: string, write: () => Promise<unknown>): Promise<void> {
    try {
      await write();
    } catch (error) {
      if (!this.unwritten.size) this.logger.warn({ err: error }, 'could not record a delivery result; keeping it until the database answers');
      this.unwritten.set(deliveryId, write);
      this.timer ??= setInterval(() => void this.flush(), RETRY_WRITE_MS);
      this.timer.unref?.();
    }
  }

  /** Deliveries whose result waits to be written. */
  ids(): string[] {
    return [...this.unwritten.keys()];
  }

  get size(): number {
    return this.unwritten.size;
  }

  /** Tries the waiting results again, oldest first; one that still fails does not hold up the others. */
  flush(): Promise<void> {
    if (!this.unwritten.size) return Promise.resolve();
    this.flushing ??= (async () => {
      for (const [id, write] of this.unwritten) {
        try {
          await write();
          this.unwritten.delete(id);
        } catch {
          // still failing: kept for the next try
        }
      }
      if (this.unwritten.size) return;
      if (this.timer) clearInterval(this.timer);
      this.timer = undefined;
      this.logger.warn({}, 'delivery results written after all');
    })().finally(() => {
      this.flushing = undefined;
    });
    return this.flushing;
  }
}
