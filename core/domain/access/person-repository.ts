import type { AuditEntry } from '../audit/audit-entry.ts';
import type { Person } from './types.ts';

export interface PersonRepository {
  get(id: string): Promise<Person | undefined>;
  /** Everyone with a role on the organisation (e.g. its administrators, to tell them something). */
  withRole(role: Person['roles'][number]['role'], organisationId: string): Promise<Person[]>;
  save(person: Person, audit: AuditEntry[]): Promise<void>;
}
