import type { IncidentActor, TimelineEntry as IncidentTimelineEntry } from '../incidents/types.ts';

/** What users may expect while the work runs. */
export const MAINTENANCE_IMPACTS = ['no-exchange', 'degraded', 'hindrance', 'none'] as const;
export type MaintenanceImpact = (typeof MAINTENANCE_IMPACTS)[number];

/** Gepland → Bezig → Afgerond by the clock; Verlengd when extended while running; Geannuleerd. */
export const MAINTENANCE_STATUSES = ['planned', 'running', 'extended', 'done', 'cancelled'] as const;
export type MaintenanceStatus = (typeof MAINTENANCE_STATUSES)[number];
export const ACTIVE_MAINTENANCE: MaintenanceStatus[] = ['planned', 'running', 'extended'];

export type MaintenanceEventKind = 'scheduled' | 'edited' | 'reminder-24h' | 'reminder-1h' | 'started' | 'extended' | 'ended' | 'cancelled';

export interface MaintenanceEvent {
  at: string;
  kind: MaintenanceEventKind;
  actor: IncidentActor;
  text?: string;
}

export interface Maintenance {
  /** "MNT-2026-0007". */
  id: string;
  applicationIds: string[];
  /** Window in UTC ISO (entered and shown in Europe/Amsterdam). */
  startsAt: string;
  endsAt: string;
  impact: MaintenanceImpact;
  description: string;
  /** Who to contact during the work (name, phone or e-mail), as typed. */
  contact: string;
  status: MaintenanceStatus;
  /** The organisations administering the affected applications (who announce). */
  administratorIds: string[];
  /** Whose alert channels carry the card. */
  audienceIds: string[];
  createdBy: IncidentActor;
  timeline: MaintenanceEvent[];
  noticeId?: string;
  /** Notices posted later to organisations an edit added: revised too. */
  moreNoticeIds?: string[];
  createdAt: string;
  updatedAt: string;
}

export interface MaintenanceDraft {
  applicationIds: string[];
  startsAt: string;
  endsAt: string;
  impact: MaintenanceImpact;
  description: string;
  contact: string;
  /** The administrator confirmed that what looks like patient details (a name, a date of birth) is not. */
  notPatientData?: boolean;
}

export type { IncidentTimelineEntry };
