import type { IncidentActor } from '../incidents/types.ts';

/**
 * A change or release of an application (Supportal's "wijzigingen" and "versiebeheer", seed 004):
 * the new version, what changes and for whom, with or without a maintenance window. The releases of
 * an application are its version history; the latest is its current version.
 */
export interface Release {
  /** "REL-2026-0004". */
  id: string;
  applicationId: string;
  version: string;
  changes: string;
  forWhom: string;
  /** When the version is (or was) in use; the window's start when there is one. */
  releasedAt: string;
  /** The maintenance window announced with it. */
  maintenanceId?: string;
  audienceIds: string[];
  status: 'announced';
  createdBy: IncidentActor;
  noticeId?: string;
  createdAt: string;
  updatedAt: string;
}

export interface ReleaseDraft {
  applicationId: string;
  version: string;
  changes: string;
  forWhom: string;
  /** Optional maintenance window (ISO); both or neither. */
  window?: { startsAt: string; endsAt: string };
  /** The administrator confirmed that what looks like patient details (a name, a date of birth) is not. */
  notPatientData?: boolean;
}
