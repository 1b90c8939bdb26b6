import type { Clock } from '../../core/clock.ts';
import { STUCK_SENDING_MS, type DeliveryWorker } from '../../core/delivery/delivery-worker.ts';
import type { OutboxRepository } from '../../core/delivery/outbox-repository.ts';
import type { DatabaseHealth } from '../../storage/data-source.ts';

/** How long deliveries may wait with nothing sent before the outbox counts as stalled. */
export const STALL_MS = 5 * 60 * 1000;

/**
 * The outbox is stalled when the worker has not run lately, or when deliveries have been due for
 * longer than STALL_MS while nothing was sent in that time (so alerts silently pile up).
 */
export async function outboxHealth(outbox: OutboxRepository, worker: DeliveryWorker, clock: Clock): Promise<DatabaseHealth> {
  const now = clock.now().getTime();
  if (worker.lastTickAt && now - worker.lastTickAt > 60_000) return { ok: false, reason: `outbox stalled: the delivery worker last ran ${Math.round((now - worker.lastTickAt) / 1000)} s ago` };
  const { oldestDueAt, lastSentAt, oldestSendingSince } = await outbox.progress();
  // Past this, a live worker has taken them over within RECLAIM_EVERY_MS; still there means none does.
  if (oldestSendingSince && now - Date.parse(oldestSendingSince) > STUCK_SENDING_MS + 60_000) {
    return { ok: false, reason: `outbox stalled: deliveries stuck in sending since ${oldestSendingSince}` };
  }
  if (oldestDueAt && now - Date.parse(oldestDueAt) > STALL_MS && (!lastSentAt || now - Date.parse(lastSentAt) > STALL_MS)) {
    return { ok: false, reason: `outbox stalled: deliveries due since ${oldestDueAt}, nothing sent since ${lastSentAt ?? 'the start'}` };
  }
  return { ok: true };
}
