import { In, type DataSource } from 'typeorm';
import type { AuditEntry } from '../../core/domain/audit/audit-entry.ts';
import type { IncidentRepository } from '../../core/domain/incidents/incident-repository.ts';
import type { Incident, IncidentStatus } from '../../core/domain/incidents/types.ts';
import { appendAudit } from '../audit/typeorm-audit-log.ts';
import { IncidentEntity, type IncidentRow } from '../entities/incident.entity.ts';

const formatId = (year: number, n: number) => `INC-${year}-${String(n).padStart(4, '0')}`;

export class TypeOrmIncidentRepository implements IncidentRepository {
  constructor(private readonly dataSource: DataSource) {}

  private get repo() {
    return this.dataSource.getRepository<IncidentRow>(IncidentEntity);
  }

  async create(incident: Omit<Incident, 'id'>, year: number, audit: (id: string) => AuditEntry): Promise<Incident> {
    // The unique (year, number) index settles a race between two filings: the loser takes the next number.
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.dataSource.transaction(async (m) => {
          const repo = m.getRepository<IncidentRow>(IncidentEntity);
          const [{ last } = { last: 0 }] = (await repo.createQueryBuilder('i').select('MAX(i.number)', 'last').where('i.year = :year', { year }).getRawMany()) as Array<{ last: number | null }>;
          const number = Number(last ?? 0) + 1;
          const stored: Incident = { id: formatId(year, number), ...incident };
          await repo.insert(toRow(stored, year, number));
          await appendAudit(m, [audit(stored.id)]);
          return stored;
        });
      } catch (error) {
        if (attempt >= 5 || !/unique|duplicate|constraint/i.test((error as Error).message)) throw error;
      }
    }
  }

  async get(id: string): Promise<Incident | undefined> {
    const row = await this.repo.findOneBy({ id });
    return row ? fromRow(row) : undefined;
  }

  async update(incident: Incident, expectedUpdatedAt: string, audit: AuditEntry): Promise<boolean> {
    return this.dataSource.transaction(async (m) => {
      const repo = m.getRepository<IncidentRow>(IncidentEntity);
      const current = await repo.findOneBy({ id: incident.id });
      if (!current) return false;
      const result = await repo.update(
        { id: incident.id, updated_at: expectedUpdatedAt },
        { status: incident.status, layer: incident.layer, coordinator_id: incident.coordinatorId, updated_at: incident.updatedAt, content: JSON.stringify(incident) },
      );
      if (!result.affected) return false;
      await appendAudit(m, [audit]);
      return true;
    });
  }

  async list(filter: { statuses?: IncidentStatus[]; createdFrom?: string; createdTo?: string }): Promise<Incident[]> {
    const q = this.repo.createQueryBuilder('i').orderBy('i.created_at', 'ASC').addOrderBy('i.id', 'ASC');
    if (filter.statuses) q.andWhere({ status: In(filter.statuses) });
    if (filter.createdFrom) q.andWhere('i.created_at >= :from', { from: filter.createdFrom });
    if (filter.createdTo) q.andWhere('i.created_at < :to', { to: filter.createdTo });
    return (await q.getMany()).map(fromRow);
  }
}

function toRow(i: Incident, year: number, number: number): IncidentRow {
  return { id: i.id, year, number, status: i.status, layer: i.layer, coordinator_id: i.coordinatorId, created_at: i.createdAt, updated_at: i.updatedAt, content: JSON.stringify(i) };
}

function fromRow(row: IncidentRow): Incident {
  return JSON.parse(row.content) as Incident;
}
