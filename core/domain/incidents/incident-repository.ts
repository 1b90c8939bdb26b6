import type { AuditEntry } from '../audit/audit-entry.ts';
import type { Incident, IncidentStatus } from './types.ts';

/** Where incidents live. Implemented by storage/incidents/TypeOrmIncidentRepository. */
export interface IncidentRepository {
  /** Stores a new incident under the next number of its year ("INC-2026-0042") and returns it. */
  create(incident: Omit<Incident, 'id'>, year: number, audit: (id: string) => AuditEntry): Promise<Incident>;
  get(id: string): Promise<Incident | undefined>;
  /** Saves a change if nobody changed the incident since `expectedUpdatedAt`; false when someone did. */
  update(incident: Incident, expectedUpdatedAt: string, audit: AuditEntry): Promise<boolean>;
  /**
   * Oldest first. `maxAgeMs` (a status filter only): a copy read at most that long ago will do; it is
   * read again after any change made through this repository, so this process sees its own changes
   * at once (others' within maxAgeMs). For lists asked on every chat turn (the known issues).
   */
  list(filter: { statuses?: IncidentStatus[]; createdFrom?: string; createdTo?: string; maxAgeMs?: number }): Promise<Incident[]>;
}
