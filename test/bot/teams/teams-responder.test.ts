import type { TurnContext } from 'botbuilder';
import { afterEach, describe, expect, it } from 'vitest';
import type { CardView } from '../../../cards/views/card-view.ts';
import type { Inbound } from '../../../core/conversation/inbound.ts';
import { cardReply } from '../../../core/conversation/reply.ts';
import { PostedCards } from '../../../bot/posted-cards.ts';
import { TeamsResponder } from '../../../bot/teams/teams-responder.ts';
import { TypeOrmKeyValueStore } from '../../../storage/state/typeorm-key-value-store.ts';
import { openTestDatabase, type TestDatabase } from '../../support/databases.ts';

/**
 * Cards with a replace key update the message that shows the key's previous card; a key made for
 * the reply itself (newKey) has no previous card, so it is not looked up (one statement less for
 * every knowledge-base answer), and the card is posted and remembered for later updates.
 */
let db: TestDatabase | undefined;
afterEach(async () => {
  await db?.dispose();
  db = undefined;
});

const card = (title: string): CardView => ({ kind: 'notice', title, blocks: [{ type: 'text', text: title }], fallbackText: title });
const inbound = { platform: 'teams', conversation: { id: 'a:1', kind: 'personal' }, actor: { id: '29:u' } } as unknown as Inbound;

function fakeContext() {
  const calls: Array<{ method: 'send' | 'update'; id?: string; title?: string }> = [];
  let n = 0;
  const titleOf = (a: any) => a.attachments?.[0]?.content?.body?.find?.((b: any) => b.type === 'TextBlock')?.text;
  const context = {
    activity: { conversation: { id: 'a:1' } },
    sendActivity: async (a: any) => { calls.push({ method: 'send', title: titleOf(a) }); return { id: `m-${++n}` }; },
    updateActivity: async (a: any) => { calls.push({ method: 'update', id: a.id, title: titleOf(a) }); },
  } as unknown as TurnContext;
  return { context, calls };
}

describe('TeamsResponder and replace keys', () => {
  it('a known key updates its message; a new key is posted without a look-up and remembered', async () => {
    db = await openTestDatabase('sqlite');
    const store = new TypeOrmKeyValueStore(db.dataSource);
    let reads = 0;
    const read = store.read.bind(store);
    store.read = (key) => { reads++; return read(key); };
    const responder = new TeamsResponder(new PostedCards(store));
    const { context, calls } = fakeContext();

    await responder.send(context, inbound, [cardReply(card('Eerste'), 'kb:new1', true)]);
    expect(reads).toBe(0);
    await responder.send(context, inbound, [cardReply(card('Tweede'), 'kb:new1')]);
    expect(reads).toBe(1);
    await responder.send(context, inbound, [cardReply(card('Derde'), 'kb:other')]);
    expect(calls.map((c) => c.method)).toEqual(['send', 'update', 'send']);
    expect(calls[1]!.id).toBe('m-1');
  });
});
