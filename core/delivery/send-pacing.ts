import type { Platform } from '../conversation/inbound.ts';
import { PLATFORM_LIMITS, RateLimiter } from './rate-limiter.ts';

/** How far back a starting worker counts earlier sends: the longest window (Teams: 60 per 30 s per conversation). */
export const SEED_WINDOW_MS = 30_000;
/** A claimed send reached the platform at most this long after its claim was written. */
const SEED_PAD_MS = 100;

/** A send as the limiters count it: chosen at `chosenAt`, counted at `at` (moved while unanswered). */
export interface SendStamp {
  platform: Platform;
  /** `<platform>:<channel id>`. */
  key: string;
  at: number;
  chosenAt: number;
}

/**
 * The platforms' per-channel and per-app limits as the worker keeps them: which send may go when,
 * and when each counts. A send not answered yet may not even have reached the platform (a busy
 * process writes it late), so it counts as sent "now" until its answer comes; then it counts from
 * when it left (where the sender can tell) or its answer, never before it was chosen.
 */
export class SendPacing {
  private readonly channel = new Map<Platform, RateLimiter>();
  private readonly app = new Map<Platform, RateLimiter>();
  private readonly unanswered = new Set<SendStamp>();

  constructor() {
    for (const platform of ['teams', 'slack', 'local'] as const) {
      this.channel.set(platform, new RateLimiter([...PLATFORM_LIMITS[platform].perConversation]));
      this.app.set(platform, new RateLimiter([...PLATFORM_LIMITS[platform].perApp]));
    }
  }

  /** When the channel's limits and the app's allow one more send, and when the app's alone do (ms). */
  opening(platform: Platform, key: string, t: number): { opens: number; appOpens: number } {
    const appOpens = this.app.get(platform)!.earliest(platform, t);
    return { opens: Math.max(this.channel.get(platform)!.earliest(key, t), appOpens), appOpens };
  }

  /** Counts a send chosen at `t` (unanswered from now until `answered`). */
  choose(platform: Platform, key: string, t: number): SendStamp {
    this.channel.get(platform)!.record(key, t);
    this.app.get(platform)!.record(platform, t);
    return { platform, key, at: t, chosenAt: t };
  }

  /** The send of this stamp has left: unanswered until `answered`. */
  start(stamp: SendStamp): void {
    this.unanswered.add(stamp);
  }

  /** Every send not answered yet counts as sent at `now`. */
  moveUnanswered(now: number): void {
    for (const stamp of this.unanswered) {
      if (now <= stamp.at) continue;
      this.channel.get(stamp.platform)!.restamp(stamp.key, stamp.at, now);
      this.app.get(stamp.platform)!.restamp(stamp.platform, stamp.at, now);
      stamp.at = now;
    }
  }

  /** Answered: the send counts at `at` (also earlier than counted so far, but not before it was chosen). */
  answered(stamp: SendStamp, at: number): void {
    const to = Math.max(at, stamp.chosenAt);
    this.channel.get(stamp.platform)!.move(stamp.key, stamp.at, to);
    this.app.get(stamp.platform)!.move(stamp.platform, stamp.at, to);
    stamp.at = to;
    this.unanswered.delete(stamp);
  }

  /** A send that ended without an answer the limiters should use (it threw): no longer unanswered. */
  forget(stamp: SendStamp): void {
    this.unanswered.delete(stamp);
  }

  /** The platform said 429: nothing more to this channel until `until`. */
  pause(platform: Platform, key: string, until: number): void {
    this.channel.get(platform)!.pause(key, until);
  }

  /**
   * Sends made before this worker started (a previous life, a previous leader) count too, from a
   * little after their claim: the platform saw them then or later.
   */
  seed(recent: Array<{ platform: Platform; channelId: string; at: string }>, now: number): void {
    for (const r of recent) {
      const at = Math.min(Date.parse(r.at) + SEED_PAD_MS, now);
      this.channel.get(r.platform)?.record(`${r.platform}:${r.channelId}`, at);
      this.app.get(r.platform)?.record(r.platform, at);
    }
  }

  unansweredCount(where: (platform: Platform) => boolean = () => true): number {
    return [...this.unanswered].filter((s) => where(s.platform)).length;
  }
}
