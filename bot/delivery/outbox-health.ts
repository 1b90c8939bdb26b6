import type { Clock } from '../../core/clock.ts';
import { LEASE_GRACE_MS, RECLAIM_EVERY_MS } from '../../core/delivery/delivery-recovery.ts';
import type { DeliveryWorker } from '../../core/delivery/delivery-worker.ts';
import type { OutboxRepository } from '../../core/delivery/outbox-repository.ts';
import type { DatabaseHealth } from '../../storage/data-source.ts';

/** How long deliveries may wait with nothing sent before the outbox counts as stalled. */
export const STALL_MS = 5 * 60 * 1000;
/** A lease run out longer ago than this has outlived every takeover rule: no live instance is taking the row over. */
const STUCK_PAST_LEASE_MS = LEASE_GRACE_MS + 15 * RECLAIM_EVERY_MS;

/**
 * The outbox is stalled when this instance sends (it leads) and its worker has not run lately, when
 * rows being sent are stuck past their lease (nobody takes them over), or when deliveries have been
 * due for longer than STALL_MS while nothing was sent in that time (so alerts silently pile up; this
 * also shows on an instance that does not lead when no instance sends).
 */
export async function outboxHealth(outbox: OutboxRepository, worker: DeliveryWorker, clock: Clock, leading = true): Promise<DatabaseHealth> {
  const now = clock.now().getTime();
  if (leading && worker.lastTickAt && now - worker.lastTickAt > 60_000) return { ok: false, reason: `outbox stalled: the delivery worker last ran ${Math.round((now - worker.lastTickAt) / 1000)} s ago` };
  const { oldestDueAt, lastSentAt, oldestExpiredLease } = await outbox.progress(clock.now());
  if (oldestExpiredLease && now - Date.parse(oldestExpiredLease) > STUCK_PAST_LEASE_MS) {
    return { ok: false, reason: `outbox stalled: deliveries stuck in sending, their lease ran out at ${oldestExpiredLease}` };
  }
  if (oldestDueAt && now - Date.parse(oldestDueAt) > STALL_MS && (!lastSentAt || now - Date.parse(lastSentAt) > STALL_MS)) {
    return { ok: false, reason: `outbox stalled: deliveries due since ${oldestDueAt}, nothing sent since ${lastSentAt ?? 'the start'}` };
  }
  return { ok: true };
}
