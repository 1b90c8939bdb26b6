import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { outboxHealth } from '../../../bot/delivery/outbox-health.ts';
import type { DeliveryTarget, Notice } from '../../../core/delivery/delivery.ts';
import { DeliveryMetrics } from '../../../core/delivery/delivery-metrics.ts';
import { DeliveryWorker, STUCK_SENDING_MS } from '../../../core/delivery/delivery-worker.ts';
import { TypeOrmOutboxRepository } from '../../../storage/delivery/typeorm-outbox-repository.ts';
import { DATABASE_KINDS, openTestDatabase, type DatabaseKind, type TestDatabase } from '../../support/databases.ts';
import { ManualClock } from '../../support/manual-clock.ts';
import { ScriptedSender } from '../../support/scripted-sender.ts';

/**
 * Deliveries stuck "sending" (issue 17): the instance that claimed them died, or wrote no result
 * during a database outage. A live instance takes them over after STUCK_SENDING_MS and checks them
 * as after a restart; rows sent right now are left alone; of two instances reclaiming at once, each
 * row goes to one. On a real SQLite file and the real Postgres server, with a clock that only moves
 * when told.
 */
const T0 = Date.parse('2025-06-02T08:00:00.000Z');
const slack = (channelId: string): DeliveryTarget => ({ linkId: `link-${channelId}`, organisationId: 'org-a', platform: 'slack', channelId });
const teams = (channelId: string): DeliveryTarget => ({
  linkId: `link-${channelId}`, organisationId: 'org-a', platform: 'teams', channelId, teamId: 'team-1',
  reference: { conversation: { id: channelId }, serviceUrl: 'https://smba.example/' },
});

let db: TestDatabase | undefined;
afterEach(async () => {
  await db?.dispose();
  db = undefined;
});

describe.each(DATABASE_KINDS)('reclaiming stuck deliveries on %s', (kind: DatabaseKind) => {
  async function setup() {
    db = await openTestDatabase(kind);
    const clock = new ManualClock(T0);
    const outbox = new TypeOrmOutboxRepository(db.dataSource);
    const metrics = new DeliveryMetrics();
    const logged: unknown[] = [];
    const slackSender = new ScriptedSender(clock, undefined, (d) => (d.channelId === 'CDONE' ? { delivered: true, messageId: '1717315200.000100' } : { delivered: false }));
    const teamsSender = new ScriptedSender(clock);
    const worker = () => new DeliveryWorker({
      outbox, senders: { slack: slackSender, teams: teamsSender }, clock, metrics,
      logger: { warn: (o) => logged.push(o), error: (o) => logged.push(o) }, onGone: async () => undefined, random: () => 0.5,
    });
    const at = clock.now().toISOString();
    const notice: Notice = { id: randomUUID(), kind: 'incident', subjectId: 'x', version: 1, card: { kind: 'notice', title: 'Storing', blocks: [], fallbackText: 'Storing' }, createdAt: at, updatedAt: at };
    await outbox.publish(notice, [slack('CDONE'), slack('CLOST'), teams('19:t@thread.tacv2')]);
    // The instance that died had claimed all three.
    const due = await outbox.due(clock.now(), 10);
    expect((await outbox.markSendingMany(due.map((d) => d.id), clock.now())).size).toBe(3);
    const statusOf = async () => Object.fromEntries((await outbox.report(notice.id)).map((r) => [r.channelId, r.counts]));
    return { clock, outbox, metrics, logged, slackSender, worker, statusOf };
  }

  it('not before STUCK_SENDING_MS: a send in progress elsewhere is left alone', async () => {
    const s = await setup();
    s.clock.advance(STUCK_SENDING_MS - 1000);
    expect(await s.worker().reclaimStuck()).toBe(0);
    expect(await s.statusOf()).toEqual({ CDONE: { sending: 1 }, CLOST: { sending: 1 }, '19:t@thread.tacv2': { sending: 1 } });
  });

  it('after it, a live worker takes them over: confirmed → sent, not arrived → pending (sent again), Teams → uncertain; counted in /metrics', async () => {
    const s = await setup();
    s.clock.advance(STUCK_SENDING_MS + 1000);
    expect(await s.worker().reclaimStuck()).toBe(3);
    expect(await s.statusOf()).toEqual({ CDONE: { sent: 1 }, CLOST: { pending: 1 }, '19:t@thread.tacv2': { uncertain: 1 } });
    expect(s.metrics.render()).toMatch(/^ketenbot_delivery_reclaimed_total\{platform="slack"\} 2$/m);
    expect(s.metrics.render()).toMatch(/^ketenbot_delivery_reclaimed_total\{platform="teams"\} 1$/m);
    expect(s.logged).toHaveLength(1);
  });

  it('two instances reclaiming at the same moment: each row is checked once', async () => {
    const s = await setup();
    s.clock.advance(STUCK_SENDING_MS + 1000);
    const [a, b] = await Promise.all([s.worker().reclaimStuck(), s.worker().reclaimStuck()]);
    expect(a + b).toBe(3);
    expect(s.slackSender.checks).toHaveLength(2);
    expect(s.metrics.render()).toMatch(/^ketenbot_delivery_uncertain_total\{platform="teams"\} 1$/m);
  });

  it('/readyz: stuck rows past the takeover time make the outbox not ready; taken over, it is ready again', async () => {
    const s = await setup();
    const w = s.worker();
    s.clock.advance(STUCK_SENDING_MS + 61_000);
    expect(await outboxHealth(s.outbox, w, s.clock)).toMatchObject({ ok: false, reason: expect.stringMatching(/stuck in sending/) });
    await w.reclaimStuck();
    expect((await outboxHealth(s.outbox, w, s.clock)).ok).toBe(true);
  });
});
