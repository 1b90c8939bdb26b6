import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { parseDatabaseUrl } from './database-url.ts';
import { entities } from './entities/index.ts';
import { migrations } from './migrations/index.ts';
import { beginImmediate } from './sqlite-immediate-transactions.ts';
import { preparedStatements } from './sql/prepared-statements.ts';

export interface DataSourceOptions {
  /** Postgres only: put every table in this schema (tests use one schema per suite). */
  schema?: string;
  /** SQLite only: how long a write waits for another process's write lock (default 5 s; the CLI waits longer). */
  busyTimeoutMs?: number;
  /** SQLite only: see SqliteSynchronous (default 'normal'). */
  synchronous?: SqliteSynchronous;
}

/**
 * SQLite's `PRAGMA synchronous` in WAL mode. 'normal': a commit reaches the operating system at
 * once and the disk at each checkpoint; it survives any crash of the process (kill -9 included)
 * and may lose the last commits to a power loss or an operating-system crash. 'full': every commit
 * waits for the disk (fsync), which caps one connection at a few thousand writes a second and
 * holds every other statement up meanwhile (measured here: 2,700 against 10,700 upserts a second).
 */
export type SqliteSynchronous = 'normal' | 'full';

const MIGRATIONS_TABLE = 'migrations';

/** A typeorm DataSource for `DATABASE_URL`. Schema changes come from migrations only, never synchronize. */
export function createDataSource(databaseUrl: string, options: DataSourceOptions = {}): DataSource {
  const target = parseDatabaseUrl(databaseUrl);
  if ('error' in target) throw new Error(`DATABASE_URL ${target.error}`);
  const common = { entities, migrations, migrationsTableName: MIGRATIONS_TABLE, synchronize: false, logging: false } as const;
  if (target.kind === 'sqlite') {
    const file = target.path === ':memory:' ? ':memory:' : resolve(target.path);
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    // WAL lets the CLI read while the server writes; the busy timeout waits out short write locks.
    return finalizeOnDestroy(oneTransactionAtATime(beginImmediate(new DataSource({ type: 'sqlite', driver: quietSqlite3(), database: file, enableWAL: file !== ':memory:', busyTimeout: options.busyTimeoutMs ?? 5000, ...common }))));
  }
  return new DataSource({
    type: 'postgres',
    url: target.url,
    ...(options.schema ? { schema: options.schema, extra: { options: `-c search_path=${options.schema}` } } : {}),
    ...common,
  });
}

/**
 * The sqlite3 module, with `verbose()` a no-op. typeorm calls it, and sqlite3's verbose mode wraps
 * every database call to capture a stack trace (`new Error()`) and `util.inspect` each argument
 * (the SQL and its parameters): about a seventh of the CPU of a chat turn, for longer stacks in
 * error messages we do not need. Loaded here, not imported: on Postgres sqlite3 is never loaded.
 */
function quietSqlite3(): unknown {
  const sqlite3 = createRequire(import.meta.url)('sqlite3') as Record<string, unknown>;
  return { ...sqlite3, verbose: () => sqlite3 };
}

/** SQLite does not close a connection with prepared statements open: they are finalized first. */
function finalizeOnDestroy(dataSource: DataSource): DataSource {
  const destroy = dataSource.destroy.bind(dataSource);
  dataSource.destroy = async () => {
    await preparedStatements(dataSource).close();
    return destroy();
  };
  return dataSource;
}

/**
 * The sqlite driver has ONE connection: two transactions started at once would share it ("cannot
 * start a transaction within a transaction", or one committing the other's work). Transactions on
 * SQLite therefore wait for each other. (Postgres has a pool: each transaction its own connection.)
 */
function oneTransactionAtATime(dataSource: DataSource): DataSource {
  const manager = dataSource.manager;
  const transaction = manager.transaction.bind(manager) as (...args: unknown[]) => Promise<unknown>;
  let tail: Promise<unknown> = Promise.resolve();
  manager.transaction = ((...args: unknown[]) => {
    const run = tail.then(() => transaction(...args));
    tail = run.catch(() => undefined);
    return run;
  }) as typeof manager.transaction;
  return dataSource;
}

/** Opens the database and applies pending migrations. Returns the names of the migrations it ran. */
export async function openDatabase(databaseUrl: string, options: DataSourceOptions = {}): Promise<DataSource> {
  const dataSource = createDataSource(databaseUrl, options);
  await dataSource.initialize();
  if (dataSource.options.type === 'sqlite') await dataSource.query(`PRAGMA synchronous = ${options.synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
  return dataSource;
}

/**
 * Applies pending migrations. On Postgres under an advisory lock (per schema), held on a connection of
 * its own: instances starting at once on an empty or older database take turns, and each finds what
 * the one before it applied (without it two of them create the same tables and one crashes).
 */
export async function migrate(dataSource: DataSource): Promise<string[]> {
  if (dataSource.options.type !== 'postgres') return runMigrations(dataSource);
  const lock = dataSource.createQueryRunner();
  try {
    await lock.connect();
    const key = `ketenbot:migrations:${(await lock.query('SELECT current_schema() AS s'))[0]?.s ?? 'public'}`;
    await lock.query('SELECT pg_advisory_lock(hashtext($1))', [key]);
    try {
      return await runMigrations(dataSource);
    } finally {
      await lock.query('SELECT pg_advisory_unlock(hashtext($1))', [key]);
    }
  } finally {
    await lock.release();
  }
}

async function runMigrations(dataSource: DataSource): Promise<string[]> {
  const ran = await dataSource.runMigrations({ transaction: 'each' });
  return ran.map((m) => m.name);
}

export type DatabaseHealth = { ok: true } | { ok: false; reason: string };

/** Reachable, and every migration the code knows has been applied (read-only check for /readyz). */
export async function checkDatabase(dataSource: DataSource): Promise<DatabaseHealth> {
  if (!dataSource.isInitialized) return { ok: false, reason: 'database not connected' };
  try {
    await dataSource.query('SELECT 1');
  } catch (error) {
    return { ok: false, reason: `database unreachable: ${(error as Error).message}` };
  }
  try {
    const rows: Array<{ name: string }> = await dataSource.query(`SELECT name FROM ${MIGRATIONS_TABLE}`);
    const applied = new Set(rows.map((r) => r.name));
    const pending = migrations.map((m) => m.name).filter((name) => !applied.has(name));
    return pending.length ? { ok: false, reason: `migrations pending: ${pending.join(', ')}` } : { ok: true };
  } catch {
    return { ok: false, reason: 'migrations not applied (run: ketenbot db migrate)' };
  }
}
