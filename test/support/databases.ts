import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { afterEach } from 'vitest';
import { migrate, openDatabase } from '../../storage/data-source.ts';

export type DatabaseKind = 'sqlite' | 'postgres';

/** Both databases every storage suite runs on: a real SQLite file and the real Postgres server. */
export const DATABASE_KINDS: DatabaseKind[] = ['sqlite', 'postgres'];

export interface TestDatabase {
  kind: DatabaseKind;
  url: string;
  schema?: string;
  dataSource: DataSource;
  /** Closes the connection and removes the file / schema. */
  dispose(): Promise<void>;
}

export const postgresUrl = (): string => process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/**
 * Opens a fresh, migrated database: a new SQLite file in a temp folder, or a new schema on the
 * Postgres server at TEST_POSTGRES_URL (so suites running at the same time never share tables).
 */
export async function openTestDatabase(kind: DatabaseKind, options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'ketenbot-test-'));
    const url = `sqlite:${join(dir, 'test.sqlite')}`;
    const dataSource = await openDatabase(url);
    if (options.migrate !== false) await migrate(dataSource);
    return { kind, url, dataSource, dispose: async () => { await dataSource.destroy(); rmSync(dir, { recursive: true, force: true }); } };
  }
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const url = postgresUrl();
  await withPgClient(url, (c) => c.query(`CREATE SCHEMA ${schema}`));
  const dataSource = await openDatabase(url, { schema });
  if (options.migrate !== false) await migrate(dataSource);
  return {
    kind,
    url,
    schema,
    dataSource,
    dispose: async () => {
      await dataSource.destroy();
      await withPgClient(url, (c) => c.query(`DROP SCHEMA ${schema} CASCADE`));
    },
  };
}

async function withPgClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * A fresh database for each test that asks for one (`open()`), disposed after that test;
 * `current` is the one the running test opened.
 */
export function databasePerTest(kind: DatabaseKind): { open(options?: { migrate?: boolean }): Promise<TestDatabase>; readonly current: TestDatabase | undefined } {
  let db: TestDatabase | undefined;
  afterEach(async () => {
    await db?.dispose();
    db = undefined;
  });
  return {
    open: async (options) => (db = await openTestDatabase(kind, options)),
    get current() {
      return db;
    },
  };
}
