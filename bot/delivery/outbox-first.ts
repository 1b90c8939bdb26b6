import type { DataSource } from 'typeorm';
import type { Clock } from '../../core/clock.ts';
import type { Delivery } from '../../core/delivery/delivery.ts';
import { DeliveryMetrics } from '../../core/delivery/delivery-metrics.ts';
import { DeliveryWorker } from '../../core/delivery/delivery-worker.ts';
import { migrate, openDatabase } from '../../storage/data-source.ts';
import { TypeOrmOutboxRepository } from '../../storage/delivery/typeorm-outbox-repository.ts';
import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';
import { botConnectorToken } from './bot-connector-token.ts';
import { deliveryClient } from './delivery-client.ts';
import { SlackSender } from './slack-sender.ts';
import { TeamsSender } from './teams-sender.ts';

/** What the rest of the bot takes over from an outbox that is already sending. */
export interface RunningOutbox {
  dataSource: DataSource;
  worker: DeliveryWorker;
  metrics: DeliveryMetrics;
  /** Where "this channel is gone" goes once the channel links are wired (until then it waits). */
  handleGone(handler: (delivery: Delivery, error: string) => Promise<void>): void;
}

/**
 * Opens the database and starts the delivery worker with nothing but the outbox and the platform
 * senders loaded, so that after a restart deliveries resume while the chat adapters (botbuilder,
 * Bolt, restify) are still loading.
 */
export async function startOutboxFirst(config: Config, logger: Logger, clock: Clock): Promise<RunningOutbox> {
  const dataSource = await openDatabase(config.databaseUrl);
  const ran = await migrate(dataSource);
  if (ran.length) logger.info({ migrations: ran }, 'database migrated');
  const metrics = new DeliveryMetrics();
  let handler: ((delivery: Delivery, error: string) => Promise<void>) | undefined;
  let wired!: () => void;
  const ready = new Promise<void>((resolve) => { wired = resolve; });
  const worker = new DeliveryWorker({
    outbox: new TypeOrmOutboxRepository(dataSource),
    senders: {
      teams: new TeamsSender(botConnectorToken(config.botFramework)),
      ...(config.localChat ? { local: new TeamsSender(async () => undefined) } : {}),
      ...(config.slack ? { slack: new SlackSender(deliveryClient(config.slack)) } : {}),
    },
    clock,
    metrics,
    logger: logger.child({ component: 'delivery' }),
    onGone: async (delivery, error) => {
      await ready;
      await handler?.(delivery, error);
    },
  });
  await worker.start();
  return { dataSource, worker, metrics, handleGone: (h) => { handler = h; wired(); } };
}
