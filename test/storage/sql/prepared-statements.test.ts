import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../storage/data-source.ts';
import { preparedStatements } from '../../../storage/sql/prepared-statements.ts';
import { DATABASE_KINDS, openTestDatabase, type DatabaseKind, type TestDatabase } from '../../support/databases.ts';

/**
 * The hot path's prepared statements, on a real SQLite file and the real Postgres server: the same
 * SQL (placeholders `?`) on both, a list of values as one parameter; `run` says how many rows changed; a
 * statement over a table that is not there yet fails and works once the table exists; the data
 * source still closes with statements open; and on SQLite a statement keeps no read snapshot open
 * between uses (another connection's write is seen, and its checkpoint is not blocked).
 */
let db: TestDatabase | undefined;
afterEach(async () => {
  await db?.dispose();
  db = undefined;
});

describe.each(DATABASE_KINDS)('prepared statements on %s', (kind: DatabaseKind) => {
  it('all and run, with ? placeholders or a text per database; run counts changed rows', async () => {
    db = await openTestDatabase(kind);
    const sql = preparedStatements(db.dataSource);
    expect(preparedStatements(db.dataSource)).toBe(sql);
    const upsert = 'INSERT INTO kv_state (key, value, etag, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, etag = excluded.etag';
    expect(await sql.run(upsert, ['a', '"1"', 'e1', 't'])).toBe(1);
    expect(await sql.run(upsert, ['a', '"2"', 'e2', 't'])).toBe(1);
    expect(await sql.run(upsert, ['b', '"3"', 'e3', 't'])).toBe(1);
    const read = 'SELECT value, etag FROM kv_state WHERE key = ?';
    // Many at once on one statement: each gets its own answer.
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => sql.all<{ value: string }>(read, [i % 2 ? 'a' : 'b'])));
    expect(answers.map((rows) => rows[0]?.value)).toEqual(Array.from({ length: 50 }, (_, i) => (i % 2 ? '"2"' : '"3"')));
    expect(await sql.all(read, ['none'])).toEqual([]);
    // One parameter for any number of values, on both databases.
    for (const [values, n] of [[['a', 'b', 'x'], 2], [['a'], 1], [['x', 'y', 'z', "o'quote", '日本'], 0]] as const) {
      const oneOf = sql.inList('key', [...values]);
      expect(await sql.all<{ key: string }>(`SELECT key FROM kv_state WHERE ${oneOf.sql} ORDER BY key`, [oneOf.param])).toHaveLength(n);
    }
    expect(await sql.run('UPDATE kv_state SET etag = ? WHERE key = ? AND etag = ?', ['e9', 'a', 'stale'])).toBe(0);
    expect(await sql.run('DELETE FROM kv_state WHERE key IN (?, ?)', ['a', 'b'])).toBe(2);
  });

  it('a table that is not there yet: the statement fails, and works once the table exists', async () => {
    db = await openTestDatabase(kind);
    const sql = preparedStatements(db.dataSource);
    await expect(sql.all('SELECT n FROM later_table')).rejects.toThrow(/later_table/);
    await db.dataSource.query('CREATE TABLE later_table (n INTEGER)');
    await db.dataSource.query('INSERT INTO later_table (n) VALUES (7)');
    expect(await sql.all('SELECT n FROM later_table')).toEqual([{ n: 7 }]);
  });
});

describe('prepared statements on SQLite, beside another connection', () => {
  it('hold no read snapshot between uses: the other connection\'s writes are seen and its checkpoint is not blocked; destroy works with statements open', async () => {
    db = await openTestDatabase('sqlite');
    const other = await openDatabase(db.url);
    try {
      const sql = preparedStatements(db.dataSource);
      const read = 'SELECT value FROM kv_state WHERE key = ?';
      await other.query("INSERT INTO kv_state (key, value, etag, updated_at) VALUES ('k', '\"1\"', 'e', 't')");
      expect(await sql.all(read, ['k'])).toEqual([{ value: '"1"' }]);
      await other.query("UPDATE kv_state SET value = '\"2\"' WHERE key = 'k'");
      // A snapshot held by our statement would keep the WAL from being truncated (busy = 1).
      expect(await other.query('PRAGMA wal_checkpoint(TRUNCATE)')).toEqual([{ busy: 0, log: 0, checkpointed: 0 }]);
      expect(await sql.all(read, ['k'])).toEqual([{ value: '"2"' }]);
    } finally {
      await other.destroy();
    }
    // dispose() destroys the data source with its statements prepared.
  });

  it('a data source opened and closed again and again leaves nothing open', async () => {
    const dir = (await openTestDatabase('sqlite'));
    db = dir;
    for (let i = 0; i < 3; i++) {
      const ds = await openDatabase(`sqlite:${join(dir.url.slice('sqlite:'.length), '..', 'again.sqlite')}`);
      await ds.query('CREATE TABLE IF NOT EXISTS t (n INTEGER)');
      await preparedStatements(ds).all('SELECT n FROM t');
      await ds.destroy();
      expect(ds.isInitialized).toBe(false);
    }
  });
});
