import type { SqliteSynchronous } from '../storage/data-source.ts';
import { LAYERS, type Layer } from '../core/domain/incidents/coordination-layer.ts';
import { DEFAULT_INCIDENT_POLICY, type IncidentPolicy } from '../core/domain/incidents/incident-contracts.ts';
import type { KbSearchEngine } from '../core/domain/knowledge-base/kb-search.ts';
import { DEFAULT_DATABASE_URL, parseDatabaseUrl, redactDatabaseUrl } from '../storage/database-url.ts';

/** The Bot Framework keys ConfigurationBotFrameworkAuthentication reads, passed through unchanged. */
export const BOT_FRAMEWORK_KEYS = [
  'MicrosoftAppId',
  'MicrosoftAppPassword',
  'MicrosoftAppType',
  'MicrosoftAppTenantId',
  'ToChannelFromBotLoginUrl',
  'ToChannelFromBotOAuthScope',
  'ToBotFromChannelTokenIssuer',
  'ToBotFromChannelOpenIdMetadataUrl',
  'ToBotFromEmulatorOpenIdMetadataUrl',
  'OAuthUrl',
  'ChannelService',
  'CallerId',
  'ValidateAuthority',
] as const;

export type BotFrameworkSettings = Partial<Record<(typeof BOT_FRAMEWORK_KEYS)[number], string>>;

export interface Config {
  port: number;
  host: string;
  databaseUrl: string;
  logLevel: string;
  botFramework: BotFrameworkSettings;
  /** Teams credentials present: incoming activities must carry a valid Bot Framework token. */
  teamsAuthEnabled: boolean;
  slack?: { signingSecret: string; botToken: string; apiUrl?: string };
  localChat: boolean;
  /** Load the demo directory and knowledge base into an empty database. */
  demoData: boolean;
  publicUrl?: string;
  incidents: IncidentPolicy;
  /** smtp(s)://user:pass@host:port for e-mail alerts to contacts who opted in; absent: no e-mail. */
  smtpUrl?: string;
  /** Sender address of alert e-mails. */
  mailFrom: string;
  /** Where knowledge-base search finds its candidates (KB_SEARCH_ENGINE). */
  kbSearchEngine: KbSearchEngine;
  /** How often the leader runs the clock jobs: reminders, maintenance start/end, digests (CLOCK_INTERVAL_MS, default a minute). */
  clockIntervalMs: number;
  /**
   * SQLite only (SQLITE_SYNCHRONOUS): 'normal' (default) survives any crash of the process, and loses
   * at most the last moments of commits to a power loss or a crash of the machine; 'full' survives
   * those too, at about a quarter of the write rate.
   */
  sqliteSynchronous: SqliteSynchronous;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
const APP_TYPES = ['MultiTenant', 'SingleTenant', 'UserAssignedMSI'];
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Names whose values must never be logged. */
export const SECRET_KEYS = ['MicrosoftAppPassword', 'SLACK_SIGNING_SECRET', 'SLACK_BOT_TOKEN', 'DATABASE_URL', 'SMTP_URL'];

/**
 * Reads and checks the environment. Every problem is one line naming the variable and what is
 * expected, so a wrong setting stops the start instead of leaving a bot that silently never answers.
 */
export function loadConfig(env: NodeJS.ProcessEnv): { config: Config } | { errors: string[] } {
  const errors: string[] = [];
  const get = (key: string): string | undefined => {
    const value = env[key]?.trim();
    return value ? value : undefined;
  };

  const port = Number(get('PORT') ?? 3978);
  if (!Number.isInteger(port) || port < 0 || port > 65535) errors.push(`PORT must be a whole number from 0 to 65535 (got "${get('PORT')}")`);

  const databaseUrl = get('DATABASE_URL') ?? DEFAULT_DATABASE_URL;
  const db = parseDatabaseUrl(databaseUrl);
  if ('error' in db) errors.push(`DATABASE_URL ${db.error}`);

  const logLevel = get('LOG_LEVEL') ?? 'info';
  if (!LOG_LEVELS.includes(logLevel)) errors.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got "${logLevel}")`);

  const botFramework: BotFrameworkSettings = {};
  for (const key of BOT_FRAMEWORK_KEYS) {
    const value = get(key);
    if (value) botFramework[key] = value;
  }
  const appId = botFramework.MicrosoftAppId;
  const appType = botFramework.MicrosoftAppType ?? 'MultiTenant';
  if (!APP_TYPES.includes(appType)) errors.push(`MicrosoftAppType must be one of ${APP_TYPES.join(', ')} (got "${appType}")`);
  if (appId && !GUID.test(appId)) errors.push('MicrosoftAppId must be the bot\'s app registration id, a GUID like 00000000-0000-0000-0000-000000000000');
  if (appId && appType !== 'UserAssignedMSI' && !botFramework.MicrosoftAppPassword) errors.push('MicrosoftAppPassword is required when MicrosoftAppId is set (the client secret of the app registration)');
  if (!appId && botFramework.MicrosoftAppPassword) errors.push('MicrosoftAppId is required when MicrosoftAppPassword is set');
  if (APP_TYPES.includes(appType) && appType !== 'MultiTenant' && !botFramework.MicrosoftAppTenantId) errors.push(`MicrosoftAppTenantId is required when MicrosoftAppType is ${appType}`);
  if (botFramework.MicrosoftAppTenantId && !GUID.test(botFramework.MicrosoftAppTenantId)) errors.push('MicrosoftAppTenantId must be a GUID (your Entra ID tenant id)');
  for (const key of ['ToChannelFromBotLoginUrl', 'ToBotFromChannelOpenIdMetadataUrl', 'ToBotFromEmulatorOpenIdMetadataUrl', 'OAuthUrl'] as const) {
    if (botFramework[key] && !isHttpUrl(botFramework[key])) errors.push(`${key} must be an http(s) URL`);
  }

  const signingSecret = get('SLACK_SIGNING_SECRET');
  const botToken = get('SLACK_BOT_TOKEN');
  const slackApiUrl = get('SLACK_API_URL');
  if (signingSecret && !botToken) errors.push('SLACK_BOT_TOKEN is required when SLACK_SIGNING_SECRET is set (the Bot User OAuth Token, xoxb-…)');
  if (botToken && !signingSecret) errors.push('SLACK_SIGNING_SECRET is required when SLACK_BOT_TOKEN is set (Basic Information → Signing Secret)');
  if (botToken && !botToken.startsWith('xoxb-')) errors.push('SLACK_BOT_TOKEN must be a bot token starting with xoxb-');
  if (slackApiUrl && !isHttpUrl(slackApiUrl)) errors.push('SLACK_API_URL must be an http(s) URL ending in /api/ (leave it empty for Slack itself)');

  const localChatSetting = get('LOCAL_CHAT');
  if (localChatSetting && !['true', 'false'].includes(localChatSetting)) errors.push(`LOCAL_CHAT must be true or false (got "${localChatSetting}")`);
  // The local chat trusts whoever opens the page, so it is off by default once the bot is
  // configured for Teams or Slack (and so reachable from outside).
  const localChat = localChatSetting ? localChatSetting === 'true' : !appId && !botToken;

  const demoSetting = get('DEMO_DATA');
  if (demoSetting && !['true', 'false'].includes(demoSetting)) errors.push(`DEMO_DATA must be true or false (got "${demoSetting}")`);
  // Demo data belongs to the local try-out, never by surprise in a real installation.
  const demoData = demoSetting ? demoSetting === 'true' : localChat;

  const publicUrl = get('PUBLIC_URL');
  if (publicUrl && !isHttpUrl(publicUrl)) errors.push('PUBLIC_URL must be the http(s) address where this bot is reachable, e.g. https://ketenbot.example.org');

  const incidents = incidentPolicy(get, errors);
  const smtpUrl = get('SMTP_URL');
  if (smtpUrl && !/^smtps?:\/\/[^/\s]+/i.test(smtpUrl)) errors.push('SMTP_URL must look like smtp://user:password@mail.example.org:587 (or smtps://…)');
  const mailFrom = get('MAIL_FROM') ?? 'Ketenbot <ketenbot@localhost>';

  const kbEngine = kbSearchEngineSetting(env);
  if ('error' in kbEngine) errors.push(kbEngine.error);
  const clockIntervalMs = Number(get('CLOCK_INTERVAL_MS') ?? 60_000);
  if (!Number.isInteger(clockIntervalMs) || clockIntervalMs < 100 || clockIntervalMs > 3_600_000) errors.push(`CLOCK_INTERVAL_MS must be a whole number of milliseconds from 100 to 3600000 (got "${get('CLOCK_INTERVAL_MS')}")`);

  const synchronous = sqliteSynchronousSetting(env);
  if ('error' in synchronous) errors.push(synchronous.error);

  const credentialsConfigured = Boolean(appId || botToken);
  const host = get('HOST') ?? (credentialsConfigured ? '0.0.0.0' : '127.0.0.1');

  if (errors.length) return { errors };
  return {
    config: {
      port,
      host,
      databaseUrl,
      logLevel,
      botFramework,
      teamsAuthEnabled: Boolean(appId),
      ...(signingSecret && botToken ? { slack: { signingSecret, botToken, ...(slackApiUrl ? { apiUrl: withTrailingSlash(slackApiUrl) } : {}) } } : {}),
      localChat,
      demoData,
      ...(publicUrl ? { publicUrl: publicUrl.replace(/\/+$/, '') } : {}),
      incidents,
      ...(smtpUrl ? { smtpUrl } : {}),
      mailFrom,
      kbSearchEngine: 'engine' in kbEngine ? kbEngine.engine : 'memory',
      clockIntervalMs,
      sqliteSynchronous: 'synchronous' in synchronous ? synchronous.synchronous : 'normal',
    },
  };
}

/** KB_SEARCH_ENGINE: `memory` (default) or `database`; read by the server and the CLI alike, so both rank the same. */
export function kbSearchEngineSetting(env: NodeJS.ProcessEnv): { engine: KbSearchEngine } | { error: string } {
  const value = env.KB_SEARCH_ENGINE?.trim() || 'memory';
  return value === 'memory' || value === 'database' ? { engine: value } : { error: `KB_SEARCH_ENGINE must be memory or database (got "${value}")` };
}

/** SQLITE_SYNCHRONOUS (normal or full, any case): read by the server and the CLI alike. */
export function sqliteSynchronousSetting(env: NodeJS.ProcessEnv): { synchronous: SqliteSynchronous } | { error: string } {
  const raw = env.SQLITE_SYNCHRONOUS?.trim() || 'normal';
  const value = raw.toLowerCase();
  return value === 'normal' || value === 'full' ? { synchronous: value } : { error: `SQLITE_SYNCHRONOUS must be "normal" or "full" (got "${raw}")` };
}

/** INCIDENT_TAKE_MINUTES, INCIDENT_RESOLVE_HOURS ("local=8,gtk=8,chain=4,common-facility=4"), INCIDENT_AUTOCLOSE_DAYS. */
function incidentPolicy(get: (key: string) => string | undefined, errors: string[]): IncidentPolicy {
  const policy: IncidentPolicy = { ...DEFAULT_INCIDENT_POLICY, resolveWithinHours: { ...DEFAULT_INCIDENT_POLICY.resolveWithinHours } };
  const positive = (key: string, apply: (n: number) => void) => {
    const raw = get(key);
    if (raw === undefined) return;
    const n = Number(raw);
    if (!Number.isFinite(n) || n <= 0) errors.push(`${key} must be a positive number (got "${raw}")`);
    else apply(n);
  };
  positive('INCIDENT_TAKE_MINUTES', (n) => { policy.takeWithinMinutes = n; });
  positive('INCIDENT_AUTOCLOSE_DAYS', (n) => { policy.autoCloseDays = n; });
  const hours = get('INCIDENT_RESOLVE_HOURS');
  if (hours) {
    for (const part of hours.split(',')) {
      const [layer, value] = part.split('=').map((x) => x.trim());
      const n = Number(value);
      if (!(LAYERS as readonly string[]).includes(layer ?? '') || !Number.isFinite(n) || n <= 0) {
        errors.push(`INCIDENT_RESOLVE_HOURS must be layer=hours pairs for ${LAYERS.join(', ')}, e.g. "local=8,gtk=8,chain=4" (got "${part}")`);
      } else policy.resolveWithinHours[layer as Layer] = n;
    }
  }
  return policy;
}

/** What the start log may show: which settings are in use, never a secret's value. */
export function describeConfig(config: Config): Record<string, unknown> {
  return {
    port: config.port,
    host: config.host,
    database: redactDatabaseUrl(config.databaseUrl),
    teams: config.teamsAuthEnabled ? { appId: config.botFramework.MicrosoftAppId, appType: config.botFramework.MicrosoftAppType ?? 'MultiTenant' } : 'unauthenticated (local tools only)',
    slack: config.slack ? { apiUrl: config.slack.apiUrl ?? 'https://slack.com/api/' } : 'not configured',
    localChat: config.localChat,
    demoData: config.demoData,
    publicUrl: config.publicUrl ?? 'not set',
    incidents: config.incidents,
    email: config.smtpUrl ? { smtp: redactPassword(config.smtpUrl), from: config.mailFrom } : 'not configured',
  };
}

/** smtp://user:secret@host → smtp://user:***@host (nothing of an unparseable one but its scheme). */
function redactPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return `${url.split(':')[0]}://…`;
  }
}

function isHttpUrl(value: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

const withTrailingSlash = (url: string) => (url.endsWith('/') ? url : `${url}/`);
