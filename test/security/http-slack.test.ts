import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBot, TEST_SIGNING_SECRET, type RunningBot } from '../support/bot-server.ts';
import { capturedLogger, ERROR, WARN } from '../support/captured-logs.ts';
import { startFakeSlackApi, type FakeSlackApi } from '../support/fake-slack-api.ts';
import { httpRequest, statusBeforeBodyEnds } from '../support/http-request.ts';
import { slackSignatureHeaders } from '../support/slack-signing.ts';

const FORM = 'application/x-www-form-urlencoded';
const JSON_TYPE = 'application/json';
const now = () => Math.floor(Date.now() / 1000);

let bot: RunningBot;
let slack: FakeSlackApi;
const logs = capturedLogger();

beforeAll(async () => {
  slack = await startFakeSlackApi();
  bot = await startBot({ slackApi: slack, logger: logs.logger });
});

afterAll(async () => {
  await bot?.stop();
  await slack?.close();
});

async function postSigned(body: string, contentType: string, timestamp = now()) {
  const before = logs.lines.length;
  const started = Date.now();
  const res = await httpRequest(`${bot.url}/slack/events`, {
    method: 'POST',
    headers: { 'content-type': contentType, ...slackSignatureHeaders(TEST_SIGNING_SECRET, body, timestamp) },
    body,
  });
  return { res, ms: Date.now() - started, lines: logs.lines.slice(before), raw: logs.raw.slice(before).join('') };
}

const command = (responseUrl: string) =>
  new URLSearchParams({ team_id: 'T1', channel_id: 'C1', user_id: 'U1', user_name: 'u1', command: '/ketenbot', text: 'help', response_url: responseUrl, trigger_id: '1.2.3' }).toString();

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('Slack request timestamps: more than five minutes from now, either way, is refused', () => {
  it.each([
    ['6 minutes in the future', 6 * 60],
    ['a day in the future', 86_400],
    ['6 minutes in the past', -6 * 60],
    ['a day in the past', -86_400],
  ])('refuses a correctly signed request stamped %s with 401 and does nothing', async (name, offset) => {
    const target = `skew-${offset}`;
    const result = await postSigned(command(slack.responseUrl(target)), FORM, now() + offset);
    expect(result.res.status).toBe(401);
    expect(result.lines.filter((l) => l.level === WARN)).toHaveLength(1);
    expect(result.lines.filter((l) => l.level >= ERROR)).toEqual([]);
    await sleep(300);
    expect(slack.calls.some((c) => c.path === `/response/${target}`), name).toBe(false);
  });

  it.each([
    ['4 minutes in the future', 4 * 60],
    ['4 minutes in the past', -4 * 60],
  ])('accepts a request stamped %s (clocks differ a little)', async (_name, offset) => {
    const target = `near-${offset}`;
    const result = await postSigned(command(slack.responseUrl(target)), FORM, now() + offset);
    expect(result.res.status).toBe(200);
    await slack.waitFor((c) => c.path === `/response/${target}`);
  });

  it('refuses a timestamp that is not a number with 401', async () => {
    const body = command(slack.responseUrl('nan'));
    const headers = { ...slackSignatureHeaders(TEST_SIGNING_SECRET, body), 'x-slack-request-timestamp': 'soon' };
    const res = await httpRequest(`${bot.url}/slack/events`, { method: 'POST', headers: { 'content-type': FORM, ...headers }, body });
    expect(res.status).toBe(401);
  });
});

describe('signed Slack bodies the bot cannot read are a quick 400, never 500 or silence', () => {
  const deep = `${'['.repeat(100)}${']'.repeat(100)}`;
  const cases: Array<[string, string, string]> = [
    ['payload=null', FORM, 'payload=null'],
    ['payload=[]', FORM, 'payload=%5B%5D'],
    ['payload={"type":42}', FORM, `payload=${encodeURIComponent('{"type":42}')}`],
    ['payload that is not JSON', FORM, 'payload=%7Bnot+json'],
    ['payload without a type', FORM, `payload=${encodeURIComponent('{"user":{"id":"U1"}}')}`],
    ['payload given twice', FORM, `payload=${encodeURIComponent('{"type":"block_actions"}')}&payload=x`],
    ['payload nested 100 levels deep', FORM, `payload=${encodeURIComponent(`{"type":"block_actions","actions":${deep}}`)}`],
    ['block_actions without a user', FORM, `payload=${encodeURIComponent('{"type":"block_actions","actions":[{"action_id":"help.show"}]}')}`],
    ['block_actions with actions as text', FORM, `payload=${encodeURIComponent('{"type":"block_actions","user":{"id":"U1"},"actions":"x"}')}`],
    ['an unknown interaction type', FORM, `payload=${encodeURIComponent('{"type":"something_else","user":{"id":"U1"}}')}`],
    ['a slash command field given twice', FORM, `${command('x')}&user_id=U2`],
    ['an unknown slash command', FORM, command('x').replace('%2Fketenbot', '%2Fother')],
    ['an empty form', FORM, ''],
    ['a JSON array', JSON_TYPE, '[]'],
    ['a JSON number', JSON_TYPE, '42'],
    ['JSON null', JSON_TYPE, 'null'],
    ['a JSON string', JSON_TYPE, '"event_callback"'],
    ['a JSON object without a type', JSON_TYPE, '{"event":{"type":"message"}}'],
    ['an event that is text', JSON_TYPE, '{"type":"event_callback","event":"message"}'],
    ['an event with user null', JSON_TYPE, '{"type":"event_callback","event_id":"EvX","event":{"type":"message","user":null}}'],
    ['authorizations holding null', JSON_TYPE, '{"type":"event_callback","authorizations":[null],"event":{"type":"message"}}'],
    ['url_verification without a challenge', JSON_TYPE, '{"type":"url_verification"}'],
    ['malformed JSON', JSON_TYPE, '{"type":'],
    ['an empty JSON body', JSON_TYPE, ''],
  ];

  it.each(cases)('%s → 400 within Slack’s 3 seconds, one warn line, no stack', async (_name, contentType, body) => {
    const result = await postSigned(body, contentType);
    expect(result.res.status).toBe(400);
    expect(result.ms).toBeLessThan(2500);
    expect(result.lines.filter((l) => l.level === WARN)).toHaveLength(1);
    expect(result.lines.filter((l) => l.level >= ERROR)).toEqual([]);
    expect(result.raw).not.toMatch(/"stack"|\n\s+at /);
  });

  it('an empty body without a signature is 401', async () => {
    const res = await httpRequest(`${bot.url}/slack/events`, { method: 'POST', headers: { 'content-type': FORM }, body: '' });
    expect(res.status).toBe(401);
  });

  it('refuses a body declared over 1 MB with 413 before reading it', async () => {
    const headers = { 'content-type': FORM, 'content-length': String(50 * 1024 * 1024) };
    expect(await statusBeforeBodyEnds(`${bot.url}/slack/events`, headers, 1000)).toBe(413);
  });

  it('refuses a chunked body with 413 as soon as it passes 1 MB', async () => {
    expect(await statusBeforeBodyEnds(`${bot.url}/slack/events`, { 'content-type': FORM }, 1.5 * 1024 * 1024)).toBe(413);
  });

  it('still answers a good slash command and is healthy', async () => {
    const result = await postSigned(command(slack.responseUrl('after')), FORM);
    expect(result.res.status).toBe(200);
    await slack.waitFor((c) => c.path === '/response/after');
    expect((await httpRequest(`${bot.url}/healthz`)).status).toBe(200);
  });
});
