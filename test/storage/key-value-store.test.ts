import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import type { Clock } from '../../core/clock.ts';
import { StateConflictError, type WriteExpectation } from '../../core/conversation/key-value-store.ts';
import { openDatabase } from '../../storage/data-source.ts';
import { TypeOrmKeyValueStore } from '../../storage/state/typeorm-key-value-store.ts';
import { DATABASE_KINDS, openTestDatabase, type DatabaseKind, type TestDatabase } from '../support/databases.ts';

const clock: Clock = { now: () => new Date('2025-03-03T09:00:00.000Z') };
/** A key no other test uses. */
const freshKey = (label = 'k') => `test:${label}:${randomUUID()}`;

async function conflictOf(promise: Promise<unknown>): Promise<StateConflictError> {
  const error = await promise.then(
    () => {
      throw new Error('expected a StateConflictError, but the write succeeded');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StateConflictError);
  return error as StateConflictError;
}

describe.each(DATABASE_KINDS)('TypeOrmKeyValueStore on %s', (kind: DatabaseKind) => {
  let db: TestDatabase;
  let store: TypeOrmKeyValueStore;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    store = new TypeOrmKeyValueStore(db.dataSource, clock);
  });
  afterAll(async () => {
    await db?.dispose();
  });

  describe('read, write, delete', () => {
    it('reads nothing for a key never written', async () => {
      expect(await store.read(freshKey())).toBeUndefined();
    });

    it('writes a new key and reads it back with the eTag the write returned', async () => {
      const key = freshKey();
      const etag = await store.write(key, { step: 1 }, 'new');
      expect(etag).toMatch(/\S/);
      expect(await store.read(key)).toEqual({ value: { step: 1 }, etag });
    });

    it('a conditional write with the current eTag replaces the value and gives a new eTag', async () => {
      const key = freshKey();
      const first = await store.write(key, { step: 1 }, 'new');
      const second = await store.write(key, { step: 2 }, { etag: first });
      expect(second).not.toBe(first);
      expect(await store.read(key)).toEqual({ value: { step: 2 }, etag: second });
    });

    it('delete removes the key; deleting a missing key is fine; the key can be created anew', async () => {
      const key = freshKey();
      const etag = await store.write(key, 'x', 'new');
      await store.delete(key);
      expect(await store.read(key)).toBeUndefined();
      await expect(store.delete(key)).resolves.toBeUndefined();
      await expect(store.delete(freshKey('never'))).resolves.toBeUndefined();
      // the eTag of the deleted value is no good any more
      await conflictOf(store.write(key, 'y', { etag }));
      const again = await store.write(key, 'z', 'new');
      expect(await store.read(key)).toEqual({ value: 'z', etag: again });
    });

    it('delete touches only its own key', async () => {
      const a = freshKey('a');
      const b = freshKey('b');
      await store.write(a, 1, 'new');
      await store.write(b, 2, 'new');
      await store.delete(a);
      expect((await store.read(b))?.value).toBe(2);
    });

    it('keys are exact: case, spaces and prefixes make different keys', async () => {
      const base = freshKey('Case');
      const variants = [base, base.toLowerCase(), base.toUpperCase(), `${base} `, `${base}:more`];
      for (const [i, key] of variants.entries()) await store.write(key, i, 'new');
      for (const [i, key] of variants.entries()) expect((await store.read(key))?.value).toBe(i);
    });

    it('takes keys up to 400 characters, including unicode', async () => {
      const key = `test:é🏥:${randomUUID()}:`.padEnd(400, 'x');
      expect(key.length).toBe(400);
      await store.write(key, 'long key', 'new');
      expect((await store.read(key))?.value).toBe('long key');
    });

    it('records when it was written, with the injected clock', async () => {
      const key = freshKey();
      await store.write(key, 1, 'new');
      const rows: Array<{ updated_at: string }> = await db.dataSource.query(
        `SELECT updated_at FROM kv_state WHERE ${kind === 'postgres' ? 'key = $1' : 'key = ?'}`,
        [key],
      );
      expect(rows).toEqual([{ updated_at: '2025-03-03T09:00:00.000Z' }]);
    });
  });

  describe('optimistic concurrency', () => {
    it("'new' on an existing key → StateConflictError naming the key; the value stays", async () => {
      const key = freshKey();
      const etag = await store.write(key, 'first', 'new');
      const error = await conflictOf(store.write(key, 'second', 'new'));
      expect(error.key).toBe(key);
      expect(error.name).toBe('StateConflictError');
      expect(error.message).toContain(key);
      expect(await store.read(key)).toEqual({ value: 'first', etag });
    });

    it('a stale eTag → StateConflictError; the newer value stays', async () => {
      const key = freshKey();
      const stale = await store.write(key, 1, 'new');
      const current = await store.write(key, 2, { etag: stale });
      await conflictOf(store.write(key, 3, { etag: stale }));
      expect(await store.read(key)).toEqual({ value: 2, etag: current });
    });

    it.each<[string, string]>([
      ['an eTag that never existed', 'not-an-etag'],
      ['an empty eTag', ''],
      ['a quote', "' OR '1'='1"],
    ])('%s → StateConflictError', async (_name, etag) => {
      const key = freshKey();
      await store.write(key, 1, 'new');
      await conflictOf(store.write(key, 2, { etag }));
      expect((await store.read(key))?.value).toBe(1);
    });

    it('an eTag for a key that does not exist → StateConflictError, nothing created', async () => {
      const key = freshKey();
      await conflictOf(store.write(key, 1, { etag: randomUUID() }));
      expect(await store.read(key)).toBeUndefined();
    });

    it("'any' creates a missing key and overwrites an existing one whatever its eTag", async () => {
      const key = freshKey();
      const first = await store.write(key, 'created', 'any');
      expect(await store.read(key)).toEqual({ value: 'created', etag: first });
      const second = await store.write(key, 'overwritten', 'any');
      expect(second).not.toBe(first);
      expect(await store.read(key)).toEqual({ value: 'overwritten', etag: second });
      // and the old eTag is stale now
      await conflictOf(store.write(key, 'late', { etag: first }));
    });

    it('every write gives a different eTag, even for the same value', async () => {
      const key = freshKey();
      const etags = [await store.write(key, 'same', 'new')];
      for (let i = 0; i < 5; i++) etags.push(await store.write(key, 'same', { etag: etags.at(-1)! }));
      expect(new Set(etags).size).toBe(etags.length);
    });

    it('concurrent conditional writes with the same eTag: exactly one wins, the rest conflict', async () => {
      const key = freshKey();
      const etag = await store.write(key, { writer: -1 }, 'new');
      const results = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => store.write(key, { writer: i }, { etag })));
      const won = results.flatMap((r, i) => (r.status === 'fulfilled' ? [{ i, etag: r.value }] : []));
      const lost = results.filter((r) => r.status === 'rejected');
      expect(won).toHaveLength(1);
      for (const r of lost) expect((r as PromiseRejectedResult).reason).toBeInstanceOf(StateConflictError);
      expect(await store.read(key)).toEqual({ value: { writer: won[0]!.i }, etag: won[0]!.etag });
    });

    it("concurrent 'new' writes of one key: exactly one wins", async () => {
      const key = freshKey();
      const results = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => store.write(key, i, 'new')));
      const won = results.flatMap((r, i) => (r.status === 'fulfilled' ? [i] : []));
      expect(won).toHaveLength(1);
      for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(StateConflictError);
      expect((await store.read(key))?.value).toBe(won[0]);
    });

    it('two connections (two bot processes) writing with the same eTag: exactly one wins', async () => {
      let second: DataSource | undefined;
      try {
        second = await openDatabase(db.url, db.schema ? { schema: db.schema } : {});
        const other = new TypeOrmKeyValueStore(second, clock);
        const key = freshKey();
        const etag = await store.write(key, 'start', 'new');
        expect((await other.read(key))?.etag).toBe(etag);
        const expectations: WriteExpectation[] = [{ etag }, { etag }];
        const results = await Promise.allSettled(
          expectations.flatMap((expect, i) => [store.write(key, `here ${i}`, expect), other.write(key, `there ${i}`, expect)]),
        );
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(StateConflictError);
      } finally {
        await second?.destroy();
      }
    });
  });

  describe('deleteOlderThan', () => {
    /** A store whose clock the test moves: each write records the time it was made. */
    function movingStore() {
      let now = new Date('2025-03-01T09:00:00.000Z');
      return { store: new TypeOrmKeyValueStore(db.dataSource, { now: () => now }), at: (iso: string) => { now = new Date(iso); } };
    }

    it('removes only keys with that exact prefix last written before the time, and says how many', async () => {
      const { store: moving, at } = movingStore();
      const prefix = `${freshKey('sweep')}:`;
      at('2025-03-01T09:00:00.000Z');
      await moving.write(`${prefix}old-1`, 1, 'new');
      await moving.write(`${prefix}old-2`, 2, 'new');
      // Same time, other keys: a different case, a wildcard-looking look-alike, and no prefix at all.
      const upper = `${prefix.toUpperCase()}old`;
      const lookAlike = `${prefix.slice(0, -1)}_old`;
      const other = freshKey('other');
      for (const key of [upper, lookAlike, other]) await moving.write(key, 'stays', 'new');
      at('2025-03-02T09:00:00.000Z');
      await moving.write(`${prefix}new`, 3, 'new');
      // Written long ago, but rewritten now: it counts from its last write.
      at('2025-03-01T09:00:00.000Z');
      const rewritten = `${prefix}rewritten`;
      const etag = await moving.write(rewritten, 'a', 'new');
      at('2025-03-02T10:00:00.000Z');
      await moving.write(rewritten, 'b', { etag });

      expect(await moving.deleteOlderThan(prefix, new Date('2025-03-02T00:00:00.000Z'))).toBe(2);
      expect(await moving.read(`${prefix}old-1`)).toBeUndefined();
      expect(await moving.read(`${prefix}old-2`)).toBeUndefined();
      expect((await moving.read(`${prefix}new`))?.value).toBe(3);
      expect((await moving.read(rewritten))?.value).toBe('b');
      for (const key of [upper, lookAlike, other]) expect((await moving.read(key))?.value, key).toBe('stays');
      // Nothing left to remove: 0, not an error.
      expect(await moving.deleteOlderThan(prefix, new Date('2025-03-02T00:00:00.000Z'))).toBe(0);
    });

    it('a prefix with % and _ is matched literally; unicode prefixes count characters', async () => {
      const { store: moving, at } = movingStore();
      const id = randomUUID();
      const percent = `test:100%_é🏥:${id}:`;
      at('2025-03-01T09:00:00.000Z');
      await moving.write(`${percent}x`, 1, 'new');
      await moving.write(`test:100ab_é🏥:${id}:x`, 'stays', 'new');
      expect(await moving.deleteOlderThan(percent, new Date('2025-03-05T00:00:00.000Z'))).toBe(1);
      expect(await moving.read(`${percent}x`)).toBeUndefined();
      expect((await moving.read(`test:100ab_é🏥:${id}:x`))?.value).toBe('stays');
    });

    it('an empty prefix is refused (it would be every key)', async () => {
      await expect(store.deleteOlderThan('', new Date())).rejects.toThrow(/prefix/);
    });
  });

  describe('values round-trip', () => {
    it.each<[string, unknown]>([
      ['a plain string', 'hallo'],
      ['an empty string', ''],
      ['unicode', 'Zorg € – “quotes” – ë ï ü – ĳ – 中文 – עברית – 🏥🚑👩‍⚕️'],
      ['control characters and escapes', 'line 1\nline 2\r\n\ttab \\ backslash \' quote " dquote \u0000 nul \u2028'],
      ['SQL-looking text', "'); DROP TABLE kv_state; --"],
      ['a number', 42.5],
      ['zero', 0],
      ['a negative big number', -9007199254740991],
      ['true', true],
      ['false', false],
      ['null', null],
      ['an empty object', {}],
      ['an empty array', []],
      ['a nested object', {
        flowId: 'storing',
        data: { step: 'details', answers: { systeem: 'RivierenNet', sinds: '2025-03-03T08:00:00Z', urgent: true, ernst: 3 }, list: [1, 'twee', { drie: [3] }, null] },
        nested: { a: { b: { c: { d: { e: ['diep'] } } } } },
      }],
      ['an array of objects', [{ id: 1, naam: 'Zorggroep Noord' }, { id: 2, naam: 'Huisartsenpost Zuid 🏥' }]],
      ['a large value', { text: 'x'.repeat(200_000), items: Array.from({ length: 2000 }, (_, i) => ({ i, s: `item ${i}` })) }],
    ])('%s', async (_name, value) => {
      const key = freshKey();
      const etag = await store.write(key, value, 'new');
      expect(await store.read(key)).toEqual({ value, etag });
      // and through a second connection, as another process would read it
      const anotherStore = new TypeOrmKeyValueStore(db.dataSource);
      expect((await anotherStore.read(key))?.value).toEqual(value);
    });

    it('stores JSON: a Date comes back as its ISO string, undefined properties are dropped', async () => {
      const key = freshKey();
      await store.write(key, { at: new Date('2025-01-02T03:04:05.000Z'), gone: undefined, kept: 1 }, 'new');
      expect((await store.read(key))?.value).toEqual({ at: '2025-01-02T03:04:05.000Z', kept: 1 });
    });
  });
});
