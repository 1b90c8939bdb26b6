import { randomUUID } from 'node:crypto';
import { MemoryStorage, type Storage, type StoreItems } from 'botbuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BotStateStorage } from '../../storage/state/bot-state-storage.ts';
import { TypeOrmKeyValueStore } from '../../storage/state/typeorm-key-value-store.ts';
import { DATABASE_KINDS, openTestDatabase, type DatabaseKind, type TestDatabase } from '../support/databases.ts';

const freshKey = (label = 'k') => `${label}/${randomUUID()}`;

/**
 * A scenario of storage operations; each step records what a bot would observe, with eTags
 * replaced by whether they are present and whether they changed, so MemoryStorage (the reference)
 * and BotStateStorage can be compared step by step.
 */
type Op =
  | { op: 'write'; key: string; value: Record<string, unknown>; eTag?: 'none' | '*' | 'current' | 'stale' | 'bogus' }
  | { op: 'read'; keys: string[] }
  | { op: 'delete'; keys: string[] };

async function runScenario(storage: Storage, ops: Op[]): Promise<unknown[]> {
  const etags = new Map<string, string[]>(); // key → eTags seen, oldest first
  const observed: unknown[] = [];
  for (const step of ops) {
    if (step.op === 'write') {
      const seen = etags.get(step.key) ?? [];
      const eTag = {
        none: undefined,
        '*': '*',
        current: seen.at(-1),
        stale: seen.at(-2),
        bogus: 'bogus-etag',
      }[step.eTag ?? 'none'];
      const item = eTag === undefined ? { ...step.value } : { ...step.value, eTag };
      try {
        await storage.write({ [step.key]: item });
        observed.push('written');
      } catch {
        observed.push('refused');
      }
    } else if (step.op === 'read') {
      const items = await storage.read(step.keys);
      const shown: Record<string, unknown> = {};
      for (const key of Object.keys(items).sort()) {
        const { eTag, ...value } = items[key] as Record<string, unknown> & { eTag?: string };
        const seen = etags.get(key) ?? [];
        const isNew = typeof eTag === 'string' && eTag.length > 0 && eTag !== seen.at(-1);
        if (isNew) etags.set(key, [...seen, eTag]);
        shown[key] = { value, eTag: typeof eTag === 'string' && eTag.length > 0 ? (isNew ? 'new eTag' : 'same eTag') : 'no eTag' };
      }
      observed.push(shown);
    } else {
      await storage.delete(step.keys);
      observed.push('deleted');
    }
  }
  return observed;
}

const SCENARIOS: Array<[string, Op[]]> = [
  ['read of missing keys', [{ op: 'read', keys: ['a', 'b'] }]],
  ['write without eTag, read returns value and eTag', [
    { op: 'write', key: 'a', value: { count: 1 } },
    { op: 'read', keys: ['a'] },
  ]],
  ['write with the current eTag succeeds and changes the eTag', [
    { op: 'write', key: 'a', value: { count: 1 } },
    { op: 'read', keys: ['a'] },
    { op: 'write', key: 'a', value: { count: 2 }, eTag: 'current' },
    { op: 'read', keys: ['a'] },
  ]],
  ['write with a stale eTag is refused and changes nothing', [
    { op: 'write', key: 'a', value: { count: 1 } },
    { op: 'read', keys: ['a'] },
    { op: 'write', key: 'a', value: { count: 2 }, eTag: 'current' },
    { op: 'read', keys: ['a'] },
    { op: 'write', key: 'a', value: { count: 3 }, eTag: 'stale' },
    { op: 'read', keys: ['a'] },
  ]],
  ['write with an unknown eTag on an existing key is refused', [
    { op: 'write', key: 'a', value: { count: 1 } },
    { op: 'write', key: 'a', value: { count: 2 }, eTag: 'bogus' },
    { op: 'read', keys: ['a'] },
  ]],
  ['eTag "*" overwrites whatever is there', [
    { op: 'write', key: 'a', value: { count: 1 } },
    { op: 'read', keys: ['a'] },
    { op: 'write', key: 'a', value: { count: 2 }, eTag: 'current' },
    { op: 'write', key: 'a', value: { count: 9 }, eTag: '*' },
    { op: 'read', keys: ['a'] },
  ]],
  ['no eTag overwrites whatever is there', [
    { op: 'write', key: 'a', value: { count: 1 } },
    { op: 'write', key: 'a', value: { count: 2 } },
    { op: 'read', keys: ['a'] },
  ]],
  ['an eTag on a key that does not exist (any more) is accepted', [
    { op: 'write', key: 'a', value: { count: 1 }, eTag: 'bogus' },
    { op: 'read', keys: ['a'] },
  ]],
  ['delete removes; deleting missing keys is fine; a later write starts anew', [
    { op: 'write', key: 'a', value: { count: 1 } },
    { op: 'write', key: 'b', value: { count: 2 } },
    { op: 'read', keys: ['a', 'b'] },
    { op: 'delete', keys: ['a', 'missing'] },
    { op: 'read', keys: ['a', 'b'] },
    { op: 'write', key: 'a', value: { count: 3 }, eTag: 'current' },
    { op: 'read', keys: ['a'] },
  ]],
  ['several keys per read, nested values', [
    { op: 'write', key: 'conv/1', value: { dialogState: { stack: [{ id: 'main', state: { step: 2 } }] }, naam: 'Zoë 🏥' } },
    { op: 'write', key: 'user/1', value: { prefs: { locale: 'en' } } },
    { op: 'read', keys: ['conv/1', 'user/1', 'conv/2'] },
  ]],
];

describe.each(DATABASE_KINDS)('BotStateStorage on %s', (kind: DatabaseKind) => {
  let db: TestDatabase;
  let kv: TypeOrmKeyValueStore;
  let storage: BotStateStorage;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    kv = new TypeOrmKeyValueStore(db.dataSource);
    storage = new BotStateStorage(kv);
  });
  afterAll(async () => {
    await db?.dispose();
  });

  describe('behaves like botbuilder MemoryStorage', () => {
    it.each(SCENARIOS)('%s', async (_name, ops) => {
      // fresh keys per run on the database, same names for the reference
      const prefix = `${randomUUID()}:`;
      const prefixed = ops.map((o): Op =>
        o.op === 'write' ? { ...o, key: prefix + o.key } : { ...o, keys: o.keys.map((k) => prefix + k) },
      );
      const expected = await runScenario(new MemoryStorage(), prefixed);
      expect(await runScenario(storage, prefixed)).toEqual(expected);
    });
  });

  it('read returns the value with an eTag', async () => {
    const key = freshKey();
    await storage.write({ [key]: { count: 1, nested: { list: [1, 2] } } });
    const items = await storage.read([key]);
    expect(items[key]).toEqual({ count: 1, nested: { list: [1, 2] }, eTag: expect.stringMatching(/\S/) });
  });

  it('write with a stale eTag throws, and the stored item stays', async () => {
    const key = freshKey();
    await storage.write({ [key]: { v: 1 } });
    const first = (await storage.read([key]))[key] as StoreItems[string];
    await storage.write({ [key]: { ...first, v: 2 } });
    await expect(storage.write({ [key]: { ...first, v: 3 } })).rejects.toThrow();
    expect((await storage.read([key]))[key]).toMatchObject({ v: 2 });
  });

  it('write with the eTag just read succeeds', async () => {
    const key = freshKey();
    await storage.write({ [key]: { v: 1 } });
    const item = (await storage.read([key]))[key] as StoreItems[string];
    await storage.write({ [key]: { ...item, v: 2 } });
    const after = (await storage.read([key]))[key] as StoreItems[string];
    expect(after.v).toBe(2);
    expect(after.eTag).not.toBe(item.eTag);
  });

  it.each([['*'], [undefined], ['']])('eTag %j overwrites a newer item', async (eTag) => {
    const key = freshKey();
    await storage.write({ [key]: { v: 1 } });
    const item = (await storage.read([key]))[key] as StoreItems[string];
    await storage.write({ [key]: { ...item, v: 2 } });
    await storage.write({ [key]: eTag === undefined ? { v: 3 } : { v: 3, eTag } });
    expect((await storage.read([key]))[key]).toMatchObject({ v: 3 });
  });

  it('delete removes the items', async () => {
    const a = freshKey('a');
    const b = freshKey('b');
    await storage.write({ [a]: { v: 1 }, [b]: { v: 2 } });
    await storage.delete([a, b]);
    expect(await storage.read([a, b])).toEqual({});
  });

  it('the eTag is not stored as part of the value', async () => {
    const key = freshKey();
    await storage.write({ [key]: { v: 1, eTag: '*' } });
    const raw = await kv.read<Record<string, unknown>>(`bf:${key}`);
    expect(raw?.value).toEqual({ v: 1 });
  });

  it("keeps its keys apart from the conversation engine's keys", async () => {
    const key = `flow:${randomUUID()}`;
    await kv.write(key, { engine: true }, 'new');
    await storage.write({ [key]: { botbuilder: true } });
    expect((await kv.read(key))?.value).toEqual({ engine: true });
    expect((await storage.read([key]))[key]).toMatchObject({ botbuilder: true });
    await storage.delete([key]);
    expect((await kv.read(key))?.value).toEqual({ engine: true });
  });

  it('concurrent writes with the same eTag: exactly one wins', async () => {
    const key = freshKey();
    await storage.write({ [key]: { v: 0 } });
    const item = (await storage.read([key]))[key] as StoreItems[string];
    const results = await Promise.allSettled(Array.from({ length: 8 }, (_, i) => storage.write({ [key]: { ...item, v: i + 1 } })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  });
});
