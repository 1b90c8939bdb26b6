import { describe, expect, it } from 'vitest';
import { DEFAULT_DATABASE_URL, parseDatabaseUrl, redactDatabaseUrl, type DatabaseTarget } from '../../storage/database-url.ts';

describe('parseDatabaseUrl', () => {
  it.each<[string, DatabaseTarget]>([
    ['sqlite:data/ketenbot.sqlite', { kind: 'sqlite', path: 'data/ketenbot.sqlite' }],
    ['sqlite:ketenbot.db', { kind: 'sqlite', path: 'ketenbot.db' }],
    ['sqlite:./data/x.sqlite', { kind: 'sqlite', path: './data/x.sqlite' }],
    ['sqlite:../elders/x.sqlite', { kind: 'sqlite', path: '../elders/x.sqlite' }],
    ['sqlite:/var/lib/ketenbot/bot.sqlite', { kind: 'sqlite', path: '/var/lib/ketenbot/bot.sqlite' }],
    ['sqlite:///var/lib/ketenbot/bot.sqlite', { kind: 'sqlite', path: '/var/lib/ketenbot/bot.sqlite' }],
    ['sqlite::memory:', { kind: 'sqlite', path: ':memory:' }],
    ['SQLite:data/x.sqlite', { kind: 'sqlite', path: 'data/x.sqlite' }],
    ['  sqlite:data/x.sqlite  ', { kind: 'sqlite', path: 'data/x.sqlite' }],
    ['sqlite:C:/Users/beheer/ketenbot.sqlite', { kind: 'sqlite', path: 'C:/Users/beheer/ketenbot.sqlite' }],
    [DEFAULT_DATABASE_URL, { kind: 'sqlite', path: 'data/ketenbot.sqlite' }],
    ['postgres://ketenbot:geheim@db.example.org:5432/ketenbot', { kind: 'postgres', url: 'postgres://ketenbot:geheim@db.example.org:5432/ketenbot' }],
    ['postgresql://ketenbot@localhost/ketenbot', { kind: 'postgres', url: 'postgresql://ketenbot@localhost/ketenbot' }],
    ['postgres://localhost/ketenbot?sslmode=require', { kind: 'postgres', url: 'postgres://localhost/ketenbot?sslmode=require' }],
    ['POSTGRES://HOST/DB', { kind: 'postgres', url: 'POSTGRES://HOST/DB' }],
    [' postgres://127.0.0.1:5432/test ', { kind: 'postgres', url: 'postgres://127.0.0.1:5432/test' }],
  ])('%j → %j', (url, target) => {
    expect(parseDatabaseUrl(url)).toEqual(target);
  });

  it('the default is a SQLite file under data/', () => {
    expect(DEFAULT_DATABASE_URL).toBe('sqlite:data/ketenbot.sqlite');
  });

  const SCHEME_ERROR = 'must start with sqlite: (e.g. sqlite:data/ketenbot.sqlite) or postgres://';
  it.each<[string, string]>([
    ['', SCHEME_ERROR],
    ['   ', SCHEME_ERROR],
    ['data/ketenbot.sqlite', SCHEME_ERROR],
    ['mysql://root@localhost/ketenbot', SCHEME_ERROR],
    ['mssql://sa@localhost/ketenbot', SCHEME_ERROR],
    ['http://db.example.org/ketenbot', SCHEME_ERROR],
    ['file:data/ketenbot.sqlite', SCHEME_ERROR],
    ['sqlite3:data/ketenbot.sqlite', SCHEME_ERROR],
    ['postgres:ketenbot', SCHEME_ERROR],
    ['pg://localhost/ketenbot', SCHEME_ERROR],
    ['sqlite:', 'needs a file path after "sqlite:", e.g. sqlite:data/ketenbot.sqlite'],
    ['  sqlite:  ', 'needs a file path after "sqlite:", e.g. sqlite:data/ketenbot.sqlite'],
    ['postgres://user:pw@[not-a-host/db', 'is not a valid postgres:// URL'],
    ['postgres://host:99999999/db', 'is not a valid postgres:// URL'],
  ])('%j → error %j', (url, error) => {
    expect(parseDatabaseUrl(url)).toEqual({ error });
  });

  it('no error text repeats the URL (it may hold a password)', () => {
    for (const url of ['mysql://root:Sup3rGeheim@x/y', 'postgres://u:Sup3rGeheim@[x/y']) {
      const result = parseDatabaseUrl(url);
      expect('error' in result && result.error).not.toContain('Sup3rGeheim');
    }
  });
});

describe('redactDatabaseUrl', () => {
  it.each<[string, string]>([
    ['postgres://ketenbot:geheim@db.example.org:5432/ketenbot', 'postgres://ketenbot:***@db.example.org:5432/ketenbot'],
    ['postgresql://ketenbot:geheim@localhost/ketenbot?sslmode=require', 'postgresql://ketenbot:***@localhost/ketenbot?sslmode=require'],
    ['postgres://u:pa:ss@host/db', 'postgres://u:***@host/db'],
    ['postgres://u:pa%40ss%2F@host/db', 'postgres://u:***@host/db'],
    // nothing to hide
    ['postgres://ketenbot@localhost/ketenbot', 'postgres://ketenbot@localhost/ketenbot'],
    ['postgres://localhost:5432/ketenbot', 'postgres://localhost:5432/ketenbot'],
    ['sqlite:data/ketenbot.sqlite', 'sqlite:data/ketenbot.sqlite'],
    ['sqlite:/var/lib/ketenbot/bot.sqlite', 'sqlite:/var/lib/ketenbot/bot.sqlite'],
    ['sqlite::memory:', 'sqlite::memory:'],
  ])('%j → %j', (url, redacted) => {
    expect(redactDatabaseUrl(url)).toBe(redacted);
  });

  // Every form node-postgres accepts a password in (checked with pg-connection-string's parse).
  it.each<[string, string, string]>([
    ['a plain password', 'postgres://ketenbot:Pw-Plain-7781@db:5432/ketenbot', 'Pw-Plain-7781'],
    ['a percent-encoded password', 'postgres://ketenbot:Pw%2FEnc%3A7782@db/ketenbot', 'Pw%2FEnc%3A7782'],
    ['a password with a colon', 'postgres://ketenbot:Pw:Colon:7783@db/ketenbot', 'Colon:7783'],
    ['a password with an unencoded @', 'postgres://ketenbot:Pw@At7785@db/ketenbot', 'At7785'],
    ['a password without a user name', 'postgres://:PwNoUser7786@db/ketenbot', 'PwNoUser7786'],
    ['a password in the query string', 'postgres://ketenbot@db/ketenbot?password=PwQuery7787', 'PwQuery7787'],
    ['a password in the query string after other options', 'postgresql://db/ketenbot?sslmode=require&user=k&password=PwQuery7788', 'PwQuery7788'],
  ])('never leaks %s', (_name, url, secret) => {
    const redacted = redactDatabaseUrl(url);
    expect(redacted, `redactDatabaseUrl(${JSON.stringify(url)}) = ${JSON.stringify(redacted)}`).not.toContain(secret);
    expect(redacted).toContain('db');
  });
});
