/** A limit: at most `count` sends per `windowMs`. */
export interface Limit {
  count: number;
  windowMs: number;
}

/**
 * Sliding-window rate limits per key (a channel, or the whole app). A send may go when every
 * window of its key has room; `earliest` says when that is.
 */
export class RateLimiter {
  private readonly sent = new Map<string, number[]>();
  private readonly pausedUntil = new Map<string, number>();

  constructor(private readonly limits: Limit[]) {}

  private longest = () => Math.max(...this.limits.map((l) => l.windowMs));

  /** The earliest time (ms) at which one more send for this key stays within every limit. */
  earliest(key: string, now: number): number {
    const times = this.prune(key, now);
    let at = Math.max(now, this.pausedUntil.get(key) ?? 0);
    for (const { count, windowMs } of this.limits) {
      const inWindow = times.filter((t) => t > now - windowMs);
      if (inWindow.length >= count) at = Math.max(at, inWindow[inWindow.length - count]! + windowMs);
    }
    return at;
  }

  record(key: string, at: number): void {
    const times = this.prune(key, at);
    times.push(at);
  }

  /**
   * A send counted at `from` actually left at `to` (the round claimed it first): count it then, since
   * the platform counts it when it arrives, and a late first request would otherwise let the next
   * window open too early.
   */
  restamp(key: string, from: number, to: number): void {
    if (to > from) this.move(key, from, to);
  }

  /** A send counted at `from` is known to have reached the platform no earlier than `to` (either way). */
  move(key: string, from: number, to: number): void {
    const times = this.sent.get(key);
    const at = times?.indexOf(from) ?? -1;
    if (!times || at < 0 || to === from) return;
    times.splice(at, 1);
    let i = times.length;
    while (i > 0 && times[i - 1]! > to) i--;
    times.splice(i, 0, to);
  }

  /** Nothing more for this key until `until` (the platform answered 429 with Retry-After). */
  pause(key: string, until: number): void {
    this.pausedUntil.set(key, Math.max(until, this.pausedUntil.get(key) ?? 0));
  }

  private prune(key: string, now: number): number[] {
    let times = this.sent.get(key);
    if (!times) this.sent.set(key, (times = []));
    const cutoff = now - this.longest();
    while (times.length && times[0]! <= cutoff) times.shift();
    return times;
  }
}

/**
 * The platforms' published limits (Microsoft: bots/how-to/rate-limit; Slack: chat.postMessage).
 * DeliveryWorker counts a send from when its request was written out where the sender can tell
 * (Teams), else from its answer; never from when it was chosen. The platform counts it on arrival,
 * one network trip later: the pad covers that trip varying by a few milliseconds between two
 * requests. Where it varies more, the platform may see one request too many in a window and answer
 * 429, which the worker honours (Retry-After, the channel paused).
 */
const PAD_MS = 5;
const w = (count: number, ms: number): Limit => ({ count, windowMs: ms + PAD_MS });
export const PLATFORM_LIMITS = {
  teams: { perConversation: [w(7, 1000), w(8, 2000), w(60, 30_000)], perApp: [w(50, 1000)] },
  slack: { perConversation: [w(1, 1000)], perApp: [] as Limit[] },
  local: { perConversation: [w(7, 1000)], perApp: [] as Limit[] },
} as const;
