import type { CardView } from '../../../cards/views/card-view.ts';
import type { DirectoryDocument } from '../directory/types.ts';
import type { Layer, RouteProblem } from './coordination-layer.ts';
import type { Incident, PassOnKind, TimelineEntry } from './types.ts';

/** What the incident service takes and gives: its problems, its policy, and the parts it is given. */

export type DraftField = 'title' | 'description' | 'applications' | 'organisations' | 'impact' | 'startedAt' | 'sinceVersion';
export type FieldProblem =
  | { code: 'required' }
  | { code: 'too-long'; max: number }
  | { code: 'citizen-service-number'; found: string }
  /** Looks like a patient's name or date of birth: stored only once the reporter confirms it is not. */
  | { code: 'patient-details' }
  | { code: 'unknown'; ids: string[] }
  | { code: 'in-the-future' }
  | { code: 'invalid' };

export type IncidentProblem =
  | { code: 'invalid'; fields: Partial<Record<DraftField | 'text', FieldProblem>> }
  | { code: 'route'; problem: RouteProblem }
  | { code: 'not-found'; id: string }
  | { code: 'forbidden'; id: string }
  | { code: 'not-reporter'; id: string }
  | { code: 'wrong-status'; id: string; status: Incident['status'] }
  | { code: 'top-layer'; id: string }
  | { code: 'confidential'; id: string }
  | { code: 'conflict'; id: string }
  /** Passing on is for a local incident: a higher layer already alerts the application's administrators. */
  | { code: 'not-local'; id: string; layer: Layer }
  /** Only the coordinating organisation's support staff pass its incident on. */
  | { code: 'cannot-pass-on'; id: string; coordinatorId: string }
  /** No supplier or GtK service provider of that kind for this incident (or not the one named). */
  | { code: 'no-pass-on-target'; id: string; coordinatorId: string; kind?: PassOnKind };

export type IncidentOutcome<T = Incident> = { ok: true; value: T } | { ok: false; problem: IncidentProblem };

/** The Dutch card and thread notes in the channels (cards/views builds them; the core only asks). */
export interface IncidentPresenter {
  channelCard(incident: Incident, directory: DirectoryDocument): CardView;
  threadNote(incident: Incident, entry: TimelineEntry): string;
}

/** Alerts by e-mail for contacts who opted in (absent: no e-mail). */
export interface IncidentMailer {
  incidentChanged(incident: Incident, entry: TimelineEntry, directory: DirectoryDocument): Promise<void>;
}

export interface IncidentPolicy {
  /** Not taken within this many minutes of the coordinator's office hours → a reminder in the channel. */
  takeWithinMinutes: number;
  /** Not resolved within this many hours at a layer → an offer to escalate one layer up. */
  resolveWithinHours: Record<Layer, number>;
  /** Resolved and not confirmed by the reporter for this many days → closed. */
  autoCloseDays: number;
}

export const DEFAULT_INCIDENT_POLICY: IncidentPolicy = {
  takeWithinMinutes: 30,
  resolveWithinHours: { local: 8, gtk: 8, chain: 4, 'common-facility': 4 },
  autoCloseDays: 3,
};

