import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKetenbot, type Ketenbot } from '../../bot/app.ts';
import { commands } from '../../bot/cli/commands/index.ts';
import { runCli } from '../../bot/cli/run-cli.ts';
import { loadConfig, type Config } from '../../bot/config.ts';
import { createLogger } from '../../bot/logger.ts';
import type { Clock } from '../../core/clock.ts';
import { TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from './bot-server.ts';

/** A SQLite file in a fresh temp folder, kept until `remove()` (so several bots can share it in turn). */
export function tempDatabase(): { url: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'ketenbot-outbox-'));
  return { url: `sqlite:${join(dir, 'bot.sqlite')}`, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface OutboxBot {
  url: string;
  bot: Ketenbot;
  config: Config;
  /** Closes the bot; the database stays. */
  stop(): Promise<void>;
}

/** The environment for a bot on this database, with Slack against a fake when `slackApiUrl` is given. */
export function botEnv(databaseUrl: string, options: { slackApiUrl?: string; env?: Record<string, string> } = {}): Record<string, string> {
  return {
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'silent',
    ...(options.slackApiUrl ? { SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET, SLACK_BOT_TOKEN: TEST_BOT_TOKEN, SLACK_API_URL: options.slackApiUrl } : {}),
    ...options.env,
  };
}

/** The real Ketenbot in this process on a free loopback port, on the given database, optionally with a controllable clock. */
export async function startOutboxBot(options: { databaseUrl: string; slackApiUrl?: string; clock?: Clock; env?: Record<string, string> }): Promise<OutboxBot> {
  const loaded = loadConfig(botEnv(options.databaseUrl, options));
  if ('errors' in loaded) throw new Error(`test configuration rejected:\n${loaded.errors.join('\n')}`);
  const bot = await createKetenbot(loaded.config, createLogger('silent', false), ...(options.clock ? [options.clock] as const : []));
  const url = await bot.listen();
  return { url, bot, config: loaded.config, stop: () => bot.close() };
}

/** `ketenbot …` in-process against a database; exit code and output lines. */
export async function cli(databaseUrl: string, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, commands, { out: (l) => out.push(l), err: (l) => err.push(l), env: { DATABASE_URL: databaseUrl } });
  return { code, out: out.join('\n'), err: err.filter((l) => !l.startsWith('Applied migrations')).join('\n') };
}
