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
