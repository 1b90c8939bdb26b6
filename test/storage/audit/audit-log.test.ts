import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../core/domain/audit/audit-entry.ts';
import { TypeOrmAuditLog } from '../../../storage/audit/typeorm-audit-log.ts';
import { DATABASE_KINDS, openTestDatabase, type DatabaseKind, type TestDatabase } from '../../support/databases.ts';

const entry = (at: string, subjectId: string, extra: Partial<AuditEntry> = {}): AuditEntry => ({
  at, actor: 'teams:user-1', action: 'directory.contact.update', subjectType: 'contact', subjectId, ...extra,
});

describe.each(DATABASE_KINDS)('TypeOrmAuditLog on %s', (kind: DatabaseKind) => {
  let db: TestDatabase;
  let log: TypeOrmAuditLog;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
    log = new TypeOrmAuditLog(db.dataSource);
  });
  afterAll(async () => {
    await db?.dispose();
  });

  it('an empty log has nothing since any time', async () => {
    expect(await log.since(new Date(0))).toEqual([]);
  });

  it('record then since: entries in the order recorded, each with an increasing id, filtered by time (inclusive)', async () => {
    await log.record([entry('2026-05-01T08:00:00.000Z', 'c-1'), entry('2026-05-01T09:00:00.000Z', 'c-2')]);
    await log.record([entry('2026-05-02T10:00:00.000Z', 'c-3', { actor: 'cli', action: 'directory.organisation.add', subjectType: 'organisation' })]);
    await log.record([]);
    await log.record([entry('2026-05-03T11:00:00.000Z', 'c-4')]);

    const all = await log.since(new Date('2026-01-01T00:00:00Z'));
    expect(all.map((e) => e.subjectId)).toEqual(['c-1', 'c-2', 'c-3', 'c-4']);
    const ids = all.map((e) => e.id);
    expect(ids.every((id) => Number.isInteger(id))).toBe(true);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    expect(new Set(ids).size).toBe(4);
    expect(all[2]).toEqual({ id: ids[2], at: '2026-05-02T10:00:00.000Z', actor: 'cli', action: 'directory.organisation.add', subjectType: 'organisation', subjectId: 'c-3' });

    expect((await log.since(new Date('2026-05-01T09:00:00.000Z'))).map((e) => e.subjectId)).toEqual(['c-2', 'c-3', 'c-4']);
    expect((await log.since(new Date('2026-05-01T09:00:00.001Z'))).map((e) => e.subjectId)).toEqual(['c-3', 'c-4']);
    expect((await log.since(new Date('2026-05-03T10:59:59.999Z'))).map((e) => e.subjectId)).toEqual(['c-4']);
    expect(await log.since(new Date('2026-05-03T11:00:00.001Z'))).toEqual([]);
  });

  it('before and after round-trip as JSON, absent stays absent, null stays null', async () => {
    const before = { id: 'c-9', name: 'Jan Jansen', role: 'ICT', phone: '+31 20 555 0101', tags: ['a', 'b'], nested: { n: 1.5, ok: true, none: null }, text: 'ë “quotes” \n nieuwe regel' };
    const after = { ...before, phone: '+31 6 1234 5678', tags: [] };
    await log.record([
      entry('2026-06-01T12:00:00.000Z', 'json-both', { before, after }),
      entry('2026-06-01T12:00:01.000Z', 'json-after', { after: 'just text' }),
      entry('2026-06-01T12:00:02.000Z', 'json-before', { before: [1, 2, 3] }),
      entry('2026-06-01T12:00:03.000Z', 'json-null', { before: null, after: 0 }),
      entry('2026-06-01T12:00:04.000Z', 'json-none'),
    ]);
    const got = Object.fromEntries((await log.since(new Date('2026-06-01T00:00:00Z'))).map((e) => [e.subjectId, e]));
    expect(got['json-both']).toMatchObject({ before, after });
    expect(got['json-after']!.after).toBe('just text');
    expect(got['json-after']).not.toHaveProperty('before');
    expect(got['json-before']!.before).toEqual([1, 2, 3]);
    expect(got['json-before']).not.toHaveProperty('after');
    expect(got['json-null']).toHaveProperty('before', null);
    expect(got['json-null']).toHaveProperty('after', 0);
    expect(got['json-none']).not.toHaveProperty('before');
    expect(got['json-none']).not.toHaveProperty('after');
  });

  it('a record call with many entries keeps them all, in order', async () => {
    const many = Array.from({ length: 150 }, (_, i) => entry(`2026-07-01T00:${String(Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}.000Z`, `bulk-${i}`));
    await log.record(many);
    const got = await log.since(new Date('2026-07-01T00:00:00Z'));
    expect(got.map((e) => e.subjectId)).toEqual(many.map((e) => e.subjectId));
  });
});
