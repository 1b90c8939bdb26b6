import { afterEach, describe, expect, it } from 'vitest';
import { ConversationEngine } from '../../../core/conversation/engine.ts';
import type { Flow } from '../../../core/conversation/flow.ts';
import type { Inbound } from '../../../core/conversation/inbound.ts';
import { StateConflictError, type KeyValueStore } from '../../../core/conversation/key-value-store.ts';
import { PrefetchedStore } from '../../../core/conversation/prefetched-store.ts';
import { textReply } from '../../../core/conversation/reply.ts';
import { TypeOrmKeyValueStore } from '../../../storage/state/typeorm-key-value-store.ts';
import { DATABASE_KINDS, openTestDatabase, type DatabaseKind, type TestDatabase } from '../../support/databases.ts';

/**
 * A chat turn reads the keys every turn needs (preferences, flow, open forms) in one statement:
 * PrefetchedStore answers them from that read, stays current with its own writes and deletes, and
 * asks the store again after a failed write. On the real store, on SQLite and Postgres.
 */
let db: TestDatabase | undefined;
afterEach(async () => {
  await db?.dispose();
  db = undefined;
});

/** The store, counting its reads by kind. */
function counted(store: KeyValueStore) {
  const calls = { read: 0, readMany: 0 };
  const wrapped: KeyValueStore = {
    read: (key) => { calls.read++; return store.read(key); },
    readMany: (keys) => { calls.readMany++; return store.readMany(keys); },
    write: (key, value, expect) => store.write(key, value, expect),
    delete: (key, expect) => store.delete(key, expect),
    deleteOlderThan: (prefix, before) => store.deleteOlderThan(prefix, before),
  };
  return { store: wrapped, calls };
}

describe.each(DATABASE_KINDS)('PrefetchedStore on %s', (kind: DatabaseKind) => {
  it('answers the fetched keys from one read, and follows its own writes and deletes', async () => {
    db = await openTestDatabase(kind);
    const real = new TypeOrmKeyValueStore(db.dataSource);
    await real.write('a', { n: 1 }, 'new');
    const { store, calls } = counted(real);
    const turn = await PrefetchedStore.open(store, ['a', 'missing']);
    expect(calls).toEqual({ read: 0, readMany: 1 });
    const a = await turn.read<{ n: number }>('a');
    expect(a?.value).toEqual({ n: 1 });
    a!.value.n = 99; // a caller changing what it read
    expect((await turn.read<{ n: number }>('a'))?.value).toEqual({ n: 1 });
    expect(await turn.read('missing')).toBeUndefined();
    expect(calls.read).toBe(0);

    const etag = await turn.write('a', { n: 2 }, { etag: a!.etag });
    expect(await turn.read('a')).toEqual({ value: { n: 2 }, etag });
    await turn.write('missing', { n: 3 }, 'new');
    expect((await turn.read('missing'))?.value).toEqual({ n: 3 });
    await turn.delete('missing');
    expect(await turn.read('missing')).toBeUndefined();
    expect(calls.read).toBe(0);
    expect(await real.read('a')).toEqual({ value: { n: 2 }, etag });

    // Another key: the store.
    expect(await turn.read('other')).toBeUndefined();
    expect(calls.read).toBe(1);
  });

  it('after a write that fails (someone else changed it) the key is read from the store again', async () => {
    db = await openTestDatabase(kind);
    const real = new TypeOrmKeyValueStore(db.dataSource);
    await real.write('a', { n: 1 }, 'new');
    const turn = await PrefetchedStore.open(real, ['a']);
    const seen = await turn.read('a');
    const theirs = await real.write('a', { n: 5 }, { etag: seen!.etag });
    await expect(turn.write('a', { n: 2 }, { etag: seen!.etag })).rejects.toBeInstanceOf(StateConflictError);
    expect(await turn.read('a')).toEqual({ value: { n: 5 }, etag: theirs });
  });
});

describe('a chat turn', () => {
  it('reads preferences, flow and open forms in one statement, none one by one', async () => {
    db = await openTestDatabase('sqlite');
    const { store, calls } = counted(new TypeOrmKeyValueStore(db.dataSource));
    const ask: Flow<{ asked: boolean }> = {
      id: 'ask',
      matches: (text) => text === 'vraag',
      start: () => ({ replies: [textReply('Welke?')], state: { asked: true } }),
      step: () => ({ replies: [textReply('Dank je')] }),
    };
    const engine = new ConversationEngine({
      store, flows: [ask], fallback: { id: 'fallback', start: () => ({ replies: [textReply('?')] }) },
      clock: { now: () => new Date() }, logger: { warn: () => undefined, error: () => undefined },
    });
    const inbound = (text: string): Inbound => ({ platform: 'local', actor: { id: 'u1', name: 'U' }, conversation: { id: 'c1', kind: 'personal' }, locale: 'nl', text, receivedAt: new Date() });
    expect((await engine.handle(inbound('vraag'))).map((r) => r.kind === 'text' && r.text)).toEqual(['Welke?']);
    expect((await engine.handle(inbound('deze'))).map((r) => r.kind === 'text' && r.text)).toEqual(['Dank je']);
    expect(calls).toEqual({ read: 0, readMany: 2 });
  });
});
