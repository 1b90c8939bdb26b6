import type { DataSource } from 'typeorm';
import type { Clock } from '../../core/clock.ts';
import { SlackEventReceiptEntity, type SlackEventReceiptRow } from '../entities/slack-event-receipt.entity.ts';

/**
 * Remembers which Slack event ids were processed, so a Slack retry (X-Slack-Retry-Num) or a
 * redelivery after a restart is acknowledged but not processed twice.
 */
export class TypeOrmSlackEventReceipts {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** True the first time an event id is seen; false for every repeat. */
  async firstSeen(eventId: string): Promise<boolean> {
    const repo = this.dataSource.getRepository<SlackEventReceiptRow>(SlackEventReceiptEntity);
    try {
      await repo.insert({ event_id: eventId, received_at: this.clock.now().toISOString() });
      return true;
    } catch (error) {
      if (await repo.existsBy({ event_id: eventId })) return false;
      throw error;
    }
  }

  /** Slack retries within minutes; a day of receipts is plenty. */
  async prune(olderThan: Date): Promise<void> {
    const repo = this.dataSource.getRepository<SlackEventReceiptRow>(SlackEventReceiptEntity);
    await repo.createQueryBuilder().delete().where('received_at < :t', { t: olderThan.toISOString() }).execute();
  }
}
