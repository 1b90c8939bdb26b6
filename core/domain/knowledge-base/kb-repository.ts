import type { AuditEntry } from '../audit/audit-entry.ts';
import type { KbEntry } from './types.ts';

/** Where knowledge-base entries live. Implemented in storage/knowledge-base. */
export interface KbRepository {
  all(): Promise<KbEntry[]>;
  byIds(ids: string[]): Promise<KbEntry[]>;
  count(): Promise<number>;
  /** Inserts or updates by id, with the audit entries, in one transaction. */
  upsert(entries: KbEntry[], audit: AuditEntry[]): Promise<void>;
}
