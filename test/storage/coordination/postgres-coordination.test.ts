import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import type { LeaderDuties } from '../../../core/coordination/leadership.ts';
import { PRESENCE_GRACE_MS, PostgresCoordination } from '../../../storage/coordination/postgres-coordination.ts';
import { openTestDatabase, postgresUrl, type TestDatabase } from '../../support/databases.ts';

/**
 * Presence and leadership through advisory locks on the real Postgres server (issue 17): one of
 * several instances leads; a lost connection (the database went away: here its backend is
 * terminated) stops the duties at once and another instance takes over within a poll or two; the
 * lost one follows when it is back. An instance whose lock is gone counts as gone only after
 * PRESENCE_GRACE_MS.
 */
let db: TestDatabase | undefined;
const running: PostgresCoordination[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((c) => c.stop()));
  await db?.dispose();
  db = undefined;
});

const silent = { info: () => undefined, warn: () => undefined };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function recording(): LeaderDuties & { log: string[] } {
  const log: string[] = [];
  return { log, start: async () => { log.push('start'); }, stop: async () => { log.push('stop'); } };
}

async function terminate(instanceId: string): Promise<void> {
  const client = new pg.Client({ connectionString: postgresUrl() });
  await client.connect();
  try {
    await client.query(
      `SELECT pg_terminate_backend(l.pid) FROM pg_locks l WHERE l.locktype = 'advisory' AND l.objsubid = 2 AND l.objid = hashtext($1)::oid`,
      [instanceId],
    );
  } finally {
    await client.end();
  }
}

async function presentCount(instanceId: string): Promise<number> {
  const client = new pg.Client({ connectionString: postgresUrl() });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(`SELECT COUNT(*) AS n FROM pg_locks l WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2 AND l.objid = hashtext($1)::oid`, [instanceId]);
    return Number(rows[0]?.n ?? 0);
  } finally {
    await client.end();
  }
}

async function until(check: () => boolean | Promise<boolean>, ms = 5000): Promise<number> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > ms) throw new Error(`not within ${ms} ms`);
    await sleep(25);
  }
  return Date.now() - started;
}

describe('PostgresCoordination', () => {
  it('one of three leads; a lost connection hands the lead over within a second or two, and the lost one follows when back', async () => {
    db = await openTestDatabase('postgres');
    const duties = [recording(), recording(), recording()];
    const nodes = ['a', 'b', 'c'].map((id) => new PostgresCoordination(`test-${id}-${Math.random()}`, db!.dataSource, silent));
    running.push(...nodes);
    await Promise.all(nodes.map((n, i) => n.start(duties[i]!)));
    await until(() => nodes.filter((n) => n.leading).length === 1);
    await sleep(600);
    expect(nodes.filter((n) => n.leading)).toHaveLength(1);
    const first = nodes.findIndex((n) => n.leading);
    expect(duties[first]!.log).toEqual(['start']);

    await terminate(nodes[first]!.id);
    const handover = await until(() => !nodes[first]!.leading && nodes.filter((n) => n.leading).length === 1);
    expect(handover).toBeLessThan(3000);
    expect(duties[first]!.log).toEqual(['start', 'stop']);
    const second = nodes.findIndex((n) => n.leading);
    expect(second).not.toBe(first);
    // The lost one reconnects and follows: still one leader.
    await sleep(1500);
    expect(nodes.filter((n) => n.leading)).toHaveLength(1);
    expect(nodes[first]!.changes).toBe(2);
  }, 30_000);

  it('a stop that takes long (sends finishing) does not hold up the reconnect: the presence lock is back within a poll or two', async () => {
    db = await openTestDatabase('postgres');
    const slow: LeaderDuties = { start: async () => undefined, stop: async () => { await sleep(4000); } };
    const a = new PostgresCoordination(`test-a-${Math.random()}`, db.dataSource, silent);
    running.push(a);
    await a.start(slow);
    await until(() => a.leading);
    await terminate(a.id);
    // Back (presence lock held again) long before the 4 s stop is over.
    const back = await until(async () => (await presentCount(a.id)) === 1, 3000);
    expect(back).toBeLessThan(3000);
  }, 30_000);

  it('presence: a live instance is alive; one whose lock went is gone after PRESENCE_GRACE_MS', async () => {
    db = await openTestDatabase('postgres');
    const a = new PostgresCoordination(`test-a-${Math.random()}`, db.dataSource, silent);
    const b = new PostgresCoordination(`test-b-${Math.random()}`, db.dataSource, silent);
    running.push(a, b);
    await a.start(recording());
    await b.start(recording());
    // A new session cannot tell anyone gone yet.
    expect(await a.alive([b.id, 'never-was'])).toEqual(new Set([b.id, 'never-was']));
    await sleep(PRESENCE_GRACE_MS + 100);
    expect(await a.alive([b.id, 'never-was'])).toEqual(new Set([b.id, 'never-was'])); // first sight of 'never-was' missing
    await sleep(PRESENCE_GRACE_MS + 100);
    expect(await a.alive([b.id, 'never-was'])).toEqual(new Set([b.id]));

    await b.stop();
    expect(await a.alive([b.id])).toEqual(new Set([b.id])); // just missing: not gone yet
    await sleep(PRESENCE_GRACE_MS + 100);
    expect(await a.alive([b.id])).toEqual(new Set());
  }, 30_000);
});
