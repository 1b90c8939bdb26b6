import { NewDeliveries } from '../core/delivery/new-deliveries.ts';
import type { AddressInfo } from 'node:net';
import type { Server } from 'restify';
import type { DataSource } from 'typeorm';
import { systemClock, type Clock } from '../core/clock.ts';
import { ConversationEngine } from '../core/conversation/engine.ts';
import { installFlows } from '../dialogs/install-flows.ts';
import { forgetOldAsked } from '../dialogs/kb-flow.ts';
import { checkDatabase, migrate, openDatabase } from '../storage/data-source.ts';
import { TypeOrmSlackEventReceipts } from '../storage/slack/typeorm-slack-event-receipts.ts';
import { loadDemoDataIfEmpty } from './demo-data.ts';
import { chatPageHtml } from './local/chat-page.ts';
import { createLocalAdapter, registerLocalChannel } from './local/local-channel.ts';
import { newLocalConnectorToken } from './local/local-credentials.ts';
import { LOCAL_FILES_PATH } from './local/direct-line-routes.ts';
import { composeServices, type Services } from './compose-services.ts';
import type { Config } from './config.ts';
import type { Logger } from './logger.ts';
import { PostedCards } from './posted-cards.ts';
import { createServer } from './server.ts';
import { escapeMrkdwn } from '../cards/blockkit/mrkdwn.ts';
import { SweepClock } from './clock/sweep-clock.ts';
import { statusPageHtml } from './status-page.ts';
import { DeliveryWorker } from '../core/delivery/delivery-worker.ts';
import type { Delivery } from '../core/delivery/delivery.ts';
import type { RunningOutbox } from './delivery/outbox-first.ts';
import { deliveryClient } from './delivery/delivery-client.ts';
import { coordinationFor, leaderDuties } from './delivery/coordination.ts';
import { deliveryGauges } from './delivery/delivery-gauges.ts';
import { translator } from '../cards/i18n/translate.ts';
import { outboxHealth } from './delivery/outbox-health.ts';
import { SlackSender } from './delivery/slack-sender.ts';
import { TeamsSender } from './delivery/teams-sender.ts';
import { botConnectorToken } from './delivery/bot-connector-token.ts';
import { createCloudAdapter } from './teams/cloud-adapter.ts';
import { TeamsBot } from './teams/teams-bot.ts';
import { TeamsResponder } from './teams/teams-responder.ts';

export interface Ketenbot {
  server: Server;
  dataSource: DataSource;
  engine: ConversationEngine;
  services: Services;
  worker: DeliveryWorker;
  /** The secret the bot's calls to the local connector endpoints carry (local web chat only). */
  localConnectorToken?: string;
  /** Listens on config.host:config.port (0 = a free port) and returns the base URL. */
  listen(): Promise<string>;
  close(): Promise<void>;
}

/** Wiring only: config → database → state → engine → platform adapters → one server. */
export async function createKetenbot(config: Config, logger: Logger, clock: Clock = systemClock, outbox?: RunningOutbox): Promise<Ketenbot> {
  // `npm start` opens the database and starts the outbox first (bot/main.ts); tests build it all here.
  let dataSource: DataSource;
  if (outbox) dataSource = outbox.dataSource;
  else {
    dataSource = await openDatabase(config.databaseUrl, { synchronous: config.sqliteSynchronous });
    const ran = await migrate(dataSource);
    if (ran.length) logger.info({ migrations: ran }, 'database migrated');
  }
  if (config.demoData) await loadDemoDataIfEmpty(dataSource, clock, logger);

  // Slack's Bolt and nodemailer are tens of MB each: loaded only when configured.
  const mailer = config.smtpUrl ? (await import('./email/smtp-incident-mailer.ts')).createSmtpIncidentMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, logger: logger.child({ component: 'mail' }) }) : undefined;
  const newDeliveries = new NewDeliveries();
  const services = composeServices(dataSource, clock, logger, { incidentPolicy: config.incidents, ...(mailer ? { mailer } : {}), ...(outbox ? { deliveryMetrics: outbox.metrics } : {}), ...(config.publicUrl ? { publicUrl: config.publicUrl } : {}), kbSearchEngine: config.kbSearchEngine, newDeliveries });
  const clockJobs = new SweepClock([
    { name: 'incident', run: () => services.incidents.sweep() },
    { name: 'maintenance', run: () => services.maintenance.sweep() },
    { name: 'digest', run: () => services.digests.sweep() },
    // The bot's records of knowledge-base cards hold what people typed: removed a day after (kb-flow.ts).
    { name: 'kb-asked', run: async () => { const removed = await forgetOldAsked(services.store, clock.now()); return removed ? [{ removed }] : []; } },
  ], logger.child({ component: 'clock' }), config.clockIntervalMs);
  const { store } = services;
  const { flows, fallback } = installFlows(services);
  const engine = new ConversationEngine({ store, flows, fallback, clock, logger: logger.child({ component: 'engine' }) });
  const postedCards = new PostedCards(store);

  let baseUrl = '';
  const bot = new TeamsBot({
    engine, responder: new TeamsResponder(postedCards, (platform, userId, text) => personalText(platform === 'local' ? localSender : teamsSender, platform, services, userId, text)), clock, conversations: services.conversations, channels: services.channels, logger,
    knowledgeBase: { search: services.kbSearch, kb: services.kb, directory: services.directory },
    ...(config.localChat ? { localFilesUrl: () => `${baseUrl}${LOCAL_FILES_PATH}/` } : {}),
  });
  const run = bot.run.bind(bot);
  const teamsAdapter = createCloudAdapter(config.botFramework, logger);
  const localConnectorToken = config.localChat ? newLocalConnectorToken() : undefined;
  const localAdapter = localConnectorToken ? createLocalAdapter(localConnectorToken, logger) : undefined;
  // One proactive sender per Bot Framework channel: for the outbox and for notes to administrators.
  const teamsSender = new TeamsSender(botConnectorToken(config.botFramework));
  const localSender = new TeamsSender(async () => localConnectorToken);
  services.notifier.register('teams', personalSender(teamsSender, 'teams', services));
  if (localAdapter) services.notifier.register('local', personalSender(localSender, 'local', services));

  const receipts = new TypeOrmSlackEventReceipts(dataSource, clock);
  const slackApp = config.slack
    ? (await import('./slack/slack-app.ts')).createSlackApp({ ...config.slack, engine, postedCards, clock, logger, channels: services.channels, firstSeen: (id) => receipts.firstSeen(id) })
    : undefined;
  if (slackApp) {
    services.notifier.register(
      'slack',
      // A personal note may hold what people typed (a title, a resolution): mrkdwn-escaped like card text.
      async (userId, text) => { await slackApp.client.chat.postMessage({ channel: userId, text: escapeMrkdwn(text) }); },
      (userId) => slackApp.locales.localeOf(slackApp.client, userId),
    );
  }
  const slack = slackApp?.receiver;

  const onGone = async (delivery: Delivery, error: string) => { await services.channels.channelGone(delivery.platform, { channelId: delivery.channelId }, `the platform reported: ${error}`); };
  outbox?.handleGone(onGone);
  const coordination = outbox ? { presence: outbox.worker.presence, leadership: outbox.leadership } : coordinationFor(dataSource, logger);
  const { leadership } = coordination;
  const worker = outbox?.worker ?? new DeliveryWorker({
    presence: coordination.presence,
    repeatNotice: translator('nl')('delivery.possiblyRepeated'),
    outbox: services.outbox,
    senders: {
      teams: teamsSender,
      ...(localAdapter ? { local: localSender } : {}),
      ...(config.slack ? { slack: new SlackSender(await deliveryClient(config.slack)) } : {}),
    },
    clock,
    metrics: services.deliveryMetrics,
    logger: logger.child({ component: 'delivery' }),
    onGone,
  });
  newDeliveries.listen(() => worker.nudge());

  const server = createServer({
    logger,
    teams: { adapter: teamsAdapter, run, authenticated: config.teamsAuthEnabled },
    ...(slack ? { slack } : {}),
    homePage: config.localChat ? chatPageHtml : () => statusPageHtml(config),
    readiness: async () => {
      const database = await checkDatabase(dataSource);
      return database.ok ? outboxHealth(services.outbox, worker, clock, leadership.leading) : database;
    },
    metrics: async () => services.deliveryMetrics.render() + (await deliveryGauges(services.outbox, worker, leadership)),
    reportImage: (token) => services.reportImages.get(token),
    registerExtraRoutes: config.localChat
      ? (s) => registerLocalChannel(s, localAdapter!, run, () => baseUrl, localConnectorToken!, logger)
      : undefined,
  });

  // The knowledge base's vocabulary (and postings) load once the server listens, not at the first question.
  let warming: Promise<void> = Promise.resolve();
  const warmSearch = () => {
    const started = Date.now();
    warming = services.kbSearch.warm().then(
      () => logger.info({ ms: Date.now() - started, engine: services.kbSearch.engine }, 'knowledge-base search ready'),
      (error: unknown) => logger.warn({ err: error }, 'knowledge-base search could not load yet; the first question will try again'),
    );
  };

  return {
    server,
    dataSource,
    engine,
    services,
    worker,
    ...(localConnectorToken ? { localConnectorToken } : {}),
    listen: () =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(config.port, config.host, () => {
          const { port } = server.address() as AddressInfo;
          baseUrl = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`;
          // The worker and the clock jobs run while this instance leads (always, on SQLite).
          const clockDuty = { start: async () => clockJobs.start(), stop: () => clockJobs.stop() };
          const duties = outbox ? outbox.clockJobs.fill(clockDuty) : leadership.start(leaderDuties(logger, { start: () => worker.start(), stop: () => worker.stop() }, clockDuty));
          duties.then(() => { warmSearch(); resolve(baseUrl); }, reject);
        });
      }),
    close: async () => {
      await warming;
      await leadership.stop();
      await clockJobs.stop();
      await worker.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (dataSource.isInitialized) await dataSource.destroy();
    },
  };
}

/** Writes into a person's stored 1:1 conversation (Teams or web chat) without a user message. */
/** A text for one person in a channel, sent to their personal chat instead (a private reply): false when they have none. */
async function personalText(sender: TeamsSender, platform: string, services: Services, userId: string, text: string): Promise<boolean> {
  if (platform !== 'teams' && platform !== 'local') return false;
  const conversation = await services.conversations.personal(platform, userId);
  return !!conversation && (await sender.sendText(conversation.reference, text)).kind === 'sent';
}

function personalSender(sender: TeamsSender, platform: 'teams' | 'local', services: Services) {
  return async (userId: string, text: string) => {
    const conversation = await services.conversations.personal(platform, userId);
    if (!conversation) throw new Error(`no personal ${platform} conversation with ${userId} yet`);
    const result = await sender.sendText(conversation.reference, text);
    if (result.kind !== 'sent') throw new Error(result.error);
  };
}
