import type { AddressInfo } from 'node:net';
import type { Server } from 'restify';
import type { DataSource } from 'typeorm';
import { systemClock, type Clock } from '../core/clock.ts';
import { ConversationEngine } from '../core/conversation/engine.ts';
import { installFlows } from '../dialogs/install-flows.ts';
import { checkDatabase, migrate, openDatabase } from '../storage/data-source.ts';
import { TypeOrmSlackEventReceipts } from '../storage/slack/typeorm-slack-event-receipts.ts';
import { TypeOrmKeyValueStore } from '../storage/state/typeorm-key-value-store.ts';
import { loadDemoDataIfEmpty } from './demo-data.ts';
import { chatPageHtml } from './local/chat-page.ts';
import { registerLocalChannel } from './local/local-channel.ts';
import type { Config } from './config.ts';
import type { Logger } from './logger.ts';
import { PostedCards } from './posted-cards.ts';
import { createServer } from './server.ts';
import { statusPageHtml } from './status-page.ts';
import { createSlackApp } from './slack/slack-app.ts';
import { createCloudAdapter } from './teams/cloud-adapter.ts';
import { TeamsBot } from './teams/teams-bot.ts';
import { TeamsResponder } from './teams/teams-responder.ts';

export interface Ketenbot {
  server: Server;
  dataSource: DataSource;
  engine: ConversationEngine;
  /** Listens on config.host:config.port (0 = a free port) and returns the base URL. */
  listen(): Promise<string>;
  close(): Promise<void>;
}

/** Wiring only: config → database → state → engine → platform adapters → one server. */
export async function createKetenbot(config: Config, logger: Logger, clock: Clock = systemClock): Promise<Ketenbot> {
  const dataSource = await openDatabase(config.databaseUrl);
  const ran = await migrate(dataSource);
  if (ran.length) logger.info({ migrations: ran }, 'database migrated');
  if (config.demoData) await loadDemoDataIfEmpty(dataSource, clock, logger);

  const store = new TypeOrmKeyValueStore(dataSource, clock);
  const { flows, fallback } = installFlows({ store });
  const engine = new ConversationEngine({ store, flows, fallback, clock, logger: logger.child({ component: 'engine' }) });
  const postedCards = new PostedCards(store);

  const bot = new TeamsBot(engine, new TeamsResponder(postedCards), clock);
  const run = bot.run.bind(bot);
  const teamsAdapter = createCloudAdapter(config.botFramework, logger);
  const receipts = new TypeOrmSlackEventReceipts(dataSource, clock);
  const slack = config.slack
    ? createSlackApp({ ...config.slack, engine, postedCards, clock, logger, firstSeen: (id) => receipts.firstSeen(id) }).receiver
    : undefined;

  let baseUrl = '';
  const server = createServer({
    logger,
    teams: { adapter: teamsAdapter, run, authenticated: config.teamsAuthEnabled },
    ...(slack ? { slack } : {}),
    homePage: config.localChat ? chatPageHtml : () => statusPageHtml(config),
    readiness: () => checkDatabase(dataSource),
    registerExtraRoutes: config.localChat
      ? (s) => registerLocalChannel(s, createCloudAdapter({}, logger), run, () => baseUrl, logger)
      : undefined,
  });

  return {
    server,
    dataSource,
    engine,
    listen: () =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(config.port, config.host, () => {
          const { port } = server.address() as AddressInfo;
          baseUrl = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`;
          resolve(baseUrl);
        });
      }),
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (dataSource.isInitialized) await dataSource.destroy();
    },
  };
}
