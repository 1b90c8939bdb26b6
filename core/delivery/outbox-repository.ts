import type { CardView } from '../../cards/views/card-view.ts';
import type { Delivery, DeliveryRecoveryKind, DeliveryStatus, DeliveryTarget, Lease, Notice } from './delivery.ts';

export interface DeliveryReportRow {
  noticeId: string;
  linkId: string;
  organisationId: string;
  platform: string;
  channelId: string;
  counts: Partial<Record<DeliveryStatus, number>>;
  /** What the crash policy did with this channel's deliveries, if anything. */
  recovered?: Partial<Record<DeliveryRecoveryKind, number>>;
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
  markSending(id: string, now: Date, lease?: Lease): Promise<boolean>;
  /** Claims several at once (one round trip) under `lease`; returns the ids this call claimed. */
  markSendingMany(ids: string[], now: Date, lease?: Lease): Promise<Set<string>>;
  /** Extends the lease of these rows while `owner` still holds them. */
  renewLeases(owner: string, ids: string[], until: Date): Promise<void>;
  /** The instances holding leases on rows being sent. */
  leaseOwners(): Promise<string[]>;
  /**
   * Takes over rows being sent whose lease is void: held by one of `deadOwners`, without a lease, or
   * expired before `expiredBefore`. One statement per batch, so of two instances reclaiming at once
   * each row goes to one; the rows taken get `lease`.
   */
  reclaim(options: { deadOwners: string[]; expiredBefore: Date; lease: Lease }): Promise<Delivery[]>;
  /** Every attempt since `since` (its claim time), to seed a new sender's rate limiters. */
  recentAttempts(since: Date): Promise<Array<{ platform: Delivery['platform']; channelId: string; at: string }>>;
  /**
   * The result of a send. With `heldBy`, only while that instance still holds the row (status
   * "sending" under its lease): a result written late (after a long outage) never overwrites what
   * another instance did with the row meanwhile. Returns whether it was written.
   */
  markSent(id: string, messageId: string | undefined, now: Date, recovery?: DeliveryRecoveryKind, heldBy?: string): Promise<boolean>;
  markRetry(id: string, nextAttemptAt: Date, error: string, heldBy?: string): Promise<boolean>;
  markDead(id: string, error: string, heldBy?: string): Promise<boolean>;
  markUncertain(id: string, error: string): Promise<void>;
  /** Back to pending after a crash: `not-sent` (the platform showed it had not arrived) or `resent` (nobody can tell: sent again marked as possibly repeated). */
  markPending(id: string, now: Date, recovery?: DeliveryRecoveryKind, heldBy?: string): Promise<boolean>;
  /** Deliveries being sent now (by any instance). */
  inFlight(): Promise<Delivery[]>;
  report(noticeId?: string): Promise<DeliveryReportRow[]>;
  /** Queues dead and uncertain deliveries again (an uncertain one marked as possibly repeated); never one that was sent. Returns how many. */
  resend(noticeId: string, now: Date): Promise<number>;
  /** Deliveries to an organisation's channels made in [from, to) that failed for good (dead or uncertain). */
  failedCount(organisationId: string, from: string, to: string): Promise<number>;
  /** The oldest due delivery's due time, and the last time anything was sent (for /readyz). */
  /** With `now`, also the oldest lease on a row being sent that ran out before `now`. */
  progress(now?: Date): Promise<{ oldestDueAt?: string; lastSentAt?: string; oldestSendingSince?: string; oldestExpiredLease?: string }>;
  /** How many deliveries are in each status (for /metrics). */
  countByStatus(): Promise<Partial<Record<DeliveryStatus, number>>>;
}
