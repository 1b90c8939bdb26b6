import { randomUUID } from 'node:crypto';
import { afterEach, expect, it } from 'vitest';
import type { DeliveryTarget, Notice } from '../../../core/delivery/delivery.ts';
import { DeliveryMetrics } from '../../../core/delivery/delivery-metrics.ts';
import { DeliveryWorker, MAX_UNCONFIRMABLE_IN_FLIGHT } from '../../../core/delivery/delivery-worker.ts';
import type { SendResult } from '../../../core/delivery/sender.ts';
import { TypeOrmOutboxRepository } from '../../../storage/delivery/typeorm-outbox-repository.ts';
import { openTestDatabase, type TestDatabase } from '../../support/databases.ts';
import { ManualClock } from '../../support/manual-clock.ts';
import { ScriptedSender } from '../../support/scripted-sender.ts';

/**
 * A crash leaves every unanswered Teams send in doubt (Teams cannot tell whether it arrived), so at
 * most MAX_UNCONFIRMABLE_IN_FLIGHT of them are unanswered at once; Slack sends, which a check after
 * a crash can confirm, are not held back. An answer frees a place at once, not at the next poll.
 */
let db: TestDatabase | undefined;
afterEach(async () => {
  await db?.dispose();
  db = undefined;
});

const teams = (n: number): DeliveryTarget => ({ linkId: `lt${n}`, organisationId: 'org', platform: 'teams', channelId: `19:c${n}@thread.tacv2`, reference: { conversation: { id: `19:c${n}` } } });
const slack = (n: number): DeliveryTarget => ({ linkId: `ls${n}`, organisationId: 'org', platform: 'slack', channelId: `C${n}` });

it('at most MAX_UNCONFIRMABLE_IN_FLIGHT Teams sends unanswered at once; Slack not held back; answers let the next ones go', async () => {
  db = await openTestDatabase('sqlite');
  const clock = new ManualClock(Date.parse('2026-12-07T10:00:00.000Z'));
  const outbox = new TypeOrmOutboxRepository(db.dataSource);
  const gates: Array<(r: SendResult) => void> = [];
  const teamsSender = new ScriptedSender(clock, () => new Promise<SendResult>((resolve) => gates.push(resolve)));
  const slackSender = new ScriptedSender(clock, undefined, () => ({ delivered: false }));
  const worker = new DeliveryWorker({
    outbox, senders: { teams: teamsSender, slack: slackSender }, clock, metrics: new DeliveryMetrics(),
    logger: { warn: () => undefined, error: () => undefined }, onGone: async () => undefined,
  });
  const at = clock.now().toISOString();
  const notice: Notice = { id: randomUUID(), kind: 'incident', subjectId: 'x', version: 1, card: { kind: 'n', title: 'Storing', blocks: [], fallbackText: 'Storing' }, createdAt: at, updatedAt: at };
  await outbox.publish(notice, [...Array.from({ length: 20 }, (_, i) => teams(i)), ...Array.from({ length: 12 }, (_, i) => slack(i))]);

  await worker.tick();
  expect(teamsSender.calls).toHaveLength(MAX_UNCONFIRMABLE_IN_FLIGHT);
  expect(slackSender.calls).toHaveLength(12);
  expect((await outbox.inFlight()).filter((d) => d.platform === 'teams')).toHaveLength(MAX_UNCONFIRMABLE_IN_FLIGHT);

  // Three answers: three more go, no more.
  for (const g of gates.splice(0, 3)) g({ kind: 'sent', messageId: 'm' });
  await new Promise((r) => setTimeout(r, 20));
  await worker.tick();
  expect(teamsSender.calls).toHaveLength(MAX_UNCONFIRMABLE_IN_FLIGHT + 3);

  while (teamsSender.calls.length < 20 || gates.length) {
    for (const g of gates.splice(0)) g({ kind: 'sent', messageId: 'm' });
    await new Promise((r) => setTimeout(r, 5));
    await worker.tick();
  }
  await worker.settle();
  expect(new Set(teamsSender.calls.map((c) => c.channelId)).size).toBe(20);
  expect((await outbox.report(notice.id)).every((r) => r.counts.sent === 1)).toBe(true);
});
