import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { CardView } from '../../../cards/views/card-view.ts';
import type { Delivery, DeliveryTarget, Notice } from '../../../core/delivery/delivery.ts';
import { DeliveryMetrics } from '../../../core/delivery/delivery-metrics.ts';
import { DeliveryWorker, type DeliveryWorkerOptions } from '../../../core/delivery/delivery-worker.ts';
import type { Limit } from '../../../core/delivery/rate-limiter.ts';
import { outboxHealth } from '../../../bot/delivery/outbox-health.ts';
import { TypeOrmOutboxRepository } from '../../../storage/delivery/typeorm-outbox-repository.ts';
import { openTestDatabase, type TestDatabase } from '../../support/databases.ts';
import { ManualClock } from '../../support/manual-clock.ts';
import { ScriptedSender, type CheckResult, type Script, type SenderCall } from '../../support/scripted-sender.ts';

/**
 * The delivery worker against the real outbox on SQLite, a clock that only moves when told, and
 * in-memory senders that record every call (with the clock time) and answer scripted results.
 * Time moves in steps; every step runs one round (tick) and waits for the sends it started.
 */

const T0 = Date.parse('2025-06-02T08:00:00.000Z');
/** The limits as Microsoft publishes them (the bot may keep a small margin below them). */
const TEAMS_CONVERSATION: Limit[] = [{ count: 7, windowMs: 1000 }, { count: 8, windowMs: 2000 }, { count: 60, windowMs: 30_000 }];
const TEAMS_APP: Limit[] = [{ count: 50, windowMs: 1000 }];
/** "As soon as allowed": not before `at`, and at most a small margin (10%) plus one step later. */
const soonAfter = (actual: number, at: number, step: number) => {
  expect(actual).toBeGreaterThanOrEqual(at);
  expect(actual).toBeLessThanOrEqual(at * 1.1 + step);
};
const ORG = 'org-a';

const card = (title: string): CardView => ({ kind: 'notice', title, blocks: [{ type: 'text', text: title }], fallbackText: title });
const slack = (channelId: string): DeliveryTarget => ({ linkId: `link-${channelId}`, organisationId: ORG, platform: 'slack', channelId });
const teams = (channelId: string): DeliveryTarget => ({
  linkId: `link-${channelId}`, organisationId: ORG, platform: 'teams', channelId, teamId: 'team-1',
  reference: { conversation: { id: channelId }, serviceUrl: 'https://smba.example/' },
});

interface Harness {
  clock: ManualClock;
  outbox: TypeOrmOutboxRepository;
  metrics: DeliveryMetrics;
  slackSender: ScriptedSender;
  teamsSender: ScriptedSender;
  worker: DeliveryWorker;
  gone: Array<{ delivery: Delivery; error: string }>;
  errors: unknown[];
  publish(title: string, targets: DeliveryTarget[]): Promise<Notice>;
  /** Runs rounds every `step` ms from now for `duration` ms (a round at the start and at the end). */
  run(duration: number, step?: number): Promise<void>;
  round(): Promise<number>;
  status(noticeId: string, channelId: string, operation?: Delivery['operation']): Promise<Delivery[]>;
  counter(name: string, platform: string): number;
  newWorker(extra?: Partial<DeliveryWorkerOptions>): DeliveryWorker;
}

let db: TestDatabase | undefined;
let harness: Harness | undefined;

afterEach(async () => {
  await harness?.worker.settle();
  // A round that failed is logged, not thrown: it must not hide here.
  expect(harness?.errors ?? []).toEqual([]);
  await db?.dispose();
  db = undefined;
  harness = undefined;
});

async function setup(options: { slack?: Script; teams?: Script; slackCheck?: (d: Delivery) => CheckResult | Promise<CheckResult>; worker?: Partial<DeliveryWorkerOptions> } = {}): Promise<Harness> {
  db = await openTestDatabase('sqlite');
  const clock = new ManualClock(T0);
  const outbox = new TypeOrmOutboxRepository(db.dataSource);
  const metrics = new DeliveryMetrics();
  const slackSender = new ScriptedSender(clock, options.slack, options.slackCheck);
  const teamsSender = new ScriptedSender(clock, options.teams);
  const gone: Harness['gone'] = [];
  const errors: unknown[] = [];
  const newWorker = (extra: Partial<DeliveryWorkerOptions> = {}) => new DeliveryWorker({
    outbox, senders: { slack: slackSender, teams: teamsSender }, clock, metrics,
    // Taking over a gone process's rows is worth a warning in production, not an error here.
    logger: { warn: (obj, msg) => { if (msg !== 'taking over deliveries left in flight') errors.push(obj); }, error: (obj) => errors.push(obj) },
    onGone: async (delivery, error) => { gone.push({ delivery, error }); },
    random: () => 0.5,
    // The limits are what these tests measure; the cap on unconfirmable sends has tests of its own.
    maxUnconfirmableInFlight: Infinity,
    repeatNotice: 'Mogelijk herhaald',
    ...options.worker,
    ...extra,
  });
  const worker = newWorker();
  const h: Harness = {
    clock, outbox, metrics, slackSender, teamsSender, worker, gone, errors, newWorker,
    async publish(title, targets) {
      const at = clock.now().toISOString();
      const notice: Notice = { id: randomUUID(), kind: 'incident', subjectId: title, version: 1, card: card(title), createdAt: at, updatedAt: at };
      await outbox.publish(notice, targets);
      return notice;
    },
    async round() {
      const started = await h.worker.tick();
      await h.worker.settle();
      return started;
    },
    async run(duration, step = 100) {
      const end = clock.ms + duration;
      for (;;) {
        await h.round();
        if (clock.ms + step > end) break;
        clock.advance(step);
      }
    },
    async status(noticeId, channelId, operation) {
      const rows = await db!.dataSource.query(
        "SELECT * FROM delivery WHERE notice_id = ? AND channel_id = ? ORDER BY created_at, CASE operation WHEN 'post' THEN 0 WHEN 'update' THEN 1 ELSE 2 END, idempotency_key",
        [noticeId, channelId],
      ) as Array<Record<string, any>>;
      const all = rows.map((r): Delivery => ({
        id: r.id, noticeId: r.notice_id, linkId: r.link_id, organisationId: r.organisation_id, platform: r.platform, channelId: r.channel_id,
        operation: r.operation, idempotencyKey: r.idempotency_key, status: r.status, attempts: r.attempts, nextAttemptAt: r.next_attempt_at,
        ...(r.last_error ? { lastError: r.last_error } : {}), ...(r.message_id ? { messageId: r.message_id } : {}),
        ...(r.text !== null ? { text: r.text } : {}), createdAt: r.created_at,
      }));
      return operation ? all.filter((d) => d.operation === operation) : all;
    },
    counter: (name, platform) => metrics.counters.get(`${name}|${platform}`) ?? 0,
  };
  harness = h;
  return h;
}

/** In every window of every limit, no more sends than the limit allows. */
function expectWithin(times: number[], limits: readonly Limit[], what: string): void {
  for (const { count, windowMs } of limits) {
    for (const end of times) {
      const inWindow = times.filter((t) => t > end - windowMs && t <= end).length;
      expect(inWindow, `${what}: ${inWindow} sends in the ${windowMs} ms up to t=${end - T0} (limit ${count})`).toBeLessThanOrEqual(count);
    }
  }
}

function deferred(): { promise: Promise<void>; resolve(): void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => { resolve = r; });
  return { promise, resolve };
}

const rel = (calls: SenderCall[]) => calls.map((c) => c.at - T0);
const titleOf = (call: SenderCall) => ('card' in call.content ? call.content.card.title : undefined);

describe('within the platforms\' rate limits', () => {
  it('20 Slack channels: every channel gets its card once, and never two messages within a second', async () => {
    const h = await setup();
    const channels = Array.from({ length: 20 }, (_, i) => `C${String(i + 1).padStart(2, '0')}`);
    const notice = await h.publish('Storing ketenportaal', channels.map(slack));
    await h.round();
    h.clock.advance(100);
    await h.outbox.revise(notice.id, card('Storing ketenportaal (update)'), { reply: 'Opgelost', now: h.clock.now() });
    await h.run(4000);

    for (const channel of channels) {
      const calls = h.slackSender.to(channel);
      expect(calls.map((c) => c.operation), channel).toEqual(['post', 'update', 'reply']);
      for (let i = 1; i < calls.length; i++) expect(calls[i]!.at - calls[i - 1]!.at, channel).toBeGreaterThanOrEqual(1000);
    }
    // Slack has no app-wide limit: all 20 posts went in the first round.
    expect(rel(h.slackSender.calls.filter((c) => c.operation === 'post'))).toEqual(Array(20).fill(0));
    expect(h.counter('sends', 'slack')).toBe(60);
  });

  it('a send not answered yet counts as sent "now": the app window does not reopen until its answer came', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => { release = r; });
    // The first 50 Teams posts hang (the process wrote them late, or the platform is slow); the rest answer at once.
    let n = 0;
    const h = await setup({ teams: async () => { if (++n <= 50) await held; return { kind: 'sent', messageId: `a-${n}` }; } });
    const channels = Array.from({ length: 51 }, (_, i) => teams(`19:c${i}@thread.tacv2`));
    await h.publish('Storing', channels);
    await h.worker.tick(); // 50 go out (the app limit), unanswered
    h.clock.advance(3000);
    await h.worker.tick();
    expect(h.teamsSender.calls).toHaveLength(50); // 3 s later, still no room: they count as sent now
    release();
    await h.worker.settle();
    h.clock.advance(500);
    await h.round();
    expect(h.teamsSender.calls).toHaveLength(50); // answered at 3 s: the window is full until 4.01 s
    h.clock.advance(600);
    await h.round();
    expect(h.teamsSender.calls).toHaveLength(51);
  });

  it('a sender that tells when its request left: the window counts from then, not from the slower answer', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => { release = r; });
    let n = 0;
    let leftAt = 0;
    // The first 50 posts leave 100 ms after they were chosen; their answers come at 800 ms.
    const h = await setup({ teams: async () => { if (++n <= 50) await held; return { kind: 'sent', messageId: `a-${n}`, ...(n <= 50 ? { leftAt } : {}) }; } });
    await h.publish('Storing', Array.from({ length: 51 }, (_, i) => teams(`19:c${i}@thread.tacv2`)));
    await h.worker.tick();
    leftAt = h.clock.ms + 100;
    h.clock.advance(800);
    release();
    await h.worker.settle();
    h.clock.advance(350); // 1.15 s: more than a second after they left, though not after their answers
    await h.round();
    expect(h.teamsSender.calls).toHaveLength(51);
    expect(h.teamsSender.calls[50]!.at - T0).toBe(1150);
  });

  it('a "left" time before the send was chosen is not believed: the send counts from its choice at the earliest', async () => {
    const h = await setup({ teams: async () => ({ kind: 'sent', messageId: 'x', leftAt: 0 }) });
    await h.publish('Storing', Array.from({ length: 51 }, (_, i) => teams(`19:c${i}@thread.tacv2`)));
    await h.round();
    h.clock.advance(900);
    await h.round();
    expect(h.teamsSender.calls).toHaveLength(50);
    h.clock.advance(200);
    await h.round();
    expect(h.teamsSender.calls).toHaveLength(51);
  });

  it('10 messages to one Teams conversation: at most 7 per second and 8 per 2 seconds, all delivered', async () => {
    const h = await setup();
    for (let i = 1; i <= 10; i++) await h.publish(`Melding ${i}`, [teams('19:one@thread.tacv2')]);
    await h.run(5000, 50);

    const calls = h.teamsSender.calls;
    expect(calls).toHaveLength(10);
    expect(new Set(calls.map((c) => c.noticeId)).size).toBe(10);
    expectWithin(calls.map((c) => c.at), TEAMS_CONVERSATION, 'one Teams conversation');
    // Not slower than needed: 7 in the first second, the 8th at 1 s, the 9th and 10th from 2 s.
    expect(rel(calls).filter((t) => t < 1000)).toHaveLength(7);
    soonAfter(rel(calls)[7]!, 1000, 50);
    soonAfter(rel(calls)[8]!, 2000, 50);
    soonAfter(rel(calls)[9]!, 2000, 100);
  });

  it('70 messages to one Teams conversation: at most 60 per 30 seconds', async () => {
    const h = await setup();
    for (let i = 1; i <= 70; i++) await h.publish(`Melding ${i}`, [teams('19:busy@thread.tacv2')]);
    await h.run(45_000, 250);

    const times = h.teamsSender.calls.map((c) => c.at);
    expect(times).toHaveLength(70);
    expectWithin(times, TEAMS_CONVERSATION, 'one Teams conversation');
    soonAfter(times[60]! - times[0]!, 30_000, 250);
  });

  it('100 Teams channels: at most 50 sends per second for the whole app', async () => {
    const h = await setup();
    const channels = Array.from({ length: 100 }, (_, i) => `19:ch${i}@thread.tacv2`);
    await h.publish('Onderhoud', channels.map(teams));
    await h.run(3000);

    const calls = h.teamsSender.calls;
    expect(calls).toHaveLength(100);
    expect(new Set(calls.map((c) => c.channelId)).size).toBe(100);
    expectWithin(calls.map((c) => c.at), TEAMS_APP, 'the Teams app');
    expect(rel(calls).filter((t) => t === 0)).toHaveLength(50);
    for (const t of rel(calls).slice(50)) soonAfter(t, 1000, 100);
  });
});

describe('429, errors, backoff and dead letters', () => {
  it('429 with Retry-After: not tried again before then, and the whole channel waits', async () => {
    let first = true;
    const h = await setup({
      slack: (call) => {
        if (call.channelId === 'C1' && first) {
          first = false;
          return { kind: 'retry', error: 'ratelimited: 429', rateLimited: true, afterMs: 3000 };
        }
        return { kind: 'sent' };
      },
    });
    const a = await h.publish('A', [slack('C1'), slack('C2')]);
    const b = await h.publish('B', [slack('C1')]);
    await h.round();

    const [row] = await h.status(a.id, 'C1');
    expect(row).toMatchObject({ status: 'retrying', lastError: 'ratelimited: 429', nextAttemptAt: new Date(T0 + 3000).toISOString() });
    await h.run(5000);

    const c1 = h.slackSender.to('C1');
    expect(rel(c1)[0]).toBe(0);
    // Nothing at all to C1 while paused — also not notice B, which was never refused itself.
    expect(rel(c1).slice(1).every((t) => t >= 3000)).toBe(true);
    expect(c1.filter((c) => c.noticeId === a.id)).toHaveLength(2);
    expect(c1.filter((c) => c.noticeId === b.id)).toHaveLength(1);
    // Another channel is not held up.
    expect(rel(h.slackSender.to('C2'))).toEqual([0]);
    expect((await h.status(a.id, 'C1'))[0]!.status).toBe('sent');
    expect(h.counter('rate_limited', 'slack')).toBe(1);
    expect(h.counter('retries', 'slack')).toBe(1);
    expect(h.counter('sends', 'slack')).toBe(3);
  });

  it.each([
    { random: 0, waits: [500, 1000, 2000] },
    { random: 0.5, waits: [750, 1500, 3000] },
    { random: 0.9999, waits: [1000, 2000, 4000] },
  ])('5xx, 412 and a timeout are retried after 50–100% of 1 s, 2 s, 4 s (random $random → $waits)', async ({ random, waits }) => {
    const h = await setup({
      teams: (call) => {
        if (call.attempt === 0) return { kind: 'retry', error: '503: Service Unavailable' };
        if (call.attempt === 1) return { kind: 'retry', error: '412: Precondition Failed' };
        if (call.attempt === 2) throw new Error('ETIMEDOUT: no answer within 15 s');
        return { kind: 'sent' };
      },
      worker: { random: () => random },
    });
    const notice = await h.publish('Backoff', [teams('19:b@thread.tacv2')]);
    await h.round();
    const [afterFirst] = await h.status(notice.id, '19:b@thread.tacv2');
    expect(afterFirst).toMatchObject({ status: 'retrying', lastError: '503: Service Unavailable', nextAttemptAt: new Date(T0 + waits[0]!).toISOString() });

    await h.run(10_000, 50);
    const times = rel(h.teamsSender.calls);
    expect(times).toEqual([0, waits[0], waits[0]! + waits[1]!, waits[0]! + waits[1]! + waits[2]!]);
    for (const [i, wait] of waits.entries()) {
      const base = 1000 * 2 ** i;
      expect(wait).toBeGreaterThanOrEqual(base * 0.5);
      expect(wait).toBeLessThanOrEqual(base);
    }
    expect((await h.status(notice.id, '19:b@thread.tacv2'))[0]).toMatchObject({ status: 'sent', attempts: 4 });
    expect(h.counter('retries', 'teams')).toBe(3);
    expect(h.counter('sends', 'teams')).toBe(1);
    expect(h.counter('dead_letters', 'teams')).toBe(0);
    expect(h.counter('rate_limited', 'teams')).toBe(0);
  });

  it('after maxAttempts the delivery is dead with the last error, counted as a dead letter, and not tried again', async () => {
    const h = await setup({
      teams: (call) => ({ kind: 'retry', error: `503: Service Unavailable (attempt ${call.attempt + 1})` }),
      worker: { maxAttempts: 3, random: () => 0 },
    });
    const notice = await h.publish('Kapot', [teams('19:x@thread.tacv2')]);
    await h.run(20_000, 50);

    expect(rel(h.teamsSender.calls)).toEqual([0, 500, 1500]);
    expect((await h.status(notice.id, '19:x@thread.tacv2'))[0]).toMatchObject({ status: 'dead', attempts: 3, lastError: '503: Service Unavailable (attempt 3)' });
    expect(h.counter('dead_letters', 'teams')).toBe(1);
    expect(h.counter('retries', 'teams')).toBe(2);
    expect(h.counter('sends', 'teams')).toBe(0);
    expect((await h.outbox.report(notice.id))[0]).toMatchObject({ counts: { dead: 1 }, lastError: '503: Service Unavailable (attempt 3)' });
  });

  it('"gone": dead at once, onGone called once with the error, never tried again', async () => {
    const h = await setup({ slack: (call) => (call.channelId === 'CGONE' ? { kind: 'gone', error: 'channel_not_found' } : { kind: 'sent' }) });
    const notice = await h.publish('Weg', [slack('CGONE'), slack('COK')]);
    await h.run(10_000, 500);

    expect(h.slackSender.to('CGONE')).toHaveLength(1);
    expect((await h.status(notice.id, 'CGONE'))[0]).toMatchObject({ status: 'dead', lastError: 'channel_not_found' });
    expect(h.gone).toHaveLength(1);
    expect(h.gone[0]!.delivery).toMatchObject({ noticeId: notice.id, channelId: 'CGONE', linkId: 'link-CGONE', platform: 'slack' });
    expect(h.gone[0]!.error).toBe('channel_not_found');
    expect(h.counter('dead_letters', 'slack')).toBe(1);
    expect(h.counter('retries', 'slack')).toBe(0);
    expect(h.counter('sends', 'slack')).toBe(1);
  });

  it('"failed": dead at once, no retry, no onGone', async () => {
    const h = await setup({ teams: () => ({ kind: 'failed', error: '400: BadArgument' }) });
    const notice = await h.publish('Fout', [teams('19:f@thread.tacv2')]);
    await h.run(10_000, 500);

    expect(h.teamsSender.calls).toHaveLength(1);
    expect((await h.status(notice.id, '19:f@thread.tacv2'))[0]).toMatchObject({ status: 'dead', attempts: 1, lastError: '400: BadArgument' });
    expect(h.gone).toEqual([]);
    expect(h.counter('dead_letters', 'teams')).toBe(1);
    expect(h.counter('retries', 'teams')).toBe(0);
  });

  it('the counters match what happened, and /metrics shows them', async () => {
    let rateLimited = false;
    const h = await setup({
      slack: (call) => {
        if (call.channelId === 'C429' && !rateLimited) { rateLimited = true; return { kind: 'retry', error: '429', rateLimited: true, afterMs: 1000 }; }
        if (call.channelId === 'CFAIL') return { kind: 'failed', error: 'invalid_blocks' };
        return { kind: 'sent' };
      },
      teams: (call) => (call.attempt === 0 ? { kind: 'retry', error: '502: Bad Gateway' } : { kind: 'sent' }),
    });
    await h.publish('Mix', [slack('C1'), slack('C429'), slack('CFAIL'), teams('19:t1@thread.tacv2'), teams('19:t2@thread.tacv2')]);
    await h.run(5000);

    expect({
      sends: [h.counter('sends', 'slack'), h.counter('sends', 'teams')],
      retries: [h.counter('retries', 'slack'), h.counter('retries', 'teams')],
      rate_limited: [h.counter('rate_limited', 'slack'), h.counter('rate_limited', 'teams')],
      dead_letters: [h.counter('dead_letters', 'slack'), h.counter('dead_letters', 'teams')],
    }).toEqual({ sends: [2, 2], retries: [1, 2], rate_limited: [1, 0], dead_letters: [1, 0] });
    const text = h.metrics.render();
    expect(text).toContain('ketenbot_delivery_sends_total{platform="slack"} 2');
    expect(text).toContain('ketenbot_delivery_retries_total{platform="teams"} 2');
    expect(text).toContain('ketenbot_delivery_rate_limited_total{platform="slack"} 1');
    expect(text).toContain('ketenbot_delivery_dead_letters_total{platform="slack"} 1');
  });
});

describe('updates and thread replies', () => {
  it('an update waits until the post has a message id, then goes out with it', async () => {
    const gate = deferred();
    const h = await setup({
      slack: async (call) => {
        if (call.operation === 'post' && call.attempt === 0) {
          await gate.promise;
          return { kind: 'retry', error: '500: internal_error', afterMs: 5000 };
        }
        return { kind: 'sent' };
      },
    });
    const notice = await h.publish('Eerste', [slack('C1')]);
    // The card changes while its post is on the wire; then the post fails and must be retried.
    expect(await h.worker.tick()).toBe(1);
    await h.outbox.revise(notice.id, card('Tweede'), { now: h.clock.now() });
    gate.resolve();
    await h.worker.settle();
    expect((await h.status(notice.id, 'C1')).map((d) => [d.operation, d.status])).toEqual([['post', 'retrying'], ['update', 'pending']]);

    h.clock.advance(100);
    await h.run(4800);
    expect(h.slackSender.calls).toHaveLength(1);
    expect((await h.status(notice.id, 'C1', 'update'))[0]!.status).toBe('pending');

    h.clock.advance(100);
    await h.run(3000);
    const calls = h.slackSender.to('C1');
    expect(calls.map((c) => [c.operation, c.at - T0])).toEqual([['post', 0], ['post', 5000], ['update', expect.any(Number)]]);
    soonAfter(calls[2]!.at - calls[1]!.at, 1000, 100);
    expect(calls[2]!.messageId).toBe('C1/post-2');
    expect(titleOf(calls[1]!)).toBe('Tweede');
    expect(titleOf(calls[2]!)).toBe('Tweede');
    expect((await h.status(notice.id, 'C1', 'update'))[0]).toMatchObject({ status: 'sent', messageId: 'C1/post-2' });
  });

  it('a revision before the post went out: the post carries the newest card, and no update is sent', async () => {
    const h = await setup();
    const notice = await h.publish('Versie 1', [slack('C1'), teams('19:t@thread.tacv2')]);
    await h.outbox.revise(notice.id, card('Versie 2'), { now: h.clock.now() });
    await h.run(3000);

    for (const calls of [h.slackSender.calls, h.teamsSender.calls]) {
      expect(calls.map((c) => c.operation)).toEqual(['post']);
      expect(titleOf(calls[0]!)).toBe('Versie 2');
    }
  });

  it('two revisions while the first update waits: only the latest update is sent, with the newest card', async () => {
    const h = await setup();
    const notice = await h.publish('Versie 1', [slack('C1')]);
    await h.round();
    h.clock.advance(100);
    await h.outbox.revise(notice.id, card('Versie 2'), { now: h.clock.now() });
    await h.round();
    h.clock.advance(400);
    await h.outbox.revise(notice.id, card('Versie 3'), { now: h.clock.now() });
    await h.run(5000);

    const calls = h.slackSender.to('C1');
    expect(calls.map((c) => [c.operation, titleOf(c)])).toEqual([['post', 'Versie 1'], ['update', 'Versie 3']]);
    soonAfter(calls[1]!.at - T0, 1000, 100);
    const updates = await h.status(notice.id, 'C1', 'update');
    expect(updates.map((u) => u.status).sort()).toEqual(['sent', 'superseded']);
  });

  it('replies go into the post\'s thread, with the text; the update edits the posted message', async () => {
    const h = await setup();
    const notice = await h.publish('Storing', [slack('C1'), teams('19:t@thread.tacv2')]);
    await h.round();
    await h.outbox.revise(notice.id, card('Storing (opgelost)'), { reply: 'Opgelost', now: h.clock.now() });
    await h.run(3000);

    for (const [sender, channel] of [[h.slackSender, 'C1'], [h.teamsSender, '19:t@thread.tacv2']] as const) {
      const calls = sender.to(channel);
      expect(calls.map((c) => c.operation)).toEqual(['post', 'update', 'reply']);
      const postedId = `${channel}/post-1`;
      expect(calls[1]).toMatchObject({ messageId: postedId, content: { card: { title: 'Storing (opgelost)' } } });
      expect(calls[2]).toMatchObject({ messageId: postedId, content: { text: 'Opgelost' } });
    }
  });

  it('the note of a revision reaches every channel, also one whose post had not gone out yet', async () => {
    // C1's post goes out at once; C2's post fails once (503) and is retried later.
    const h = await setup({ slack: (call) => (call.channelId === 'C2' && call.attempt === 0 ? { kind: 'retry', error: '503' } : { kind: 'sent' }) });
    const notice = await h.publish('Storing', [slack('C1'), slack('C2')]);
    await h.round();
    await h.outbox.revise(notice.id, card('Storing (opgelost)'), { reply: 'Opgelost', now: h.clock.now() });
    await h.run(6000);

    expect(h.slackSender.to('C1').map((c) => c.operation)).toEqual(['post', 'update', 'reply']);
    // C2 gets the newest card as its post; its members must read the same note as C1's.
    const c2 = h.slackSender.to('C2');
    expect(titleOf(c2.filter((c) => c.operation === 'post').at(-1)!)).toBe('Storing (opgelost)');
    // (C2's first attempt at anything fails once in this script, so the reply may be tried twice.)
    expect([...new Set(c2.filter((c) => c.operation === 'reply').map((c) => ('text' in c.content ? c.content.text : undefined)))]).toEqual(['Opgelost']);
    const replies = await h.outbox.report(notice.id);
    expect(replies.find((r) => r.channelId === 'C2')?.counts.sent).toBe(2);
  });

  it('updates and replies of a post that is dead are given up, not sent', async () => {
    const gate = deferred();
    const h = await setup({
      slack: async (call) => {
        if (call.operation !== 'post') return { kind: 'sent' };
        await gate.promise;
        return { kind: 'failed', error: 'invalid_blocks' };
      },
    });
    const notice = await h.publish('Kapot', [slack('C1')]);
    await h.worker.tick();
    await h.outbox.revise(notice.id, card('Kapot 2'), { reply: 'Nog steeds', now: h.clock.now() });
    gate.resolve();
    await h.worker.settle();
    await h.run(5000);

    expect(h.slackSender.calls.map((c) => c.operation)).toEqual(['post']);
    expect((await h.status(notice.id, 'C1')).map((d) => [d.operation, d.status])).toEqual([['post', 'dead'], ['update', 'dead'], ['reply', 'dead']]);
  });
});

describe('recover(): what a crashed process left "sending"', () => {
  it('delivered → sent with its message id; not delivered → sent once more; no way to tell (Teams) → sent once more, marked as possibly repeated', async () => {
    const h = await setup({
      slackCheck: (d) => (d.channelId === 'CDONE' ? { delivered: true, messageId: '1717315200.000100' } : { delivered: false }),
    });
    const notice = await h.publish('Tijdens crash', [slack('CDONE'), slack('CLOST'), teams('19:t@thread.tacv2')]);
    // The crashed process had claimed all three.
    for (const d of await h.outbox.due(h.clock.now(), 10)) expect(await h.outbox.markSending(d.id, h.clock.now())).toBe(true);
    h.clock.advance(30_000);

    const restarted = h.newWorker();
    h.worker = restarted;
    await restarted.recover();
    expect(h.slackSender.checks.map((d) => d.channelId).sort()).toEqual(['CDONE', 'CLOST']);
    expect((await h.status(notice.id, 'CDONE'))[0]).toMatchObject({ status: 'sent', messageId: '1717315200.000100' });
    expect((await h.status(notice.id, 'CLOST'))[0]!.status).toBe('pending');
    expect((await h.status(notice.id, '19:t@thread.tacv2'))[0]!.status).toBe('pending');

    await h.run(120_000, 1000);
    expect(h.slackSender.calls.map((c) => c.channelId)).toEqual(['CLOST']);
    expect(h.slackSender.calls.map((c) => 'card' in c.content && c.content.card.repeatNotice)).toEqual([undefined]);
    expect(h.teamsSender.calls.map((c) => 'card' in c.content && c.content.card.repeatNotice)).toEqual(['Mogelijk herhaald']);
    expect((await h.status(notice.id, 'CLOST'))[0]!.status).toBe('sent');

    const report = await h.outbox.report(notice.id);
    expect(Object.fromEntries(report.map((r) => [r.channelId, r.counts]))).toEqual({ CDONE: { sent: 1 }, CLOST: { sent: 1 }, '19:t@thread.tacv2': { sent: 1 } });
    expect(Object.fromEntries(report.map((r) => [r.channelId, r.recovered]))).toEqual({ CDONE: { confirmed: 1 }, CLOST: { 'not-sent': 1 }, '19:t@thread.tacv2': { resent: 1 } });
    expect(h.counter('uncertain', 'teams')).toBe(1);
    expect(h.counter('uncertain', 'slack')).toBe(0);
    expect(h.metrics.render()).toContain('ketenbot_delivery_uncertain_total{platform="teams"} 1');
  });

  it('start(): new notices go out while the leftovers are still being checked, and only the leftovers are checked', async () => {
    let release!: () => void;
    const released = new Promise<void>((r) => { release = r; });
    const h = await setup({ slackCheck: async (): Promise<CheckResult> => { await released; return { delivered: false }; } });
    const old = await h.publish('Tijdens crash', [slack('COLD1'), slack('COLD2')]);
    for (const d of await h.outbox.due(h.clock.now(), 10)) expect(await h.outbox.markSending(d.id, h.clock.now())).toBe(true);
    h.clock.advance(30_000);

    const restarted = h.newWorker();
    h.worker = restarted;
    await restarted.start(3_600_000); // rounds driven by the test
    const fresh = await h.publish('Na herstart', [slack('CNEW')]);
    await h.round();
    expect(h.slackSender.calls.map((c) => c.channelId)).toEqual(['CNEW']);
    expect((await h.status(fresh.id, 'CNEW'))[0]!.status).toBe('sent');
    // Two checks at once, both still waiting for the platform; the new post was never taken for a leftover.
    expect(h.slackSender.checks.map((d) => d.channelId).sort()).toEqual(['COLD1', 'COLD2']);

    release();
    await restarted.stop();
    expect((await h.status(old.id, 'COLD1'))[0]!.status).toBe('pending');
    expect((await h.status(old.id, 'COLD2'))[0]!.status).toBe('pending');
  });

  it('a card revised after its post became uncertain (a row from before the crash policy) leaves nothing due forever (the outbox does not look stalled)', async () => {
    const h = await setup();
    const notice = await h.publish('Onzeker', [teams('19:t@thread.tacv2')]);
    const [post] = await h.status(notice.id, '19:t@thread.tacv2');
    await h.outbox.markSending(post!.id, h.clock.now());
    await h.outbox.markUncertain(post!.id, 'in flight when the bot stopped');
    expect((await h.status(notice.id, '19:t@thread.tacv2'))[0]!.status).toBe('uncertain');

    await h.outbox.revise(notice.id, card('Onzeker (opgelost)'), { reply: 'Opgelost', now: h.clock.now() });
    await h.run(10 * 60_000, 10_000);

    // Whatever is done with the update (given up, reported), it must not stay due while nothing can send it:
    // a row due for 5 minutes with nothing sent makes /readyz answer 503 "outbox stalled".
    expect(h.teamsSender.calls).toEqual([]);
    expect(await outboxHealth(h.outbox, h.worker, h.clock)).toEqual({ ok: true });
    expect((await h.status(notice.id, '19:t@thread.tacv2')).filter((d) => d.status === 'pending' || d.status === 'retrying')).toEqual([]);
  });
});

describe('whenIdle(): the pauses in which the server loads its chat adapters after a restart', () => {
  const waited = async (p: Promise<void>) => {
    const start = Date.now();
    await p;
    return Date.now() - start;
  };

  it('with nothing to send, at once', async () => {
    const h = await setup();
    await h.round();
    expect(await waited(h.worker.whenIdle(400, 5000))).toBeLessThan(200);
  });

  it('not while a send waits for its answer: right after the answer', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => { release = r; });
    const h = await setup({ slack: async () => { await held; return { kind: 'sent', messageId: 'ts-1' }; } });
    await h.publish('Storing', [slack('C1')]);
    await h.worker.tick();
    setTimeout(release, 150);
    const ms = await waited(h.worker.whenIdle(400, 5000));
    expect(ms).toBeGreaterThanOrEqual(140);
    expect(ms).toBeLessThan(1000);
  });

  it("not when the app-wide window opens within the pause asked for: then only at the wait's end", async () => {
    const h = await setup();
    await h.publish('Onderhoud', Array.from({ length: 51 }, (_, i) => teams(`19:w${i}@thread.tacv2`)));
    await h.round(); // 50 sent; the 51st waits for the app window, about a second away
    expect(await waited(h.worker.whenIdle(400, 5000))).toBeLessThan(200);
    expect(await waited(h.worker.whenIdle(2000, 300))).toBeGreaterThanOrEqual(290);
  });

  it("a single channel's own wait (a Slack channel's second) does not count", async () => {
    const h = await setup();
    await h.publish('Een', [slack('C1')]);
    await h.publish('Twee', [slack('C1')]);
    await h.round(); // the second waits a second for the channel
    expect(h.slackSender.calls).toHaveLength(1);
    expect(await waited(h.worker.whenIdle(2000, 5000))).toBeLessThan(200);
  });
});

describe('running on its own (start): rounds come when something can go, not only when polled', () => {
  const realClock = { now: () => new Date() };

  it('a window that opens, and a channel freed by an answer, start a round at once', async () => {
    const sentAt: number[] = [];
    // Slow answers: the second message finds its channel busy, then waits for the channel's second.
    const h = await setup({ slack: async () => { await new Promise((r) => setTimeout(r, 100)); sentAt.push(Date.now()); return { kind: 'sent', messageId: `ts-${sentAt.length}` }; }, worker: { clock: realClock } });
    await h.publish('Een', [slack('C1')]);
    await h.publish('Twee', [slack('C1')]);
    const worker = h.newWorker({ clock: realClock });
    h.worker = worker;
    await worker.start(3_600_000); // polling practically never
    const deadline = Date.now() + 3000;
    while (sentAt.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await worker.stop();
    expect(sentAt).toHaveLength(2);
    // Counted from its request, the second may go a second (and the pad) after the first one left.
    expect(sentAt[1]! - sentAt[0]!).toBeGreaterThanOrEqual(900);
    expect(sentAt[1]! - sentAt[0]!).toBeLessThan(1500);
  });

  it('stop() waits for the round in progress: nothing is claimed or sent after it returns', async () => {
    const h = await setup({ worker: { clock: realClock } });
    const notice = await h.publish('Storing', Array.from({ length: 5 }, (_, i) => slack(`C${i}`)));
    const worker = h.newWorker({ clock: realClock });
    h.worker = worker;
    await worker.start(3_600_000); // its first round starts at once
    await worker.stop();
    expect(h.slackSender.calls).toHaveLength(5);
    await new Promise((r) => setTimeout(r, 100));
    expect(h.slackSender.calls).toHaveLength(5);
    const rows = (await Promise.all(Array.from({ length: 5 }, (_, i) => h.status(notice.id, `C${i}`)))).flat();
    expect(rows.map((d) => d.status)).toEqual(Array(5).fill('sent'));
  });
});

describe('a round woken by an opening window', () => {
  it('reuses the list the last round read if it is at most 30 ms old, and reads again after that', async () => {
    const h = await setup();
    let reads = 0;
    const due = h.outbox.due.bind(h.outbox);
    h.outbox.due = async (now, limit) => { reads++; return due(now, limit); };
    await h.publish('Onderhoud', Array.from({ length: 60 }, (_, i) => teams(`19:r${i}@thread.tacv2`)));
    await h.round(); // polling: reads, sends 50
    expect(reads).toBe(1);
    h.clock.advance(20);
    await h.worker.tick(true);
    await h.worker.settle();
    expect(reads).toBe(1); // reused: nothing could go anyway
    h.clock.advance(1000);
    await h.worker.tick(true);
    await h.worker.settle();
    expect(reads).toBe(2); // too old: read again, and the window's 10 go
    expect(h.teamsSender.calls).toHaveLength(60);
  });
});

describe('a round with many sends', () => {
  const fanOut = async (platform: 'slack' | 'teams') => {
    const answeredBefore: number[] = [];
    let h!: Harness;
    const script: Script = () => {
      answeredBefore.push(h.counter('sends', platform)); // answers the worker has taken in when this send starts
      return { kind: 'sent' };
    };
    h = await setup({ [platform]: script, slackCheck: () => ({ delivered: false }) });
    const targets = Array.from({ length: 50 }, (_, i) => (platform === 'slack' ? slack(`S${i}`) : teams(`19:m${i}@thread.tacv2`)));
    await h.publish('Storing', targets);
    expect(await h.round()).toBe(50);
    return answeredBefore;
  };

  it('takes in answers between sends a platform can check after a crash (Slack): what arrived is marked sent sooner', async () => {
    const answeredBefore = await fanOut('slack');
    expect(answeredBefore.slice(0, 20)).toEqual(Array(20).fill(0));
    expect(answeredBefore[20]).toBe(20);
    expect(answeredBefore[49]).toBe(40);
  });

  it('starts sends a platform cannot check (Teams) all at once: a claimed send that has not left would be uncertain', async () => {
    expect(await fanOut('teams')).toEqual(Array(50).fill(0));
  });
});
