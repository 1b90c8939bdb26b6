import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../cards/i18n/en.ts';
import { nl } from '../../cards/i18n/nl.ts';
import { startBot, type RunningBot } from '../support/bot-server.ts';
import { startFakeConnector, type FakeConnector, type RecordedCall } from '../support/fake-connector.ts';
import { httpRequest, postJson } from '../support/http-request.ts';
import { expectAdaptiveCard, textsIn } from '../support/adaptive-cards.ts';


let bot: RunningBot;
let connector: FakeConnector;

beforeAll(async () => {
  connector = await startFakeConnector();
  bot = await startBot();
});

afterAll(async () => {
  await bot?.stop();
  await connector?.close();
});

/** A Teams personal-chat activity from a fresh user in a fresh conversation (no shared state between tests). */
function teamsActivity(overrides: Record<string, unknown> = {}) {
  const user = randomUUID();
  return {
    type: 'message',
    id: `1${Date.now()}${Math.floor(Math.random() * 1000)}`,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl: `${connector.url}/`,
    locale: 'nl-NL',
    text: 'help',
    from: { id: `29:${user}`, name: 'Test Gebruiker', aadObjectId: user },
    recipient: { id: '28:ketenbot', name: 'Ketenbot' },
    conversation: { id: `a:${randomUUID()}`, conversationType: 'personal', tenantId: 'tenant-1' },
    channelData: { tenant: { id: 'tenant-1' } },
    ...overrides,
  };
}

type Activity = ReturnType<typeof teamsActivity>;

async function send(activity: Activity): Promise<RecordedCall> {
  const before = connector.sentTo(activity.conversation.id).length;
  const res = await postJson(`${bot.url}/api/messages`, activity);
  expect(res.status).toBe(200);
  // The reply to a message goes to .../activities/<the message's id>.
  const path = `/v3/conversations/${activity.conversation.id}/activities/${activity.id}`;
  await connector.waitFor((c) => c.method === 'POST' && c.path === path && connector.sentTo(activity.conversation.id).length > before);
  return connector.sentTo(activity.conversation.id).at(-1)!;
}

/** Every `text` in the Adaptive Card the call carries (fails when there is no such card). */
function cardTexts(call: RecordedCall): string[] {
  const card = expectAdaptiveCard(call);
  expect(card.type).toBe('AdaptiveCard');
  return textsIn(card.body);
}

describe('Bot Framework (Teams) on /api/messages', () => {
  it('answers "help" in Dutch with the help card as a reply to the message', async () => {
    const activity = teamsActivity();
    const reply = await send(activity);
    const texts = cardTexts(reply);
    expect(texts[0]).toBe(nl['help.title']);
    expect(texts).toContain(nl['help.subtitle']);
    expect(texts).toContain(nl['help.intro']);
    expect(reply.body.replyToId).toBe(activity.id);
  });

  it('answers in English for an English locale', async () => {
    const texts = cardTexts(await send(teamsActivity({ locale: 'en-US' })));
    expect(texts[0]).toBe(en['help.title']);
    expect(texts).toContain(en['help.subtitle']);
    expect(texts).toContain(en['help.intro']);
    expect(texts).not.toContain(nl['help.intro']);
  });

  it('answers text that no knowledge-base entry answers honestly, with a pointer to help, never silence', async () => {
    const reply = await send(teamsActivity({ text: 'blabla' }));
    expect(reply.body.type).toBe('message');
    const texts = cardTexts(reply).join(' ');
    expect(texts).toContain('blabla');
    expect(texts).toContain('Typ "help"');
  });

  it('answers a submit of an unknown action with the "unknown.action" text', async () => {
    const reply = await send(teamsActivity({ text: undefined, value: { action: 'nonexistent.thing' } }));
    expect(reply.body.text).toBe(nl['unknown.action']);
  });

  it('remembers the chosen language: "English" then "help" gives the English card despite nl-NL', async () => {
    const first = teamsActivity({ text: 'English' });
    expect((await send(first)).body.text).toBe(en['language.switched']);
    // Same user, a new message in the same conversation.
    const second = { ...first, id: `${first.id}2`, text: 'help' };
    expect(cardTexts(await send(second))).toContain(en['help.intro']);
  });

  it('posts the welcome card when the bot is added to a personal chat', async () => {
    const activity = teamsActivity({ type: 'conversationUpdate', text: undefined, membersAdded: [{ id: '28:ketenbot', name: 'Ketenbot' }] });
    const res = await postJson(`${bot.url}/api/messages`, activity);
    expect(res.status).toBe(200);
    const call = await connector.waitFor((c) => c.method === 'POST' && c.path.startsWith(`/v3/conversations/${activity.conversation.id}/activities`));
    const texts = cardTexts(call);
    expect(texts[0]).toBe(nl['help.title']);
    expect(texts).toContain(nl['help.intro']);
  });
});

describe('bad input on /api/messages', () => {
  it('refuses malformed JSON with 400', async () => {
    const res = await httpRequest(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"type":' });
    expect(res.status).toBe(400);
  });

  it('refuses a body over 1 MB with 413', async () => {
    const big = JSON.stringify({ ...teamsActivity(), text: 'x'.repeat(1024 * 1024 + 10) });
    const res = await httpRequest(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: big });
    expect(res.status).toBe(413);
  });

  it.each([
    ['type', (a: any) => delete a.type],
    ['serviceUrl', (a: any) => delete a.serviceUrl],
    ['conversation.id', (a: any) => delete a.conversation.id],
    ['from.id', (a: any) => delete a.from.id],
  ])('refuses an activity without %s with 400 and a reason', async (field, strip) => {
    const activity = teamsActivity();
    strip(activity);
    const callsBefore = connector.calls.length;
    const res = await postJson(`${bot.url}/api/messages`, activity);
    expect(res.status).toBe(400);
    expect(typeof res.json?.error).toBe('string');
    expect(res.json.error).toContain(field);
    expect(connector.calls).toHaveLength(callsBefore);
  });

  it('without MicrosoftAppId refuses a non-local serviceUrl with 401 and calls nothing', async () => {
    const callsBefore = connector.calls.length;
    const res = await postJson(`${bot.url}/api/messages`, teamsActivity({ serviceUrl: 'https://smba.trafficmanager.net/emea/' }));
    expect(res.status).toBe(401);
    expect(res.json.error).toContain('MicrosoftAppId');
    expect(connector.calls).toHaveLength(callsBefore);
  });

  it('is still healthy after bad input, and ready', async () => {
    expect((await httpRequest(`${bot.url}/healthz`)).status).toBe(200);
    const ready = await httpRequest(`${bot.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(ready.json).toEqual({ status: 'ready' });
  });
});
