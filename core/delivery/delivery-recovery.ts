import type { Delivery } from './delivery.ts';
import type { DeliveryWorkerOptions } from './delivery-worker.ts';

/** Platform checks of leftover in-flight posts running at once after a restart. */
const RECOVERY_CONCURRENCY = 8;
/**
 * A delivery "sending" for longer than this was left by a worker that died, or that could not write
 * its result during a database outage: every send gives up long before (15 s), so any live instance
 * may take it over and check it, as after a restart.
 */
export const STUCK_SENDING_MS = 2 * 60_000;
/** How often a running worker looks for such deliveries. */
export const RECLAIM_EVERY_MS = 30_000;

/**
 * What a worker does with deliveries left "sending": after a restart (everything its previous life
 * left) and while running (anything stuck past STUCK_SENDING_MS, from a dead instance or a database
 * outage). Each is checked with the platform where it can tell: delivered → sent, not delivered →
 * pending (sent again), no way to tell (Teams) → uncertain, never resent.
 */
export class DeliveryRecovery {
  private reclaiming: Promise<number> | undefined;

  constructor(private readonly o: Pick<DeliveryWorkerOptions, 'outbox' | 'senders' | 'clock' | 'metrics' | 'logger'>) {}

  /** Takes over deliveries stuck "sending" and checks them; errors (the database still away) are logged and tried again next time. */
  reclaimStuck(): Promise<number> {
    this.reclaiming ??= (async () => {
      const now = this.o.clock.now();
      const stuck = await this.o.outbox.reclaimStuck(new Date(now.getTime() - STUCK_SENDING_MS), now);
      if (stuck.length) this.o.logger.warn({ count: stuck.length }, 'taking over deliveries stuck in sending');
      for (const d of stuck) this.o.metrics.inc('reclaimed', d.platform);
      await this.resolve(stuck);
      return stuck.length;
    })()
      .catch((error) => {
        this.o.logger.error({ err: error }, 'reclaiming stuck deliveries failed');
        return 0;
      })
      .finally(() => {
        this.reclaiming = undefined;
      });
    return this.reclaiming;
  }

  async idle(): Promise<void> {
    await this.reclaiming;
  }

  /** A few checks at a time: a crash mid fan-out can leave hundreds of posts in flight. */
  async resolve(leftovers: Delivery[]): Promise<void> {
    const queue = [...leftovers];
    const one = async (): Promise<void> => {
      for (let delivery = queue.shift(); delivery; delivery = queue.shift()) await this.resolveOne(delivery);
    };
    await Promise.all(Array.from({ length: Math.min(RECOVERY_CONCURRENCY, queue.length) }, one));
  }

  private async resolveOne(delivery: Delivery): Promise<void> {
    const sender = this.o.senders[delivery.platform];
    const checked = await sender?.check?.(delivery).catch(() => undefined);
    if (checked?.delivered) await this.o.outbox.markSent(delivery.id, checked.messageId, this.o.clock.now());
    else if (checked && !checked.delivered) await this.o.outbox.markPending(delivery.id, this.o.clock.now());
    else {
      this.o.metrics.inc('uncertain', delivery.platform);
      await this.o.outbox.markUncertain(delivery.id, 'in flight when the bot stopped; the platform cannot confirm whether it arrived');
    }
  }
}
