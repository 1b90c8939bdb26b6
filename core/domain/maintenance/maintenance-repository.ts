import type { AuditEntry } from '../audit/audit-entry.ts';
import type { Maintenance, MaintenanceStatus } from './types.ts';

/** Where maintenance notices live. Implemented by storage/maintenance/TypeOrmMaintenanceRepository. */
export interface MaintenanceRepository {
  create(maintenance: Omit<Maintenance, 'id'>, year: number, audit: (id: string) => AuditEntry): Promise<Maintenance>;
  get(id: string): Promise<Maintenance | undefined>;
  update(maintenance: Maintenance, expectedUpdatedAt: string, audit: AuditEntry): Promise<boolean>;
  /**
   * Oldest first. `maxAgeMs` (a status filter only): a copy read at most that long ago will do; it is
   * read again after any change made through this repository, so this process sees its own changes
   * at once (others' within maxAgeMs). For lists asked on every chat turn (the known issues).
   */
  list(filter: { statuses?: MaintenanceStatus[]; createdFrom?: string; createdTo?: string; maxAgeMs?: number }): Promise<Maintenance[]>;
}
