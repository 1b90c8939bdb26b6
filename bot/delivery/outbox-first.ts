import type { DataSource } from 'typeorm';
import { translator } from '../../cards/i18n/translate.ts';
import { DutySlot, type Leadership } from '../../core/coordination/leadership.ts';
import type { Clock } from '../../core/clock.ts';
import type { Delivery } from '../../core/delivery/delivery.ts';
import { DeliveryMetrics } from '../../core/delivery/delivery-metrics.ts';
import { DeliveryWorker } from '../../core/delivery/delivery-worker.ts';
import { migrate, openDatabase } from '../../storage/data-source.ts';
import { TypeOrmOutboxRepository } from '../../storage/delivery/typeorm-outbox-repository.ts';
import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';
import { botConnectorToken } from './bot-connector-token.ts';
import { coordinationFor, leaderDuties } from './coordination.ts';
import { deliveryClient } from './delivery-client.ts';
import { SlackSender } from './slack-sender.ts';
import { TeamsSender } from './teams-sender.ts';

/** What the rest of the bot takes over from an outbox that is already sending. */
export interface RunningOutbox {
  dataSource: DataSource;
  worker: DeliveryWorker;
  metrics: DeliveryMetrics;
  /** Whether this instance sends (and runs the clock jobs): one instance of those on the database. */
  leadership: Leadership;
  /** The clock jobs go here once the services exist: they run while this instance leads. */
  clockJobs: DutySlot;
  /** Where "this channel is gone" goes once the channel links are wired (until then it waits). */
  handleGone(handler: (delivery: Delivery, error: string) => Promise<void>): void;
}

/**
 * Opens the database and starts the delivery worker with nothing but the outbox and the platform
 * senders loaded, so that after a restart deliveries resume while the chat adapters (botbuilder,
 * Bolt, restify) are still loading. With several instances on Postgres the worker runs on the one
 * that leads (bot/delivery/coordination.ts).
 */
export async function startOutboxFirst(config: Config, logger: Logger, clock: Clock): Promise<RunningOutbox> {
  const dataSource = await openDatabase(config.databaseUrl, { synchronous: config.sqliteSynchronous });
  const ran = await migrate(dataSource);
  if (ran.length) logger.info({ migrations: ran }, 'database migrated');
  const metrics = new DeliveryMetrics();
  let handler: ((delivery: Delivery, error: string) => Promise<void>) | undefined;
  let wired!: () => void;
  const ready = new Promise<void>((resolve) => { wired = resolve; });
  const { presence, leadership } = coordinationFor(dataSource, logger);
  const worker = new DeliveryWorker({
    presence,
    repeatNotice: translator('nl')('delivery.possiblyRepeated'),
    outbox: new TypeOrmOutboxRepository(dataSource),
    senders: {
      teams: new TeamsSender(botConnectorToken(config.botFramework)),
      ...(config.localChat ? { local: new TeamsSender(async () => undefined) } : {}),
      ...(config.slack ? { slack: new SlackSender(await deliveryClient(config.slack)) } : {}),
    },
    clock,
    metrics,
    logger: logger.child({ component: 'delivery' }),
    onGone: async (delivery, error) => {
      await ready;
      await handler?.(delivery, error);
    },
  });
  const clockJobs = new DutySlot();
  await leadership.start(leaderDuties(logger, { start: () => worker.start(), stop: () => worker.stop() }, clockJobs));
  return { dataSource, worker, metrics, leadership, clockJobs, handleGone: (h) => { handler = h; wired(); } };
}
