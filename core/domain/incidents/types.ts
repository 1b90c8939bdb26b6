import type { Platform } from '../../conversation/inbound.ts';
import type { Layer, RouteReason } from './coordination-layer.ts';

/** How badly exchange is hit (seed 002 §D: storingen). */
export const IMPACTS = ['no-exchange', 'degraded', 'hindrance'] as const;
export type Impact = (typeof IMPACTS)[number];

/** Nieuw → In behandeling → Opgelost → Gesloten (and back to In behandeling on reopen). */
export const INCIDENT_STATUSES = ['new', 'in-progress', 'resolved', 'closed'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

/** Who did something, as the timeline and the cards show them. */
export interface IncidentActor {
  /** Person id ("teams:…", "slack:U…", "local:…") or "system". */
  id: string;
  name: string;
}

export type TimelineKind = 'filed' | 'taken' | 'update' | 'resolved' | 'closed' | 'reopened' | 'escalated' | 'reminded' | 'escalation-offered' | 'passed-on';

export interface TimelineEntry {
  at: string;
  kind: TimelineKind;
  actor: IncidentActor;
  text?: string;
  /** Passed on: the desks it went to. */
  organisationIds?: string[];
}

/** Whom a local incident can be passed on to (seed 004): the supplier of an affected application, or the own GtK service provider. */
export type PassOnKind = 'supplier' | 'gtk';

/** A desk a local incident was passed on to: it sees and handles the incident; coordination stays local. */
export interface PassedOn {
  organisationId: string;
  as: PassOnKind;
  at: string;
  by: IncidentActor;
}

/** Where the reporter can be told about changes: their personal chat with the bot. */
export interface Reporter extends IncidentActor {
  platform: Platform;
  userId: string;
  organisationId: string;
  /**
   * The reporter only said they work there (chosen in the decision tree or the form): no invitation
   * links them to it. Every card and alert says so ("volgens de melder").
   */
  organisationClaimed?: true;
}

export interface Incident {
  /** "INC-2026-0042": year of filing and a number per year. */
  id: string;
  title: string;
  description: string;
  applicationIds: string[];
  organisationIds: string[];
  impact: Impact;
  startedAt: string;
  /** Patient data may have reached the wrong party: confidential, never in the broad alert channels. */
  possibleDataLeak: boolean;
  /** The application version in use since the problem started, when the reporter knows it. */
  sinceVersion?: string;
  status: IncidentStatus;
  layer: Layer;
  coordinatorId: string;
  partnerIds: string[];
  reason: RouteReason;
  /** The organisations whose alert channels carry the card. */
  audienceIds: string[];
  /**
   * Filed on an unverified claim: these organisations are alerted only once someone who handles the
   * incident, having seen that the claim is unverified, acts on it (takes, updates, resolves, escalates).
   */
  heldAudienceIds?: string[];
  reporter: Reporter;
  owner?: IncidentActor;
  resolution?: string;
  timeline: TimelineEntry[];
  /** The outbox notice of the channel card (absent: local, or no channel to post to). */
  noticeId?: string;
  /** Notices posted later to channels that joined (an escalation's new coordinator): revised too. */
  moreNoticeIds?: string[];
  createdAt: string;
  updatedAt: string;
  takenAt?: string;
  resolvedAt?: string;
  closedAt?: string;
  /** When the last "not taken yet" reminder went out. */
  remindedAt?: string;
  /** When escalation one layer up was last offered at this layer. */
  escalationOfferedAt?: string;
  /** The desks this local incident was passed on to, in order (each once). */
  passedOn?: PassedOn[];
}

/** What the reporter fills in. */
export interface IncidentDraft {
  title: string;
  description: string;
  applicationIds: string[];
  organisationIds: string[];
  impact: Impact;
  startedAt: string;
  possibleDataLeak: boolean;
  sinceVersion?: string;
  /** The reporter confirmed that what looks like patient details (a name, a date of birth) is not. */
  notPatientData?: boolean;
}

export const OPEN_STATUSES: IncidentStatus[] = ['new', 'in-progress', 'resolved'];
