import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../cards/i18n/en.ts';
import { nl } from '../../cards/i18n/nl.ts';
import { startBot, TEST_SIGNING_SECRET, type RunningBot } from '../support/bot-server.ts';
import { startFakeSlackApi, type FakeSlackApi } from '../support/fake-slack-api.ts';
import { httpRequest, type HttpResult } from '../support/http-request.ts';
import { slackSignatureHeaders } from '../support/slack-signing.ts';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const JSON_TYPE = { 'content-type': 'application/json' };

let bot: RunningBot;
let slack: FakeSlackApi;

beforeAll(async () => {
  slack = await startFakeSlackApi();
  slack.locales.set('U2', 'en-US');
  bot = await startBot({ slackApi: slack });
});

afterAll(async () => {
  await bot?.stop();
  await slack?.close();
});

function postSigned(body: string, headers: Record<string, string>, extra: { secret?: string; timestamp?: number } = {}): Promise<HttpResult> {
  return httpRequest(`${bot.url}/slack/events`, {
    method: 'POST',
    headers: { ...headers, ...slackSignatureHeaders(extra.secret ?? TEST_SIGNING_SECRET, body, extra.timestamp) },
    body,
  });
}

const command = (user: string, responseUrl: string, text = 'help') =>
  new URLSearchParams({
    token: 'deprecated-verification-token',
    team_id: 'T1',
    channel_id: 'C1',
    user_id: user,
    user_name: user.toLowerCase(),
    command: '/ketenbot',
    text,
    response_url: responseUrl,
    trigger_id: '123.456.abc',
  }).toString();

const eventEnvelope = (eventId: string, event: Record<string, unknown>) =>
  JSON.stringify({ token: 'x', team_id: 'T1', api_app_id: 'A1', type: 'event_callback', event_id: eventId, event_time: Math.floor(Date.now() / 1000), event });

const headerText = (blocks: Array<{ type: string; text?: { text: string } }>) => blocks.find((b) => b.type === 'header')?.text?.text;
const allText = (blocks: unknown) => JSON.stringify(blocks);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('Slack slash command', () => {
  it('acks within 3 s and answers ephemerally in Dutch through response_url', async () => {
    const body = command('U1', slack.responseUrl(1));
    const started = Date.now();
    const res = await postSigned(body, FORM);
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(3000);

    const answer = await slack.waitFor((c) => c.path === '/response/1');
    expect(answer.body.response_type).toBe('ephemeral');
    expect(typeof answer.body.text).toBe('string');
    expect(headerText(answer.body.blocks)).toBe(nl['help.title']);
    expect(allText(answer.body.blocks)).toContain(nl['help.intro']);
  });

  it('answers in English when users.info says the user is en-US', async () => {
    await postSigned(command('U2', slack.responseUrl(2)), FORM);
    const answer = await slack.waitFor((c) => c.path === '/response/2');
    expect(headerText(answer.body.blocks)).toBe(en['help.title']);
    expect(allText(answer.body.blocks)).toContain(en['help.intro']);
    expect(slack.callsOf('users.info').some((c) => c.body?.user === 'U2')).toBe(true);
  });
});

describe('Slack request verification', () => {
  it('refuses a wrong signature with 401 and does not answer', async () => {
    const res = await postSigned(command('U1', slack.responseUrl('bad-signature')), FORM, { secret: 'not-the-secret' });
    expect(res.status).toBe(401);
    await sleep(300);
    expect(slack.calls.some((c) => c.path === '/response/bad-signature')).toBe(false);
  });

  it('refuses a timestamp older than 5 minutes with 401', async () => {
    const res = await postSigned(command('U1', slack.responseUrl('stale')), FORM, { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });
    expect(res.status).toBe(401);
  });

  it('answers url_verification with the challenge', async () => {
    const res = await postSigned(JSON.stringify({ token: 'x', type: 'url_verification', challenge: 'abc' }), JSON_TYPE);
    expect(res.status).toBe(200);
    expect(res.json?.challenge ?? res.text).toBe('abc');
  });
});

describe('Slack Events API', () => {
  const dm = { type: 'message', channel_type: 'im', channel: 'D1', user: 'U1', text: 'help', ts: '1.1' };

  it('answers a direct message with chat.postMessage, and processes a redelivery only once', async () => {
    const body = eventEnvelope('Ev1', dm);
    expect((await postSigned(body, JSON_TYPE)).status).toBe(200);
    const posted = await slack.waitFor((c) => c.path === '/api/chat.postMessage' && c.body?.channel === 'D1');
    expect(Array.isArray(posted.body.blocks)).toBe(true);
    expect(headerText(posted.body.blocks)).toBe(nl['help.title']);

    const retry = await postSigned(body, { ...JSON_TYPE, 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' });
    expect(retry.status).toBe(200);
    await sleep(1000);
    expect(slack.callsOf('chat.postMessage').filter((c) => c.body?.channel === 'D1')).toHaveLength(1);
  });

  it('does not answer a message from a bot', async () => {
    const body = eventEnvelope('Ev2', { ...dm, channel: 'D2', bot_id: 'BOTHER', ts: '2.2' });
    expect((await postSigned(body, JSON_TYPE)).status).toBe(200);
    await sleep(1000);
    expect(slack.callsOf('chat.postMessage').filter((c) => c.body?.channel === 'D2')).toHaveLength(0);
  });
});

describe('Slack interactivity', () => {
  it('answers a help.show button press through its response_url', async () => {
    // The help flow has no step for actions: the engine routes "help.*" to the help flow's start,
    // so pressing "Toon hulp" shows the help card again, ephemerally (no replace key).
    const payload = {
      type: 'block_actions',
      team: { id: 'T1', domain: 't1' },
      user: { id: 'U1', username: 'u1', name: 'u1', team_id: 'T1' },
      api_app_id: 'A1',
      token: 'x',
      container: { type: 'message', message_ts: '5.5', channel_id: 'C1', is_ephemeral: true },
      trigger_id: '123.456.def',
      channel: { id: 'C1', name: 'general' },
      response_url: slack.responseUrl('action'),
      actions: [{ action_id: 'help.show#0', block_id: 'b1', value: '{}', type: 'button', text: { type: 'plain_text', text: nl['help.action.show'] }, action_ts: '6.6' }],
    };
    const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    const res = await postSigned(body, FORM);
    expect(res.status).toBe(200);

    const answer = await slack.waitFor((c) => c.path === '/response/action');
    expect(headerText(answer.body.blocks)).toBe(nl['help.title']);
    expect(allText(answer.body.blocks)).toContain(nl['help.intro']);
    expect(answer.body.response_type).toBe('ephemeral');
  });
});

describe('Slack not configured', () => {
  it('answers /slack/events with 503 and a reason', async () => {
    const plain = await startBot();
    try {
      const body = command('U1', slack.responseUrl('unconfigured'));
      const res = await httpRequest(`${plain.url}/slack/events`, { method: 'POST', headers: { ...FORM, ...slackSignatureHeaders(TEST_SIGNING_SECRET, body) }, body });
      expect(res.status).toBe(503);
      expect(res.json?.error).toMatch(/SLACK_SIGNING_SECRET/);
    } finally {
      await plain.stop();
    }
  });
});
