import type { Delivery } from './delivery.ts';

/** How old the last round's list of due deliveries may be for a woken round to reuse it (about one polling interval). */
const DUE_REUSE_MS = 30;

/**
 * While nothing is due, in flight or waiting: how often the worker reads the outbox, for rows queued
 * by another process (the CLI, another instance). Rows queued in this process wake it at once
 * (nudge). With work on hand it reads every polling interval (25 ms).
 */
export const IDLE_POLL_MS = 500;

/**
 * The due deliveries a round of the worker sees, and when the outbox must be read for them. A round
 * woken by an opening window reuses what the last round read if that is fresh (reading 500 rows
 * would delay the window's first send), unless deliveries were queued since that read began.
 */
export class DueList {
  /** The due deliveries the last round read and did not start, and when (clock time) it read them. */
  private last: { readAt: number; rows: Delivery[] } | undefined;
  /** Real time (not the clock: tests move that) of the last read. */
  private lastReadAt = 0;
  private queuedSinceRead = false;

  /** Deliveries were queued in this process: the next round reads the outbox. */
  queued(): void {
    this.queuedSinceRead = true;
  }

  /** The rows for a round at clock time `now`: the last list (woken, fresh, nothing queued since) or a new read. */
  async forRound(woken: boolean, now: number, read: () => Promise<Delivery[]>): Promise<{ rows: Delivery[]; readAt: number }> {
    const last = this.last;
    if (woken && last && !this.queuedSinceRead && now - last.readAt <= DUE_REUSE_MS) return last;
    this.lastReadAt = Date.now();
    this.queuedSinceRead = false;
    return { rows: await read(), readAt: now };
  }

  /** What the round read (at `readAt`) and did not start: the next woken round may reuse it. */
  keep(readAt: number, rows: Delivery[]): void {
    this.last = { readAt, rows };
  }

  /** As of the last round nothing waits: no row was left over and nothing was queued since. */
  get empty(): boolean {
    return !this.queuedSinceRead && this.last !== undefined && this.last.rows.length === 0;
  }

  /** The last read was at least `ms` ago (real time). */
  readBefore(ms: number): boolean {
    return Date.now() - this.lastReadAt >= ms;
  }
}
