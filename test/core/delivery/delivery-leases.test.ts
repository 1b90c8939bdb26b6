import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { outboxHealth } from '../../../bot/delivery/outbox-health.ts';
import type { InstancePresence } from '../../../core/coordination/instance-presence.ts';
import type { DeliveryTarget, Notice } from '../../../core/delivery/delivery.ts';
import { DeliveryMetrics } from '../../../core/delivery/delivery-metrics.ts';
import { LEASE_GRACE_MS, RENEW_EVERY_MS } from '../../../core/delivery/delivery-recovery.ts';
import { DeliveryWorker, LEASE_MS } from '../../../core/delivery/delivery-worker.ts';
import type { OutboxRepository } from '../../../core/delivery/outbox-repository.ts';
import { TypeOrmOutboxRepository } from '../../../storage/delivery/typeorm-outbox-repository.ts';
import { DATABASE_KINDS, openTestDatabase, type DatabaseKind, type TestDatabase } from '../../support/databases.ts';
import { ManualClock } from '../../support/manual-clock.ts';
import { ScriptedSender } from '../../support/scripted-sender.ts';

/**
 * Leases on deliveries being sent (issue 17), on a real SQLite file and the real Postgres server,
 * with a clock that only moves when told and a presence the test decides:
 * - rows of a live instance are never taken while its lease holds, nor shortly after;
 * - rows of a gone instance are taken at once; rows of a live one whose lease ran out long ago too;
 * - the crash policy: Slack checked (confirmed / not-sent), Teams sent again marked possibly repeated;
 * - a worker renews the leases of what it sends, and keeps a result the database refused (an outage)
 *   under its lease until it can write it;
 * - two instances reclaiming at once take each row once; /readyz reports rows stuck past their lease.
 */
const T0 = Date.parse('2025-06-02T08:00:00.000Z');
const slack = (channelId: string): DeliveryTarget => ({ linkId: `link-${channelId}`, organisationId: 'org-a', platform: 'slack', channelId });
const teams = (channelId: string): DeliveryTarget => ({
  linkId: `link-${channelId}`, organisationId: 'org-a', platform: 'teams', channelId, teamId: 'team-1',
  reference: { conversation: { id: channelId }, serviceUrl: 'https://smba.example/' },
});

/** Presence as the test says: `gone` owners are not alive. */
class TestPresence implements InstancePresence {
  constructor(readonly id: string, private readonly gone: Set<string>) {}
  async alive(owners: string[]): Promise<Set<string>> {
    return new Set(owners.filter((o) => !this.gone.has(o)));
  }
}

/** The outbox as an instance whose database refuses these writes while `refusing()` says so (an outage on its side). */
function refusingWrites(methods: string[], refusing: () => boolean, outbox: OutboxRepository): OutboxRepository {
  return new Proxy(outbox, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof value !== 'function') return value;
      const call = (...args: unknown[]) => (value as (...a: unknown[]) => unknown).apply(target, args);
      return methods.includes(String(prop)) ? (...args: unknown[]) => (refusing() ? Promise.reject(new Error('connection terminated')) : call(...args)) : call;
    },
  });
}

let db: TestDatabase | undefined;
afterEach(async () => {
  await db?.dispose();
  db = undefined;
});

describe.each(DATABASE_KINDS)('delivery leases on %s', (kind: DatabaseKind) => {
  async function setup() {
    db = await openTestDatabase(kind);
    const clock = new ManualClock(T0);
    const outbox = new TypeOrmOutboxRepository(db.dataSource);
    const metrics = new DeliveryMetrics();
    const logged: unknown[] = [];
    const gone = new Set<string>();
    const slackSender = new ScriptedSender(clock, undefined, (d) => (d.channelId === 'CDONE' ? { delivered: true, messageId: '1717315200.000100' } : { delivered: false }));
    const teamsSender = new ScriptedSender(clock);
    const worker = (id: string, repo: OutboxRepository = outbox) => new DeliveryWorker({
      outbox: repo, senders: { slack: slackSender, teams: teamsSender }, clock, metrics, presence: new TestPresence(id, gone),
      logger: { warn: (o) => logged.push(o), error: (o) => logged.push(o) }, onGone: async () => undefined, random: () => 0.5,
      repeatNotice: 'Mogelijk herhaald',
    });
    const at = clock.now().toISOString();
    const notice: Notice = { id: randomUUID(), kind: 'incident', subjectId: 'x', version: 1, card: { kind: 'notice', title: 'Storing', blocks: [], fallbackText: 'Storing' }, createdAt: at, updatedAt: at };
    await outbox.publish(notice, [slack('CDONE'), slack('CLOST'), teams('19:t@thread.tacv2')]);
    // Instance "a" claimed all three.
    const due = await outbox.due(clock.now(), 10);
    expect((await outbox.markSendingMany(due.map((d) => d.id), clock.now(), { owner: 'a', until: new Date(T0 + LEASE_MS) })).size).toBe(3);
    const statusOf = async () => Object.fromEntries((await outbox.report(notice.id)).map((r) => [r.channelId, r.counts]));
    return { clock, outbox, metrics, logged, gone, slackSender, teamsSender, worker, statusOf, notice };
  }

  it('a live instance keeps its rows while its lease holds and for LEASE_GRACE_MS after', async () => {
    const s = await setup();
    expect(await s.worker('b').reclaim()).toBe(0);
    s.clock.advance(LEASE_MS + LEASE_GRACE_MS - 1000);
    expect(await s.worker('b').reclaim()).toBe(0);
    expect(await s.statusOf()).toEqual({ CDONE: { sending: 1 }, CLOST: { sending: 1 }, '19:t@thread.tacv2': { sending: 1 } });
  });

  it('a gone instance\'s rows are taken at once: Slack checked (confirmed / not-sent), Teams sent again marked as possibly repeated', async () => {
    const s = await setup();
    s.gone.add('a');
    const b = s.worker('b');
    expect(await b.reclaim()).toBe(3);
    expect(await s.statusOf()).toEqual({ CDONE: { sent: 1 }, CLOST: { pending: 1 }, '19:t@thread.tacv2': { pending: 1 } });
    expect(Object.fromEntries((await s.outbox.report(s.notice.id)).map((r) => [r.channelId, r.recovered]))).toEqual({ CDONE: { confirmed: 1 }, CLOST: { 'not-sent': 1 }, '19:t@thread.tacv2': { resent: 1 } });
    expect(s.metrics.render()).toMatch(/^ketenbot_delivery_reclaimed_total\{platform="slack"\} 2$/m);
    expect(s.metrics.render()).toMatch(/^ketenbot_delivery_uncertain_total\{platform="teams"\} 1$/m);
    await b.tick();
    await b.settle();
    expect(await s.statusOf()).toEqual({ CDONE: { sent: 1 }, CLOST: { sent: 1 }, '19:t@thread.tacv2': { sent: 1 } });
    // Only the Teams card, which nobody could confirm, says it may be a repeat.
    const cards = Object.fromEntries([...s.slackSender.calls, ...s.teamsSender.calls].map((c) => [c.channelId, 'card' in c.content ? c.content.card.repeatNotice : c.content.text]));
    expect(cards).toEqual({ CLOST: undefined, '19:t@thread.tacv2': 'Mogelijk herhaald' });
  });

  it('a live instance whose lease ran out more than LEASE_GRACE_MS ago cannot write: its rows are taken over', async () => {
    const s = await setup();
    s.clock.advance(LEASE_MS + LEASE_GRACE_MS + 1000);
    expect(await s.worker('b').reclaim()).toBe(3);
    expect(s.slackSender.checks).toHaveLength(2);
  });

  it('two instances reclaiming at the same moment: each row is resolved once', async () => {
    const s = await setup();
    s.gone.add('a');
    const [x, y] = await Promise.all([s.worker('b').reclaim(), s.worker('c').reclaim()]);
    expect(x + y).toBe(3);
    expect(s.slackSender.checks).toHaveLength(2);
    expect(s.metrics.render()).toMatch(/^ketenbot_delivery_uncertain_total\{platform="teams"\} 1$/m);
  });

  it('a worker renews the lease of what it is sending; a result the database refused stays under its lease until written', async () => {
    const s = await setup();
    s.gone.add('a');
    // Instance b's database refuses every result for a while (an outage on its side).
    let refusing = true;
    const flaky = refusingWrites(['markSent', 'markRetry', 'markDead'], () => refusing, s.outbox);
    const b = s.worker('b', flaky);
    await b.reclaim();
    await b.tick();
    await b.settle();
    expect(b.unwrittenResults).toBe(3); // CDONE confirmed, CLOST and Teams sent: their results wait
    expect(await s.statusOf()).toEqual({ CDONE: { sending: 1 }, CLOST: { sending: 1 }, '19:t@thread.tacv2': { sending: 1 } });
    // Long past the first lease: b renews what it holds, so c (b alive) takes nothing.
    s.clock.advance(RENEW_EVERY_MS);
    await (b as unknown as { renewLeases(): Promise<void> }).renewLeases();
    s.clock.advance(LEASE_MS - 1000);
    expect(await s.worker('c').reclaim()).toBe(0);
    refusing = false;
    await (b as unknown as { renewLeases(): Promise<void> }).renewLeases(); // flushes first
    expect(b.unwrittenResults).toBe(0);
    expect(await s.statusOf()).toEqual({ CDONE: { sent: 1 }, CLOST: { sent: 1 }, '19:t@thread.tacv2': { sent: 1 } });
    expect(s.teamsSender.calls).toHaveLength(1);
  });

  it('a result written late by an instance that no longer holds the row changes nothing (another took it meanwhile)', async () => {
    const s = await setup();
    s.gone.add('a');
    let refusing = true;
    const flaky = refusingWrites(['markSent', 'markRetry', 'markDead', 'markPending', 'renewLeases'], () => refusing, s.outbox);
    // b takes a's rows, but cannot write anything for longer than its lease and the grace.
    const b = s.worker('b', flaky);
    await b.reclaim();
    expect(b.unwrittenResults).toBe(3);
    s.clock.advance(LEASE_MS + LEASE_GRACE_MS + 1000);
    // c takes them over and finishes them.
    const c = s.worker('c');
    expect(await c.reclaim()).toBe(3);
    await c.tick();
    await c.settle();
    expect(await s.statusOf()).toEqual({ CDONE: { sent: 1 }, CLOST: { sent: 1 }, '19:t@thread.tacv2': { sent: 1 } });
    // b's database answers again: its late results are dropped, not written over c's.
    refusing = false;
    await (b as unknown as { renewLeases(): Promise<void> }).renewLeases();
    expect(b.unwrittenResults).toBe(0);
    expect(await s.statusOf()).toEqual({ CDONE: { sent: 1 }, CLOST: { sent: 1 }, '19:t@thread.tacv2': { sent: 1 } });
    expect(await s.outbox.due(new Date(s.clock.ms + 10 * 60_000), 10)).toEqual([]);
  });

  it('a check the platform refuses (Slack history 429) resolves nothing: the row stays taken and is checked again later', async () => {
    const s = await setup();
    s.gone.add('a');
    s.slackSender.check = async () => { throw new Error('ratelimited'); };
    const b = s.worker('b');
    await b.reclaim();
    const status = await s.statusOf();
    expect(status.CDONE).toEqual({ sending: 1 });
    expect(status.CLOST).toEqual({ sending: 1 });
    expect(s.slackSender.calls).toEqual([]);
    // Once b's own lease on them has run out (and the grace), they are checked again.
    s.slackSender.check = async (d) => (d.channelId === 'CDONE' ? { delivered: true } : { delivered: false });
    s.clock.advance(LEASE_MS + LEASE_GRACE_MS + 1000);
    expect(await s.worker('c').reclaim()).toBe(2);
    expect((await s.statusOf()).CDONE).toEqual({ sent: 1 });
  });

  it('/readyz: rows stuck well past their lease make the outbox not ready; taken over, it is ready again', async () => {
    const s = await setup();
    const w = s.worker('b');
    s.clock.advance(LEASE_MS + 30_000);
    expect((await outboxHealth(s.outbox, w, s.clock)).ok).toBe(true); // the grace for a live owner
    s.clock.advance(LEASE_GRACE_MS + 60_000);
    expect(await outboxHealth(s.outbox, w, s.clock)).toMatchObject({ ok: false, reason: expect.stringMatching(/stuck in sending/) });
    await w.reclaim();
    expect((await outboxHealth(s.outbox, w, s.clock)).ok).toBe(true);
  });
});
