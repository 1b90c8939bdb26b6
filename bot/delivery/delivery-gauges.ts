import type { Leadership } from '../../core/coordination/leadership.ts';
import type { DeliveryWorker } from '../../core/delivery/delivery-worker.ts';
import type { OutboxRepository } from '../../core/delivery/outbox-repository.ts';

const STATUSES = ['pending', 'sending', 'retrying', 'sent', 'dead', 'uncertain', 'superseded'] as const;

/**
 * Prometheus gauges read at scrape time: whether this instance leads, how often that changed, the
 * delivery rows by status (for the whole database, the same on every instance) and the results
 * this instance holds until the database answers. Without the database only the first three lines.
 */
export async function deliveryGauges(outbox: OutboxRepository, worker: DeliveryWorker, leadership: Leadership): Promise<string> {
  const lines = [
    '# HELP ketenbot_delivery_leader 1 when this instance sends deliveries and runs the clock jobs',
    '# TYPE ketenbot_delivery_leader gauge',
    `ketenbot_delivery_leader ${leadership.leading ? 1 : 0}`,
    '# HELP ketenbot_delivery_leader_changes_total Times this instance became or stopped being the leader',
    '# TYPE ketenbot_delivery_leader_changes_total counter',
    `ketenbot_delivery_leader_changes_total ${leadership.changes}`,
    '# HELP ketenbot_delivery_unwritten_results Send results waiting for the database to be written',
    '# TYPE ketenbot_delivery_unwritten_results gauge',
    `ketenbot_delivery_unwritten_results ${worker.unwrittenResults}`,
  ];
  const counts = await outbox.countByStatus().catch(() => undefined);
  if (counts) {
    lines.push('# HELP ketenbot_delivery_rows Delivery rows in the database by status', '# TYPE ketenbot_delivery_rows gauge');
    for (const status of STATUSES) lines.push(`ketenbot_delivery_rows{status="${status}"} ${counts[status] ?? 0}`);
  }
  return `${lines.join('\n')}\n`;
}
