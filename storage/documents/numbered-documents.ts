import type { DataSource, EntitySchema, ObjectLiteral } from 'typeorm';
import type { AuditEntry } from '../../core/domain/audit/audit-entry.ts';
import { appendAudit } from '../audit/typeorm-audit-log.ts';
import { preparedStatements } from '../sql/prepared-statements.ts';

/** What every numbered document has (incidents, maintenance): the rest is JSON in `content`. */
export interface NumberedDocument {
  id: string;
  status: string;
  createdAt: string;
  updatedAt: string;
}

export interface NumberedRow extends ObjectLiteral {
  id: string;
  year: number;
  number: number;
  status: string;
  created_at: string;
  updated_at: string;
  content: string;
}

/**
 * Documents numbered per year ("INC-2026-0042", "MNT-2026-0007"), stored whole as JSON with the
 * columns lists select on, changed only when nobody changed them since they were read.
 */
export class NumberedDocuments<T extends NumberedDocument, R extends NumberedRow> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly entity: EntitySchema<R>,
    private readonly prefix: string,
    /** Extra indexed columns of the table, from the document. */
    private readonly columns: (doc: T) => Partial<R> = () => ({}),
  ) {}

  /** Recent copies of status lists (see list's maxAgeMs), by the statuses asked for. */
  private readonly recent = new Map<string, { at: number; docs: Promise<T[]> }>();

  private get repo() {
    return this.dataSource.getRepository<R>(this.entity);
  }

  formatId(year: number, n: number): string {
    return `${this.prefix}-${year}-${String(n).padStart(4, '0')}`;
  }

  async create(doc: Omit<T, 'id'>, year: number, audit: (id: string) => AuditEntry): Promise<T> {
    try {
      return await this.insert(doc, year, audit);
    } finally {
      this.recent.clear(); // after the commit: a list read before it is not kept
    }
  }

  private async insert(doc: Omit<T, 'id'>, year: number, audit: (id: string) => AuditEntry): Promise<T> {
    // The unique (year, number) index settles a race between two creations: the loser takes the next number.
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.dataSource.transaction(async (m) => {
          const repo = m.getRepository<R>(this.entity);
          const [{ last } = { last: 0 }] = (await repo.createQueryBuilder('d').select('MAX(d.number)', 'last').where('d.year = :year', { year }).getRawMany()) as Array<{ last: number | null }>;
          const number = Number(last ?? 0) + 1;
          const stored = { id: this.formatId(year, number), ...doc } as T;
          await repo.insert(this.toRow(stored, year, number) as never);
          await appendAudit(m, [audit(stored.id)]);
          return stored;
        });
      } catch (error) {
        if (attempt >= 5 || !/unique|duplicate|constraint/i.test((error as Error).message)) throw error;
      }
    }
  }

  async get(id: string): Promise<T | undefined> {
    const row = await this.repo.findOneBy({ id } as never);
    return row ? (JSON.parse(row.content) as T) : undefined;
  }

  async update(doc: T, expectedUpdatedAt: string, audit: AuditEntry): Promise<boolean> {
    try {
      return await this.change(doc, expectedUpdatedAt, audit);
    } finally {
      this.recent.clear(); // after the commit: a list read before it is not kept
    }
  }

  private change(doc: T, expectedUpdatedAt: string, audit: AuditEntry): Promise<boolean> {
    return this.dataSource.transaction(async (m) => {
      const result = await m.getRepository<R>(this.entity).update(
        { id: doc.id, updated_at: expectedUpdatedAt } as never,
        { status: doc.status, updated_at: doc.updatedAt, content: JSON.stringify(doc), ...this.columns(doc) } as never,
      );
      if (!result.affected) return false;
      await appendAudit(m, [audit]);
      return true;
    });
  }

  /**
   * Oldest first. A prepared statement per combination of filters: the open incidents and the
   * planned maintenance are listed for every decision-tree outcome and knowledge-base answer.
   */
  async list(filter: { statuses?: string[]; createdFrom?: string; createdTo?: string; maxAgeMs?: number }): Promise<T[]> {
    const { maxAgeMs, ...query } = filter;
    if (maxAgeMs === undefined || !query.statuses || query.createdFrom || query.createdTo) return this.read(query);
    const key = [...query.statuses].sort().join(',');
    const now = Date.now();
    const copy = this.recent.get(key);
    if (copy && now - copy.at <= maxAgeMs) return copy.docs;
    const docs = this.read(query);
    this.recent.set(key, { at: now, docs });
    docs.catch(() => { if (this.recent.get(key)?.docs === docs) this.recent.delete(key); });
    return docs;
  }

  private async read(filter: { statuses?: string[]; createdFrom?: string; createdTo?: string }): Promise<T[]> {
    const statements = preparedStatements(this.dataSource);
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.statuses) {
      if (!filter.statuses.length) return [];
      const oneOf = statements.inList('status', filter.statuses);
      where.push(oneOf.sql);
      params.push(oneOf.param);
    }
    if (filter.createdFrom) { where.push('created_at >= ?'); params.push(filter.createdFrom); }
    if (filter.createdTo) { where.push('created_at < ?'); params.push(filter.createdTo); }
    const table = this.dataSource.getMetadata(this.entity).tableName;
    const sql = `SELECT content FROM ${table}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at ASC, id ASC`;
    return (await statements.all<{ content: string }>(sql, params)).map((row) => JSON.parse(row.content) as T);
  }

  private toRow(doc: T, year: number, number: number): NumberedRow {
    return { id: doc.id, year, number, status: doc.status, created_at: doc.createdAt, updated_at: doc.updatedAt, content: JSON.stringify(doc), ...this.columns(doc) };
  }
}
