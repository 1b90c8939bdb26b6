import type { DataSource, EntityManager } from 'typeorm';
import type { AuditEntry } from '../../core/domain/audit/audit-entry.ts';
import { FingerprintCheck } from '../../core/cache/fingerprint-check.ts';
import type { DirectoryRepository } from '../../core/domain/directory/directory-repository.ts';
import type { Application, Contact, DirectoryDocument, Organisation } from '../../core/domain/directory/types.ts';
import { appendAudit } from '../audit/typeorm-audit-log.ts';
import {
  ApplicationEntity,
  ContactEntity,
  OrganisationEntity,
  type ApplicationRow,
  type ContactRow,
  type OrganisationRow,
} from '../entities/directory.entities.ts';

const toOrganisation = (r: OrganisationRow): Organisation => ({
  id: r.id,
  name: r.name,
  kind: r.kind as Organisation['kind'],
  ...(r.region ? { region: r.region } : {}),
  gtkServiceProviderIds: JSON.parse(r.gtk_ids) as string[],
  desk: JSON.parse(r.desk) as Organisation['desk'],
});
const toApplication = (r: ApplicationRow): Application => ({
  id: r.id, name: r.name, kind: r.kind as Application['kind'], administratorId: r.administrator_id, usedBy: JSON.parse(r.used_by) as string[],
});
const toContact = (r: ContactRow): Contact => ({
  id: r.id, organisationId: r.organisation_id, name: r.name, role: r.role, ...(r.phone ? { phone: r.phone } : {}), ...(r.email ? { email: r.email } : {}), ...(r.email_alerts ? { emailAlerts: true } : {}),
});

/** How often a cached directory is checked against the database for changes made elsewhere. */
const CHECK_EVERY_MS = 2000;
/** Changes the moment any row is added, changed (every write stamps updated_at) or removed. */
const FINGERPRINT = ['organisation', 'application', 'contact']
  .map((table) => `(SELECT COUNT(*) || '|' || COALESCE(MAX(updated_at), '') FROM ${table})`).join(` || '/' || `);

/**
 * The directory on the bot's database. Reads are cached; a write through this repository clears the
 * cache, and a change made by another process (`ketenbot directory import`, a second instance) is
 * seen within CHECK_EVERY_MS: the cache is checked against a one-row fingerprint of the tables.
 */
export class TypeOrmDirectoryRepository implements DirectoryRepository {
  private cache: Promise<DirectoryDocument> | undefined;
  private readonly changes: FingerprintCheck;

  constructor(private readonly dataSource: DataSource, now: () => number = Date.now) {
    this.changes = new FingerprintCheck(async () => {
      const rows: Array<{ f: string }> = await this.dataSource.query(`SELECT ${FINGERPRINT} AS f`);
      return String(rows[0]?.f ?? '');
    }, CHECK_EVERY_MS, now);
  }

  async load(): Promise<DirectoryDocument> {
    if (this.cache && (await this.changes.changed())) this.cache = undefined;
    this.cache ??= this.read().catch((error) => { this.cache = undefined; throw error; });
    return this.cache;
  }

  private async read(): Promise<DirectoryDocument> {
    // The fingerprint first: a change landing during the read is seen at the next check.
    const stamp = await this.changes.read();
    const m = this.dataSource.manager;
    const [orgs, apps, contacts] = await Promise.all([
      m.getRepository<OrganisationRow>(OrganisationEntity).find({ order: { id: 'ASC' } }),
      m.getRepository<ApplicationRow>(ApplicationEntity).find({ order: { id: 'ASC' } }),
      m.getRepository<ContactRow>(ContactEntity).find({ order: { id: 'ASC' } }),
    ]);
    this.changes.loaded(stamp);
    return { organisations: orgs.map(toOrganisation), applications: apps.map(toApplication), contacts: contacts.map(toContact) };
  }

  async save(next: DirectoryDocument, audit: AuditEntry[]): Promise<void> {
    const at = new Date().toISOString();
    await this.dataSource.transaction(async (m) => {
      await replaceAll(m, OrganisationEntity, next.organisations.map((o) => ({
        id: o.id, name: o.name, kind: o.kind, region: o.region ?? null, gtk_ids: JSON.stringify(o.gtkServiceProviderIds), desk: JSON.stringify(o.desk), updated_at: at,
      })));
      await replaceAll(m, ApplicationEntity, next.applications.map((a) => ({
        id: a.id, name: a.name, kind: a.kind, administrator_id: a.administratorId, used_by: JSON.stringify(a.usedBy), updated_at: at,
      })));
      await replaceAll(m, ContactEntity, next.contacts.map((c) => contactRow(c, at)));
      await appendAudit(m, audit);
    });
    this.cache = undefined;
  }

  async saveContact(contact: Contact, audit: AuditEntry): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      await m.getRepository<ContactRow>(ContactEntity).save(contactRow(contact, new Date().toISOString()));
      await appendAudit(m, [audit]);
    });
    this.cache = undefined;
  }
}

const contactRow = (c: Contact, at: string): ContactRow => ({
  id: c.id, organisation_id: c.organisationId, name: c.name, role: c.role, phone: c.phone ?? null, email: c.email ?? null, email_alerts: c.emailAlerts === true, updated_at: at,
});

/** Upserts every row and deletes the ones no longer present. */
async function replaceAll<T extends { id: string }>(m: EntityManager, entity: Parameters<EntityManager['getRepository']>[0], rows: T[]): Promise<void> {
  const repo = m.getRepository<T>(entity as never);
  const keep = new Set(rows.map((r) => r.id));
  const existing = (await repo.find({ select: { id: true } as never })) as T[];
  const gone = existing.map((r) => r.id).filter((id) => !keep.has(id));
  if (gone.length) await repo.delete(gone as never);
  // Chunked: SQLite limits the number of bound parameters per statement.
  for (let i = 0; i < rows.length; i += 100) await repo.save(rows.slice(i, i + 100) as never, { reload: false });
}
