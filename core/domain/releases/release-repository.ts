import type { AuditEntry } from '../audit/audit-entry.ts';
import type { Release } from './types.ts';

/** Where releases (the version history) live. Implemented by storage/releases/TypeOrmReleaseRepository. */
export interface ReleaseRepository {
  create(release: Omit<Release, 'id'>, year: number, audit: (id: string) => AuditEntry): Promise<Release>;
  get(id: string): Promise<Release | undefined>;
  update(release: Release, expectedUpdatedAt: string, audit: AuditEntry): Promise<boolean>;
  list(filter: { createdFrom?: string; createdTo?: string }): Promise<Release[]>;
}
