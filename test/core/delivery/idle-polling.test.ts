import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeliveryTarget, Notice } from '../../../core/delivery/delivery.ts';
import { DeliveryMetrics } from '../../../core/delivery/delivery-metrics.ts';
import { DeliveryWorker, IDLE_POLL_MS } from '../../../core/delivery/delivery-worker.ts';
import { NewDeliveries } from '../../../core/delivery/new-deliveries.ts';
import { TypeOrmOutboxRepository } from '../../../storage/delivery/typeorm-outbox-repository.ts';
import { openTestDatabase, type TestDatabase } from '../../support/databases.ts';
import { ScriptedSender } from '../../support/scripted-sender.ts';

/**
 * A running worker with nothing to do reads the outbox every IDLE_POLL_MS, not every polling
 * interval (an idle server spent 6–8% of a core on 40 reads a second); deliveries queued in this
 * process wake it at once; rows queued elsewhere (another process's repository) are found by the
 * idle poll. Real SQLite outbox, real time.
 */
let db: TestDatabase | undefined;
let worker: DeliveryWorker | undefined;
afterEach(async () => {
  await worker?.stop();
  worker = undefined;
  await db?.dispose();
  db = undefined;
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const clock = { now: () => new Date() };
const target = (channelId: string): DeliveryTarget => ({ linkId: `link-${channelId}`, organisationId: 'org-a', platform: 'slack', channelId });
const notice = (): Notice => {
  const at = new Date().toISOString();
  return { id: randomUUID(), kind: 'incident', subjectId: 'INC-1', version: 1, card: { kind: 'notice', title: 't', blocks: [], fallbackText: 't' }, createdAt: at, updatedAt: at } as Notice;
};

async function setup() {
  db = await openTestDatabase('sqlite');
  const queued = new NewDeliveries();
  const here = new TypeOrmOutboxRepository(db.dataSource, queued);
  const elsewhere = new TypeOrmOutboxRepository(db.dataSource); // the CLI or another instance: no signal
  const workerOutbox = new TypeOrmOutboxRepository(db.dataSource);
  let reads = 0;
  const due = workerOutbox.due.bind(workerOutbox);
  workerOutbox.due = (now, limit) => { reads++; return due(now, limit); };
  const sender = new ScriptedSender(clock);
  const sentAt = new Map<string, number>();
  const original = sender.send.bind(sender);
  sender.send = async (delivery, content, messageId) => { sentAt.set(delivery.channelId, Date.now()); return original(delivery, content, messageId); };
  worker = new DeliveryWorker({ outbox: workerOutbox, senders: { slack: sender }, clock, metrics: new DeliveryMetrics(), logger: { warn: () => undefined, error: () => undefined }, onGone: async () => undefined });
  queued.listen(() => worker!.nudge());
  await worker.start(25);
  return { here, elsewhere, reads: () => reads, sentAt, worker: worker! };
}

async function until(check: () => boolean, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check() && Date.now() < deadline) await sleep(5);
}

describe('delivery worker polling', () => {
  it('idle: about two reads a second, not forty', async () => {
    const h = await setup();
    await sleep(300); // the first round, right at start
    const before = h.reads();
    await sleep(2000);
    const reads = h.reads() - before;
    expect(reads).toBeLessThanOrEqual(Math.ceil(2000 / IDLE_POLL_MS) + 1);
    expect(reads).toBeGreaterThanOrEqual(Math.floor(2000 / IDLE_POLL_MS) - 1);
  });

  it('a delivery queued in this process goes at once; one queued by another process within the idle poll', async () => {
    const h = await setup();
    await sleep(IDLE_POLL_MS + 100); // settled into idle polling
    const queuedAt = Date.now();
    await h.here.publish(notice(), [target('C-here')]);
    await until(() => h.sentAt.has('C-here'), 3000);
    expect(h.sentAt.get('C-here')! - queuedAt).toBeLessThan(IDLE_POLL_MS / 2);

    await sleep(IDLE_POLL_MS + 100);
    const elsewhereAt = Date.now();
    await h.elsewhere.publish(notice(), [target('C-elsewhere')]);
    await until(() => h.sentAt.has('C-elsewhere'), 3000);
    expect(h.sentAt.get('C-elsewhere')! - elsewhereAt).toBeLessThan(IDLE_POLL_MS + 250);
  });

  it('a delivery queued just after a round read the outbox still goes at once (the woken round reads again)', async () => {
    const h = await setup();
    await sleep(IDLE_POLL_MS + 100);
    for (let i = 0; i < 5; i++) {
      await h.worker.tick(); // a round that has just read: nothing due
      const queuedAt = Date.now();
      await h.here.publish(notice(), [target(`C-race-${i}`)]);
      await until(() => h.sentAt.has(`C-race-${i}`), 3000);
      expect(h.sentAt.get(`C-race-${i}`)! - queuedAt).toBeLessThan(IDLE_POLL_MS / 2);
    }
  });
});
