import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startBot, type RunningBot } from '../support/bot-server.ts';
import { channelClaims, hs256, jwt, newSigningKey, rs256, startOpenIdServer, unsigned, type SigningKey } from '../support/bot-framework-tokens.ts';
import { capturedLogger, ERROR, WARN, type LogLine } from '../support/captured-logs.ts';
import { postJson } from '../support/http-request.ts';

/**
 * Bot Framework authentication with MicrosoftAppId set, checked against a real key set: botbuilder
 * fetches the OpenID metadata and keys from a local stand-in for login.botframework.com (there is
 * no network here), so every token below is verified exactly as a Teams token would be.
 */
const APP_ID = '11111111-2222-3333-4444-555555555555';
const SERVICE_URL = 'https://smba.trafficmanager.net/emea/';

let bot: RunningBot;
let openId: Awaited<ReturnType<typeof startOpenIdServer>>;
let key: SigningKey;
let attacker: SigningKey;
const logs = capturedLogger();
const printed: unknown[][] = [];

beforeAll(async () => {
  key = newSigningKey('ketenbot-test-key');
  attacker = newSigningKey('attacker-key');
  openId = await startOpenIdServer([key]);
  // Anything botbuilder would print itself (it prints token failures with console.error).
  for (const method of ['error', 'warn', 'log'] as const) vi.spyOn(console, method).mockImplementation((...args) => void printed.push(args));
  bot = await startBot({
    logger: logs.logger,
    env: {
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: 'not-used-no-reply-is-sent',
      ToBotFromChannelOpenIdMetadataUrl: openId.metadataUrl,
      ToBotFromEmulatorOpenIdMetadataUrl: openId.metadataUrl,
    },
  });
});

afterAll(async () => {
  await bot?.stop();
  await openId?.close();
  vi.restoreAllMocks();
});

/** The app being installed in a team: the bot only stores the conversation (no reply, so no outbound token is needed). */
function installation(serviceUrl = SERVICE_URL) {
  return {
    type: 'installationUpdate',
    action: 'add',
    id: `f:${randomUUID()}`,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl,
    from: { id: `29:${randomUUID()}`, name: 'Beheerder' },
    recipient: { id: `28:${APP_ID}`, name: 'Ketenbot' },
    conversation: { id: `19:${randomUUID()}@thread.tacv2`, conversationType: 'channel', tenantId: 'tenant-1' },
    channelData: { tenant: { id: 'tenant-1' }, team: { id: `19:${randomUUID()}@thread.tacv2` } },
  };
}

const stored = (activity: ReturnType<typeof installation>) => bot.bot.services.conversations.get('teams', activity.conversation.id);
const genuine = (claims: Record<string, unknown> = {}, serviceUrl = SERVICE_URL) =>
  jwt({ alg: 'RS256', typ: 'JWT', kid: key.kid }, channelClaims(APP_ID, serviceUrl, claims), rs256(key.privateKey));

/** Posts with the given Authorization header and returns the answer and what was logged for it. */
async function post(authorization: string | undefined, activity = installation()) {
  const before = logs.lines.length;
  const printedBefore = printed.length;
  const started = Date.now();
  const res = await postJson(`${bot.url}/api/messages`, activity, authorization === undefined ? {} : { authorization });
  return { res, ms: Date.now() - started, lines: logs.lines.slice(before), raw: logs.raw.slice(before).join(''), printed: printed.slice(printedBefore), activity };
}

function expectQuietRefusal(result: Awaited<ReturnType<typeof post>>) {
  expect(result.res.status).toBe(401);
  const warnings = result.lines.filter((l: LogLine) => l.level === WARN);
  expect(warnings).toHaveLength(1);
  expect(warnings[0]).toMatchObject({ msg: 'request refused', status: 401, path: '/api/messages' });
  expect(result.lines.filter((l) => l.level >= ERROR)).toEqual([]);
  expect(result.raw).not.toMatch(/"err"|"stack"|\n\s+at /);
  expect(result.printed).toEqual([]);
  // The answer names no internals either.
  expect(result.res.text).not.toMatch(/at .*\.js|jsonwebtoken|BEGIN/);
}

describe('Bot Framework credentials with MicrosoftAppId set', () => {
  it('accepts a token signed by the channel key (2xx), and the bot acts on it', async () => {
    const result = await post(`Bearer ${genuine()}`);
    expect(result.res.status).toBe(200);
    expect(await stored(result.activity)).toBeDefined();
    expect(result.lines.filter((l) => l.level >= WARN)).toEqual([]);
    expect(openId.calls.some((c) => c.path === '/keys')).toBe(true);
  });

  const forgeries: Array<[string, () => string]> = [
    ['signed with another key under the known kid', () => jwt({ alg: 'RS256', typ: 'JWT', kid: key.kid }, channelClaims(APP_ID, SERVICE_URL), rs256(attacker.privateKey))],
    ['alg none under the known kid', () => jwt({ alg: 'none', typ: 'JWT', kid: key.kid }, channelClaims(APP_ID, SERVICE_URL), unsigned)],
    ['HS256 signed with the public key as secret', () => jwt({ alg: 'HS256', typ: 'JWT', kid: key.kid }, channelClaims(APP_ID, SERVICE_URL), hs256(key.publicKey.export({ type: 'spki', format: 'pem' })))],
    ['a genuine token with a tampered payload', () => {
      const [header, , signature] = genuine().split('.');
      const payload = Buffer.from(JSON.stringify(channelClaims(APP_ID, SERVICE_URL, { exp: Math.floor(Date.now() / 1000) + 10 * 365 * 86400 }))).toString('base64url');
      return `${header}.${payload}.${signature}`;
    }],
    ['nbf an hour in the future', () => genuine({ nbf: Math.floor(Date.now() / 1000) + 3600 })],
    ['expired an hour ago', () => genuine({ exp: Math.floor(Date.now() / 1000) - 3600, iat: Math.floor(Date.now() / 1000) - 7200, nbf: Math.floor(Date.now() / 1000) - 7200 })],
    ['for another bot (audience)', () => genuine({ aud: '99999999-2222-3333-4444-555555555555' })],
    ['from another issuer', () => genuine({ iss: 'https://evil.example.org' })],
    ['for another serviceUrl than the activity names', () => genuine({ serviceurl: 'https://evil.example.org/' })],
    ['signed under an unknown kid', () => jwt({ alg: 'RS256', typ: 'JWT', kid: attacker.kid }, channelClaims(APP_ID, SERVICE_URL), rs256(attacker.privateKey))],
    ['not a JWT at all', () => 'garbage'],
    ['three dots of base64', () => 'e30.e30.e30'],
  ];

  it.each(forgeries)('refuses a token %s with 401, one warn line, no stack, no action', async (_name, forge) => {
    const result = await post(`Bearer ${forge()}`);
    expectQuietRefusal(result);
    expect(await stored(result.activity)).toBeUndefined();
    expect(result.ms).toBeLessThan(2000);
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['another scheme', 'Basic dXNlcjpwYXNz'],
    ['a bare word', 'Bearer'],
    ['too many parts', `Bearer ${'a'.repeat(20)} ${'b'.repeat(20)}`],
    ['binary junk', `Bearer ${'\u00ff\u00fe'.repeat(50)}`],
  ])('refuses an Authorization header that is %s with 401, one warn line, no stack', async (_name, header) => {
    const result = await post(header);
    expectQuietRefusal(result);
    expect(await stored(result.activity)).toBeUndefined();
  });

  it('checks the credentials before the rest of the activity: a forged token on an odd activity is 401, a genuine one 400', async () => {
    const odd = { ...installation(), recipient: undefined, entities: Array.from({ length: 100 }, () => ({ type: 'mention' })) } as unknown as ReturnType<typeof installation>;
    const forged = await post(`Bearer ${genuine().slice(0, -4)}AAAA`, odd);
    expectQuietRefusal(forged);
    const real = await post(`Bearer ${genuine()}`, odd);
    expect(real.res.status).toBe(400);
    expect(await stored(odd)).toBeUndefined();
  });

  it('still accepts genuine tokens after all that, and is healthy', async () => {
    const result = await post(`Bearer ${genuine()}`);
    expect(result.res.status).toBe(200);
    expect(await stored(result.activity)).toBeDefined();
    expect((await postJson(`${bot.url}/api/messages`, { type: 42 })).status).toBe(400);
  });
});

describe('when the signing keys cannot be loaded', () => {
  it('answers 503 (not 500, not 401 as if the caller were wrong) with one warn line and no stack', async () => {
    const capture = capturedLogger();
    const offline = await startBot({
      logger: capture.logger,
      env: { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'x', ToBotFromChannelOpenIdMetadataUrl: 'http://127.0.0.1:9/.well-known/openidconfiguration' },
    });
    try {
      const res = await postJson(`${offline.url}/api/messages`, installation(), { authorization: `Bearer ${genuine()}` });
      expect(res.status).toBe(503);
      expect(capture.lines.filter((l) => l.level >= ERROR)).toEqual([]);
      expect(capture.lines.filter((l) => l.level === WARN)).toHaveLength(1);
      expect(capture.raw.join('')).not.toMatch(/"err"|"stack"/);
    } finally {
      await offline.stop();
    }
  });
});
