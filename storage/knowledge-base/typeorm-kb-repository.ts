import type { DataSource } from 'typeorm';
import type { AuditEntry } from '../../core/domain/audit/audit-entry.ts';
import type { KbRepository } from '../../core/domain/knowledge-base/kb-repository.ts';
import type { KbEntry } from '../../core/domain/knowledge-base/types.ts';
import { appendAudit } from '../audit/typeorm-audit-log.ts';
import { KbEntryEntity, type KbEntryRow } from '../entities/kb-entry.entity.ts';
import { writeIndexRows } from './kb-search-index.ts';
import { preparedStatements } from '../sql/prepared-statements.ts';

const toEntry = (r: KbEntryRow): KbEntry => ({
  id: r.id, language: r.language as KbEntry['language'], title: r.title, problem: r.problem, solution: r.solution,
  tags: JSON.parse(r.tags) as string[], applicationIds: JSON.parse(r.application_ids) as string[], audience: r.audience as KbEntry['audience'],
  questions: JSON.parse(r.questions || '[]') as string[],
  published: Boolean(r.published), createdBy: r.created_by, createdAt: r.created_at, updatedBy: r.updated_by, updatedAt: r.updated_at,
});

const toRow = (e: KbEntry): KbEntryRow => ({
  id: e.id, language: e.language, title: e.title, problem: e.problem, solution: e.solution, tags: JSON.stringify(e.tags),
  application_ids: JSON.stringify(e.applicationIds), audience: e.audience, questions: JSON.stringify(e.questions ?? []), published: e.published, created_by: e.createdBy,
  created_at: e.createdAt, updated_by: e.updatedBy, updated_at: e.updatedAt,
});

const ENTRY_COLUMNS = 'id, language, title, problem, solution, tags, application_ids, audience, published, questions, created_by, created_at, updated_by, updated_at';

export class TypeOrmKbRepository implements KbRepository {
  constructor(private readonly dataSource: DataSource) {}

  private get repo() {
    return this.dataSource.getRepository<KbEntryRow>(KbEntryEntity);
  }

  async all(): Promise<KbEntry[]> {
    return (await this.repo.find({ order: { id: 'ASC' } })).map(toEntry);
  }

  /** Every knowledge-base answer reads its entries: one prepared statement (the ids as one parameter). */
  async byIds(ids: string[]): Promise<KbEntry[]> {
    if (!ids.length) return [];
    const statements = preparedStatements(this.dataSource);
    const oneOf = statements.inList('id', ids);
    const rows = await statements.all<KbEntryRow>(`SELECT ${ENTRY_COLUMNS} FROM kb_entry WHERE ${oneOf.sql}`, [oneOf.param]);
    return rows.map(toEntry);
  }

  count(): Promise<number> {
    return this.repo.count();
  }

  async upsert(entries: KbEntry[], audit: AuditEntry[]): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const repo = m.getRepository<KbEntryRow>(KbEntryEntity);
      for (let i = 0; i < entries.length; i += 50) await repo.save(entries.slice(i, i + 50).map(toRow), { reload: false });
      await writeIndexRows(m, entries);
      await appendAudit(m, audit);
    });
  }
}
