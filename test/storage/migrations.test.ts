import { afterEach, describe, expect, it } from 'vitest';
import { checkDatabase, migrate } from '../../storage/data-source.ts';
import { migrations } from '../../storage/migrations/index.ts';
import { DATABASE_KINDS, openTestDatabase, type DatabaseKind, type TestDatabase } from '../support/databases.ts';

const ALL = migrations.map((m) => m.name);

describe('the migration list', () => {
  it('has migrations, oldest first, with unique names', () => {
    expect(ALL.length).toBeGreaterThan(0);
    expect(new Set(ALL).size).toBe(ALL.length);
    const stamps = ALL.map((name) => Number(/(\d{13})$/.exec(name)?.[1]));
    for (const stamp of stamps) expect(Number.isFinite(stamp)).toBe(true);
    expect([...stamps].sort((a, b) => a - b)).toEqual(stamps);
  });

  it.each(migrations.map((m) => [m.name, m] as const))('%s: the recorded name equals the class name (checkDatabase compares them)', (_name, Migration) => {
    expect(new Migration().name).toBe(Migration.name);
  });
});

describe.each(DATABASE_KINDS)('migrations and checkDatabase on %s', (kind: DatabaseKind) => {
  let db: TestDatabase | undefined;
  afterEach(async () => {
    if (db && !db.dataSource.isInitialized) await db.dataSource.initialize();
    await db?.dispose();
    db = undefined;
  });

  const tableExists = async (name: string) => {
    const runner = db!.dataSource.createQueryRunner();
    try {
      return await runner.hasTable(name);
    } finally {
      await runner.release();
    }
  };

  it('a fresh database: migrations not applied', async () => {
    db = await openTestDatabase(kind, { migrate: false });
    const health = await checkDatabase(db.dataSource);
    expect(health.ok).toBe(false);
    expect(health).toEqual({ ok: false, reason: expect.stringMatching(/migrations not applied/) });
    expect(await tableExists('kv_state')).toBe(false);
  });

  it('the migrations table exists but nothing ran: every migration is reported pending by name', async () => {
    db = await openTestDatabase(kind, { migrate: false });
    expect(await db.dataSource.showMigrations()).toBe(true);
    expect(await checkDatabase(db.dataSource)).toEqual({ ok: false, reason: `migrations pending: ${ALL.join(', ')}` });
  });

  it('migrate runs every migration once, in order; then the database is ok', async () => {
    db = await openTestDatabase(kind, { migrate: false });
    expect(await migrate(db.dataSource)).toEqual(ALL);
    expect(await checkDatabase(db.dataSource)).toEqual({ ok: true });
    expect(await tableExists('kv_state')).toBe(true);
    expect(await tableExists('slack_event_receipt')).toBe(true);
    const rows: Array<{ name: string }> = await db.dataSource.query('SELECT name FROM migrations ORDER BY id');
    expect(rows.map((r) => r.name)).toEqual(ALL);
  });

  it('a second migrate runs nothing and the database stays ok', async () => {
    db = await openTestDatabase(kind, { migrate: false });
    await migrate(db.dataSource);
    expect(await migrate(db.dataSource)).toEqual([]);
    expect(await checkDatabase(db.dataSource)).toEqual({ ok: true });
  });

  it('a partly migrated database reports exactly the migrations still pending', async () => {
    db = await openTestDatabase(kind);
    await db.dataSource.undoLastMigration({ transaction: 'each' });
    expect(await checkDatabase(db.dataSource)).toEqual({ ok: false, reason: `migrations pending: ${ALL.at(-1)}` });
    expect(await migrate(db.dataSource)).toEqual([ALL.at(-1)]);
    expect(await checkDatabase(db.dataSource)).toEqual({ ok: true });
  });

  it('every migration can be undone and applied again', async () => {
    db = await openTestDatabase(kind);
    for (let i = 0; i < ALL.length; i++) await db.dataSource.undoLastMigration({ transaction: 'each' });
    expect(await tableExists('kv_state')).toBe(false);
    expect(await tableExists('slack_event_receipt')).toBe(false);
    expect(await migrate(db.dataSource)).toEqual(ALL);
    expect(await checkDatabase(db.dataSource)).toEqual({ ok: true });
  });

  it('a destroyed DataSource is not ok', async () => {
    db = await openTestDatabase(kind);
    await db.dataSource.destroy();
    const health = await checkDatabase(db.dataSource);
    expect(health).toEqual({ ok: false, reason: expect.stringMatching(/not connected/) });
  });
});
