import type { DataSource } from 'typeorm';
import type { AuditEntry } from '../../core/domain/audit/audit-entry.ts';
import type { IncidentRepository } from '../../core/domain/incidents/incident-repository.ts';
import type { Incident, IncidentStatus } from '../../core/domain/incidents/types.ts';
import { NumberedDocuments } from '../documents/numbered-documents.ts';
import { IncidentEntity, type IncidentRow } from '../entities/incident.entity.ts';

/** Incidents "INC-2026-0042", with their layer and coordinator as columns. */
export class TypeOrmIncidentRepository implements IncidentRepository {
  private readonly documents: NumberedDocuments<Incident, IncidentRow>;

  constructor(dataSource: DataSource) {
    this.documents = new NumberedDocuments<Incident, IncidentRow>(dataSource, IncidentEntity, 'INC', (i) => ({ layer: i.layer, coordinator_id: i.coordinatorId }));
  }

  create(incident: Omit<Incident, 'id'>, year: number, audit: (id: string) => AuditEntry): Promise<Incident> {
    return this.documents.create(incident, year, audit);
  }

  get(id: string): Promise<Incident | undefined> {
    return this.documents.get(id);
  }

  update(incident: Incident, expectedUpdatedAt: string, audit: AuditEntry): Promise<boolean> {
    return this.documents.update(incident, expectedUpdatedAt, audit);
  }

  list(filter: { statuses?: IncidentStatus[]; createdFrom?: string; createdTo?: string; maxAgeMs?: number }): Promise<Incident[]> {
    return this.documents.list(filter);
  }
}
