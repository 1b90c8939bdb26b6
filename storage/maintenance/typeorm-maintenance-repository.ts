import type { DataSource } from 'typeorm';
import type { AuditEntry } from '../../core/domain/audit/audit-entry.ts';
import type { MaintenanceRepository } from '../../core/domain/maintenance/maintenance-repository.ts';
import type { Maintenance, MaintenanceStatus } from '../../core/domain/maintenance/types.ts';
import { NumberedDocuments } from '../documents/numbered-documents.ts';
import { MaintenanceEntity, type MaintenanceRow } from '../entities/maintenance.entity.ts';

/** Maintenance notices "MNT-2026-0007", with their window as columns. */
export class TypeOrmMaintenanceRepository implements MaintenanceRepository {
  private readonly documents: NumberedDocuments<Maintenance, MaintenanceRow>;

  constructor(dataSource: DataSource) {
    this.documents = new NumberedDocuments<Maintenance, MaintenanceRow>(dataSource, MaintenanceEntity, 'MNT', (m) => ({ starts_at: m.startsAt, ends_at: m.endsAt }));
  }

  create(maintenance: Omit<Maintenance, 'id'>, year: number, audit: (id: string) => AuditEntry): Promise<Maintenance> {
    return this.documents.create(maintenance, year, audit);
  }

  get(id: string): Promise<Maintenance | undefined> {
    return this.documents.get(id);
  }

  update(maintenance: Maintenance, expectedUpdatedAt: string, audit: AuditEntry): Promise<boolean> {
    return this.documents.update(maintenance, expectedUpdatedAt, audit);
  }

  list(filter: { statuses?: MaintenanceStatus[]; createdFrom?: string; createdTo?: string; maxAgeMs?: number }): Promise<Maintenance[]> {
    return this.documents.list(filter);
  }
}
