import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '../../core/clock.ts';
import { TypeOrmSlackEventReceipts } from '../../storage/slack/typeorm-slack-event-receipts.ts';
import { DATABASE_KINDS, openTestDatabase, type DatabaseKind, type TestDatabase } from '../support/databases.ts';

const eventId = () => `Ev${randomUUID().replace(/-/g, '').slice(0, 10).toUpperCase()}`;

describe.each(DATABASE_KINDS)('TypeOrmSlackEventReceipts on %s', (kind: DatabaseKind) => {
  let db: TestDatabase;
  let current: Date;
  const clock: Clock = { now: () => current };
  let receipts: TypeOrmSlackEventReceipts;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    current = new Date('2025-03-03T09:00:00.000Z');
    receipts = new TypeOrmSlackEventReceipts(db.dataSource, clock);
  });
  afterAll(async () => {
    await db?.dispose();
  });

  it('firstSeen is true the first time, false for every repeat', async () => {
    const id = eventId();
    expect(await receipts.firstSeen(id)).toBe(true);
    expect(await receipts.firstSeen(id)).toBe(false);
    expect(await receipts.firstSeen(id)).toBe(false);
  });

  it('event ids are independent', async () => {
    const a = eventId();
    const b = eventId();
    expect(await receipts.firstSeen(a)).toBe(true);
    expect(await receipts.firstSeen(b)).toBe(true);
    expect(await receipts.firstSeen(a)).toBe(false);
  });

  it('remembers across a restart (a new instance on the same database)', async () => {
    const id = eventId();
    expect(await receipts.firstSeen(id)).toBe(true);
    expect(await new TypeOrmSlackEventReceipts(db.dataSource, clock).firstSeen(id)).toBe(false);
  });

  it('a burst of retries of one event at the same time: exactly one is first', async () => {
    const id = eventId();
    const results = await Promise.all(Array.from({ length: 10 }, () => receipts.firstSeen(id)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('prune removes receipts older than the given time and keeps the rest', async () => {
    const start = new Date('2025-06-01T00:00:00.000Z');
    const at = (hours: number) => new Date(start.getTime() + hours * 3_600_000);
    const ids = { old: eventId(), older: eventId(), edge: eventId(), young: eventId() };
    current = at(-48);
    await receipts.firstSeen(ids.older);
    current = at(-25);
    await receipts.firstSeen(ids.old);
    current = at(-24);
    await receipts.firstSeen(ids.edge);
    current = at(-1);
    await receipts.firstSeen(ids.young);

    current = at(0);
    await receipts.prune(at(-24));

    // pruned ids count as new again; the rest are still known
    expect(await receipts.firstSeen(ids.older)).toBe(true);
    expect(await receipts.firstSeen(ids.old)).toBe(true);
    expect(await receipts.firstSeen(ids.edge)).toBe(false);
    expect(await receipts.firstSeen(ids.young)).toBe(false);
  });

  it('prune with nothing to prune is fine', async () => {
    await expect(receipts.prune(new Date('2000-01-01T00:00:00.000Z'))).resolves.toBeUndefined();
  });

  it('stores the time of the first sight with the injected clock', async () => {
    const id = eventId();
    current = new Date('2025-04-05T06:07:08.009Z');
    await receipts.firstSeen(id);
    current = new Date('2025-04-06T00:00:00.000Z');
    await receipts.firstSeen(id);
    const rows: Array<{ received_at: string }> = await db.dataSource.query(
      `SELECT received_at FROM slack_event_receipt WHERE event_id = ${kind === 'postgres' ? '$1' : '?'}`,
      [id],
    );
    expect(rows).toEqual([{ received_at: '2025-04-05T06:07:08.009Z' }]);
  });
});
