import type { DataSource, QueryRunner } from 'typeorm';

/**
 * SQLite transactions begin IMMEDIATE: they take the write lock at BEGIN, waiting for it up to the
 * busy timeout. typeorm begins them DEFERRED, and then a transaction that read before another
 * process (the server, the CLI beside it) committed cannot upgrade to a write: SQLite fails it with
 * SQLITE_BUSY at once, without waiting, because its snapshot is stale. Every transaction here
 * writes, so taking the lock up front costs nothing and makes two processes take turns.
 */
export function beginImmediate(dataSource: DataSource): DataSource {
  const driver = dataSource.driver as unknown as { createQueryRunner(mode: 'master' | 'slave'): QueryRunner };
  const create = driver.createQueryRunner.bind(driver);
  const patched = new WeakSet<QueryRunner>();
  driver.createQueryRunner = (mode) => {
    const runner = create(mode);
    if (!patched.has(runner)) {
      patched.add(runner);
      const query = runner.query.bind(runner) as (sql: string, ...rest: unknown[]) => Promise<unknown>;
      runner.query = ((sql: string, ...rest: unknown[]) => query(sql === 'BEGIN TRANSACTION' ? 'BEGIN IMMEDIATE TRANSACTION' : sql, ...rest)) as QueryRunner['query'];
    }
    return runner;
  };
  return dataSource;
}
