import type { Logger } from '../logger.ts';

/** A job the clock runs: returns what it did (for the log). */
export interface Sweep {
  name: string;
  run(): Promise<unknown[]>;
}

/**
 * Runs the time-driven jobs inside the server every `intervalMs` (incidents: reminders, escalation
 * offers, auto-close; maintenance: reminders, start, end): one round at a time; a failing job is
 * logged and the next round tries again, the other jobs still run.
 */
export class SweepClock {
  private timer: ReturnType<typeof setInterval> | undefined;
  private running: Promise<void> | undefined;

  constructor(private readonly sweeps: Sweep[], private readonly logger: Logger, private readonly intervalMs = 60_000) {}

  start(): void {
    this.timer = setInterval(() => void this.round(), this.intervalMs);
    void this.round();
  }

  /** One round of every job (also for tests). */
  async round(): Promise<void> {
    if (this.running) return this.running;
    this.running = (async () => {
      for (const sweep of this.sweeps) {
        try {
          const done = await sweep.run();
          if (done.length) this.logger.info({ done }, `${sweep.name} clock`);
        } catch (error) {
          this.logger.error({ err: error }, `${sweep.name} clock failed`);
        }
      }
    })().finally(() => { this.running = undefined; });
    return this.running;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
