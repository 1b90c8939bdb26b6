import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../core/domain/audit/audit-entry.ts';
import type { Release } from '../../../core/domain/releases/types.ts';
import { TypeOrmReleaseRepository } from '../../../storage/releases/typeorm-release-repository.ts';
import { DATABASE_KINDS, databasePerTest, type DatabaseKind } from '../../support/databases.ts';

/** The release store (issue 8 point 5, the version history), on a real SQLite file and the real Postgres server. */

const T0 = '2026-03-02T09:15:00.000Z';

/** A new release with every optional field left out. */
function draft(version: string, overrides: Partial<Omit<Release, 'id'>> = {}): Omit<Release, 'id'> {
  const createdAt = overrides.createdAt ?? T0;
  return {
    applicationId: 'app-medicura-epd',
    version,
    changes: `Versie ${version}: nieuwe overdrachtsberichten`,
    forWhom: '',
    releasedAt: createdAt,
    audienceIds: ['org-lev-medicura', 'org-ziekenhuis-lindendael'],
    status: 'announced',
    createdBy: { id: 'slack:UMARJA', name: 'Marja Medicura' },
    createdAt,
    updatedAt: createdAt,
    ...overrides,
  };
}

const announceAudit = (at = T0) => (id: string): AuditEntry => ({ at, actor: 'slack:UMARJA', action: 'release.announce', subjectType: 'release', subjectId: id, after: { version: 'x' } });

describe.each(DATABASE_KINDS)('TypeOrmReleaseRepository on %s', (kind: DatabaseKind) => {
  const databases = databasePerTest(kind);

  /** `?` placeholders, numbered ($1, $2, …) for Postgres. */
  const sql = (text: string) => {
    let n = 0;
    return kind === 'postgres' ? text.replace(/\?/g, () => `$${++n}`) : text;
  };

  async function setup() {
    const db = await databases.open();
    const repo = new TypeOrmReleaseRepository(db.dataSource);
    const auditRows = async (subjectId: string) =>
      (await db.dataSource.query(sql('SELECT actor, action, subject_type, subject_id, "after" FROM audit_log WHERE subject_id = ? ORDER BY id'), [subjectId])) as Array<{
        actor: string; action: string; subject_type: string; subject_id: string; after: string | null;
      }>;
    const rawRow = async (id: string) =>
      ((await db.dataSource.query(sql('SELECT id, year, number, status, application_id, created_at, updated_at, content FROM release WHERE id = ?'), [id])) as Array<Record<string, unknown>>)[0];
    return { db, repo, auditRows, rawRow };
  }

  describe('create', () => {
    it('numbers per year from REL-<year>-0001, zero-padded; a new year restarts at 0001', async () => {
      const { repo } = await setup();
      const ids: string[] = [];
      for (const [version, year] of [['1.0', 2026], ['1.1', 2026], ['2.0', 2027], ['1.2', 2026], ['2.1', 2027], ['0.9', 2025]] as const) {
        ids.push((await repo.create(draft(version), year, announceAudit())).id);
      }
      expect(ids).toEqual(['REL-2026-0001', 'REL-2026-0002', 'REL-2027-0001', 'REL-2026-0003', 'REL-2027-0002', 'REL-2025-0001']);
      expect((await repo.get('REL-2027-0002'))?.version).toBe('2.1');
    });

    it('stores the columns (application_id, status, year, number) and the whole release as JSON', async () => {
      const { repo, rawRow } = await setup();
      const input = draft('5.1.0', { applicationId: 'app-panorama-viewer' });
      const created = await repo.create(input, 2026, announceAudit());
      expect(created).toEqual({ id: 'REL-2026-0001', ...input });
      const row = await rawRow(created.id);
      expect(row).toMatchObject({ id: 'REL-2026-0001', status: 'announced', application_id: 'app-panorama-viewer', created_at: T0, updated_at: T0 });
      expect(Number(row?.year)).toBe(2026);
      expect(Number(row?.number)).toBe(1);
      expect(JSON.parse(String(row?.content))).toEqual(created);
    });

    it('writes the audit entry with the new id, in the same transaction', async () => {
      const { repo, auditRows } = await setup();
      const created = await repo.create(draft('5.0'), 2026, announceAudit());
      const rows = await auditRows(created.id);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ actor: 'slack:UMARJA', action: 'release.announce', subject_type: 'release', subject_id: 'REL-2026-0001' });
      expect(JSON.parse(rows[0]!.after!)).toEqual({ version: 'x' });
    });

    it('five announcements at once get five distinct, consecutive numbers', async () => {
      const { repo } = await setup();
      const created = await Promise.all(['a', 'b', 'c', 'd', 'e'].map((v) => repo.create(draft(v), 2026, announceAudit())));
      expect(created.map((c) => c.id).sort()).toEqual(['REL-2026-0001', 'REL-2026-0002', 'REL-2026-0003', 'REL-2026-0004', 'REL-2026-0005']);
      for (const c of created) expect((await repo.get(c.id))?.version).toBe(c.version);
    });
  });

  describe('get', () => {
    it('every field round-trips (quotes, accents, newlines); optional fields stay absent when left out', async () => {
      const { repo } = await setup();
      const full = draft('v4.2.1-rc.3', {
        changes: 'Regel 1\nRegel 2 met "quotes", \\backslash\\, é ü ø 💥',
        forWhom: 'Verloskundigen en kraamzorg',
        releasedAt: '2026-03-07T19:00:00.000Z',
        maintenanceId: 'MNT-2026-0003',
        noticeId: '5f2a3c1e-0000-4000-8000-000000000001',
      });
      const a = await repo.create(full, 2026, announceAudit());
      expect(await repo.get(a.id)).toEqual({ id: a.id, ...full });
      const b = await repo.create(draft('minimaal'), 2026, announceAudit());
      const read = await repo.get(b.id);
      expect(read).not.toHaveProperty('maintenanceId');
      expect(read).not.toHaveProperty('noticeId');
      expect(await repo.get('REL-2026-0404')).toBeUndefined();
      expect(await repo.get('nothing')).toBeUndefined();
    });
  });

  describe('list', () => {
    async function seed(repo: TypeOrmReleaseRepository) {
      const make = (version: string, createdAt: string) => repo.create(draft(version, { createdAt, updatedAt: createdAt }), Number(createdAt.slice(0, 4)), announceAudit(createdAt));
      // Created out of order, so the ordering by created_at is tested.
      await make('maart', '2026-03-10T10:00:00.000Z');
      await make('januari', '2026-01-15T10:00:00.000Z');
      await make('februari', '2026-02-01T00:00:00.000Z');
      await make('vorig jaar', '2025-12-31T23:00:00.000Z');
    }

    it('without a filter: everything, oldest first', async () => {
      const { repo } = await setup();
      await seed(repo);
      expect((await repo.list({})).map((r) => r.version)).toEqual(['vorig jaar', 'januari', 'februari', 'maart']);
    });

    it('createdFrom (inclusive) and createdTo (exclusive)', async () => {
      const { repo } = await setup();
      await seed(repo);
      expect((await repo.list({ createdFrom: '2026-01-15T10:00:00.000Z' })).map((r) => r.version)).toEqual(['januari', 'februari', 'maart']);
      expect((await repo.list({ createdTo: '2026-02-01T00:00:00.000Z' })).map((r) => r.version)).toEqual(['vorig jaar', 'januari']);
      expect((await repo.list({ createdFrom: '2026-01-01T00:00:00.000Z', createdTo: '2026-03-01T00:00:00.000Z' })).map((r) => r.version)).toEqual(['januari', 'februari']);
    });

    it('an empty store: an empty list', async () => {
      const { repo } = await setup();
      expect(await repo.list({})).toEqual([]);
    });
  });

  describe('update', () => {
    it('with the expected updatedAt: stored, columns follow, audit row appended', async () => {
      const { repo, auditRows, rawRow } = await setup();
      const created = await repo.create(draft('5.0'), 2026, announceAudit());
      const at = '2026-03-02T09:15:00.001Z';
      const next: Release = { ...created, noticeId: 'notice-1', applicationId: 'app-medicura-jgz', updatedAt: at };
      expect(await repo.update(next, created.updatedAt, { at, actor: 'system', action: 'release.posted', subjectType: 'release', subjectId: created.id, after: { noticeId: 'notice-1' } })).toBe(true);
      expect(await repo.get(created.id)).toEqual(next);
      expect(await rawRow(created.id)).toMatchObject({ application_id: 'app-medicura-jgz', updated_at: at, created_at: T0 });
      expect((await auditRows(created.id)).map((r) => r.action)).toEqual(['release.announce', 'release.posted']);
    });

    it('with a stale expectedUpdatedAt: false, nothing changed, no audit row', async () => {
      const { repo, auditRows } = await setup();
      const created = await repo.create(draft('5.0'), 2026, announceAudit());
      const first = { ...created, noticeId: 'n-1', updatedAt: '2026-03-02T10:00:00.000Z' };
      expect(await repo.update(first, created.updatedAt, { at: first.updatedAt, actor: 'a', action: 'release.posted', subjectType: 'release', subjectId: created.id })).toBe(true);
      const second = { ...created, noticeId: 'n-2', updatedAt: '2026-03-02T10:00:01.000Z' };
      expect(await repo.update(second, created.updatedAt, { at: second.updatedAt, actor: 'b', action: 'release.posted', subjectType: 'release', subjectId: created.id })).toBe(false);
      expect(await repo.get(created.id)).toEqual(first);
      expect((await auditRows(created.id)).map((r) => r.actor)).toEqual(['slack:UMARJA', 'a']);
    });

    it('an unknown release: false and no audit row', async () => {
      const { repo, auditRows } = await setup();
      const ghost: Release = { id: 'REL-2026-0404', ...draft('spook') };
      expect(await repo.update(ghost, T0, { at: T0, actor: 'x', action: 'release.posted', subjectType: 'release', subjectId: ghost.id })).toBe(false);
      expect(await repo.get(ghost.id)).toBeUndefined();
      expect(await auditRows(ghost.id)).toEqual([]);
    });
  });
});
