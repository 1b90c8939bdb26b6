import 'dotenv/config';
import { systemClock } from '../core/clock.ts';
import { startOutboxFirst } from './delivery/outbox-first.ts';
import { importAppInPauses } from './startup/load-in-pauses.ts';
import { describeConfig, loadConfig } from './config.ts';
import { createLogger } from './logger.ts';

/** `npm start`: check the configuration, open the database, serve. */
async function main(): Promise<void> {
  const loaded = loadConfig(process.env);
  if ('errors' in loaded) {
    console.error('Ketenbot cannot start; fix these settings (environment or .env):');
    for (const error of loaded.errors) console.error(`  - ${error}`);
    process.exit(1);
  }
  const { config } = loaded;
  const logger = createLogger(config.logLevel);
  logger.info({ config: describeConfig(config) }, 'starting Ketenbot');

  let bot;
  let url;
  try {
    // The outbox first: after a restart, deliveries resume while the chat adapters are still loading.
    const outbox = await startOutboxFirst(config, logger, systemClock);
    const { createKetenbot } = await importAppInPauses(outbox.worker, { slack: Boolean(config.slack), mail: Boolean(config.smtpUrl) });
    bot = await createKetenbot(config, logger, systemClock, outbox);
    url = await bot.listen();
  } catch (error) {
    logger.fatal({ err: error }, `Ketenbot could not start: ${(error as Error).message}`);
    process.exit(1);
  }
  logger.info({ url }, config.localChat ? `Ketenbot is running. Chat with it at ${url}/` : `Ketenbot is running at ${url}`);

  const stop = async (signal: string) => {
    logger.info({ signal }, 'stopping');
    await bot.close().catch((error) => logger.error({ err: error }, 'error while stopping'));
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled rejection'));
}

void main();
