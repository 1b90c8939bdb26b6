import type { DataSource } from 'typeorm';
import type { AuditEntry } from '../../core/domain/audit/audit-entry.ts';
import type { PersonRepository } from '../../core/domain/access/person-repository.ts';
import type { Person, Role } from '../../core/domain/access/types.ts';
import { appendAudit } from '../audit/typeorm-audit-log.ts';
import { PersonEntity, type PersonRow } from '../entities/access.entities.ts';
import { preparedStatements } from '../sql/prepared-statements.ts';

const toPerson = (r: PersonRow): Person => ({
  id: r.id,
  platform: r.platform as Person['platform'],
  userId: r.user_id,
  ...(r.display_name ? { displayName: r.display_name } : {}),
  ...(r.contact_id ? { contactId: r.contact_id } : {}),
  organisationIds: JSON.parse(r.organisation_ids) as string[],
  roles: JSON.parse(r.roles) as Person['roles'],
});

export class TypeOrmPersonRepository implements PersonRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Every chat turn looks its person up: a prepared statement. */
  async get(id: string): Promise<Person | undefined> {
    const [row] = await preparedStatements(this.dataSource).all<PersonRow>('SELECT id, platform, user_id, display_name, contact_id, organisation_ids, roles FROM person WHERE id = ?', [id]);
    return row ? toPerson(row) : undefined;
  }

  async withRole(role: Role, organisationId: string): Promise<Person[]> {
    // Roles are a small JSON list per person; the people table is small, so filter in memory.
    const rows = await this.dataSource.getRepository<PersonRow>(PersonEntity).find({ order: { id: 'ASC' } });
    return rows.map(toPerson).filter((p) => p.roles.some((g) => g.role === role && g.organisationId === organisationId));
  }

  async save(person: Person, audit: AuditEntry[]): Promise<void> {
    const now = new Date().toISOString();
    await this.dataSource.transaction(async (m) => {
      const repo = m.getRepository<PersonRow>(PersonEntity);
      const existing = await repo.findOneBy({ id: person.id });
      await repo.save({
        id: person.id,
        platform: person.platform,
        user_id: person.userId,
        display_name: person.displayName ?? null,
        contact_id: person.contactId ?? null,
        organisation_ids: JSON.stringify(person.organisationIds),
        roles: JSON.stringify(person.roles),
        created_at: existing?.created_at ?? now,
        updated_at: now,
      });
      await appendAudit(m, audit);
    });
  }
}
