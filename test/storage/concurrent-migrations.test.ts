import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrations } from '../../storage/migrations/index.ts';
import { postgresUrl } from '../support/databases.ts';
import { runKetenbot } from '../support/ketenbot-cli.ts';

/**
 * Several instances starting at once on an empty Postgres database (issue 17, safe starts): each
 * runs the migrations; without a lock two of them created the same tables and one crashed with
 * `duplicate key value violates unique constraint "pg_type_typname_nsp_index"` (this test does, without
 * the lock, every time). Four `ketenbot db migrate` runs, each with its own connection pool as separate
 * instances have, on a database of their own.
 */
const database = `ketenbot_conc_${randomBytes(4).toString('hex')}`;
const urlOf = (name: string) => postgresUrl().replace(/\/[^/]*$/, `/${name}`);
async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  await query(postgresUrl(), `CREATE DATABASE ${database}`);
});
afterAll(async () => {
  await query(postgresUrl(), `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
});

describe('migrations under a lock', () => {
  it('four instances migrating an empty database at once all succeed, and each migration ran once', async () => {
    const runs = await Promise.all([1, 2, 3, 4].map(() => runKetenbot(urlOf(database), ['db', 'migrate'])));
    for (const run of runs) expect(run.code, run.err).toBe(0);
    const applied = (await query<{ name: string }>(urlOf(database), 'SELECT name FROM migrations ORDER BY id')).map((r) => r.name);
    expect(applied).toEqual(migrations.map((m) => m.name));
  }, 120_000);
});
