import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../cards/i18n/en.ts';
import { nl } from '../../cards/i18n/nl.ts';
import { validateAdaptiveCard } from '../cards/adaptive/adaptivecards-validator.ts';
import { startBot, type RunningBot } from '../support/bot-server.ts';
import { startFakeConnector, type FakeConnector, type RecordedCall } from '../support/fake-connector.ts';
import { postJson } from '../support/http-request.ts';
import { ADAPTIVE, adaptiveCardIn } from '../support/adaptive-cards.ts';

/**
 * The knowledge base on Teams, end to end: Bot Framework activities into /api/messages of the real
 * bot (the demo directory and knowledge base loaded into its empty database), replies read from the
 * fake connector; the search-based messaging extension answered in the invoke's HTTP response.
 */

const KB_026_TITLE = 'Wachtwoord vergeten of opnieuw instellen';

let bot: RunningBot;
let connector: FakeConnector;
let sequence = 0;

beforeAll(async () => {
  connector = await startFakeConnector();
  bot = await startBot({ env: { DEMO_DATA: 'true' } });
});

afterAll(async () => {
  await bot?.stop();
  await connector?.close();
});

type Activity = Record<string, any> & { id: string; conversation: { id: string; conversationType?: string; tenantId?: string } };

/** A Teams personal-chat activity from one user, in their own conversation. */
function activity(user: string, fields: Record<string, unknown>, locale = 'nl-NL'): Activity {
  return {
    type: 'message',
    id: `1${Date.now()}${++sequence}`,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl: `${connector.url}/`,
    locale,
    from: { id: `29:${user}`, name: 'Zorgverlener', aadObjectId: user },
    recipient: { id: '28:ketenbot', name: 'Ketenbot' },
    conversation: { id: `a:${user}`, conversationType: 'personal', tenantId: 'tenant-1' },
    channelData: { tenant: { id: 'tenant-1' } },
    ...fields,
  };
}

/** Sends the activity and returns what the bot posted in reply to it, once `count` replies arrived. */
async function send(a: Activity, count: number): Promise<RecordedCall[]> {
  const res = await postJson(`${bot.url}/api/messages`, a);
  expect(res.status).toBe(200);
  const path = `/v3/conversations/${a.conversation.id}/activities/${a.id}`;
  const replies = () => connector.calls.filter((c) => c.method === 'POST' && c.path === path);
  await connector.waitFor(() => replies().length >= count);
  // Nothing more comes after the expected replies.
  await new Promise((r) => setTimeout(r, 200));
  return replies();
}

const adaptiveCardOf = adaptiveCardIn;

function textsOf(node: unknown): string[] {
  const texts: string[] = [];
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (!n || typeof n !== 'object') return;
    for (const [key, value] of Object.entries(n)) {
      if ((key === 'text' || key === 'title') && typeof value === 'string') texts.push(value);
      else walk(value);
    }
  };
  walk(node);
  return texts;
}

/** Every Action.Submit in a card, with its data. */
function submits(card: any): Array<{ title: string; data: Record<string, unknown> }> {
  const found: Array<{ title: string; data: Record<string, unknown> }> = [];
  const walk = (n: any): void => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (!n || typeof n !== 'object') return;
    if (n.type === 'Action.Submit') found.push({ title: n.title, data: n.data });
    for (const value of Object.values(n)) walk(value);
  };
  walk(card);
  return found;
}

async function invokeQuery(user: string, query: string | undefined, locale = 'nl-NL', queryOptions = { skip: 0, count: 10 }) {
  const parameters = query === undefined ? [{ name: 'initialRun', value: 'true' }] : [{ name: 'query', value: query }];
  const a = activity(user, { type: 'invoke', name: 'composeExtension/query', value: { commandId: 'kbSearch', parameters, queryOptions } }, locale);
  return postJson(`${bot.url}/api/messages`, a);
}

describe('Teams: knowledge-base questions in the bot chat', () => {
  const user = randomUUID();
  const conversation = `a:${user}`;
  let answer: { card: any };
  const puts = () => connector.calls.filter((c) => c.method === 'PUT' && c.path.startsWith(`/v3/conversations/${conversation}/activities/`));
  /** What a person sees: the card without the data its buttons send back. */
  const shown = (card: any) => JSON.stringify(card, (key, value) => (key === 'data' ? undefined : value));

  it('"wachtwoord vergeten" → one answer card as an Adaptive Card: kb-026, Ja / Nee, no id shown', async () => {
    const replies = await send(activity(user, { text: 'wachtwoord vergeten' }), 1);
    expect(replies).toHaveLength(1);
    const card = adaptiveCardOf(replies[0]!);
    expect(card, 'the answer is an Adaptive Card').toBeDefined();
    expect(validateAdaptiveCard(card)).toEqual([]);
    expect(textsOf(card.body)[0]).toBe(KB_026_TITLE);
    expect(textsOf(card.body)).toContain(nl['kb.answer.helped']);
    expect(submits(card)).toEqual([
      { title: nl['kb.answer.yes'], data: expect.objectContaining({ action: 'kb.helped', entry: 'kb-026', card: expect.stringMatching(/^kb:/) }) },
      { title: nl['kb.answer.no'], data: expect.objectContaining({ action: 'kb.notHelped', entry: 'kb-026', question: 'wachtwoord vergeten' }) },
    ]);
    expect(shown(card)).not.toMatch(/kb-0/);
    answer = { card };
  });

  it('pressing "Nee" → the answer card is updated in place (its buttons replaced by the feedback), and the next card offers the decision tree and an incident', async () => {
    const before = puts().length;
    const nee = submits(answer.card)[1]!.data;
    const replies = await send(activity(user, { value: nee }), 1);
    await connector.waitFor(() => puts().length > before);
    const put = puts().at(-1)!;
    const updated = adaptiveCardOf(put);
    expect(validateAdaptiveCard(updated)).toEqual([]);
    expect(textsOf(updated.body)[0]).toBe(KB_026_TITLE);
    expect(textsOf(updated.body)).toContain(nl['kb.answer.givenNotHelped']);
    expect(submits(updated)).toEqual([]);

    const card = adaptiveCardOf(replies.at(-1)!);
    expect(validateAdaptiveCard(card)).toEqual([]);
    expect(textsOf(card.body)[0]).toBe(nl['kb.notHelped.title']);
    expect(submits(card).slice(-2)).toEqual([
      { title: nl['kb.none.tree'], data: expect.objectContaining({ action: 'tree.start' }) },
      { title: nl['kb.incident'], data: expect.objectContaining({ action: 'incident.new' }) },
    ]);
    expect(shown(card)).not.toMatch(/kb-0/);
    const stats = await bot.bot.services.kbEvents.stats(new Date(Date.now() - 3_600_000), 10);
    expect(stats.feedback).toContainEqual(expect.objectContaining({ entryId: 'kb-026', notHelped: 1 }));
  });

  it('asking the same question again → a new answer card, not an update of the earlier one', async () => {
    const before = puts().length;
    const replies = await send(activity(user, { text: 'wachtwoord vergeten' }), 1);
    const card = adaptiveCardOf(replies.at(-1)!);
    expect(textsOf(card.body)[0]).toBe(KB_026_TITLE);
    expect(submits(card).map((s) => s.title)).toEqual([nl['kb.answer.yes'], nl['kb.answer.no']]);
    expect(submits(card)[0]!.data.card).not.toBe(submits(answer.card)[0]!.data.card);
    expect(puts()).toHaveLength(before);
  });

  it('pressing "Ja" → the card shows the thanks in place of its buttons', async () => {
    const replies = await send(activity(user, { text: 'wachtwoord vergeten' }), 1);
    const before = puts().length;
    await postJson(`${bot.url}/api/messages`, activity(user, { value: submits(adaptiveCardOf(replies.at(-1)!))[0]!.data }));
    await connector.waitFor(() => puts().length > before);
    const updated = adaptiveCardOf(puts().at(-1)!);
    expect(textsOf(updated.body)).toContain(nl['kb.answer.givenHelped']);
    expect(submits(updated)).toEqual([]);
  });

  it('the decision-tree button then starts the decision tree', async () => {
    const replies = await send(activity(user, { value: { action: 'tree.start' } }), 1);
    const card = adaptiveCardOf(replies.at(-1)!);
    expect(card).toBeDefined();
    expect(validateAdaptiveCard(card)).toEqual([]);
  });

  it('an English user asking "forgot password" gets the English article, in English', async () => {
    const replies = await send(activity(randomUUID(), { text: 'forgot password' }, 'en-US'), 1);
    const card = adaptiveCardOf(replies[0]!);
    expect(textsOf(card.body)[0]).toBe('Forgotten password or password reset');
    expect(submits(card).map((s) => s.title)).toEqual([en['kb.answer.yes'], en['kb.answer.no']]);
  });

  it('a clinical question → the line that Ketenbot gives no medical advice, with 112', async () => {
    const replies = await send(activity(randomUUID(), { text: 'cliënt heeft veel bloedverlies na de bevalling, wat moet ik doen' }), 1);
    const card = adaptiveCardOf(replies[0]!);
    expect(validateAdaptiveCard(card)).toEqual([]);
    expect(textsOf(card.body)).toContain(nl['kb.scope.clinical']);
  });
});

describe('Teams: the knowledge-base messaging extension (composeExtension/query)', () => {
  it('"wachtwoord vergeten" → a result list of Adaptive Cards, kb-026 first, without feedback buttons', async () => {
    const res = await invokeQuery(randomUUID(), 'wachtwoord vergeten');
    expect(res.status).toBe(200);
    const extension = res.json?.composeExtension;
    expect(extension).toMatchObject({ type: 'result', attachmentLayout: 'list' });
    const attachments = extension.attachments as Array<{ contentType: string; content: any; preview: { contentType: string; content: { title: string; text?: string } } }>;
    expect(attachments.length).toBeGreaterThanOrEqual(1);
    expect(attachments.length).toBeLessThanOrEqual(10);
    for (const attachment of attachments) {
      expect(attachment.contentType).toBe(ADAPTIVE);
      expect(validateAdaptiveCard(attachment.content)).toEqual([]);
      // Inserted in a conversation the card is for reading: no buttons back to the bot.
      expect(submits(attachment.content)).toEqual([]);
      expect(textsOf(attachment.content.body)).not.toContain(nl['kb.answer.helped']);
      expect(typeof attachment.preview?.content?.title).toBe('string');
    }
    expect(attachments[0]!.preview.content.title).toBe(KB_026_TITLE);
    expect(textsOf(attachments[0]!.content.body)[0]).toBe(KB_026_TITLE);
    expect(new Set(attachments.map((a) => a.preview.content.title)).size).toBe(attachments.length);
  });

  it('an English user searching "forgot password" gets the English article first', async () => {
    const res = await invokeQuery(randomUUID(), 'forgot password', 'en-US');
    expect(res.status).toBe(200);
    expect(res.json.composeExtension.attachments[0].preview.content.title).toBe('Forgotten password or password reset');
  });

  it.each([[''], ['   '], [undefined]])('an empty query (%j) → an empty result list', async (query) => {
    const res = await invokeQuery(randomUUID(), query);
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ composeExtension: { type: 'result', attachmentLayout: 'list', attachments: [] } });
  });

  it('a query without a good answer → an empty result list', async () => {
    const res = await invokeQuery(randomUUID(), 'waar vind ik het lunchmenu');
    expect(res.status).toBe(200);
    expect(res.json.composeExtension).toMatchObject({ type: 'result', attachments: [] });
  });

  // Fails today: queryOptions.skip is ignored. When a page is full, Teams asks for the next one
  // (skip = 10) as the user scrolls, and gets the same articles again: the list shows duplicates.
  it('the next page (queryOptions.skip) does not repeat the articles of the first page', async () => {
    const user = randomUUID();
    const first = (await invokeQuery(user, 'bericht')).json.composeExtension.attachments as Array<{ preview: { content: { title: string } } }>;
    // A common word: a full first page, so Teams will ask for more.
    expect(first).toHaveLength(10);
    const next = await invokeQuery(user, 'bericht', 'nl-NL', { skip: 10, count: 10 });
    expect(next.status).toBe(200);
    const titles = new Set(first.map((a) => a.preview.content.title));
    const repeated = (next.json.composeExtension.attachments as typeof first).map((a) => a.preview.content.title).filter((t) => titles.has(t));
    expect(repeated).toEqual([]);
  });
});
