import type { Clock } from '../clock.ts';
import type { InstancePresence } from '../coordination/instance-presence.ts';
import type { Platform } from '../conversation/inbound.ts';
import type { Delivery } from './delivery.ts';
import type { DeliveryMetrics } from './delivery-metrics.ts';
import type { OutboxRepository } from './outbox-repository.ts';
import type { ChannelSender } from './sender.ts';

/**
 * Sends a platform cannot confirm after a crash (Teams) that may be unanswered at once: a crash
 * leaves at most this many that may have to be sent again, marked as possibly repeated.
 */
export const MAX_UNCONFIRMABLE_IN_FLIGHT = 16;

export interface WorkerLogger {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface DeliveryWorkerOptions {
  outbox: OutboxRepository;
  senders: Partial<Record<Platform, ChannelSender>>;
  clock: Clock;
  metrics: DeliveryMetrics;
  logger: WorkerLogger;
  /** The platform says the channel is gone: deactivate the link and tell the administrators. */
  onGone(delivery: Delivery, error: string): Promise<void>;
  maxAttempts?: number;
  baseBackoffMs?: number;
  random?: () => number;
  /** Which instances are alive (leases); by default this process alone (SQLite). */
  presence?: InstancePresence;
  /** The line a card or reply sent again after a crash starts with (already translated). */
  repeatNotice?: string;
  /** See MAX_UNCONFIRMABLE_IN_FLIGHT. */
  maxUnconfirmableInFlight?: number;
}
