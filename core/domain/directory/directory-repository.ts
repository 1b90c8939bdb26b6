import type { AuditEntry } from '../audit/audit-entry.ts';
import type { Contact, DirectoryDocument } from './types.ts';

/** Where the directory lives. Implemented by storage/directory/TypeOrmDirectoryRepository. */
export interface DirectoryRepository {
  /** The whole directory (it is small: hundreds of entries), ordered by id. */
  load(): Promise<DirectoryDocument>;
  /** Makes `next` the directory and appends the audit entries, all in one transaction. */
  save(next: DirectoryDocument, audit: AuditEntry[]): Promise<void>;
  saveContact(contact: Contact, audit: AuditEntry): Promise<void>;
}
