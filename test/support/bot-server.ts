import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKetenbot, type Ketenbot } from '../../bot/app.ts';
import { loadConfig, type Config } from '../../bot/config.ts';
import { createLogger, type Logger } from '../../bot/logger.ts';
import type { FakeSlackApi } from './fake-slack-api.ts';

export const TEST_SIGNING_SECRET = 'e2e-signing-secret-0123456789';
export const TEST_BOT_TOKEN = 'xoxb-e2e-0000-test-token';

export interface RunningBot {
  /** e.g. http://127.0.0.1:40123 (no trailing slash) */
  url: string;
  bot: Ketenbot;
  config: Config;
  stop(): Promise<void>;
}

/**
 * The real Ketenbot in this process on a free loopback port, with a fresh SQLite file.
 * With `slackApi`, Slack is configured against that fake; without it Slack is off. With `logger`,
 * the bot logs there (e.g. a captured logger); otherwise it is silent.
 */
export async function startBot(options: { slackApi?: FakeSlackApi; env?: Record<string, string>; logger?: Logger } = {}): Promise<RunningBot> {
  const dir = mkdtempSync(join(tmpdir(), 'ketenbot-e2e-'));
  const loaded = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: `sqlite:${join(dir, 'bot.sqlite')}`,
    LOG_LEVEL: 'silent',
    ...(options.slackApi
      ? { SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET, SLACK_BOT_TOKEN: TEST_BOT_TOKEN, SLACK_API_URL: options.slackApi.apiUrl }
      : {}),
    ...options.env,
  });
  if ('errors' in loaded) throw new Error(`test configuration rejected:\n${loaded.errors.join('\n')}`);
  const bot = await createKetenbot(loaded.config, options.logger ?? createLogger('silent', false));
  const url = await bot.listen();
  return {
    url,
    bot,
    config: loaded.config,
    stop: async () => {
      await bot.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
