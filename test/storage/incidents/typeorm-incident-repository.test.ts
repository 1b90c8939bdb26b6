import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../core/domain/audit/audit-entry.ts';
import type { Incident } from '../../../core/domain/incidents/types.ts';
import { TypeOrmIncidentRepository } from '../../../storage/incidents/typeorm-incident-repository.ts';
import { DATABASE_KINDS, databasePerTest, type DatabaseKind, type TestDatabase } from '../../support/databases.ts';

/** The incident store, on a real SQLite file and the real Postgres server. */

const T0 = '2026-03-02T09:15:00.000Z';

/** A new incident with every optional field left out. */
function draft(title: string, overrides: Partial<Omit<Incident, 'id'>> = {}): Omit<Incident, 'id'> {
  const createdAt = overrides.createdAt ?? T0;
  return {
    title,
    description: `${title}: berichten komen niet aan`,
    applicationIds: ['app-rivierennet'],
    organisationIds: ['org-vp-de-meander', 'org-vp-waaloever'],
    impact: 'degraded',
    startedAt: '2026-03-02T08:00:00.000Z',
    possibleDataLeak: false,
    status: 'new',
    layer: 'gtk',
    coordinatorId: 'org-gtk-rivierennet',
    partnerIds: [],
    reason: { kind: 'one-gtk', providers: 2, gtk: 'RivierenNet' },
    audienceIds: ['org-gtk-rivierennet'],
    reporter: { id: 'slack:U1', name: 'Anna', platform: 'slack', userId: 'U1', organisationId: 'org-vp-de-meander' },
    timeline: [{ at: createdAt, kind: 'filed', actor: { id: 'slack:U1', name: 'Anna' } }],
    createdAt,
    updatedAt: createdAt,
    ...overrides,
  };
}

/** Every field of an incident filled, with text that tests the JSON (quotes, accents, newlines, emoji). */
function everyField(): Omit<Incident, 'id'> {
  return {
    title: 'Geen "ontvangstbevestiging" bij overdracht – Zorgadresboek',
    description: 'Regel 1\nRegel 2 met \\backslash\\, tab\t en é ü ø 💥',
    applicationIds: ['app-zorgadresboek', 'app-identiteitsdienst'],
    organisationIds: ['org-ziekenhuis-lindendael', 'org-ziekenhuis-duinzicht'],
    impact: 'no-exchange',
    startedAt: '2026-03-01T23:59:59.999Z',
    possibleDataLeak: true,
    sinceVersion: 'v4.2.1-rc.3',
    status: 'resolved',
    layer: 'common-facility',
    coordinatorId: 'org-twiin-ketenregie',
    partnerIds: ['org-gv-zorgadresboek'],
    reason: { kind: 'common-facility', facilities: ['Zorgadresboek', 'Identiteitsdienst (UZI-aanmelding)'], coordinator: 'Twiin ketenregie' },
    audienceIds: ['org-ziekenhuis-lindendael', 'org-lev-medicura', 'org-rso-rivierenland'],
    reporter: { id: 'teams:00000000-aaaa-bbbb-cccc-000000000001', name: 'Jan de Vries', platform: 'teams', userId: '00000000-aaaa-bbbb-cccc-000000000001', organisationId: 'org-ziekenhuis-lindendael' },
    owner: { id: 'local:u-7', name: 'Beheerder Zeven' },
    resolution: 'Certificaat vernieuwd; "wachtrij" leeggemaakt',
    timeline: [
      { at: T0, kind: 'filed', actor: { id: 'teams:00000000-aaaa-bbbb-cccc-000000000001', name: 'Jan de Vries' } },
      { at: '2026-03-02T09:20:00.000Z', kind: 'taken', actor: { id: 'local:u-7', name: 'Beheerder Zeven' } },
      { at: '2026-03-02T09:25:00.000Z', kind: 'update', actor: { id: 'local:u-7', name: 'Beheerder Zeven' }, text: 'We kijken ernaar' },
      { at: '2026-03-02T10:00:00.000Z', kind: 'reminded', actor: { id: 'system', name: 'Ketenbot' } },
      { at: '2026-03-02T11:00:00.000Z', kind: 'resolved', actor: { id: 'local:u-7', name: 'Beheerder Zeven' }, text: 'Opgelost' },
    ],
    noticeId: '5f2a3c1e-0000-4000-8000-000000000001',
    createdAt: T0,
    updatedAt: '2026-03-02T11:00:00.000Z',
    takenAt: '2026-03-02T09:20:00.000Z',
    resolvedAt: '2026-03-02T11:00:00.000Z',
    closedAt: '2026-03-05T11:00:00.000Z',
    remindedAt: '2026-03-02T10:00:00.000Z',
    escalationOfferedAt: '2026-03-02T10:30:00.000Z',
  };
}

const fileAudit = (at = T0) => (id: string): AuditEntry => ({ at, actor: 'slack:U1', action: 'incident.file', subjectType: 'incident', subjectId: id });

describe.each(DATABASE_KINDS)('TypeOrmIncidentRepository on %s', (kind: DatabaseKind) => {
  const databases = databasePerTest(kind);

  // SQLite has one connection: transactions wait for each other (storage/data-source.ts).
  const concurrent = it;

  /** `?` placeholders, numbered ($1, $2, …) for Postgres. */
  const sql = (text: string) => {
    let n = 0;
    return kind === 'postgres' ? text.replace(/\?/g, () => `$${++n}`) : text;
  };

  async function setup() {
    const db = await databases.open();
    const repo = new TypeOrmIncidentRepository(db.dataSource);
    const auditRows = async (subjectId: string) =>
      (await db.dataSource.query(sql('SELECT actor, action, subject_type, subject_id, "before", "after" FROM audit_log WHERE subject_id = ? ORDER BY id'), [subjectId])) as Array<{
        actor: string; action: string; subject_type: string; subject_id: string; before: string | null; after: string | null;
      }>;
    const rawRow = async (id: string) =>
      ((await db.dataSource.query(sql('SELECT id, year, number, status, layer, coordinator_id, created_at, updated_at, content FROM incident WHERE id = ?'), [id])) as Array<Record<string, unknown>>)[0];
    return { db, repo, auditRows, rawRow };
  }

  async function insertRaw(db: TestDatabase, year: number, number: number, id: string) {
    const incident: Incident = { id, ...draft(`Handmatig ${number}`) };
    await db.dataSource.query(
      sql('INSERT INTO incident (id, year, number, status, layer, coordinator_id, created_at, updated_at, content) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)'),
      [id, year, number, incident.status, incident.layer, incident.coordinatorId, incident.createdAt, incident.updatedAt, JSON.stringify(incident)],
    );
  }

  describe('create', () => {
    it('numbers per year from INC-<year>-0001, zero-padded; a new year restarts at 0001', async () => {
      const { repo } = await setup();
      const ids: string[] = [];
      for (const [title, year] of [['a', 2026], ['b', 2026], ['c', 2027], ['d', 2026], ['e', 2027], ['f', 2025]] as const) {
        ids.push((await repo.create(draft(title), year, fileAudit())).id);
      }
      expect(ids).toEqual(['INC-2026-0001', 'INC-2026-0002', 'INC-2027-0001', 'INC-2026-0003', 'INC-2027-0002', 'INC-2025-0001']);
      expect((await repo.get('INC-2027-0002'))?.title).toBe('e');
    });

    it('returns the stored incident with its id, and stores the columns lists select on', async () => {
      const { repo, rawRow } = await setup();
      const input = draft('kolommen');
      const created = await repo.create(input, 2026, fileAudit());
      expect(created).toEqual({ id: 'INC-2026-0001', ...input });
      expect(await repo.get(created.id)).toEqual(created);
      const row = await rawRow(created.id);
      expect(row).toMatchObject({ id: 'INC-2026-0001', status: 'new', layer: 'gtk', coordinator_id: 'org-gtk-rivierennet', created_at: T0, updated_at: T0 });
      expect(Number(row?.year)).toBe(2026);
      expect(Number(row?.number)).toBe(1);
      expect(JSON.parse(String(row?.content))).toEqual(created);
    });

    it('writes the audit entry with the new id, in the same transaction', async () => {
      const { repo, auditRows } = await setup();
      const created = await repo.create(draft('audit'), 2026, (id) => ({ at: T0, actor: 'slack:U1', action: 'incident.file', subjectType: 'incident', subjectId: id, after: { layer: 'gtk' } }));
      const rows = await auditRows(created.id);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ actor: 'slack:U1', action: 'incident.file', subject_type: 'incident', subject_id: 'INC-2026-0001', before: null });
      expect(JSON.parse(rows[0]!.after!)).toEqual({ layer: 'gtk' });
    });

    it('after number 9999 comes INC-<year>-10000 (five digits, not cut off)', async () => {
      const { db, repo, rawRow } = await setup();
      expect((await repo.create(draft('eerste'), 2026, fileAudit())).id).toBe('INC-2026-0001');
      await insertRaw(db, 2026, 9999, 'INC-2026-9999');
      const next = await repo.create(draft('tienduizendste'), 2026, fileAudit());
      expect(next.id).toBe('INC-2026-10000');
      expect(Number((await rawRow('INC-2026-10000'))?.number)).toBe(10000);
      expect((await repo.get('INC-2026-10000'))?.title).toBe('tienduizendste');
      expect((await repo.create(draft('daarna'), 2026, fileAudit())).id).toBe('INC-2026-10001');
      // Other years are not affected.
      expect((await repo.create(draft('ander jaar'), 2027, fileAudit())).id).toBe('INC-2027-0001');
    });

    it('numbers below 1000 are padded to four digits', async () => {
      const { db, repo } = await setup();
      await insertRaw(db, 2026, 41, 'INC-2026-0041');
      expect((await repo.create(draft('42'), 2026, fileAudit())).id).toBe('INC-2026-0042');
      await insertRaw(db, 2026, 998, 'INC-2026-0998');
      expect((await repo.create(draft('999'), 2026, fileAudit())).id).toBe('INC-2026-0999');
      expect((await repo.create(draft('1000'), 2026, fileAudit())).id).toBe('INC-2026-1000');
    });

    concurrent('five filings at once get five distinct, consecutive numbers, each stored with its own content and audit row', async () => {
      const { db, repo, auditRows } = await setup();
      await repo.create(draft('vooraf'), 2026, fileAudit());
      const titles = ['p', 'q', 'r', 's', 't'];
      const created = await Promise.all(titles.map((t) => repo.create(draft(t), 2026, fileAudit())));
      const ids = created.map((c) => c.id);
      expect(new Set(ids).size).toBe(5);
      expect([...ids].sort()).toEqual(['INC-2026-0002', 'INC-2026-0003', 'INC-2026-0004', 'INC-2026-0005', 'INC-2026-0006']);
      for (const c of created) {
        expect((await repo.get(c.id))?.title).toBe(c.title);
        expect(await auditRows(c.id)).toHaveLength(1);
      }
      const count = (await db.dataSource.query('SELECT COUNT(*) AS n FROM incident')) as Array<{ n: number | string }>;
      expect(Number(count[0]?.n)).toBe(6);
    });
  });

  describe('get', () => {
    it('an unknown id is undefined', async () => {
      const { repo } = await setup();
      await repo.create(draft('a'), 2026, fileAudit());
      expect(await repo.get('INC-2026-0002')).toBeUndefined();
      expect(await repo.get('nothing')).toBeUndefined();
    });

    it('every field round-trips through the JSON content exactly', async () => {
      const { repo } = await setup();
      const input = everyField();
      const created = await repo.create(input, 2026, fileAudit());
      const read = await repo.get(created.id);
      expect(read).toEqual({ id: 'INC-2026-0001', ...input });
      // No field is added or lost (toEqual ignores undefined; compare the keys too).
      expect(Object.keys(read!).sort()).toEqual(['id', ...Object.keys(input)].sort());
      expect(read?.description).toBe('Regel 1\nRegel 2 met \\backslash\\, tab\t en é ü ø 💥');
      expect(read?.timeline[2]).toEqual({ at: '2026-03-02T09:25:00.000Z', kind: 'update', actor: { id: 'local:u-7', name: 'Beheerder Zeven' }, text: 'We kijken ernaar' });
    });

    it('a minimal incident comes back without optional fields', async () => {
      const { repo } = await setup();
      const created = await repo.create(draft('minimaal'), 2026, fileAudit());
      const read = await repo.get(created.id);
      for (const key of ['sinceVersion', 'owner', 'resolution', 'noticeId', 'takenAt', 'resolvedAt', 'closedAt', 'remindedAt', 'escalationOfferedAt']) {
        expect(read).not.toHaveProperty(key);
      }
    });
  });

  describe('list', () => {
    async function seed(repo: TypeOrmIncidentRepository) {
      const make = async (title: string, createdAt: string, status: Incident['status']) => {
        const c = await repo.create(draft(title, { createdAt, updatedAt: createdAt, status }), Number(createdAt.slice(0, 4)), fileAudit(createdAt));
        return c.id;
      };
      // Created out of order, so the ordering by created_at is tested.
      return {
        march: await make('maart', '2026-03-10T10:00:00.000Z', 'in-progress'),
        jan: await make('januari', '2026-01-15T10:00:00.000Z', 'new'),
        feb: await make('februari', '2026-02-01T00:00:00.000Z', 'resolved'),
        closed: await make('gesloten', '2026-02-20T12:00:00.000Z', 'closed'),
        lastYear: await make('vorig jaar', '2025-12-31T23:00:00.000Z', 'new'),
      };
    }

    it('without a filter: everything, oldest first', async () => {
      const { repo } = await setup();
      await seed(repo);
      expect((await repo.list({})).map((i) => i.title)).toEqual(['vorig jaar', 'januari', 'februari', 'gesloten', 'maart']);
    });

    it('by statuses', async () => {
      const { repo } = await setup();
      await seed(repo);
      expect((await repo.list({ statuses: ['new'] })).map((i) => i.title)).toEqual(['vorig jaar', 'januari']);
      expect((await repo.list({ statuses: ['new', 'in-progress', 'resolved'] })).map((i) => i.title)).toEqual(['vorig jaar', 'januari', 'februari', 'maart']);
      expect((await repo.list({ statuses: ['closed'] })).map((i) => i.title)).toEqual(['gesloten']);
      expect(await repo.list({ statuses: [] })).toEqual([]);
    });

    it('by created range: from inclusive, to exclusive', async () => {
      const { repo } = await setup();
      await seed(repo);
      expect((await repo.list({ createdFrom: '2026-01-01T00:00:00.000Z' })).map((i) => i.title)).toEqual(['januari', 'februari', 'gesloten', 'maart']);
      expect((await repo.list({ createdTo: '2026-02-01T00:00:00.000Z' })).map((i) => i.title)).toEqual(['vorig jaar', 'januari']);
      expect((await repo.list({ createdFrom: '2026-02-01T00:00:00.000Z', createdTo: '2026-03-01T00:00:00.000Z' })).map((i) => i.title)).toEqual(['februari', 'gesloten']);
      expect(await repo.list({ createdFrom: '2027-01-01T00:00:00.000Z' })).toEqual([]);
    });

    it('statuses and range together', async () => {
      const { repo } = await setup();
      const ids = await seed(repo);
      const found = await repo.list({ statuses: ['new', 'resolved'], createdFrom: '2026-01-01T00:00:00.000Z', createdTo: '2026-12-31T00:00:00.000Z' });
      expect(found.map((i) => i.id)).toEqual([ids.jan, ids.feb]);
      expect(found[0]).toEqual(await repo.get(ids.jan));
    });

    it('follows the status column after an update', async () => {
      const { repo } = await setup();
      const ids = await seed(repo);
      const jan = (await repo.get(ids.jan))!;
      const at = '2026-04-01T00:00:00.000Z';
      expect(await repo.update({ ...jan, status: 'closed', closedAt: at, updatedAt: at }, jan.updatedAt, { at, actor: 'system', action: 'incident.closed', subjectType: 'incident', subjectId: jan.id })).toBe(true);
      expect((await repo.list({ statuses: ['new'] })).map((i) => i.title)).toEqual(['vorig jaar']);
      expect((await repo.list({ statuses: ['closed'] })).map((i) => i.title)).toEqual(['januari', 'gesloten']);
    });
  });

  describe('update', () => {
    it('with the right expectedUpdatedAt: saved (content and columns) and audit-logged', async () => {
      const { repo, auditRows, rawRow } = await setup();
      const created = await repo.create(draft('bijwerken'), 2026, fileAudit());
      const at = '2026-03-02T10:00:00.000Z';
      const next: Incident = {
        ...created, status: 'in-progress', layer: 'chain', coordinatorId: 'org-twiin-ketenregie', owner: { id: 'slack:U2', name: 'Bert' }, takenAt: at, updatedAt: at,
        timeline: [...created.timeline, { at, kind: 'taken', actor: { id: 'slack:U2', name: 'Bert' } }],
      };
      const audit: AuditEntry = { at, actor: 'slack:U2', action: 'incident.taken', subjectType: 'incident', subjectId: created.id, before: { status: 'new' }, after: { status: 'in-progress' } };
      expect(await repo.update(next, T0, audit)).toBe(true);
      expect(await repo.get(created.id)).toEqual(next);
      expect(await rawRow(created.id)).toMatchObject({ status: 'in-progress', layer: 'chain', coordinator_id: 'org-twiin-ketenregie', updated_at: at, created_at: T0 });

      const rows = await auditRows(created.id);
      expect(rows.map((r) => r.action)).toEqual(['incident.file', 'incident.taken']);
      expect(rows[1]).toMatchObject({ actor: 'slack:U2', subject_type: 'incident' });
      expect(JSON.parse(rows[1]!.before!)).toEqual({ status: 'new' });
      expect(JSON.parse(rows[1]!.after!)).toEqual({ status: 'in-progress' });
    });

    it('with a stale expectedUpdatedAt: false, nothing changed, no audit row', async () => {
      const { repo, auditRows, rawRow } = await setup();
      const created = await repo.create(draft('conflict'), 2026, fileAudit());
      const first = { ...created, status: 'in-progress' as const, updatedAt: '2026-03-02T10:00:00.000Z' };
      expect(await repo.update(first, created.updatedAt, { at: first.updatedAt, actor: 'a', action: 'incident.taken', subjectType: 'incident', subjectId: created.id })).toBe(true);
      const before = await rawRow(created.id);

      // A second writer that read the incident before the first change.
      const second = { ...created, status: 'resolved' as const, resolution: 'te laat', updatedAt: '2026-03-02T10:00:01.000Z' };
      expect(await repo.update(second, created.updatedAt, { at: second.updatedAt, actor: 'b', action: 'incident.resolved', subjectType: 'incident', subjectId: created.id })).toBe(false);
      expect(await repo.get(created.id)).toEqual(first);
      expect(await rawRow(created.id)).toEqual(before);
      expect((await auditRows(created.id)).map((r) => r.action)).toEqual(['incident.file', 'incident.taken']);
    });

    it('an unknown incident: false and no audit row', async () => {
      const { repo, auditRows } = await setup();
      const ghost: Incident = { id: 'INC-2026-0404', ...draft('spook') };
      expect(await repo.update(ghost, T0, { at: T0, actor: 'x', action: 'incident.update', subjectType: 'incident', subjectId: ghost.id })).toBe(false);
      expect(await repo.get(ghost.id)).toBeUndefined();
      expect(await auditRows(ghost.id)).toEqual([]);
    });

    concurrent('two updates racing from the same version: exactly one wins', async () => {
      const { repo, auditRows } = await setup();
      const created = await repo.create(draft('race'), 2026, fileAudit());
      const results = await Promise.all(['a', 'b', 'c'].map((who, i) => {
        const at = `2026-03-02T10:00:0${i}.000Z`;
        return repo.update({ ...created, owner: { id: who, name: who }, updatedAt: at }, created.updatedAt, { at, actor: who, action: 'incident.update', subjectType: 'incident', subjectId: created.id });
      }));
      expect(results.filter(Boolean)).toHaveLength(1);
      const winner = ['a', 'b', 'c'][results.indexOf(true)]!;
      expect((await repo.get(created.id))?.owner?.id).toBe(winner);
      expect((await auditRows(created.id)).map((r) => r.actor)).toEqual(['slack:U1', winner]);
    });

    it('every field round-trips through an update too', async () => {
      const { repo } = await setup();
      const created = await repo.create(draft('later vol'), 2026, fileAudit());
      const full: Incident = { ...everyField(), id: created.id };
      expect(await repo.update(full, created.updatedAt, { at: full.updatedAt, actor: 'x', action: 'incident.update', subjectType: 'incident', subjectId: created.id })).toBe(true);
      expect(await repo.get(created.id)).toEqual(full);
    });
  });
});
