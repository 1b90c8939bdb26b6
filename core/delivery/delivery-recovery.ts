import type { InstancePresence } from '../coordination/instance-presence.ts';
import type { Delivery } from './delivery.ts';
import type { DeliveryWorkerOptions } from './delivery-worker.ts';
import type { ChannelSender } from './sender.ts';

/** Platform checks of leftover in-flight posts running at once. */
const RECOVERY_CONCURRENCY = 8;
/** How long a claim on a delivery being sent holds unless its worker renews it. Every send gives up long before (15 s). */
export const LEASE_MS = 30_000;
/** How often a worker renews the leases of the rows it holds. */
export const RENEW_EVERY_MS = 10_000;
/**
 * A live instance whose lease ran out this long ago cannot reach the database to renew it (yet can
 * answer for its presence): its rows are taken over anyway. A gone instance's rows are taken at once.
 */
export const LEASE_GRACE_MS = 60_000;
/** How often a running worker looks for rows whose lease is void. */
export const RECLAIM_EVERY_MS = 2000;

type RecoveryOptions = Pick<DeliveryWorkerOptions, 'outbox' | 'senders' | 'clock' | 'metrics' | 'logger'> & {
  presence: InstancePresence;
  /** Rows this instance holds itself (sending, or a result waiting to be written): never taken. */
  held(): Set<string>;
  /** Writes a row's new state, or keeps it (under this instance's lease) until the database answers. */
  write(deliveryId: string, write: () => Promise<unknown>): Promise<void>;
};

/**
 * What becomes of deliveries left "sending" by an instance that is gone (killed, crashed, restarted)
 * or whose lease ran out long ago. The policy, the same after a restart and while running: each is
 * checked with the platform where it can tell (Slack: the channel's history) — delivered → sent
 * ("confirmed"), not delivered → sent again ("not-sent"). Where nobody can tell (Teams) it is sent
 * again at once, marked as possibly repeated ("resent"): an alert arrives at least once, never
 * silently lost. `ketenbot deliveries` shows which rows the policy touched.
 */
export class DeliveryRecovery {
  private reclaiming: Promise<number> | undefined;

  constructor(private readonly o: RecoveryOptions) {}

  /** Takes over rows whose lease is void and resolves them; errors (the database still away) are logged and tried again next time. */
  reclaim(): Promise<number> {
    this.reclaiming ??= (async () => {
      const now = this.o.clock.now();
      const self = this.o.presence.id;
      const owners = await this.o.outbox.leaseOwners();
      const others = owners.filter((o) => o !== self);
      const alive = others.length ? await this.o.presence.alive(others) : new Set<string>();
      const deadOwners = others.filter((o) => !alive.has(o));
      const taken = await this.o.outbox.reclaim({
        deadOwners,
        expiredBefore: new Date(now.getTime() - LEASE_GRACE_MS),
        lease: { owner: self, until: new Date(now.getTime() + LEASE_MS) },
      });
      const held = this.o.held();
      const orphans = taken.filter((d) => !held.has(d.id));
      if (orphans.length) this.o.logger.warn({ count: orphans.length, from: [...new Set(orphans.map((d) => d.leaseOwner))] }, 'taking over deliveries left in flight');
      for (const d of orphans) this.o.metrics.inc('reclaimed', d.platform);
      await this.resolve(orphans);
      return orphans.length;
    })()
      .catch((error) => {
        this.o.logger.error({ err: error }, 'reclaiming deliveries left in flight failed');
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
  private async resolve(leftovers: Delivery[]): Promise<void> {
    const queue = [...leftovers];
    const one = async (): Promise<void> => {
      for (let delivery = queue.shift(); delivery; delivery = queue.shift()) await this.resolveOne(delivery);
    };
    await Promise.all(Array.from({ length: Math.min(RECOVERY_CONCURRENCY, queue.length) }, one));
  }

  private async resolveOne(delivery: Delivery): Promise<void> {
    const sender = this.o.senders[delivery.platform];
    let checked: Awaited<ReturnType<NonNullable<ChannelSender['check']>>>;
    try {
      checked = await sender?.check?.(delivery);
    } catch (error) {
      // The platform could tell but did not now (Slack's history refused or failed): no guess. The
      // row stays under this lease and is taken and checked again once it has run out.
      this.o.logger.warn({ err: error, delivery: delivery.id }, 'could not check a delivery left in flight; trying again later');
      return;
    }
    const now = this.o.clock.now();
    const { outbox } = this.o;
    // Every write only while this instance still holds the row (it took it just now).
    const self = this.o.presence.id;
    if (checked?.delivered) await this.o.write(delivery.id, () => outbox.markSent(delivery.id, checked.messageId, now, 'confirmed', self));
    else if (checked) await this.o.write(delivery.id, () => outbox.markPending(delivery.id, now, 'not-sent', self));
    else if (delivery.operation === 'update') {
      // Editing a card twice does no harm: no mark needed.
      await this.o.write(delivery.id, () => outbox.markPending(delivery.id, now, undefined, self));
    } else {
      this.o.metrics.inc('uncertain', delivery.platform);
      await this.o.write(delivery.id, () => outbox.markPending(delivery.id, now, 'resent', self));
    }
  }
}
