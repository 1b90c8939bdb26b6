import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nl } from '../../cards/i18n/nl.ts';
import type { CardView } from '../../cards/views/card-view.ts';
import { TEST_SIGNING_SECRET } from '../support/bot-server.ts';
import { startFakeSlackDelivery, startFakeTeamsConnector, type FakeSlackDelivery, type FakeTeamsConnector, type TimedCall } from '../support/fake-delivery-platforms.ts';
import { httpRequest, postJson } from '../support/http-request.ts';
import { cli, startOutboxBot, tempDatabase, type OutboxBot } from '../support/outbox-bot.ts';
import { slackSignatureHeaders } from '../support/slack-signing.ts';
import { adaptiveCardIn, textsIn } from '../support/adaptive-cards.ts';

/**
 * The outbox on the wire: the real bot in-process with a fake Slack Web API and a fake Teams
 * connector. Administrators link a Slack and a Teams channel through the chat; a notice is
 * announced and revised; what the platforms receive is what channel members would see.
 */

const TENANT = '7a1f3c55-0c8e-4d0a-9b1e-2f6d8c4e5a10';
const BOT = { id: '28:ketenbot-app-id', name: 'Ketenbot' };
const PIET = { aad: '5d7e9f01-2222-4a6b-8c9d-0e1f2a3b4c5d', name: 'Piet Beheerder' };
const WESTLINK_ID = 'org-gtk-westlink';
const WESTLINK = 'Regionale uitwisseling WestLink (GtK)';
const RIVIERENNET_ID = 'org-gtk-rivierennet';
const GEBOORTENET_ID = 'org-gtk-geboortenet';
/** A Teams channel the bot was removed from: the connector answers 404 to every send there. */
const TEAMS_GONE = '19:wire-weg@thread.tacv2';
const TEAMS_CHANNEL = '19:wire-meldingen@thread.tacv2';
const TEAM = '19:wire-team@thread.tacv2';

const database = tempDatabase();
let bot: OutboxBot;
let slack: FakeSlackDelivery;
let connector: FakeTeamsConnector;
let slashes = 0;
let sequence = 0;
let rateLimitedOnce = false;
/** From the moment the bot is removed from TEAMS_GONE (after it was linked). */
let teamsGone = false;

const card = (title: string, badge: string): CardView => ({
  kind: 'incident',
  title,
  badge: { text: badge, tone: 'attention' },
  blocks: [{ type: 'text', text: 'Het ketenportaal is niet bereikbaar.' }, { type: 'facts', facts: [{ label: 'Sinds', value: '08:00' }] }],
  fallbackText: `${title}: ${badge}`,
});

beforeAll(async () => {
  slack = await startFakeSlackDelivery({
    script: (call) => {
      if (call.path !== '/api/chat.postMessage') return undefined;
      if (call.body?.channel === 'CGONE') return { json: { ok: false, error: 'channel_not_found' } };
      if (call.body?.channel === 'C429' && !rateLimitedOnce) {
        rateLimitedOnce = true;
        return { status: 429, headers: { 'retry-after': '1' }, json: { ok: false, error: 'ratelimited' } };
      }
      return undefined;
    },
  });
  connector = await startFakeTeamsConnector();
  connector.script = (call) => (teamsGone && call.method === 'POST' && call.path.startsWith(`/v3/conversations/${TEAMS_GONE}/activities`)
    ? { status: 404, json: { error: { code: 'ConversationNotFound', message: 'Conversation not found.' } } }
    : undefined);
  bot = await startOutboxBot({ databaseUrl: database.url, slackApiUrl: slack.apiUrl, env: { DEMO_DATA: 'true' } });
  for (const args of [
    ['admin', 'grant', 'slack:UJAN', 'administrator', WESTLINK_ID],
    ['admin', 'grant', 'slack:UJAN', 'administrator', RIVIERENNET_ID],
    ['admin', 'grant', `teams:${PIET.aad}`, 'administrator', WESTLINK_ID],
    ['admin', 'grant', `teams:${PIET.aad}`, 'administrator', GEBOORTENET_ID],
    ['admin', 'grant', 'slack:UJAN', 'administrator', GEBOORTENET_ID],
  ]) {
    const result = await cli(database.url, ...args);
    expect(result.code, result.err).toBe(0);
  }
});

afterAll(async () => {
  await bot?.stop();
  await slack?.close();
  await connector?.close();
  database.remove();
});

/** `/ketenbot <text>` as Slack sends it; returns what the bot answered on the response_url. */
async function slash(user: string, channel: string, text: string): Promise<any> {
  const key = `wire-${++slashes}`;
  const body = new URLSearchParams({
    token: 'x', team_id: 'T1', team_domain: 't1', channel_id: channel, channel_name: channel.toLowerCase(), user_id: user, user_name: user.toLowerCase(),
    command: '/ketenbot', text, api_app_id: 'A1', response_url: slack.responseUrl(key), trigger_id: `1.2.${key}`,
  }).toString();
  const res = await httpRequest(`${bot.url}/slack/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...slackSignatureHeaders(TEST_SIGNING_SECRET, body) },
    body,
  });
  expect(res.status).toBe(200);
  return (await slack.waitFor((c) => c.path === `/response/${key}`)).body;
}

/** "@Ketenbot <text>" by Piet in a Teams channel; returns the bot's answer there. */
async function inTeamsChannel(text: string, channel = TEAMS_CHANNEL, channelName = 'Meldingen'): Promise<TimedCall> {
  const before = connector.calls.length;
  const activity = {
    id: `1${Date.now()}${++sequence}`,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl: `${connector.url}/`,
    locale: 'nl-NL',
    from: { id: `29:${PIET.aad}`, name: PIET.name, aadObjectId: PIET.aad },
    recipient: BOT,
    conversation: { id: channel, conversationType: 'channel', isGroup: true, tenantId: TENANT },
    channelData: { team: { id: TEAM, name: 'Ketenregie' }, channel: { id: channel, name: channelName }, tenant: { id: TENANT } },
    type: 'message',
    text: `<at>${BOT.name}</at> ${text}`,
    textFormat: 'plain',
    entities: [{ type: 'mention', text: `<at>${BOT.name}</at>`, mentioned: { id: BOT.id, name: BOT.name } }],
  };
  const res = await postJson(`${bot.url}/api/messages`, activity);
  expect(res.status).toBe(200);
  return connector.waitFor((c) => connector.calls.indexOf(c) >= before && c.path.startsWith(`/v3/conversations/${channel}/activities`));
}

const adaptiveCard = adaptiveCardIn;
const cardTexts = textsIn;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Cards posted into the channel itself (not into a thread). */
const channelCards = () => connector.postsTo(TEAMS_CHANNEL).filter((c) => adaptiveCard(c) !== undefined);

describe('announce and revise, as the channels see it', () => {
  let noticeId = '';
  let slackTs = '';
  let teamsId = '';
  let koppelMessageIds: string[] = [];

  it('administrators link a Slack channel and a Teams channel through the chat', async () => {
    expect((await slash('UJAN', 'C2', `kanaal koppel ${WESTLINK_ID}`)).text).toBe(nl['channel.linked'].replaceAll('{organisation}', WESTLINK));
    expect((await slash('UJAN', 'CGONE', `kanaal koppel ${WESTLINK_ID}`)).text).toBe(nl['channel.linked'].replaceAll('{organisation}', WESTLINK));
    expect((await slash('UJAN', 'C429', `kanaal koppel ${RIVIERENNET_ID}`)).text).toContain('meldingskanaal');
    const linked = await inTeamsChannel(`kanaal koppel ${WESTLINK_ID}`);
    expect(linked.body.text).toBe(nl['channel.linked'].replaceAll('{organisation}', WESTLINK));
    koppelMessageIds = connector.calls.map((c) => c.body?.replyToId).filter((id): id is string => typeof id === 'string');
  });

  it('announce: Slack gets one chat.postMessage with blocks and the idempotency key; Teams one proactive post with an Adaptive Card', async () => {
    const { notice, channels } = await bot.bot.services.announcer.announce('test', 's1', card('Storing ketenportaal', 'Verstoring'), [WESTLINK_ID]);
    noticeId = notice.id;
    expect(channels).toBe(3);

    const post = await slack.waitFor((c) => c.path === '/api/chat.postMessage' && c.body?.channel === 'C2');
    expect(Array.isArray(post.body.blocks)).toBe(true);
    expect(JSON.stringify(post.body.blocks)).toContain('Storing ketenportaal');
    expect(post.body.metadata).toMatchObject({ event_type: 'ketenbot_delivery', event_payload: { key: expect.stringMatching(new RegExp(`^${noticeId}:.+:post:1$`)) } });
    slackTs = post.answer?.ts ?? (await waitForAnswer(post)).ts;

    const teamsPost = await connector.waitFor((c) => c.method === 'POST' && c.path.startsWith(`/v3/conversations/${TEAMS_CHANNEL}/activities`) && Boolean(adaptiveCard(c)));
    // A new message in the channel (proactive): not a reply in a thread, not under the "kanaal koppel" message.
    expect(teamsPost.path).toBe(`/v3/conversations/${TEAMS_CHANNEL}/activities`);
    expect(koppelMessageIds).not.toContain(teamsPost.body.replyToId);
    expect(adaptiveCard(teamsPost).type).toBe('AdaptiveCard');
    expect(cardTexts(adaptiveCard(teamsPost).body)).toContain('Storing ketenportaal');
    teamsId = (await waitForAnswer(teamsPost)).id;

    await sleep(1500);
    expect(slack.callsOf('chat.postMessage').filter((c) => c.body?.channel === 'C2')).toHaveLength(1);
    expect(slack.messages('C2')).toHaveLength(1);
    expect(channelCards()).toHaveLength(1);
  });

  it('revise: Slack updates the posted message and replies in its thread; Teams edits its post and replies in the channel thread', async () => {
    const revised = await bot.bot.services.announcer.revise(noticeId, card('Storing ketenportaal', 'Opgelost'), 'Opgelost');
    expect(revised?.version).toBe(2);

    const update = await slack.waitFor((c) => c.path === '/api/chat.update' && c.body?.channel === 'C2');
    expect(update.body.ts).toBe(slackTs);
    expect(JSON.stringify(update.body.blocks)).toContain('Opgelost');
    const reply = await slack.waitFor((c) => c.path === '/api/chat.postMessage' && c.body?.channel === 'C2' && c.body?.thread_ts !== undefined);
    expect(reply.body.thread_ts).toBe(slackTs);
    expect(reply.body.text).toBe('Opgelost');
    expect(slack.messages('C2').map((m) => [m.thread_ts ?? 'top', m.updates])).toEqual([['top', 1], [slackTs, 0]]);

    const put = await connector.waitFor((c) => c.method === 'PUT');
    expect(put.path).toBe(`/v3/conversations/${TEAMS_CHANNEL}/activities/${teamsId}`);
    expect(cardTexts(adaptiveCard(put).body)).toContain('Opgelost');
    const thread = `${TEAMS_CHANNEL};messageid=${teamsId}`;
    await connector.waitFor((c) => c.method === 'POST' && c.path.startsWith(`/v3/conversations/${thread}/activities`));
    expect(connector.postsTo(thread).map((c) => c.body.text)).toEqual(['Opgelost']);
    expect(connector.putsTo(TEAMS_CHANNEL)).toHaveLength(1);
  });

  it('`ketenbot deliveries --notice <id> --json` shows what was sent per channel', async () => {
    await expect.poll(async () => JSON.parse((await cli(database.url, 'deliveries', '--notice', noticeId, '--json')).out).map((r: any) => `${r.platform}:${r.channelId}:${r.counts.sent}:${r.counts.dead}`).sort(), { timeout: 5000 })
      .toEqual([`slack:C2:3:0`, 'slack:CGONE:0:1', `teams:${TEAMS_CHANNEL}:3:0`]);
    const result = await cli(database.url, 'deliveries', '--notice', noticeId, '--json');
    expect(result.code).toBe(0);
    const gone = JSON.parse(result.out).find((r: any) => r.channelId === 'CGONE');
    expect(gone.lastError).toContain('channel_not_found');
  });

  it('a Slack channel that answers channel_not_found: the delivery is dead, the link ends, and the administrator gets a direct message', async () => {
    expect(slack.callsOf('chat.postMessage').filter((c) => c.body?.channel === 'CGONE')).toHaveLength(1);
    const dm = await slack.waitFor((c) => c.path === '/api/chat.postMessage' && c.body?.channel === 'UJAN');
    expect(dm.body.text).toBe(nl['channel.gone.notice'].replace('{platform}', 'Slack').replace('{channel}', 'CGONE').replaceAll('{organisation}', WESTLINK));
    expect((await slash('UJAN', 'CGONE', 'kanaal lijst')).text).toBe(nl['channel.list.empty']);
    // C2 is still linked.
    expect(JSON.stringify((await slash('UJAN', 'C2', 'kanaal lijst')).blocks)).toContain(WESTLINK);
  });

  it('/metrics counts the Slack sends', async () => {
    const metrics = await httpRequest(`${bot.url}/metrics`);
    expect(metrics.status).toBe(200);
    const sends = Number(/^ketenbot_delivery_sends_total\{platform="slack"\} (\d+)$/m.exec(metrics.text)?.[1]);
    expect(sends).toBeGreaterThanOrEqual(2);
    expect(metrics.text).toMatch(/^ketenbot_delivery_dead_letters_total\{platform="slack"\} 1$/m);
    expect(metrics.text).toMatch(/^ketenbot_delivery_sends_total\{platform="teams"\} 3$/m);
  });

  it('429 with Retry-After: 1 → the post arrives a second later, once', async () => {
    const { channels } = await bot.bot.services.announcer.announce('test', 's2', card('Onderhoud RivierenNet', 'Gepland'), [RIVIERENNET_ID]);
    expect(channels).toBe(1);
    await expect.poll(() => slack.messages('C429').length, { timeout: 5000 }).toBe(1);
    const calls = slack.callsOf('chat.postMessage').filter((c) => c.body?.channel === 'C429');
    expect(calls.map((c) => c.status)).toEqual([429, 200]);
    expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(1000);
    await sleep(1200);
    expect(slack.messages('C429')).toHaveLength(1);
    const metrics = (await httpRequest(`${bot.url}/metrics`)).text;
    expect(metrics).toMatch(/^ketenbot_delivery_rate_limited_total\{platform="slack"\} 1$/m);
  });

  it('a Teams channel the bot was removed from (404): the delivery is dead, the link ends, the administrator is told; no error text in the channel', async () => {
    const linked = await inTeamsChannel(`kanaal koppel ${GEBOORTENET_ID}`, TEAMS_GONE, 'Weg');
    expect(linked.body.text).toContain('meldingskanaal');
    teamsGone = true;
    const { notice } = await bot.bot.services.announcer.announce('test', 's3', card('Storing GeboorteNet', 'Verstoring'), [GEBOORTENET_ID]);
    await connector.waitFor((c) => c.method === 'POST' && c.path.startsWith(`/v3/conversations/${TEAMS_GONE}/activities`) && adaptiveCard(c) !== undefined);
    await sleep(1000);

    // The channel's members must not read the bot's "something went wrong, try again" text.
    expect(connector.postsTo(TEAMS_GONE).map((c) => c.body?.text)).not.toContain(nl['error.generic']);
    const report = JSON.parse((await cli(database.url, 'deliveries', '--notice', notice.id, '--json')).out);
    expect(report).toEqual([expect.objectContaining({ channelId: TEAMS_GONE, counts: expect.objectContaining({ dead: 1, sent: 0 }) })]);
    expect(await bot.bot.services.channels.inChannel({ platform: 'teams', channelId: TEAMS_GONE })).toEqual({ ok: true, value: [] });
    const dm = await slack.waitFor((c) => c.path === '/api/chat.postMessage' && c.body?.channel === 'UJAN' && String(c.body?.text).includes('Teams'), 3000);
    expect(dm.body.text).toContain('Weg');
  });

  it('a member deleted the posted alert: revising it does not end the channel\'s link', async () => {
    expect((await slash('UJAN', 'CDEL', `kanaal koppel ${GEBOORTENET_ID}`)).text).toContain('meldingskanaal');
    const { notice } = await bot.bot.services.announcer.announce('test', 's4', card('Storing GeboorteNet', 'Verstoring'), [GEBOORTENET_ID]);
    await expect.poll(() => slack.messages('CDEL').length, { timeout: 5000 }).toBe(1);
    slack.deleteMessage('CDEL', slack.messages('CDEL')[0]!.ts);

    const dmsBefore = slack.callsOf('chat.postMessage').filter((c) => c.body?.channel === 'UJAN').length;
    await bot.bot.services.announcer.revise(notice.id, card('Storing GeboorteNet', 'Opgelost'));
    await slack.waitFor((c) => c.path === '/api/chat.update' && c.body?.channel === 'CDEL', 5000);
    await sleep(500);

    // Only that one message is gone; the channel must keep receiving alerts, and nobody is told it was removed.
    expect(JSON.stringify((await slash('UJAN', 'CDEL', 'kanaal lijst')).blocks ?? [])).toContain(GEBOORTENET_ID);
    expect(slack.callsOf('chat.postMessage').filter((c) => c.body?.channel === 'UJAN')).toHaveLength(dmsBefore);
  });
});

async function waitForAnswer(call: TimedCall): Promise<any> {
  for (let i = 0; i < 200 && call.answer === undefined; i++) await sleep(25);
  expect(call.answer, `no answer to ${call.method} ${call.path}`).toBeDefined();
  return call.answer;
}
