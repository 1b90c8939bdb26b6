import { join } from 'node:path';
import sqlite3 from 'sqlite3';
import { describe, expect, it } from 'vitest';
import { runKetenbot, sqliteFolderPerTest } from '../../support/ketenbot-cli.ts';

/**
 * The CLI beside a server on SQLite (issue 17): a write that finds the database locked waits for the
 * lock (30 s by default; SQLITE_BUSY_TIMEOUT_MS here) and, if it stays locked, says so plainly and
 * saves nothing; once the lock is gone the same command works. The lock is held by a second real
 * connection, as the server's would be.
 */
const folder = sqliteFolderPerTest('ketenbot-busy-');
const KB = join(import.meta.dirname, '../../../data/demo-kb.json');
const DIRECTORY = join(import.meta.dirname, '../../../data/demo-directory.json');

function lockFor(file: string): Promise<{ release(): Promise<void> }> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(file, (error) => {
      if (error) return reject(error);
      db.exec('BEGIN EXCLUSIVE', (e) => (e ? reject(e) : resolve({ release: () => new Promise((done) => db.exec('COMMIT', () => db.close(() => done()))) })));
    });
  });
}

describe('ketenbot kb import while another process holds the SQLite write lock', () => {
  it('fails with a plain reason and nothing saved; after the lock is released it works', async () => {
    expect((await runKetenbot(folder.url, ['directory', 'import', DIRECTORY])).code).toBe(0);
    const lock = await lockFor(join(folder.dir, 'cli.sqlite'));
    const busy = await runKetenbot(folder.url, ['kb', 'import', KB], { SQLITE_BUSY_TIMEOUT_MS: '300' });
    await lock.release();
    expect(busy.code).toBe(1);
    expect(busy.err).toMatch(/locked by another process/);
    expect(busy.err).toMatch(/nothing of this one was saved/);
    expect(busy.err).not.toMatch(/SQLITE_BUSY: database is locked$/);
    expect((await runKetenbot(folder.url, ['kb', 'export'])).out).not.toMatch(/kb-001/);

    const ok = await runKetenbot(folder.url, ['kb', 'import', KB]);
    expect(ok.code, ok.err).toBe(0);
    expect((await runKetenbot(folder.url, ['kb', 'export'])).out).toMatch(/kb-001/);
  }, 60_000);
});
