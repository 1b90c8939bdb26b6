import { describe, expect, it } from 'vitest';
import { SendPacing } from '../../../core/delivery/send-pacing.ts';

/**
 * The limiters a new leader starts with (issue 17): the sends the previous leader (or this
 * process's previous life) made in the last 30 s count, a little after their claim, so the
 * handover makes no burst over Teams' 50 per second for the app or 1 per second in a Slack channel.
 */
const T = Date.parse('2026-12-07T10:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();
/** Every window is padded by 5 ms for the network trip (core/delivery/rate-limiter.ts). */
const SECOND = 1005;

describe('SendPacing.seed', () => {
  it('50 Teams sends claimed 400 ms ago fill the app window: the next Teams send waits until they are a second old (+ the pad)', () => {
    const pacing = new SendPacing();
    pacing.seed(Array.from({ length: 50 }, (_, i) => ({ platform: 'teams' as const, channelId: `19:c${i}`, at: iso(T - 400) })), T);
    const { opens, appOpens } = pacing.opening('teams', 'teams:19:other', T);
    expect(appOpens).toBe(T - 400 + 100 + SECOND);
    expect(opens).toBe(appOpens);
    // Slack is not held back by Teams' window.
    expect(pacing.opening('slack', 'slack:C1', T).opens).toBe(T);
  });

  it('a Slack channel posted to 300 ms ago waits for its second; another channel does not', () => {
    const pacing = new SendPacing();
    pacing.seed([{ platform: 'slack', channelId: 'C1', at: iso(T - 300) }], T);
    expect(pacing.opening('slack', 'slack:C1', T).opens).toBe(T - 300 + 100 + SECOND);
    expect(pacing.opening('slack', 'slack:C2', T).opens).toBe(T);
  });

  it('sends older than every window change nothing; a claim "in the future" (clock skew) counts as now', () => {
    const pacing = new SendPacing();
    pacing.seed([{ platform: 'teams', channelId: '19:a', at: iso(T - 31_000) }], T);
    expect(pacing.opening('teams', 'teams:19:a', T).opens).toBe(T);
    const skewed = new SendPacing();
    skewed.seed(Array.from({ length: 50 }, (_, i) => ({ platform: 'teams' as const, channelId: `19:c${i}`, at: iso(T + 5000) })), T);
    expect(skewed.opening('teams', 'teams:19:x', T).appOpens).toBe(T + SECOND);
  });
});
