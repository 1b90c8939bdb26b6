import type { CardView } from '../../cards/views/card-view.ts';
import type { Platform } from '../conversation/inbound.ts';

/** Something to announce in channels: an incident, a maintenance notice, news, a report. */
export interface Notice {
  id: string;
  kind: string;
  /** What it is about (incident id, maintenance id …), for reports. */
  subjectId: string;
  /** Grows with every change; deliveries send the card of the version they were made for or later. */
  version: number;
  card: CardView;
  createdAt: string;
  updatedAt: string;
}

/** One channel to deliver to (a snapshot of the channel link at the time). */
export interface DeliveryTarget {
  linkId: string;
  organisationId: string;
  platform: Platform;
  channelId: string;
  teamId?: string;
  /** Teams: the ConversationReference to post proactively. */
  reference?: unknown;
}

export type DeliveryStatus = 'pending' | 'sending' | 'retrying' | 'sent' | 'dead' | 'uncertain' | 'superseded';

/** post: the card as a new message; update: edit the posted card; reply: a short text in its thread. */
export type DeliveryOperation = 'post' | 'update' | 'reply';

export interface Delivery extends DeliveryTarget {
  id: string;
  noticeId: string;
  operation: DeliveryOperation;
  /** Unique per notice, channel, operation and version: the same send is never queued twice. */
  idempotencyKey: string;
  /** For replies: the text. */
  text?: string;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: string;
  lastError?: string;
  /** Teams activity id or Slack ts of the posted card (post), or of the card to update / reply to. */
  messageId?: string;
  sendingStartedAt?: string;
  sentAt?: string;
  createdAt: string;
  /** The instance sending it now, and until when its claim holds unless renewed (status "sending"). */
  leaseOwner?: string;
  leaseUntil?: string;
  /** What the crash policy did with it after it was left in flight (see DeliveryRecovery). */
  recovery?: DeliveryRecoveryKind;
}

/**
 * confirmed: the platform showed it had arrived; not-sent: the platform showed it had not, so it was
 * sent again; resent: nobody could tell, so it was sent again marked as possibly repeated.
 */
export type DeliveryRecoveryKind = 'confirmed' | 'not-sent' | 'resent';

/** A claim on deliveries being sent: by which instance, valid until when unless renewed. */
export interface Lease {
  owner: string;
  until: Date;
}
