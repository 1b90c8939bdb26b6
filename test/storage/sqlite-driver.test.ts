import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../storage/data-source.ts';

/**
 * typeorm switches sqlite3 into verbose mode, which wraps every database call to capture a stack
 * and util.inspect its arguments (a seventh of a chat turn's CPU). The data source keeps it off;
 * errors still say what failed.
 */
describe('the SQLite driver', () => {
  it('runs without sqlite3 verbose tracing, and a failing statement still names the problem', async () => {
    const db = await openDatabase('sqlite::memory:');
    try {
      const error = await db.query('SELECT * FROM no_such_table').then(() => undefined, (e: Error & { driverError?: Error }) => e);
      expect(error?.message).toMatch(/no such table: no_such_table/);
      // verbose mode appends "--> in Database#all('SELECT …')" to the driver's error stack
      expect(error?.driverError?.message).toMatch(/no such table/);
      expect(error?.driverError?.stack ?? '').not.toMatch(/--> in Database#/);
    } finally {
      await db.destroy();
    }
  });
});

describe('SQLite durability setting', () => {
  it("WAL with synchronous NORMAL by default (survives a killed process), FULL when asked", async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'ketenbot-sync-'));
    try {
      for (const [options, expected] of [[{}, 1], [{ synchronous: 'full' as const }, 2], [{ synchronous: 'normal' as const }, 1]] as const) {
        const db = await openDatabase(`sqlite:${join(dir, 'db.sqlite')}`, options);
        try {
          expect(await db.query('PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }]);
          expect(await db.query('PRAGMA synchronous')).toEqual([{ synchronous: expected }]);
        } finally {
          await db.destroy();
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
