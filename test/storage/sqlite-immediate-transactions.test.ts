import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../storage/data-source.ts';
import type { DataSource } from 'typeorm';

/**
 * Two processes on one SQLite file (the server and the CLI beside it): a transaction that reads and
 * then writes must wait for the other's writes, not fail. With SQLite's default (deferred) BEGIN,
 * a transaction that read before the other one committed cannot upgrade to a write: SQLite answers
 * SQLITE_BUSY at once, without waiting (the busy timeout does not apply to a stale snapshot). Write
 * transactions therefore begin IMMEDIATE. Two connections here, as two processes would have.
 */
const opened: DataSource[] = [];
let dir = '';
afterEach(async () => {
  await Promise.all(opened.splice(0).map((d) => d.destroy()));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('SQLite transactions beside another writer', () => {
  it('a read-then-write transaction waits for the other writer and commits; none fails', async () => {
    dir = mkdtempSync(join(tmpdir(), 'ketenbot-immediate-'));
    const url = `sqlite:${join(dir, 'shared.sqlite')}`;
    const server = await openDatabase(url);
    const cli = await openDatabase(url, { busyTimeoutMs: 10_000 });
    opened.push(server, cli);
    await server.query('CREATE TABLE counter (id INTEGER PRIMARY KEY, n INTEGER NOT NULL)');
    await server.query('INSERT INTO counter (id, n) VALUES (1, 0), (2, 0)');

    // The "server": a steady stream of short write transactions.
    let writing = true;
    const serverWrites = (async () => {
      while (writing) {
        await server.transaction(async (m) => { await m.query('UPDATE counter SET n = n + 1 WHERE id = 1'); });
        await sleep(2);
      }
    })();

    // The "CLI": read, think a moment, write what it read plus one (a lost update or SQLITE_BUSY would show).
    const failures: string[] = [];
    for (let i = 0; i < 40; i++) {
      try {
        await cli.transaction(async (m) => {
          const [row] = await m.query('SELECT n FROM counter WHERE id = 2');
          await sleep(5);
          await m.query('UPDATE counter SET n = ? WHERE id = 2', [Number(row.n) + 1]);
        });
      } catch (error) {
        failures.push((error as Error).message);
      }
    }
    writing = false;
    await serverWrites;
    expect(failures).toEqual([]);
    const [row] = await cli.query('SELECT n FROM counter WHERE id = 2');
    expect(Number(row.n)).toBe(40);
  }, 60_000);
});
