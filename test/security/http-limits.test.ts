import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nl } from '../../cards/i18n/nl.ts';
import { startBot, type RunningBot } from '../support/bot-server.ts';
import { capturedLogger, ERROR, WARN } from '../support/captured-logs.ts';
import { startFakeConnector, type FakeConnector } from '../support/fake-connector.ts';
import { httpRequest, postJson, statusBeforeBodyEnds } from '../support/http-request.ts';

/**
 * Content types, body sizes, nesting and tokens on /api/messages and the local web chat's routes,
 * against the real server (local chat on, Bot Framework unauthenticated, as `npm start` runs it).
 */
let bot: RunningBot;
let connector: FakeConnector;
const logs = capturedLogger();
const MB = 1024 * 1024;

beforeAll(async () => {
  connector = await startFakeConnector();
  bot = await startBot({ logger: logs.logger });
});

afterAll(async () => {
  await bot?.stop();
  await connector?.close();
});

function activity(overrides: Record<string, unknown> = {}) {
  return {
    type: 'message',
    id: randomUUID(),
    channelId: 'msteams',
    serviceUrl: `${connector.url}/`,
    text: 'help',
    from: { id: `29:${randomUUID()}` },
    recipient: { id: '28:ketenbot' },
    conversation: { id: `a:${randomUUID()}`, conversationType: 'personal' },
    ...overrides,
  };
}

const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const withValue = (value: string) => JSON.stringify(activity({ text: undefined })).replace(/}$/, `,"value":${value}}`);

/** Runs a request and returns its answer plus what the server logged meanwhile. */
async function logged<T>(request: () => Promise<T>) {
  const before = logs.lines.length;
  const result = await request();
  return { result, lines: logs.lines.slice(before), raw: logs.raw.slice(before).join('') };
}

function expectOneWarning(lines: typeof logs.lines, raw: string) {
  expect(lines.filter((l) => l.level === WARN)).toHaveLength(1);
  expect(lines.filter((l) => l.level >= ERROR)).toEqual([]);
  expect(raw).not.toMatch(/"stack"|\n\s+at /);
}

describe('/api/messages takes only JSON', () => {
  const body = () => JSON.stringify(activity());

  it.each([
    ['form-encoded (what a web page can post without a CORS preflight)', { 'content-type': 'application/x-www-form-urlencoded' }, () => new URLSearchParams({ activity: body() }).toString()],
    ['text/plain', { 'content-type': 'text/plain' }, body],
    ['no content type', {}, body],
    ['multipart', { 'content-type': 'multipart/form-data; boundary=x' }, body],
    ['JSON in Latin-1', { 'content-type': 'application/json; charset=iso-8859-1' }, body],
    ['a look-alike type', { 'content-type': 'application/jsonp' }, body],
    ['gzip-compressed JSON', { 'content-type': 'application/json', 'content-encoding': 'gzip' }, () => gzipSync(body())],
  ])('refuses %s with 415, one warn line, and the bot does nothing', async (_name, headers, make) => {
    const callsBefore = connector.calls.length;
    const { result, lines, raw } = await logged(() => httpRequest(`${bot.url}/api/messages`, { method: 'POST', headers: headers as Record<string, string>, body: make() }));
    expect(result.status).toBe(415);
    expectOneWarning(lines, raw);
    await new Promise((r) => setTimeout(r, 200));
    expect(connector.calls).toHaveLength(callsBefore);
  });

  it('accepts application/json with charset=utf-8 and answers', async () => {
    const message = activity();
    const res = await httpRequest(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json; charset=UTF-8' }, body: JSON.stringify(message) });
    expect(res.status).toBe(200);
    await connector.waitFor((c) => c.path.startsWith(`/v3/conversations/${message.conversation.id}/activities`));
  });
});

describe('body size and nesting on /api/messages', () => {
  it('refuses a body declared over 1 MB with 413 before it is sent', async () => {
    expect(await statusBeforeBodyEnds(`${bot.url}/api/messages`, { 'content-type': 'application/json', 'content-length': String(50 * MB) }, 1000)).toBe(413);
  });

  it('refuses a chunked body with 413 as soon as it passes 1 MB', async () => {
    expect(await statusBeforeBodyEnds(`${bot.url}/api/messages`, { 'content-type': 'application/json' }, 1.5 * MB)).toBe(413);
  });

  it('refuses a value nested 10,000 levels deep with 400, one warn line', async () => {
    const { result, lines, raw } = await logged(() => httpRequest(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: withValue(nested(10_000)) }));
    expect(result.status).toBe(400);
    expect(result.json.error).toMatch(/deeper than 64/);
    expectOneWarning(lines, raw);
  });

  it('takes 64 levels and refuses 65', async () => {
    const post = (depth: number) => httpRequest(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: withValue(nested(depth - 1)) });
    expect((await post(64)).status).toBe(200);
    expect((await post(65)).status).toBe(400);
  });

  it.each([
    ['attachments as text', { attachments: 'x' }],
    ['entities as an object', { entities: { type: 'mention' } }],
    ['from.name as a number', { from: { id: 'u1', name: 42 } }],
    ['a timestamp that is no date', { timestamp: 'yesterday' }],
    ['channelData as a list', { channelData: [1] }],
    ['membersAdded without ids', { membersAdded: [{}] }],
  ])('refuses an activity with %s with 400 and a reason', async (_name, overrides) => {
    const res = await postJson(`${bot.url}/api/messages`, activity(overrides));
    expect(res.status).toBe(400);
    expect(typeof res.json.error).toBe('string');
  });
});

describe('mention entities on /api/messages', () => {
  it('answers a message with 40 mention entities of empty or one-letter text at once, and the process stays small and alive', async () => {
    const heapBefore = process.memoryUsage().heapUsed;
    for (const mentionText of ['', 'e', '<at></at>']) {
      const message = activity({
        text: `<at>Ketenbot</at> ${'help me '.repeat(150)}`,
        entities: Array.from({ length: 40 }, (_, i) => ({ type: 'mention', text: mentionText, mentioned: { id: i % 2 ? '28:ketenbot' : '29:someone', aadObjectId: 'e'.repeat(1000) } })),
      });
      const started = Date.now();
      const res = await postJson(`${bot.url}/api/messages`, message);
      expect(res.status).toBe(200);
      await connector.waitFor((c) => c.method === 'POST' && c.path.includes(encodeURIComponent(message.conversation.id)) || c.path.includes(message.conversation.id));
      expect(Date.now() - started).toBeLessThan(5000);
    }
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(100 * MB);
    expect((await httpRequest(`${bot.url}/healthz`)).status).toBe(200);
  });

  it('refuses more than 64 entities with 400', async () => {
    const res = await postJson(`${bot.url}/api/messages`, activity({ entities: Array.from({ length: 65 }, () => ({ type: 'mention' })) }));
    expect(res.status).toBe(400);
  });
});

/** A local web chat session with its conversation started; the greeting is awaited. */
async function session() {
  const started = await postJson(`${bot.url}/local/session`, { userId: '' });
  const { token, conversationId } = started.json as { token: string; conversationId: string };
  const auth = { authorization: `Bearer ${token}` };
  expect((await httpRequest(`${bot.url}/v3/directline/conversations`, { method: 'POST', headers: auth })).status).toBe(201);
  const poll = (watermark: string) => httpRequest(`${bot.url}/v3/directline/conversations/${conversationId}/activities?watermark=${watermark}`, { headers: auth });
  const deadline = Date.now() + 10_000;
  while ((await poll('0')).json.activities.length === 0) {
    if (Date.now() > deadline) throw new Error('no greeting');
    await new Promise((r) => setTimeout(r, 100));
  }
  return { token, conversationId, auth, poll };
}

describe('local Direct Line: uploads', () => {
  const uploadUrl = (conversationId: string) => `${bot.url}/v3/directline/conversations/${conversationId}/upload?userId=u`;

  it('refuses an upload declared over 1 MB with 413 before reading it', async () => {
    const s = await session();
    const headers = { ...s.auth, 'content-type': 'multipart/form-data; boundary=----x', 'content-length': String(50 * MB) };
    expect(await statusBeforeBodyEnds(uploadUrl(s.conversationId), headers, 64 * 1024)).toBe(413);
  });

  it('refuses a chunked upload with 413 as soon as it passes 1 MB', async () => {
    const s = await session();
    expect(await statusBeforeBodyEnds(uploadUrl(s.conversationId), { ...s.auth, 'content-type': 'multipart/form-data; boundary=----x' }, 1.5 * MB)).toBe(413);
  });

  it('refuses an upload with the wrong token before reading it (403)', async () => {
    const s = await session();
    const headers = { authorization: 'Bearer not-the-token', 'content-type': 'multipart/form-data; boundary=----x', 'content-length': String(50 * MB) };
    expect(await statusBeforeBodyEnds(uploadUrl(s.conversationId), headers, 64 * 1024)).toBe(403);
  });

  it('takes an upload as Web Chat sends it (activity part + file) and serves the file back', async () => {
    const s = await session();
    const form = new FormData();
    form.append('activity', new Blob([JSON.stringify({ type: 'message', text: 'hier is het bestand' })], { type: 'application/vnd.microsoft.activity' }), 'blob');
    form.append('file', new Blob(['{"hallo":"wereld"}'], { type: 'application/json' }), 'boom.json');
    const res = await fetch(uploadUrl(s.conversationId), { method: 'POST', headers: s.auth, body: form });
    expect(res.status).toBe(200);
    const { id } = (await res.json()) as { id: string };
    const log = (await s.poll('0')).json.activities as Array<{ id: string; text?: string; attachments?: Array<{ name: string; contentUrl: string }> }>;
    const sent = log.find((a) => a.id === id)!;
    expect(sent.text).toBe('hier is het bestand');
    expect(sent.attachments?.[0]?.name).toBe('boom.json');
    const file = await httpRequest(sent.attachments![0]!.contentUrl);
    expect(file.text).toBe('{"hallo":"wereld"}');
  });

  it('refuses an upload that is not multipart with 415, and a broken one with 400', async () => {
    const s = await session();
    expect((await httpRequest(uploadUrl(s.conversationId), { method: 'POST', headers: { ...s.auth, 'content-type': 'application/json' }, body: '{}' })).status).toBe(415);
    expect((await httpRequest(uploadUrl(s.conversationId), { method: 'POST', headers: { ...s.auth, 'content-type': 'multipart/form-data; boundary=zz' }, body: 'not multipart at all' })).status).toBe(400);
  });
});

describe('local Direct Line: watermarks and nesting', () => {
  it.each([
    ['not a number', 'abc'],
    ['negative', '-1'],
    ['an exponent', '1e3'],
    ['a fraction', '1.5'],
    ['huge', '99999999999999999999'],
    ['past the end of the conversation', '5000'],
    ['nested', undefined],
    ['given twice', undefined],
  ])('refuses a watermark that is %s with 400', async (name, watermark) => {
    const s = await session();
    const query = name === 'nested' ? 'watermark[a][b]=1' : name === 'given twice' ? 'watermark=1&watermark=2' : `watermark=${encodeURIComponent(watermark!)}`;
    const res = await httpRequest(`${bot.url}/v3/directline/conversations/${s.conversationId}/activities?${query}`, { headers: s.auth });
    expect(res.status).toBe(400);
  });

  it('takes an empty, zero and the current watermark', async () => {
    const s = await session();
    const current = (await s.poll('')).json.watermark as string;
    expect((await s.poll('0')).status).toBe(200);
    const atEnd = await s.poll(current);
    expect(atEnd.status).toBe(200);
    expect(atEnd.json.activities).toEqual([]);
  });

  it('refuses a value nested 10,000 levels deep with 400, and the conversation keeps polling', async () => {
    const s = await session();
    const body = `{"type":"message","text":"x","value":${nested(10_000)}}`;
    const res = await httpRequest(`${bot.url}/v3/directline/conversations/${s.conversationId}/activities`, { method: 'POST', headers: { ...s.auth, 'content-type': 'application/json' }, body });
    expect(res.status).toBe(400);
    expect((await s.poll('0')).status).toBe(200);
    const ok = await postJson(`${bot.url}/v3/directline/conversations/${s.conversationId}/activities`, { type: 'message', text: 'stop' }, s.auth);
    expect(ok.status).toBe(200);
    expect((await s.poll('0')).status).toBe(200);
  });
});

describe('local connector routes: only the bot itself', () => {
  const routes = (conversationId: string, activityId: string) => {
    const base = `${bot.url}/v3/conversations/${encodeURIComponent(conversationId)}/activities`;
    const json = { 'content-type': 'application/json' };
    const body = JSON.stringify({ type: 'message', text: 'Klik hier om in te loggen', from: { id: 'ketenbot', role: 'bot' } });
    return [
      ['POST', base, json, body],
      ['POST reply', `${base}/${encodeURIComponent(activityId)}`, json, body],
      ['PUT', `${base}/${encodeURIComponent(activityId)}`, json, body],
      ['DELETE', `${base}/${encodeURIComponent(activityId)}`, {}, undefined],
    ] as const;
  };

  it.each([
    ['no token', undefined],
    ['a wrong token', 'Bearer guessed'],
    ["the page's own Direct Line token", 'page'],
  ])('refuses every connector call with %s (401) and the conversation is unchanged', async (_name, authorization) => {
    const s = await session();
    const before = (await s.poll('0')).json;
    const greetingId = before.activities[0].id as string;
    for (const [method, url, headers, body] of routes(s.conversationId, greetingId)) {
      const auth = authorization === 'page' ? s.auth.authorization : authorization;
      const res = await httpRequest(url, { method: method.split(' ')[0]!, headers: { ...headers, ...(auth ? { authorization: auth } : {}) }, ...(body ? { body } : {}) });
      expect(res.status, method).toBe(401);
    }
    expect((await s.poll('0')).json).toEqual(before);
  });

  it("takes the bot's own token, and refuses deep JSON from it too", async () => {
    const s = await session();
    const url = `${bot.url}/v3/conversations/${encodeURIComponent(s.conversationId)}/activities`;
    const auth = { authorization: `Bearer ${bot.bot.localConnectorToken}`, 'content-type': 'application/json' };
    expect((await httpRequest(url, { method: 'POST', headers: auth, body: JSON.stringify({ type: 'message', text: 'van de bot' }) })).status).toBe(200);
    expect((await httpRequest(url, { method: 'POST', headers: auth, body: `{"type":"message","value":${nested(10_000)}}` })).status).toBe(400);
    const texts = ((await s.poll('0')).json.activities as Array<{ text?: string }>).map((a) => a.text);
    expect(texts).toContain('van de bot');
  });

  it("lets the bot's proactive messages through (the outbox's local sender signs with the same token)", async () => {
    const started = await postJson(`${bot.url}/local/session`, { userId: '' });
    const { token, conversationId, userId } = started.json as { token: string; conversationId: string; userId: string };
    const s = { auth: { authorization: `Bearer ${token}` } };
    expect((await httpRequest(`${bot.url}/v3/directline/conversations`, { method: 'POST', headers: s.auth })).status).toBe(201);
    const poll = async () => (await httpRequest(`${bot.url}/v3/directline/conversations/${conversationId}/activities?watermark=0`, { headers: s.auth })).json.activities as Array<{ text?: string }>;
    const deadline = Date.now() + 10_000;
    while (!(await bot.bot.services.conversations.personal('local', userId))) {
      if (Date.now() > deadline) throw new Error('the greeting did not store the conversation');
      await new Promise((r) => setTimeout(r, 100));
    }
    await bot.bot.services.notifier.notifyPerson({ platform: 'local', userId }, { key: 'flow.nothingToStop' });
    expect((await poll()).map((a) => a.text)).toContain(nl['flow.nothingToStop']);
  });

  it('is healthy afterwards', async () => {
    expect((await httpRequest(`${bot.url}/healthz`)).status).toBe(200);
  });
});
