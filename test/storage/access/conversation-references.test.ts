import { afterEach, describe, expect, it } from 'vitest';
import { TypeOrmConversationReferenceStore } from '../../../storage/access/typeorm-conversation-reference-store.ts';
import { DATABASE_KINDS, openTestDatabase, type DatabaseKind, type TestDatabase } from '../../support/databases.ts';

/** Every chat turn stores its conversation reference in one upsert: a second save replaces the first. */
let db: TestDatabase | undefined;
afterEach(async () => {
  await db?.dispose();
  db = undefined;
});

describe.each(DATABASE_KINDS)('conversation references on %s', (kind: DatabaseKind) => {
  it('saved, saved again with a new reference: one row, the newest reference; personal() finds it by user', async () => {
    db = await openTestDatabase(kind);
    const store = new TypeOrmConversationReferenceStore(db.dataSource);
    await store.save({ platform: 'teams', conversationId: 'a:1', kind: 'personal', userId: '29:u', reference: { serviceUrl: 'https://old.example/' } });
    await store.save({ platform: 'teams', conversationId: 'a:1', kind: 'personal', userId: '29:u', reference: { serviceUrl: 'https://new.example/' } });
    expect(await store.get('teams', 'a:1')).toEqual({ platform: 'teams', conversationId: 'a:1', kind: 'personal', userId: '29:u', reference: { serviceUrl: 'https://new.example/' } });
    expect((await store.personal('teams', '29:u'))?.reference).toEqual({ serviceUrl: 'https://new.example/' });
    expect(await db.dataSource.query('SELECT COUNT(*) AS n FROM conversation_reference')).toEqual([{ n: kind === 'postgres' ? '1' : 1 }]);
    expect(await store.get('slack', 'a:1')).toBeUndefined();
  });
});
