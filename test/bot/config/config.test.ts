import { describe, expect, it } from 'vitest';
import { describeConfig, loadConfig, SECRET_KEYS, type Config } from '../../../bot/config.ts';

const APP_ID = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
const TENANT_ID = '9c1a7d2e-5b44-4c1e-8a39-2d7f0e6b1a55';

// Distinctive secret values: none of them may ever show up in an error line or in describeConfig.
const APP_PASSWORD = 'AppPw~SECRET~q8Z!k2';
const SIGNING_SECRET = 'SigningSECRET0a1b2c3d4e5f';
const BOT_TOKEN = 'xoxb-1111-2222-BotTokenSECRET';
const BAD_BOT_TOKEN = 'xoxp-3333-UserTokenSECRET';
const DB_PASSWORD = 'DbPwSECRET4711';
const SECRETS = [APP_PASSWORD, SIGNING_SECRET, BOT_TOKEN, BAD_BOT_TOKEN, DB_PASSWORD];

const load = (env: NodeJS.ProcessEnv) => loadConfig(env);
function configOf(env: NodeJS.ProcessEnv): Config {
  const result = load(env);
  if ('errors' in result) throw new Error(`unexpected errors: ${result.errors.join(' | ')}`);
  return result.config;
}
function errorsOf(env: NodeJS.ProcessEnv): string[] {
  const result = load(env);
  if (!('errors' in result)) throw new Error('expected errors, got a config');
  return result.errors;
}

const teams = { MicrosoftAppId: APP_ID, MicrosoftAppPassword: APP_PASSWORD };
const slack = { SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: BOT_TOKEN };

describe('loadConfig: defaults', () => {
  it('an empty environment gives a local, unauthenticated bot on 127.0.0.1:3978 with SQLite', () => {
    const config = configOf({});
    expect(config).toMatchObject({
      port: 3978,
      host: '127.0.0.1',
      databaseUrl: 'sqlite:data/ketenbot.sqlite',
      logLevel: 'info',
      botFramework: {},
      teamsAuthEnabled: false,
      localChat: true,
    });
    expect(config.slack).toBeUndefined();
    expect(config.publicUrl).toBeUndefined();
  });

  it('empty and blank values count as not set', () => {
    expect(configOf({ PORT: '', DATABASE_URL: '   ', LOG_LEVEL: ' ', HOST: '', LOCAL_CHAT: '', PUBLIC_URL: ' ', MicrosoftAppId: '', SLACK_BOT_TOKEN: '  ' })).toEqual(configOf({}));
  });

  it.each<[string, NodeJS.ProcessEnv, Partial<Config>]>([
    ['PORT', { PORT: '8080' }, { port: 8080 }],
    ['PORT 0 (any free port)', { PORT: '0' }, { port: 0 }],
    ['PORT 65535', { PORT: '65535' }, { port: 65535 }],
    ['PORT with spaces', { PORT: ' 3000 ' }, { port: 3000 }],
    ['HOST', { HOST: '0.0.0.0' }, { host: '0.0.0.0' }],
    ['DATABASE_URL postgres', { DATABASE_URL: 'postgres://k@db/k' }, { databaseUrl: 'postgres://k@db/k' }],
    ['DATABASE_URL sqlite', { DATABASE_URL: 'sqlite:/srv/k.sqlite' }, { databaseUrl: 'sqlite:/srv/k.sqlite' }],
    ['LOG_LEVEL', { LOG_LEVEL: 'debug' }, { logLevel: 'debug' }],
    ['LOCAL_CHAT=false', { LOCAL_CHAT: 'false' }, { localChat: false }],
    ['KB_SEARCH_ENGINE default', {}, { kbSearchEngine: 'memory' }],
    ['KB_SEARCH_ENGINE=database', { KB_SEARCH_ENGINE: 'database' }, { kbSearchEngine: 'database' }],
    ['CLOCK_INTERVAL_MS default: a minute', {}, { clockIntervalMs: 60_000 }],
    ['CLOCK_INTERVAL_MS', { CLOCK_INTERVAL_MS: '500' }, { clockIntervalMs: 500 }],
    ['SQLITE_SYNCHRONOUS default: normal', {}, { sqliteSynchronous: 'normal' }],
    ['SQLITE_SYNCHRONOUS=full (any case)', { SQLITE_SYNCHRONOUS: 'FULL' }, { sqliteSynchronous: 'full' }],
    ['PUBLIC_URL without trailing slashes', { PUBLIC_URL: 'https://ketenbot.example.org//' }, { publicUrl: 'https://ketenbot.example.org' }],
    ['Teams credentials: auth on, listen on all interfaces, local chat off', teams, { teamsAuthEnabled: true, host: '0.0.0.0', localChat: false }],
    ['Teams credentials with LOCAL_CHAT=true', { ...teams, LOCAL_CHAT: 'true' }, { localChat: true }],
    ['Teams credentials with an explicit HOST', { ...teams, HOST: '10.0.0.5' }, { host: '10.0.0.5' }],
    ['SingleTenant with a tenant', { ...teams, MicrosoftAppType: 'SingleTenant', MicrosoftAppTenantId: TENANT_ID }, { teamsAuthEnabled: true }],
    ['UserAssignedMSI needs no password', { MicrosoftAppId: APP_ID, MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: TENANT_ID }, { teamsAuthEnabled: true }],
    ['Slack: listen on all interfaces, local chat off', slack, { slack: { signingSecret: SIGNING_SECRET, botToken: BOT_TOKEN }, host: '0.0.0.0', localChat: false }],
    ['Slack with LOCAL_CHAT=true', { ...slack, LOCAL_CHAT: 'true' }, { localChat: true }],
    ['Slack with an API URL gets a trailing slash', { ...slack, SLACK_API_URL: 'http://127.0.0.1:9000/api' }, { slack: { signingSecret: SIGNING_SECRET, botToken: BOT_TOKEN, apiUrl: 'http://127.0.0.1:9000/api/' } }],
  ])('%s', (_name, env, expected) => {
    expect(configOf(env)).toMatchObject(expected);
  });

  it('passes the Bot Framework settings through unchanged', () => {
    const config = configOf({ ...teams, MicrosoftAppType: 'MultiTenant', OAuthUrl: 'https://token.botframework.com', Unrelated: 'x' });
    expect(config.botFramework).toEqual({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: APP_PASSWORD, MicrosoftAppType: 'MultiTenant', OAuthUrl: 'https://token.botframework.com' });
  });
});

describe('loadConfig: every invalid setting is exactly one line naming the variable', () => {
  it.each<[string, string, NodeJS.ProcessEnv]>([
    ['PORT not a number', 'PORT', { PORT: 'abc' }],
    ['PORT negative', 'PORT', { PORT: '-1' }],
    ['PORT too big', 'PORT', { PORT: '65536' }],
    ['PORT not whole', 'PORT', { PORT: '3978.5' }],
    ['DATABASE_URL unknown scheme', 'DATABASE_URL', { DATABASE_URL: 'mysql://root@localhost/ketenbot' }],
    ['DATABASE_URL sqlite without path', 'DATABASE_URL', { DATABASE_URL: 'sqlite:' }],
    ['DATABASE_URL broken postgres URL', 'DATABASE_URL', { DATABASE_URL: `postgres://k:${DB_PASSWORD}@[db/k` }],
    ['LOG_LEVEL unknown', 'LOG_LEVEL', { LOG_LEVEL: 'verbose' }],
    ['LOG_LEVEL upper case', 'LOG_LEVEL', { LOG_LEVEL: 'INFO' }],
    ['MicrosoftAppType unknown', 'MicrosoftAppType', { MicrosoftAppType: 'Multitenant' }],
    ['MicrosoftAppType unknown, with credentials', 'MicrosoftAppType', { ...teams, MicrosoftAppType: 'SingelTenant' }],
    ['MicrosoftAppId not a GUID', 'MicrosoftAppId', { MicrosoftAppId: 'ketenbot', MicrosoftAppPassword: APP_PASSWORD }],
    ['MicrosoftAppId almost a GUID', 'MicrosoftAppId', { MicrosoftAppId: `${APP_ID}0`, MicrosoftAppPassword: APP_PASSWORD }],
    ['MicrosoftAppId without password', 'MicrosoftAppPassword', { MicrosoftAppId: APP_ID }],
    ['MicrosoftAppPassword without id', 'MicrosoftAppId', { MicrosoftAppPassword: APP_PASSWORD }],
    ['SingleTenant without tenant', 'MicrosoftAppTenantId', { ...teams, MicrosoftAppType: 'SingleTenant' }],
    ['SingleTenant without tenant and without credentials', 'MicrosoftAppTenantId', { MicrosoftAppType: 'SingleTenant' }],
    ['UserAssignedMSI without tenant', 'MicrosoftAppTenantId', { MicrosoftAppId: APP_ID, MicrosoftAppType: 'UserAssignedMSI' }],
    ['MicrosoftAppTenantId not a GUID', 'MicrosoftAppTenantId', { ...teams, MicrosoftAppType: 'SingleTenant', MicrosoftAppTenantId: 'contoso.onmicrosoft.com' }],
    ['OAuthUrl not http(s)', 'OAuthUrl', { ...teams, OAuthUrl: 'ftp://token.example.org' }],
    ['ToChannelFromBotLoginUrl not a URL', 'ToChannelFromBotLoginUrl', { ...teams, ToChannelFromBotLoginUrl: 'login' }],
    ['SLACK_SIGNING_SECRET without token', 'SLACK_BOT_TOKEN', { SLACK_SIGNING_SECRET: SIGNING_SECRET }],
    ['SLACK_BOT_TOKEN without secret', 'SLACK_SIGNING_SECRET', { SLACK_BOT_TOKEN: BOT_TOKEN }],
    ['SLACK_BOT_TOKEN not xoxb-', 'SLACK_BOT_TOKEN', { SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: BAD_BOT_TOKEN }],
    ['SLACK_API_URL not a URL', 'SLACK_API_URL', { ...slack, SLACK_API_URL: 'slack.local/api/' }],
    ['SLACK_API_URL not http(s)', 'SLACK_API_URL', { ...slack, SLACK_API_URL: 'ws://127.0.0.1/api/' }],
    ['LOCAL_CHAT not a boolean', 'LOCAL_CHAT', { LOCAL_CHAT: 'yes' }],
    ['LOCAL_CHAT 1', 'LOCAL_CHAT', { LOCAL_CHAT: '1' }],
    ['PUBLIC_URL without scheme', 'PUBLIC_URL', { PUBLIC_URL: 'ketenbot.example.org' }],
    ['PUBLIC_URL not http(s)', 'PUBLIC_URL', { PUBLIC_URL: 'ftp://ketenbot.example.org' }],
    ['KB_SEARCH_ENGINE unknown', 'KB_SEARCH_ENGINE', { KB_SEARCH_ENGINE: 'elasticsearch' }],
    ['KB_SEARCH_ENGINE upper case', 'KB_SEARCH_ENGINE', { KB_SEARCH_ENGINE: 'MEMORY' }],
  ])('%s → one line about %s', (_name, variable, env) => {
    const errors = errorsOf(env);
    expect(errors, errors.join('\n')).toHaveLength(1);
    expect(errors[0]).toContain(variable);
    expect(errors[0]).not.toMatch(/\n/);
  });

  it('several problems at once are all reported, one line each', () => {
    const errors = errorsOf({
      PORT: 'tachtig',
      DATABASE_URL: 'mysql://x',
      LOG_LEVEL: 'loud',
      MicrosoftAppPassword: APP_PASSWORD,
      SLACK_BOT_TOKEN: BAD_BOT_TOKEN,
      LOCAL_CHAT: 'maybe',
      PUBLIC_URL: 'nowhere',
      SLACK_API_URL: 'nope',
    });
    const expected = ['PORT', 'DATABASE_URL', 'LOG_LEVEL', 'MicrosoftAppId is required', 'SLACK_SIGNING_SECRET is required', 'SLACK_BOT_TOKEN must', 'SLACK_API_URL', 'LOCAL_CHAT', 'PUBLIC_URL'];
    expect(errors, errors.join('\n')).toHaveLength(expected.length);
    for (const fragment of expected) expect(errors.filter((e) => e.startsWith(fragment.split(' ')[0]!) && e.includes(fragment))).toHaveLength(1);
  });

  it('an error line says what is expected', () => {
    expect(errorsOf({ PORT: 'abc' })).toEqual(['PORT must be a whole number from 0 to 65535 (got "abc")']);
    expect(errorsOf({ LOCAL_CHAT: 'yes' })).toEqual(['LOCAL_CHAT must be true or false (got "yes")']);
    expect(errorsOf({ SQLITE_SYNCHRONOUS: 'off' })).toEqual(['SQLITE_SYNCHRONOUS must be "normal" or "full" (got "off")']);
    expect(errorsOf({ CLOCK_INTERVAL_MS: '5' })).toEqual(['CLOCK_INTERVAL_MS must be a whole number of milliseconds from 100 to 3600000 (got "5")']);
  });
});

describe('secrets never leak', () => {
  const SECRET_ENVS: Array<[string, NodeJS.ProcessEnv]> = [
    ['every secret set, valid', { ...teams, ...slack, DATABASE_URL: `postgres://ketenbot:${DB_PASSWORD}@db.example.org:5432/ketenbot` }],
    ['every secret set, everything else wrong', {
      MicrosoftAppPassword: APP_PASSWORD,
      SLACK_BOT_TOKEN: BAD_BOT_TOKEN,
      DATABASE_URL: `postgres://ketenbot:${DB_PASSWORD}@[db/ketenbot`,
      MicrosoftAppType: 'Nonsense',
      PORT: 'x',
    }],
    ['a bad token', { SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: BAD_BOT_TOKEN }],
    ['a secret without its partner', { SLACK_SIGNING_SECRET: SIGNING_SECRET }],
    ['a password without an app id', { MicrosoftAppPassword: APP_PASSWORD }],
    ['a database URL with an unsupported scheme', { DATABASE_URL: `mysql://root:${DB_PASSWORD}@db/ketenbot` }],
    ['a password in the query string', { DATABASE_URL: `postgres://db.example.org/ketenbot?password=${DB_PASSWORD}` }],
  ];

  const leaked = (text: string) => SECRETS.filter((s) => text.includes(s));

  it.each(SECRET_ENVS)('%s: no error line contains a secret', (_name, env) => {
    const result = load(env);
    if ('errors' in result) expect(leaked(result.errors.join('\n'))).toEqual([]);
  });

  it.each(SECRET_ENVS)('%s: describeConfig contains no secret', (_name, env) => {
    const result = load(env);
    if ('config' in result) {
      const described = JSON.stringify(describeConfig(result.config));
      expect(leaked(described), described).toEqual([]);
    }
  });

  it('describeConfig still says which settings are in use', () => {
    const described = describeConfig(configOf({ ...teams, ...slack, PUBLIC_URL: 'https://ketenbot.example.org/' }));
    expect(described).toMatchObject({
      port: 3978,
      host: '0.0.0.0',
      database: 'sqlite:data/ketenbot.sqlite',
      teams: { appId: APP_ID, appType: 'MultiTenant' },
      slack: { apiUrl: 'https://slack.com/api/' },
      localChat: false,
      publicUrl: 'https://ketenbot.example.org',
    });
    expect(describeConfig(configOf({}))).toMatchObject({ teams: 'unauthenticated (local tools only)', slack: 'not configured', publicUrl: 'not set' });
  });

  it('describeConfig of a postgres database names the server but not the password', () => {
    const described = describeConfig(configOf({ DATABASE_URL: `postgres://ketenbot:${DB_PASSWORD}@db.example.org:5432/ketenbot` }));
    const text = JSON.stringify(described);
    expect(text).toContain('db.example.org');
    expect(text).not.toContain(DB_PASSWORD);
  });

  it('SECRET_KEYS covers every secret setting loadConfig reads', () => {
    for (const key of ['MicrosoftAppPassword', 'SLACK_SIGNING_SECRET', 'SLACK_BOT_TOKEN', 'DATABASE_URL']) expect(SECRET_KEYS).toContain(key);
  });
});
