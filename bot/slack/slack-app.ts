import { App, webApi } from '@slack/bolt';
import type { Clock } from '../../core/clock.ts';
import type { ConversationEngine } from '../../core/conversation/engine.ts';
import type { ChannelLinks } from '../../core/domain/access/channel-links.ts';
import type { Logger } from '../logger.ts';
import type { PostedCards } from '../posted-cards.ts';
import { registerSlackListeners } from './listeners.ts';
import { RestifyReceiver } from './restify-receiver.ts';
import { SlackLocaleLookup } from './slack-locale.ts';
import { slackLogger } from './slack-logger.ts';
import { SlackResponder } from './slack-responder.ts';

export interface SlackAppOptions {
  signingSecret: string;
  botToken: string;
  apiUrl?: string;
  engine: ConversationEngine;
  postedCards: PostedCards;
  clock: Clock;
  logger: Logger;
  /** True the first time an event id is seen (Slack retries must not be processed twice). */
  firstSeen(eventId: string): Promise<boolean>;
  channels: ChannelLinks;
}

/** The Bolt app, mounted on our restify server through RestifyReceiver. */
export function createSlackApp(options: SlackAppOptions): { app: App; receiver: RestifyReceiver; client: webApi.WebClient; locales: SlackLocaleLookup } {
  const logger = slackLogger(options.logger);
  const receiver = new RestifyReceiver(options.signingSecret, logger);
  const client = new webApi.WebClient(options.botToken, options.apiUrl ? { slackApiUrl: options.apiUrl } : {});
  let identity: Promise<{ botId?: string; botUserId?: string }> | undefined;
  const app: App = new App({
    receiver,
    logger,
    clientOptions: options.apiUrl ? { slackApiUrl: options.apiUrl } : {},
    // auth.test once, lazily: a start without network must not fail, and a failed look-up is retried.
    authorize: async () => {
      identity ??= client.auth
        .test()
        .then((r) => ({ ...(r.bot_id ? { botId: r.bot_id } : {}), ...(r.user_id ? { botUserId: r.user_id } : {}) }))
        .catch((error: unknown) => {
          identity = undefined;
          options.logger.warn({ err: error }, 'Slack auth.test failed; is SLACK_BOT_TOKEN right?');
          return {};
        });
      return { botToken: options.botToken, ...(await identity) };
    },
  });
  app.error(async (error: Error) => {
    options.logger.error({ err: error }, 'Slack listener failed');
  });
  const locales = new SlackLocaleLookup();
  registerSlackListeners(app, {
    engine: options.engine,
    responder: new SlackResponder(options.postedCards),
    locales,
    clock: options.clock,
    firstSeen: options.firstSeen,
    channels: options.channels,
  });
  return { app, receiver, client, locales };
}
