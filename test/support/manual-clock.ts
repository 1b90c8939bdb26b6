import type { Clock } from '../../core/clock.ts';

/** A clock that only moves when the test says so. */
export class ManualClock implements Clock {
  private current: number;

  constructor(start: Date | string | number) {
    this.current = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  /** Milliseconds since the epoch. */
  get ms(): number {
    return this.current;
  }

  advance(ms: number): void {
    this.current += ms;
  }

  set(at: Date | string | number): void {
    this.current = new Date(at).getTime();
  }
}
