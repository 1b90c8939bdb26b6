import type { CardView } from '../../cards/views/card-view.ts';
import type { Delivery, DeliveryStatus, DeliveryTarget, Notice } from './delivery.ts';

export interface DeliveryReportRow {
  noticeId: string;
  linkId: string;
  organisationId: string;
  platform: string;
  channelId: string;
  counts: Partial<Record<DeliveryStatus, number>>;
  lastError?: string;
}

/** The outbox: notices and one delivery row per channel, stored together. Implemented in storage/. */
export interface OutboxRepository {
  /** Stores the notice and a post row for every target, in one transaction. */
  publish(notice: Notice, targets: DeliveryTarget[]): Promise<void>;
  /** A new version of the card: update rows (and a thread reply) for every channel where it was posted or is being posted. */
  revise(noticeId: string, card: CardView, options: { reply?: string; now: Date }): Promise<Notice | undefined>;
  notice(id: string): Promise<Notice | undefined>;
  /** Deliveries that may be sent now (pending or retrying, due), oldest first. */
  due(now: Date, limit: number): Promise<Delivery[]>;
  /** The post row of a notice in a channel (for its message id). */
  post(noticeId: string, linkId: string): Promise<Delivery | undefined>;
  /** Claims a due delivery for sending; false when another worker got it first. */
  markSending(id: string, now: Date): Promise<boolean>;
  /** Claims several at once (one round trip); returns the ids this call claimed. */
  markSendingMany(ids: string[], now: Date): Promise<Set<string>>;
  markSent(id: string, messageId: string | undefined, now: Date): Promise<void>;
  markRetry(id: string, nextAttemptAt: Date, error: string): Promise<void>;
  markDead(id: string, error: string): Promise<void>;
  markUncertain(id: string, error: string): Promise<void>;
  /** Back to pending (a check after a crash found it was not delivered). */
  markPending(id: string, now: Date): Promise<void>;
  /** Deliveries left "sending" (by a process that died). */
  inFlight(): Promise<Delivery[]>;
  /**
   * Takes the deliveries "sending" since before `before` (longer than any send may take: their worker
   * died, or could not write the result during a database outage). One statement per batch marks
   * them taken at `now`, so of two instances reclaiming at once each row goes to one.
   */
  reclaimStuck(before: Date, now: Date): Promise<Delivery[]>;
  report(noticeId?: string): Promise<DeliveryReportRow[]>;
  /** Queues dead and uncertain deliveries again; returns how many. */
  resend(noticeId: string, now: Date): Promise<number>;
  /** Deliveries to an organisation's channels made in [from, to) that failed for good (dead or uncertain). */
  failedCount(organisationId: string, from: string, to: string): Promise<number>;
  /** The oldest due delivery's due time, and the last time anything was sent (for /readyz). */
  progress(): Promise<{ oldestDueAt?: string; lastSentAt?: string; oldestSendingSince?: string }>;
}
