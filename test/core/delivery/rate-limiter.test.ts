import { describe, expect, it } from 'vitest';
import { PLATFORM_LIMITS, RateLimiter, type Limit } from '../../../core/delivery/rate-limiter.ts';

/**
 * The published platform limits, with explicit times (ms): each case records sends at the given
 * times and asks when the next one may go. `earliest` = the first moment one more send stays
 * within every window.
 */

/** The limits as Microsoft and Slack publish them. */
const PUBLISHED = {
  teamsConversation: [{ count: 7, windowMs: 1000 }, { count: 8, windowMs: 2000 }, { count: 60, windowMs: 30_000 }],
  teamsApp: [{ count: 50, windowMs: 1000 }],
  slackChannel: [{ count: 1, windowMs: 1000 }],
} satisfies Record<string, Limit[]>;

const teamsChannel = () => new RateLimiter([...PLATFORM_LIMITS.teams.perConversation]);
const teamsApp = () => new RateLimiter([...PLATFORM_LIMITS.teams.perApp]);
const slackChannel = () => new RateLimiter([...PLATFORM_LIMITS.slack.perConversation]);
const range = (count: number, from = 0, step = 0) => Array.from({ length: count }, (_, i) => from + i * step);

/** Every published limit is kept: some configured limit allows no more sends in a window at least as long (up to 10% margin). */
function expectAtLeastAsStrict(configured: readonly Limit[], published: Limit[]): void {
  for (const limit of published) {
    const covering = configured.find((c) => c.count <= limit.count && c.windowMs >= limit.windowMs && c.windowMs <= limit.windowMs * 1.1);
    expect(covering, `no configured limit keeps ${limit.count} per ${limit.windowMs} ms (configured: ${JSON.stringify(configured)})`).toBeDefined();
  }
}

describe('the configured limits keep the published ones', () => {
  it('Teams: per conversation 7 per second, 8 per 2 seconds, 60 per 30 seconds; per app 50 per second', () => {
    expectAtLeastAsStrict(PLATFORM_LIMITS.teams.perConversation, PUBLISHED.teamsConversation);
    expectAtLeastAsStrict(PLATFORM_LIMITS.teams.perApp, PUBLISHED.teamsApp);
  });

  it('Slack: one message per second per channel, no app-wide limit', () => {
    expectAtLeastAsStrict(PLATFORM_LIMITS.slack.perConversation, PUBLISHED.slackChannel);
    expect(PLATFORM_LIMITS.slack.perApp).toEqual([]);
  });
});

interface Case {
  name: string;
  kind: keyof typeof PUBLISHED;
  /** Times (ms) of the sends already recorded for key "k". */
  sent: number[];
  now: number;
  /** When the next send for "k" may go under the published limits. */
  earliest: number;
}

const cases: Case[] = [
  { name: 'Teams: nothing sent yet → now', kind: 'teamsConversation', sent: [], now: 0, earliest: 0 },
  { name: 'Teams: 6 sends at t=0 → a 7th may go at once', kind: 'teamsConversation', sent: range(6), now: 0, earliest: 0 },
  { name: 'Teams: 7 sends at t=0 → the 8th waits until t=1000', kind: 'teamsConversation', sent: range(7), now: 0, earliest: 1000 },
  { name: 'Teams: 7 sends at 0,100…600 → the 8th at t=1000 (the first leaves the 1 s window)', kind: 'teamsConversation', sent: range(7, 0, 100), now: 700, earliest: 1000 },
  { name: 'Teams: 7 in the first second + 1 at t=1000 → the 9th waits for the 2 s window (t=2000)', kind: 'teamsConversation', sent: [...range(7, 0, 100), 1000], now: 1100, earliest: 2000 },
  { name: 'Teams: 8 sends at 0,250…1750 → the 9th at t=2000', kind: 'teamsConversation', sent: range(8, 0, 250), now: 1800, earliest: 2000 },
  { name: 'Teams: 60 sends at 0,400…23600 → the 61st waits until t=30000', kind: 'teamsConversation', sent: range(60, 0, 400), now: 24_000, earliest: 30_000 },
  { name: 'Teams: 59 sends in 30 s → the 60th only waits for the shorter windows (at once)', kind: 'teamsConversation', sent: range(59, 0, 400), now: 23_300, earliest: 23_300 },
  { name: 'Teams: 60 sends, asked 40 s after the first → at once', kind: 'teamsConversation', sent: range(60, 0, 400), now: 40_000, earliest: 40_000 },
  { name: 'Teams app: 49 sends at t=0 → the 50th at once', kind: 'teamsApp', sent: range(49), now: 0, earliest: 0 },
  { name: 'Teams app: 50 sends at t=0 → the 51st at t=1000', kind: 'teamsApp', sent: range(50), now: 10, earliest: 1000 },
  { name: 'Teams app: 50 sends at 0,10…490 → the 51st at t=1000', kind: 'teamsApp', sent: range(50, 0, 10), now: 500, earliest: 1000 },
  { name: 'Teams app: 50 sends at 0,10…490 and one at 1000 → the next after the 2nd leaves the window (1010)', kind: 'teamsApp', sent: [...range(50, 0, 10), 1000], now: 1000, earliest: 1010 },
  { name: 'Slack: nothing sent → now', kind: 'slackChannel', sent: [], now: 5000, earliest: 5000 },
  { name: 'Slack: one send at t=0 → the next at t=1000', kind: 'slackChannel', sent: [0], now: 1, earliest: 1000 },
  { name: 'Slack: one send at t=0, asked at t=999 → t=1000', kind: 'slackChannel', sent: [0], now: 999, earliest: 1000 },
  { name: 'Slack: one send at t=0, asked much later → at once', kind: 'slackChannel', sent: [0], now: 60_000, earliest: 60_000 },
];

const configured = {
  teamsConversation: teamsChannel,
  teamsApp,
  slackChannel,
};

describe('RateLimiter.earliest', () => {
  it.each(cases)('$name', ({ kind, sent, now, earliest }) => {
    // The sliding windows themselves, on the published limits: exactly when.
    const exact = new RateLimiter(PUBLISHED[kind]);
    for (const at of sent) exact.record('k', at);
    expect(exact.earliest('k', now)).toBe(earliest);

    // The bot's configured limits: never earlier than the published limits allow, and not needlessly later (≤ 10%).
    const bot = configured[kind]();
    for (const at of sent) bot.record('k', at);
    const actual = bot.earliest('k', now);
    expect(actual).toBeGreaterThanOrEqual(earliest);
    expect(actual).toBeLessThanOrEqual(Math.max(now, earliest * 1.1));
  });

  it('a sender that always waits for `earliest` never exceeds any published Teams window (100 sends as fast as allowed)', () => {
    const l = teamsChannel();
    const times: number[] = [];
    let t = 0;
    for (let i = 0; i < 100; i++) {
      t = l.earliest('k', t);
      l.record('k', t);
      times.push(t);
    }
    for (const { count, windowMs } of PUBLISHED.teamsConversation) {
      for (const end of times) expect(times.filter((x) => x > end - windowMs && x <= end).length).toBeLessThanOrEqual(count);
    }
    // As fast as allowed: 7 at once, then about 8 per 2 s, and the 61st waits for the 30 s window.
    expect(times.slice(0, 7)).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(times[7]!).toBeGreaterThanOrEqual(1000);
    expect(times[7]!).toBeLessThanOrEqual(1100);
    expect(times[60]!).toBeGreaterThanOrEqual(30_000);
    expect(times[60]!).toBeLessThanOrEqual(33_000);
  });
});

describe('RateLimiter.pause', () => {
  it('holds a key until the given time, even with room in every window', () => {
    const l = new RateLimiter(PUBLISHED.slackChannel);
    l.pause('k', 4000);
    expect(l.earliest('k', 0)).toBe(4000);
    expect(l.earliest('k', 3999)).toBe(4000);
    expect(l.earliest('k', 4000)).toBe(4000);
    expect(l.earliest('k', 5000)).toBe(5000);
  });

  it('a shorter pause does not shorten a longer one', () => {
    const l = new RateLimiter(PUBLISHED.teamsConversation);
    l.pause('k', 4000);
    l.pause('k', 2000);
    expect(l.earliest('k', 0)).toBe(4000);
    l.pause('k', 6000);
    expect(l.earliest('k', 0)).toBe(6000);
  });

  it('the later of the pause and the windows counts', () => {
    const l = new RateLimiter(PUBLISHED.slackChannel);
    l.record('k', 0);
    l.pause('k', 500);
    expect(l.earliest('k', 100)).toBe(1000);
    l.pause('k', 1500);
    expect(l.earliest('k', 100)).toBe(1500);
  });
});

describe('keys are independent', () => {
  it.each([
    ['Slack channels', slackChannel, 1],
    ['Teams conversations', teamsChannel, 7],
    ['the Teams app limit per platform key', teamsApp, 50],
  ] as const)('%s: a full key does not hold back another key', (_name, make, full) => {
    const l = make();
    for (let i = 0; i < full; i++) l.record('a', 0);
    expect(l.earliest('a', 0)).toBeGreaterThan(0);
    expect(l.earliest('b', 0)).toBe(0);
  });

  it('a pause holds only its own key', () => {
    const l = new RateLimiter(PUBLISHED.slackChannel);
    l.pause('a', 10_000);
    expect(l.earliest('a', 0)).toBe(10_000);
    expect(l.earliest('b', 0)).toBe(0);
  });
});

describe('restamp: a send counted when it was chosen but sent later', () => {
  it('counts from the moment it left, so a late burst does not open the next window early', () => {
    const app = new RateLimiter([{ count: 2, windowMs: 1000 }]);
    app.record('teams', 0);
    app.record('teams', 0);
    expect(app.earliest('teams', 0)).toBe(1000);
    app.restamp('teams', 0, 120); // the first request left 120 ms after it was counted
    expect(app.earliest('teams', 200)).toBe(1000); // the other one still counts from 0
    app.restamp('teams', 0, 150);
    expect(app.earliest('teams', 200)).toBe(1120);
  });

  it('keeps the times in order and ignores unknown or earlier stamps', () => {
    const channel = new RateLimiter([{ count: 3, windowMs: 1000 }]);
    for (const t of [0, 10, 20]) channel.record('c', t);
    channel.restamp('c', 0, 500);
    channel.restamp('c', 99, 900); // never counted
    channel.restamp('c', 10, 5); // earlier than counted: keep the later one
    expect(channel.earliest('c', 600)).toBe(1010);
    expect(channel.earliest('c', 1005)).toBe(1010);
    expect(channel.earliest('c', 1015)).toBe(1015); // 20 and 500 remain in the window: room for one more
  });
});
