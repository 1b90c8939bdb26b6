import type { DataSource } from 'typeorm';
import type { AuditEntry } from '../../core/domain/audit/audit-entry.ts';
import type { ReleaseRepository } from '../../core/domain/releases/release-repository.ts';
import type { Release } from '../../core/domain/releases/types.ts';
import { NumberedDocuments } from '../documents/numbered-documents.ts';
import { ReleaseEntity, type ReleaseRow } from '../entities/release.entity.ts';

/** Releases "REL-2026-0004", with their application as a column. */
export class TypeOrmReleaseRepository implements ReleaseRepository {
  private readonly documents: NumberedDocuments<Release, ReleaseRow>;

  constructor(dataSource: DataSource) {
    this.documents = new NumberedDocuments<Release, ReleaseRow>(dataSource, ReleaseEntity, 'REL', (r) => ({ application_id: r.applicationId }));
  }

  create(release: Omit<Release, 'id'>, year: number, audit: (id: string) => AuditEntry): Promise<Release> {
    return this.documents.create(release, year, audit);
  }

  get(id: string): Promise<Release | undefined> {
    return this.documents.get(id);
  }

  update(release: Release, expectedUpdatedAt: string, audit: AuditEntry): Promise<boolean> {
    return this.documents.update(release, expectedUpdatedAt, audit);
  }

  list(filter: { createdFrom?: string; createdTo?: string }): Promise<Release[]> {
    return this.documents.list(filter);
  }
}
