import type { DataSource, EntityManager } from 'typeorm';
import type { AuditEntry, AuditLog } from '../../core/domain/audit/audit-entry.ts';
import { AuditEntity, type AuditRow } from '../entities/access.entities.ts';

export const toAuditRow = (e: AuditEntry): AuditRow => ({
  at: e.at,
  actor: e.actor,
  action: e.action,
  subject_type: e.subjectType,
  subject_id: e.subjectId,
  before: e.before === undefined ? null : JSON.stringify(e.before),
  after: e.after === undefined ? null : JSON.stringify(e.after),
});

/** Appends audit rows inside the caller's transaction, so a change and its record land together. */
export async function appendAudit(manager: EntityManager, entries: AuditEntry[]): Promise<void> {
  if (entries.length) await manager.getRepository<AuditRow>(AuditEntity).insert(entries.map(toAuditRow));
}

/** The audit log: append-only (no update or delete is ever issued on it). */
export class TypeOrmAuditLog implements AuditLog {
  constructor(private readonly dataSource: DataSource) {}

  async record(entries: AuditEntry[]): Promise<void> {
    await appendAudit(this.dataSource.manager, entries);
  }

  async since(from: Date): Promise<Array<AuditEntry & { id: number }>> {
    const rows = await this.dataSource
      .getRepository<AuditRow>(AuditEntity)
      .createQueryBuilder('a')
      .where('a.at >= :from', { from: from.toISOString() })
      .orderBy('a.id', 'ASC')
      .getMany();
    return rows.map((r) => ({
      id: r.id!,
      at: r.at,
      actor: r.actor,
      action: r.action,
      subjectType: r.subject_type,
      subjectId: r.subject_id,
      ...(r.before !== null ? { before: JSON.parse(r.before) } : {}),
      ...(r.after !== null ? { after: JSON.parse(r.after) } : {}),
    }));
  }
}
