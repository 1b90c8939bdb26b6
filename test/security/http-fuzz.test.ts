import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBot, TEST_SIGNING_SECRET, type RunningBot } from '../support/bot-server.ts';
import { startFakeConnector, type FakeConnector } from '../support/fake-connector.ts';
import { startFakeSlackApi, type FakeSlackApi } from '../support/fake-slack-api.ts';
import { httpRequest, postJson, type HttpResult } from '../support/http-request.ts';
import { slackSignatureHeaders } from '../support/slack-signing.ts';
import { hostileText, randomWord } from './hostile-text.ts';

/**
 * Property-based fuzzing of the HTTP entry points of ONE real server (Slack against a local fake,
 * Bot Framework unauthenticated as `npm start` runs it, the local web chat on): whatever arrives —
 * random Unicode, 200 KB strings, deep nesting, wrong types in every activity field, random content
 * types, random Slack forms signed and unsigned — is answered, with a 4xx or a 2xx, never a 5xx,
 * within 2 s; and the server is healthy afterwards.
 */
const BOUND_MS = 2000;

let bot: RunningBot;
let slack: FakeSlackApi;
let connector: FakeConnector;

beforeAll(async () => {
  connector = await startFakeConnector();
  slack = await startFakeSlackApi();
  bot = await startBot({ slackApi: slack, env: { LOCAL_CHAT: 'true', DEMO_DATA: 'true' } });
  await bot.bot.services.kbSearch.warm();
});

afterAll(async () => {
  await bot?.stop();
  await slack?.close();
  await connector?.close();
});

/** Sends one request; the property: answered (> 0), never 5xx, within the bound. */
async function expectAnswered(send: () => Promise<HttpResult>, what: () => string): Promise<void> {
  const started = Date.now();
  const res = await send();
  const ms = Date.now() - started;
  expect(res.status, what()).toBeGreaterThanOrEqual(200);
  expect(res.status, `${what()} → ${res.status} ${res.text.slice(0, 200)}`).toBeLessThan(500);
  expect(ms, `${what()} took ${ms} ms`).toBeLessThan(BOUND_MS);
}

const short = (body: string | Buffer) => `${String(body).slice(0, 300)}${body.length > 300 ? `… (${body.length} chars)` : ''}`;

// ---------------------------------------------------------------------------------------------
// Building blocks

/** What an HTTP client can put in a header: printable ASCII. */
const headerText = (maxLength: number) => fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength });
const DEEP = '"__deep__"';
/** JSON text nested `depth` levels (arrays or objects): half within the 64-level limit, half up to 12,000. */
const deepJson = fc.tuple(fc.oneof(fc.integer({ min: 1, max: 64 }), fc.integer({ min: 65, max: 12_000 })), fc.boolean()).map(([depth, arrays]) =>
  arrays ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`);
/** Long strings, up to about 200 KB. */
const longText = fc.tuple(fc.string({ unit: 'binary', minLength: 1, maxLength: 8 }), fc.integer({ min: 1, max: 25_000 })).map(([s, n]) => s.repeat(n));
const text = fc.oneof({ weight: 4, arbitrary: hostileText() }, { weight: 1, arbitrary: longText }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 3000 }).map((n) => randomWord(n, n)) });
/** A value of the wrong type for whatever field it lands in (including a marker for deep JSON). */
const wrong: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null), fc.integer(), fc.double(), fc.boolean(), text,
  fc.array(fc.oneof(fc.integer(), fc.string(), fc.constant(null)), { maxLength: 4 }),
  fc.dictionary(fc.string({ maxLength: 6 }), fc.oneof(fc.integer(), fc.string(), fc.constant(null)), { maxKeys: 4 }),
  fc.constant(DEEP),
);
/** Absent most of the time: present once in `oneIn`. */
const sometimes = <T>(arb: fc.Arbitrary<T>, oneIn: number) => fc.oneof({ weight: oneIn - 1, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });
/** Mostly the right kind of value, sometimes a wrong one, sometimes absent. */
const field = <T>(good: fc.Arbitrary<T>) => fc.option(fc.oneof({ weight: 3, arbitrary: good }, { weight: 1, arbitrary: wrong }), { nil: undefined, freq: 5 });
const id = fc.oneof(fc.uuid(), fc.string({ minLength: 1, maxLength: 40 }), longText);
const accountOf = (f: <T>(good: fc.Arbitrary<T>) => fc.Arbitrary<unknown>) =>
  fc.record({ id: f(id), name: f(text), aadObjectId: f(fc.uuid()), role: f(fc.constantFrom('user', 'bot')) }, { requiredKeys: [] });

/** A JSON body with every DEEP marker replaced by deep JSON text (JSON.stringify could not build it). */
const withDeep = (value: unknown, deep: string) => JSON.stringify(value).split(JSON.stringify(DEEP)).join(deep).split(DEEP).join(deep);

// ---------------------------------------------------------------------------------------------
// Bot Framework: /api/messages

type Pick = <T>(good: fc.Arbitrary<T>) => fc.Arbitrary<unknown>;
/** Messy requests get wrongly typed and missing fields; the others hostile values of the right type. */
const picker = (messy: boolean): Pick => (messy ? field : (good) => good);
/** Optional either way. */
const optionalField = (messy: boolean): Pick => (messy ? field : (good) => fc.option(good, { nil: undefined, freq: 5 }));
/** Two clean requests to one messy one. */
const messiness = fc.oneof({ weight: 2, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) });

/** An activity (Teams or web chat shaped). */
const activity = (messy: boolean) => {
  const f = optionalField(messy);
  const account = accountOf(f);
  return fc.record({
    type: messy ? f(fc.constantFrom('message', 'conversationUpdate', 'invoke', 'installationUpdate', 'messageReaction', 'event', 'typing', 'endOfConversation')) : fc.constantFrom('message', 'message', 'message', 'invoke', 'conversationUpdate', 'installationUpdate'),
    id: f(id),
    name: f(fc.constantFrom('composeExtension/query', 'healthCheck', 'adaptiveCard/action', 'task/fetch', 'signin/verifyState')),
    timestamp: f(fc.date({ noInvalidDate: true }).map((d) => d.toISOString())),
    channelId: messy ? f(fc.constantFrom('msteams', 'webchat', 'emulator', 'directline')) : fc.constantFrom('msteams', 'webchat', 'emulator', 'directline'),
    serviceUrl: fc.oneof({ weight: 8, arbitrary: fc.constant(`__connector__/`) }, { weight: 1, arbitrary: fc.webUrl() }, { weight: messy ? 1 : 0, arbitrary: wrong }),
    locale: f(fc.constantFrom('nl-NL', 'en-US', 'nl', 'en', 'xx', '')),
    text: f(text),
    from: messy ? f(account) : fc.record({ id: id, name: f(text) }),
    recipient: f(account),
    conversation: messy ? f(fc.record({ id: f(id), conversationType: f(fc.constantFrom('personal', 'channel', 'groupChat')), tenantId: f(fc.uuid()), isGroup: f(fc.boolean()) }, { requiredKeys: [] })) : fc.record({ id, conversationType: fc.constantFrom('personal', 'channel', 'groupChat') }),
    value: f(fc.oneof(
      fc.record({ action: f(fc.oneof(fc.constantFrom('help.show', 'kb.feedback', 'incident.start', 'tree.start', 'language.set'), text)) }, { requiredKeys: [] }),
      fc.record({ parameters: f(fc.array(fc.record({ name: f(fc.constant('query')), value: f(text) }, { requiredKeys: [] }), { maxLength: 3 })), queryOptions: f(fc.record({ skip: f(fc.integer({ min: -5, max: 100 })), count: f(fc.integer({ min: -5, max: 100 })) }, { requiredKeys: [] })) }, { requiredKeys: [] }),
      fc.jsonValue({ maxDepth: 4 }),
      fc.constant(DEEP),
    )),
    attachments: f(fc.array(fc.record({ contentType: f(fc.string()), contentUrl: f(fc.webUrl()), name: f(text), content: f(fc.jsonValue({ maxDepth: 2 })) }, { requiredKeys: [] }), { maxLength: 3 })),
    entities: f(fc.array(fc.record({ type: f(fc.constantFrom('mention', 'clientInfo')), text: f(text), mentioned: f(account) }, { requiredKeys: [] }), { maxLength: 3 })),
    membersAdded: f(fc.array(account, { maxLength: 3 })),
    channelData: f(fc.jsonValue({ maxDepth: 3 })),
  }, { requiredKeys: [] });
};

const JSON_TYPES = ['application/json', 'application/json; charset=utf-8'];
const contentType = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom(...JSON_TYPES) },
  { weight: 2, arbitrary: fc.constantFrom('application/x-www-form-urlencoded', 'text/plain', 'multipart/form-data; boundary=x', 'application/json; charset=latin1', 'application/xml', '*/*', '') },
  { weight: 1, arbitrary: headerText(60) },
);
const extraHeaders = fc.record({
  accept: sometimes(headerText(40), 2),
  'content-encoding': sometimes(fc.constantFrom('gzip', 'br', 'identity', 'x-unknown'), 15),
  'x-ms-conversation-id': sometimes(headerText(40), 4),
  authorization: sometimes(headerText(80).map((t) => `Bearer ${t}`), 6),
}, { requiredKeys: [] });

const headersOf = (type: string, extra: Record<string, unknown>) => {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(extra)) if (typeof v === 'string') headers[k] = v;
  if (type) headers['content-type'] = type;
  return headers;
};

describe('/api/messages under fuzzing', () => {
  it('answers activities with random and wrongly typed fields, long and deep values: 2xx/4xx, in time', async () => {
    await fc.assert(fc.asyncProperty(messiness.chain(activity), deepJson, contentType, extraHeaders, async (a, deep, type, extra) => {
      const body = withDeep(a, deep).split('"__connector__/"').join(JSON.stringify(`${connector.url}/`));
      await expectAnswered(() => httpRequest(`${bot.url}/api/messages`, { method: 'POST', headers: headersOf(type, extra), body }), () => `${type} ${short(body)}`);
    }), { numRuns: 70 });
  });

  it('answers arbitrary bytes in any content type', async () => {
    const raw = fc.oneof(text, deepJson, fc.jsonValue().map((v) => JSON.stringify(v)), fc.uint8Array({ maxLength: 2000 }).map((b) => Buffer.from(b).toString('latin1')));
    await fc.assert(fc.asyncProperty(raw, contentType, async (body, type) => {
      await expectAnswered(() => httpRequest(`${bot.url}/api/messages`, { method: 'POST', headers: headersOf(type, {}), body }), () => `${type} ${short(body)}`);
    }), { numRuns: 40 });
  });
});

// ---------------------------------------------------------------------------------------------
// Slack: /slack/events

const slackUser = (f: Pick) => fc.record({ id: f(fc.constantFrom('U1', 'U2', 'UFUZZ')), name: f(text), team_id: f(fc.constant('T1')) }, { requiredKeys: [] });
const interaction = (messy: boolean) => {
  const [f, o] = [picker(messy), optionalField(messy)];
  return fc.record({
    type: f(fc.oneof({ weight: 6, arbitrary: fc.constantFrom('block_actions', 'view_submission') }, { weight: 1, arbitrary: fc.constantFrom('view_closed', 'shortcut', 'message_action', 'block_suggestion', 'interactive_message', 'dialog_submission') })),
    user: f(slackUser(f)),
    team: o(fc.record({ id: o(fc.constant('T1')) }, { requiredKeys: [] })),
    channel: o(fc.record({ id: o(fc.constantFrom('C1', 'D1')) }, { requiredKeys: [] })),
    container: o(fc.record({ channel_id: o(fc.constant('C1')), message_ts: o(fc.constant('1.1')) }, { requiredKeys: [] })),
    actions: f(fc.array(fc.record({ action_id: f(fc.oneof(fc.constantFrom('help.show#0', 'kb.feedback#1', 'incident.start#0'), text)), value: o(text), type: o(fc.constant('button')) }, { requiredKeys: [] }), { minLength: messy ? 0 : 1, maxLength: 3 })),
    view: f(fc.record({ callback_id: f(text), private_metadata: o(text), state: o(fc.jsonValue({ maxDepth: 3 })) }, { requiredKeys: [] })),
    state: o(fc.jsonValue({ maxDepth: 3 })),
    trigger_id: o(fc.constant('1.2.3')),
    name: sometimes(text, 8),
    deep: sometimes(fc.constant(DEEP), 6),
  }, { requiredKeys: [] }).map((i) => {
    // A clean request carries what its type needs and nothing that sends Bolt elsewhere.
    if (messy) return i;
    const { actions, view, ...rest } = i as Record<string, unknown>;
    return i.type === 'view_submission' ? { ...rest, view } : i.type === 'block_actions' ? { ...rest, actions } : i;
  });
};

const eventEnvelope = (messy: boolean) => {
  const [f, o] = [picker(messy), optionalField(messy)];
  return fc.record({
    type: f(fc.constantFrom('event_callback', 'event_callback', 'event_callback', 'url_verification', 'app_rate_limited')),
    event_id: o(fc.uuid()),
    team_id: o(fc.constant('T1')),
    challenge: o(text),
    authorizations: o(fc.array(fc.oneof(fc.constant(null), fc.record({ team_id: o(fc.constant('T1')) }, { requiredKeys: [] })), { maxLength: 2 })),
    event: f(fc.record({
      type: f(fc.constantFrom('message', 'app_mention', 'channel_left', 'group_left', 'app_uninstalled', 'reaction_added')),
      channel_type: o(fc.constantFrom('im', 'channel')),
      channel: o(fc.constantFrom('D1', 'C1')),
      user: o(fc.constantFrom('U1', 'U2')),
      text: o(text),
      ts: o(fc.constant('1.1')),
      subtype: sometimes(fc.constantFrom('bot_message', 'file_share', 'message_changed'), 4),
      files: o(fc.array(fc.record({ name: o(text), url_private: o(fc.webUrl()) }, { requiredKeys: [] }), { maxLength: 2 })),
      item: o(fc.record({ channel: o(fc.constant('C1')) }, { requiredKeys: [] })),
    }, { requiredKeys: [] })),
  }, { requiredKeys: [] });
};

const slashCommand = (messy: boolean) => {
  const [f, o] = [picker(messy), optionalField(messy)];
  return fc.record({
    command: f(fc.constantFrom('/ketenbot', '/ketenbot', '/ketenbot', '/other')),
    text: o(text),
    user_id: f(fc.constantFrom('U1', 'U2')),
    channel_id: f(fc.constantFrom('C1', 'D1')),
    team_id: o(fc.constant('T1')),
    response_url: fc.option(fc.constant('__response__'), { nil: undefined }),
    trigger_id: o(fc.constant('1.2.3')),
    ssl_check: sometimes(fc.constantFrom('1', '0'), 8),
  }, { requiredKeys: [] });
};

/** Values as a form: strings stay, anything else is JSON (what a careless client would send). */
const asForm = (fields: Record<string, unknown>) =>
  new URLSearchParams(Object.entries(fields).filter(([, v]) => v !== undefined).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)] as [string, string])).toString();

let responses = 0;
const slackBody = fc.oneof(
  {
    weight: 3,
    arbitrary: messiness.chain(slashCommand).map((c) => ({
      type: 'application/x-www-form-urlencoded',
      body: () => asForm({ ...c, ...((c as { response_url?: string }).response_url ? { response_url: slack.responseUrl(`fuzz-${++responses}`) } : {}) }),
    })),
  },
  {
    weight: 3,
    arbitrary: fc.tuple(messiness.chain(interaction), deepJson, fc.oneof(fc.constant('payload'), fc.constant('payload'), fc.string({ maxLength: 8 }))).map(([i, deep, key]) => ({
      type: 'application/x-www-form-urlencoded',
      body: () => `${encodeURIComponent(key)}=${encodeURIComponent(withDeep(i, deep))}`,
    })),
  },
  { weight: 3, arbitrary: fc.tuple(messiness.chain(eventEnvelope), contentType).map(([e, type]) => ({ type: type || 'application/json', body: () => JSON.stringify(e) })) },
  { weight: 1, arbitrary: fc.tuple(fc.oneof(text, deepJson, fc.jsonValue().map((v) => JSON.stringify(v))), contentType).map(([raw, type]) => ({ type, body: () => raw })) },
);
/** Most requests signed correctly now; some unsigned, wrongly signed, or stamped far from now. */
const signing = fc.oneof(
  { weight: 6, arbitrary: fc.constant({ kind: 'signed' as const, skew: 0 }) },
  { weight: 1, arbitrary: fc.integer({ min: -86_400 * 365, max: 86_400 * 365 }).map((skew) => ({ kind: 'signed' as const, skew })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'unsigned' as const, skew: 0 }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('garbage' as const), skew: fc.constant(0), signature: headerText(80), timestamp: headerText(20) }) },
);

describe('/slack/events under fuzzing', () => {
  it('answers random Slack forms and JSON, signed and unsigned: 2xx/4xx, in time', async () => {
    await fc.assert(fc.asyncProperty(slackBody, signing, sometimes(fc.constantFrom('1', 'x', '-3'), 5), async (request, sign, retry) => {
      const body = request.body();
      const headers: Record<string, string> = { ...(request.type ? { 'content-type': request.type } : {}), ...(retry ? { 'x-slack-retry-num': retry } : {}) };
      if (sign.kind === 'signed') Object.assign(headers, slackSignatureHeaders(TEST_SIGNING_SECRET, body, Math.floor(Date.now() / 1000) + sign.skew));
      if (sign.kind === 'garbage') Object.assign(headers, { 'x-slack-signature': (sign as { signature: string }).signature, 'x-slack-request-timestamp': (sign as { timestamp: string }).timestamp });
      await expectAnswered(() => httpRequest(`${bot.url}/slack/events`, { method: 'POST', headers, body }), () => `${sign.kind}${sign.skew ? ` (skew ${sign.skew} s)` : ''} ${request.type} ${short(body)}`);
    }), { numRuns: 80 });
  });
});

// ---------------------------------------------------------------------------------------------
// The local web chat's Direct Line

describe('local Direct Line under fuzzing', () => {
  it('answers random activities and watermarks in one conversation, which keeps polling', async () => {
    const session = await postJson(`${bot.url}/local/session`, { userId: '' });
    const auth = { authorization: `Bearer ${session.json.token as string}` };
    const conversation = `${bot.url}/v3/directline/conversations/${session.json.conversationId as string}`;
    const watermark = fc.oneof(fc.nat({ max: 5 }).map(String), fc.string({ unit: 'binary', maxLength: 30 }), fc.constantFrom('-1', '1e9', '99999999999999999999', 'w[a]=1&watermark[b]=2'));
    const post = fc.record({ type: field(fc.constantFrom('message', 'event', 'typing')), text: field(text), value: field(fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constant(DEEP))), channelData: field(fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constant(DEEP))), locale: field(fc.string()) }, { requiredKeys: [] });
    await fc.assert(fc.asyncProperty(post, deepJson, watermark, contentType, async (activity, deep, mark, type) => {
      const body = withDeep(activity, deep);
      await expectAnswered(() => httpRequest(`${conversation}/activities`, { method: 'POST', headers: { ...auth, ...headersOf(type, {}) }, body }), () => `${type} ${short(body)}`);
      await expectAnswered(() => httpRequest(`${conversation}/activities?watermark=${encodeURIComponent(mark)}`, { headers: auth }), () => `watermark ${mark}`);
    }), { numRuns: 30 });
    const polled = await httpRequest(`${conversation}/activities?watermark=0`, { headers: auth });
    expect(polled.status).toBe(200);
  });
});

describe('after all of it', () => {
  it('is healthy and ready', async () => {
    expect((await httpRequest(`${bot.url}/healthz`)).status).toBe(200);
    expect((await httpRequest(`${bot.url}/readyz`)).status).toBe(200);
  });
});
