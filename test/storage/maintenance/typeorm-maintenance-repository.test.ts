import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../core/domain/audit/audit-entry.ts';
import type { Maintenance } from '../../../core/domain/maintenance/types.ts';
import { TypeOrmIncidentRepository } from '../../../storage/incidents/typeorm-incident-repository.ts';
import { TypeOrmMaintenanceRepository } from '../../../storage/maintenance/typeorm-maintenance-repository.ts';
import { DATABASE_KINDS, databasePerTest, type DatabaseKind, type TestDatabase } from '../../support/databases.ts';

/** The maintenance store (numbered documents "MNT-2026-0007"), on a real SQLite file and the real Postgres server. */

const T0 = '2026-03-02T09:15:00.000Z';

/** A new notice with every optional field left out. */
function draft(description: string, overrides: Partial<Omit<Maintenance, 'id'>> = {}): Omit<Maintenance, 'id'> {
  const createdAt = overrides.createdAt ?? T0;
  return {
    applicationIds: ['app-medicura-epd'],
    startsAt: '2026-03-07T19:00:00.000Z',
    endsAt: '2026-03-07T21:00:00.000Z',
    impact: 'degraded',
    description,
    contact: 'Marja, 030 123 4567',
    status: 'planned',
    administratorIds: ['org-lev-medicura'],
    audienceIds: ['org-lev-medicura', 'org-ziekenhuis-lindendael'],
    createdBy: { id: 'slack:U1', name: 'Marja' },
    timeline: [{ at: createdAt, kind: 'scheduled', actor: { id: 'slack:U1', name: 'Marja' } }],
    createdAt,
    updatedAt: createdAt,
    ...overrides,
  };
}

/** Every field filled, with text that tests the JSON (quotes, accents, newlines, emoji). */
function everyField(): Omit<Maintenance, 'id'> {
  return {
    applicationIds: ['app-zorgadresboek', 'app-identiteitsdienst'],
    startsAt: '2026-03-07T23:00:00.000Z',
    endsAt: '2026-03-08T03:59:59.999Z',
    impact: 'no-exchange',
    description: 'Regel 1: "certificaten" vervangen\nRegel 2 met \\backslash\\, tab\t en é ü ø 🛠️',
    contact: "Jan 'de beheerder' de Vries – +31 6 1234 5678",
    status: 'extended',
    administratorIds: ['org-gv-zorgadresboek'],
    audienceIds: ['org-gv-zorgadresboek', 'org-ziekenhuis-lindendael', 'org-twiin-ketenregie'],
    createdBy: { id: 'teams:00000000-aaaa-bbbb-cccc-000000000001', name: 'Jan de Vries' },
    timeline: [
      { at: T0, kind: 'scheduled', actor: { id: 'teams:00000000-aaaa-bbbb-cccc-000000000001', name: 'Jan de Vries' } },
      { at: '2026-03-06T23:00:00.000Z', kind: 'reminder-24h', actor: { id: 'system', name: 'Ketenbot' } },
      { at: '2026-03-07T23:00:00.000Z', kind: 'started', actor: { id: 'system', name: 'Ketenbot' } },
      { at: '2026-03-08T02:00:00.000Z', kind: 'extended', actor: { id: 'teams:00000000-aaaa-bbbb-cccc-000000000001', name: 'Jan de Vries' }, text: '2026-03-08T03:59:59.999Z' },
    ],
    noticeId: '5f2a3c1e-0000-4000-8000-000000000001',
    createdAt: T0,
    updatedAt: '2026-03-08T02:00:00.000Z',
  };
}

const scheduleAudit = (at = T0) => (id: string): AuditEntry => ({ at, actor: 'slack:U1', action: 'maintenance.schedule', subjectType: 'maintenance', subjectId: id });

describe.each(DATABASE_KINDS)('TypeOrmMaintenanceRepository on %s', (kind: DatabaseKind) => {
  const databases = databasePerTest(kind);

  /** `?` placeholders, numbered ($1, $2, …) for Postgres. */
  const sql = (text: string) => {
    let n = 0;
    return kind === 'postgres' ? text.replace(/\?/g, () => `$${++n}`) : text;
  };

  async function setup() {
    const db = await databases.open();
    const repo = new TypeOrmMaintenanceRepository(db.dataSource);
    const auditRows = async (subjectId: string) =>
      (await db.dataSource.query(sql('SELECT actor, action, subject_type, subject_id, "before", "after" FROM audit_log WHERE subject_id = ? ORDER BY id'), [subjectId])) as Array<{
        actor: string; action: string; subject_type: string; subject_id: string; before: string | null; after: string | null;
      }>;
    const rawRow = async (id: string) =>
      ((await db.dataSource.query(sql('SELECT id, year, number, status, starts_at, ends_at, created_at, updated_at, content FROM maintenance WHERE id = ?'), [id])) as Array<Record<string, unknown>>)[0];
    return { db, repo, auditRows, rawRow };
  }

  async function insertRaw(db: TestDatabase, year: number, number: number, id: string) {
    const m: Maintenance = { id, ...draft(`Handmatig ${number}`) };
    await db.dataSource.query(
      sql('INSERT INTO maintenance (id, year, number, status, starts_at, ends_at, created_at, updated_at, content) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)'),
      [id, year, number, m.status, m.startsAt, m.endsAt, m.createdAt, m.updatedAt, JSON.stringify(m)],
    );
  }

  describe('create', () => {
    it('numbers per year from MNT-<year>-0001, zero-padded; a new year restarts at 0001', async () => {
      const { repo } = await setup();
      const ids: string[] = [];
      for (const [description, year] of [['a', 2026], ['b', 2026], ['c', 2027], ['d', 2026], ['e', 2027], ['f', 2025]] as const) {
        ids.push((await repo.create(draft(description), year, scheduleAudit())).id);
      }
      expect(ids).toEqual(['MNT-2026-0001', 'MNT-2026-0002', 'MNT-2027-0001', 'MNT-2026-0003', 'MNT-2027-0002', 'MNT-2025-0001']);
      expect((await repo.get('MNT-2027-0002'))?.description).toBe('e');
    });

    it('numbering is its own: incidents of the same year do not take maintenance numbers (and the other way round)', async () => {
      const { db, repo } = await setup();
      const incidents = new TypeOrmIncidentRepository(db.dataSource);
      const incident = (title: string) => ({
        title, description: title, applicationIds: [], organisationIds: ['org-vp-de-meander'], impact: 'degraded' as const, startedAt: T0, possibleDataLeak: false,
        status: 'new' as const, layer: 'local' as const, coordinatorId: 'org-vp-de-meander', partnerIds: [], reason: { kind: 'one-provider' as const, provider: 'De Meander' },
        audienceIds: ['org-vp-de-meander'], reporter: { id: 'slack:U1', name: 'Anna', platform: 'slack' as const, userId: 'U1', organisationId: 'org-vp-de-meander' },
        timeline: [], createdAt: T0, updatedAt: T0,
      });
      expect((await incidents.create(incident('x'), 2026, (id) => ({ at: T0, actor: 'a', action: 'incident.file', subjectType: 'incident', subjectId: id }))).id).toBe('INC-2026-0001');
      expect((await repo.create(draft('eerste'), 2026, scheduleAudit())).id).toBe('MNT-2026-0001');
      expect((await incidents.create(incident('y'), 2026, (id) => ({ at: T0, actor: 'a', action: 'incident.file', subjectType: 'incident', subjectId: id }))).id).toBe('INC-2026-0002');
      expect((await repo.create(draft('tweede'), 2026, scheduleAudit())).id).toBe('MNT-2026-0002');
      expect(await repo.get('INC-2026-0001')).toBeUndefined();
    });

    it('returns the stored notice with its id, and stores the window and status as columns', async () => {
      const { repo, rawRow } = await setup();
      const input = draft('kolommen');
      const created = await repo.create(input, 2026, scheduleAudit());
      expect(created).toEqual({ id: 'MNT-2026-0001', ...input });
      expect(await repo.get(created.id)).toEqual(created);
      const row = await rawRow(created.id);
      expect(row).toMatchObject({ id: 'MNT-2026-0001', status: 'planned', starts_at: input.startsAt, ends_at: input.endsAt, created_at: T0, updated_at: T0 });
      expect(Number(row?.year)).toBe(2026);
      expect(Number(row?.number)).toBe(1);
      expect(JSON.parse(String(row?.content))).toEqual(created);
    });

    it('writes the audit entry with the new id, in the same transaction', async () => {
      const { repo, auditRows } = await setup();
      const created = await repo.create(draft('audit'), 2026, (id) => ({ at: T0, actor: 'slack:U1', action: 'maintenance.schedule', subjectType: 'maintenance', subjectId: id, after: { applicationIds: ['app-medicura-epd'] } }));
      const rows = await auditRows(created.id);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ actor: 'slack:U1', action: 'maintenance.schedule', subject_type: 'maintenance', subject_id: 'MNT-2026-0001', before: null });
      expect(JSON.parse(rows[0]!.after!)).toEqual({ applicationIds: ['app-medicura-epd'] });
    });

    it('numbers below 1000 are padded to four digits; after 9999 comes the five-digit 10000', async () => {
      const { db, repo } = await setup();
      await insertRaw(db, 2026, 41, 'MNT-2026-0041');
      expect((await repo.create(draft('42'), 2026, scheduleAudit())).id).toBe('MNT-2026-0042');
      await insertRaw(db, 2026, 9999, 'MNT-2026-9999');
      expect((await repo.create(draft('tienduizendste'), 2026, scheduleAudit())).id).toBe('MNT-2026-10000');
      expect((await repo.get('MNT-2026-10000'))?.description).toBe('tienduizendste');
      expect((await repo.create(draft('ander jaar'), 2027, scheduleAudit())).id).toBe('MNT-2027-0001');
    });

    it('five creations at once get five distinct, consecutive numbers, each with its own content and audit row', async () => {
      const { db, repo, auditRows } = await setup();
      await repo.create(draft('vooraf'), 2026, scheduleAudit());
      const created = await Promise.all(['p', 'q', 'r', 's', 't'].map((d) => repo.create(draft(d), 2026, scheduleAudit())));
      const ids = created.map((c) => c.id);
      expect([...ids].sort()).toEqual(['MNT-2026-0002', 'MNT-2026-0003', 'MNT-2026-0004', 'MNT-2026-0005', 'MNT-2026-0006']);
      for (const c of created) {
        expect((await repo.get(c.id))?.description).toBe(c.description);
        expect(await auditRows(c.id)).toHaveLength(1);
      }
      const count = (await db.dataSource.query('SELECT COUNT(*) AS n FROM maintenance')) as Array<{ n: number | string }>;
      expect(Number(count[0]?.n)).toBe(6);
    });
  });

  describe('get', () => {
    it('an unknown id is undefined', async () => {
      const { repo } = await setup();
      await repo.create(draft('a'), 2026, scheduleAudit());
      expect(await repo.get('MNT-2026-0002')).toBeUndefined();
      expect(await repo.get('niets')).toBeUndefined();
    });

    it('every field round-trips through the JSON content exactly', async () => {
      const { repo } = await setup();
      const input = everyField();
      const created = await repo.create(input, 2026, scheduleAudit());
      const read = await repo.get(created.id);
      expect(read).toEqual({ id: 'MNT-2026-0001', ...input });
      expect(Object.keys(read!).sort()).toEqual(['id', ...Object.keys(input)].sort());
      expect(read?.description).toBe(input.description);
      expect(read?.contact).toBe(input.contact);
      expect(read?.timeline[3]).toEqual(input.timeline[3]);
    });

    it('a minimal notice comes back without noticeId', async () => {
      const { repo } = await setup();
      const created = await repo.create(draft('minimaal'), 2026, scheduleAudit());
      expect(await repo.get(created.id)).not.toHaveProperty('noticeId');
    });
  });

  describe('list', () => {
    async function seed(repo: TypeOrmMaintenanceRepository) {
      const make = async (description: string, createdAt: string, status: Maintenance['status']) =>
        (await repo.create(draft(description, { createdAt, updatedAt: createdAt, status }), Number(createdAt.slice(0, 4)), scheduleAudit(createdAt))).id;
      // Created out of order, so the ordering by created_at is tested.
      return {
        march: await make('maart', '2026-03-10T10:00:00.000Z', 'running'),
        jan: await make('januari', '2026-01-15T10:00:00.000Z', 'planned'),
        feb: await make('februari', '2026-02-01T00:00:00.000Z', 'extended'),
        done: await make('afgerond', '2026-02-20T12:00:00.000Z', 'done'),
        cancelled: await make('geannuleerd', '2026-02-21T12:00:00.000Z', 'cancelled'),
        lastYear: await make('vorig jaar', '2025-12-31T23:00:00.000Z', 'planned'),
      };
    }

    it('without a filter: everything, oldest first', async () => {
      const { repo } = await setup();
      await seed(repo);
      expect((await repo.list({})).map((m) => m.description)).toEqual(['vorig jaar', 'januari', 'februari', 'afgerond', 'geannuleerd', 'maart']);
    });

    it('by statuses (the clock asks for planned, running and extended)', async () => {
      const { repo } = await setup();
      await seed(repo);
      expect((await repo.list({ statuses: ['planned', 'running', 'extended'] })).map((m) => m.description)).toEqual(['vorig jaar', 'januari', 'februari', 'maart']);
      expect((await repo.list({ statuses: ['done', 'cancelled'] })).map((m) => m.description)).toEqual(['afgerond', 'geannuleerd']);
      expect(await repo.list({ statuses: [] })).toEqual([]);
    });

    it('by created range: from inclusive, to exclusive; with statuses', async () => {
      const { repo } = await setup();
      const ids = await seed(repo);
      expect((await repo.list({ createdFrom: '2026-02-01T00:00:00.000Z', createdTo: '2026-03-01T00:00:00.000Z' })).map((m) => m.description)).toEqual(['februari', 'afgerond', 'geannuleerd']);
      expect((await repo.list({ createdTo: '2026-01-15T10:00:00.000Z' })).map((m) => m.description)).toEqual(['vorig jaar']);
      const found = await repo.list({ statuses: ['planned'], createdFrom: '2026-01-01T00:00:00.000Z' });
      expect(found.map((m) => m.id)).toEqual([ids.jan]);
      expect(found[0]).toEqual(await repo.get(ids.jan));
    });
  });

  describe('update', () => {
    it('with the right expectedUpdatedAt: saved (content, status and window columns) and audit-logged', async () => {
      const { repo, auditRows, rawRow } = await setup();
      const created = await repo.create(draft('bijwerken'), 2026, scheduleAudit());
      const at = '2026-03-07T20:30:00.000Z';
      const next: Maintenance = {
        ...created, status: 'extended', endsAt: '2026-03-07T22:00:00.000Z', updatedAt: at,
        timeline: [...created.timeline, { at, kind: 'extended', actor: { id: 'slack:U1', name: 'Marja' }, text: '2026-03-07T22:00:00.000Z' }],
      };
      const audit: AuditEntry = { at, actor: 'slack:U1', action: 'maintenance.extended', subjectType: 'maintenance', subjectId: created.id, before: { status: 'running' }, after: { status: 'extended' } };
      expect(await repo.update(next, T0, audit)).toBe(true);
      expect(await repo.get(created.id)).toEqual(next);
      expect(await rawRow(created.id)).toMatchObject({ status: 'extended', ends_at: '2026-03-07T22:00:00.000Z', starts_at: created.startsAt, updated_at: at, created_at: T0 });
      const rows = await auditRows(created.id);
      expect(rows.map((r) => r.action)).toEqual(['maintenance.schedule', 'maintenance.extended']);
      expect(JSON.parse(rows[1]!.before!)).toEqual({ status: 'running' });
      expect(JSON.parse(rows[1]!.after!)).toEqual({ status: 'extended' });
      // The list follows the status column.
      expect(await repo.list({ statuses: ['planned'] })).toEqual([]);
      expect((await repo.list({ statuses: ['extended'] })).map((m) => m.id)).toEqual([created.id]);
    });

    it('with a stale expectedUpdatedAt: false, nothing changed, no audit row', async () => {
      const { repo, auditRows, rawRow } = await setup();
      const created = await repo.create(draft('conflict'), 2026, scheduleAudit());
      const first = { ...created, status: 'running' as const, updatedAt: '2026-03-07T19:00:00.000Z' };
      expect(await repo.update(first, created.updatedAt, { at: first.updatedAt, actor: 'system', action: 'maintenance.started', subjectType: 'maintenance', subjectId: created.id })).toBe(true);
      const before = await rawRow(created.id);
      // A second writer that read the notice before the first change.
      const second = { ...created, status: 'cancelled' as const, updatedAt: '2026-03-07T19:00:01.000Z' };
      expect(await repo.update(second, created.updatedAt, { at: second.updatedAt, actor: 'slack:U1', action: 'maintenance.cancelled', subjectType: 'maintenance', subjectId: created.id })).toBe(false);
      expect(await repo.get(created.id)).toEqual(first);
      expect(await rawRow(created.id)).toEqual(before);
      expect((await auditRows(created.id)).map((r) => r.action)).toEqual(['maintenance.schedule', 'maintenance.started']);
    });

    it('an unknown notice: false and no audit row', async () => {
      const { repo, auditRows } = await setup();
      const ghost: Maintenance = { id: 'MNT-2026-0404', ...draft('spook') };
      expect(await repo.update(ghost, T0, { at: T0, actor: 'x', action: 'maintenance.edited', subjectType: 'maintenance', subjectId: ghost.id })).toBe(false);
      expect(await repo.get(ghost.id)).toBeUndefined();
      expect(await auditRows(ghost.id)).toEqual([]);
    });

    it('three updates racing from the same version: exactly one wins', async () => {
      const { repo, auditRows } = await setup();
      const created = await repo.create(draft('race'), 2026, scheduleAudit());
      const results = await Promise.all(['a', 'b', 'c'].map((who, i) => {
        const at = `2026-03-02T10:00:0${i}.000Z`;
        return repo.update({ ...created, contact: who, updatedAt: at }, created.updatedAt, { at, actor: who, action: 'maintenance.edited', subjectType: 'maintenance', subjectId: created.id });
      }));
      expect(results.filter(Boolean)).toHaveLength(1);
      const winner = ['a', 'b', 'c'][results.indexOf(true)]!;
      expect((await repo.get(created.id))?.contact).toBe(winner);
      expect((await auditRows(created.id)).map((r) => r.actor)).toEqual(['slack:U1', winner]);
    });

    it('every field round-trips through an update too', async () => {
      const { repo } = await setup();
      const created = await repo.create(draft('later vol'), 2026, scheduleAudit());
      const full: Maintenance = { ...everyField(), id: created.id };
      expect(await repo.update(full, created.updatedAt, { at: full.updatedAt, actor: 'x', action: 'maintenance.edited', subjectType: 'maintenance', subjectId: created.id })).toBe(true);
      expect(await repo.get(created.id)).toEqual(full);
    });
  });

  describe('a recent copy of a status list (maxAgeMs: the known issues asked on every chat turn)', () => {
    it('is kept for maxAgeMs against other processes\' changes, and read again at once after a change made through this repository', async () => {
      const { db, repo } = await setup();
      const elsewhere = new TypeOrmMaintenanceRepository(db.dataSource); // the CLI or another instance
      const open = { statuses: ['planned', 'running', 'extended'] as Maintenance['status'][], maxAgeMs: 300 };
      const ids = async () => (await repo.list(open)).map((m) => m.id);
      expect(await ids()).toEqual([]);
      const first = await elsewhere.create(draft('elders'), 2026, scheduleAudit());
      expect(await ids()).toEqual([]); // the copy of a moment ago
      expect((await repo.list({ statuses: open.statuses })).map((m) => m.id)).toEqual([first.id]); // without maxAgeMs: always read
      await new Promise((r) => setTimeout(r, 350));
      expect(await ids()).toEqual([first.id]);
      const second = await repo.create(draft('hier'), 2026, scheduleAudit());
      expect(await ids()).toEqual([first.id, second.id]); // its own change: at once
      const moved = { ...second, status: 'cancelled' as const, updatedAt: '2026-03-02T10:00:00.000Z' };
      expect(await repo.update(moved, second.updatedAt, { at: moved.updatedAt, actor: 'x', action: 'maintenance.cancel', subjectType: 'maintenance', subjectId: second.id })).toBe(true);
      expect(await ids()).toEqual([first.id]);
    });
  });
});
