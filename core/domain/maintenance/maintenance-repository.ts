import type { AuditEntry } from '../audit/audit-entry.ts';
import type { Maintenance, MaintenanceStatus } from './types.ts';

/** Where maintenance notices live. Implemented by storage/maintenance/TypeOrmMaintenanceRepository. */
export interface MaintenanceRepository {
  create(maintenance: Omit<Maintenance, 'id'>, year: number, audit: (id: string) => AuditEntry): Promise<Maintenance>;
  get(id: string): Promise<Maintenance | undefined>;
  update(maintenance: Maintenance, expectedUpdatedAt: string, audit: AuditEntry): Promise<boolean>;
  list(filter: { statuses?: MaintenanceStatus[]; createdFrom?: string; createdTo?: string }): Promise<Maintenance[]>;
}
