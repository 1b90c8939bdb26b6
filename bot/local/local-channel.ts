import type { Activity, TurnContext } from 'botbuilder';
import type { Server } from 'restify';
import type { Logger } from '../logger.ts';
import { createCloudAdapter, type CheckedCloudAdapter } from '../teams/cloud-adapter.ts';
import { registerConnectorRoutes } from './connector-routes.ts';
import { DirectLineStore } from './direct-line-store.ts';
import { registerDirectLineRoutes } from './direct-line-routes.ts';
import { LocalConnectorCredentials } from './local-credentials.ts';

/** The local channel's adapter: no incoming authentication, outgoing calls signed with the connector token. */
export const createLocalAdapter = (connectorToken: string, logger: Logger): CheckedCloudAdapter =>
  createCloudAdapter({}, logger, new LocalConnectorCredentials(connectorToken));

/**
 * The no-account try-out channel: Web Chat ↔ our Direct Line endpoint ↔ a CloudAdapter without
 * credentials ↔ the same bot ↔ our connector endpoints. The bot cannot tell it from a real channel.
 */
export function registerLocalChannel(
  server: Server,
  adapter: CheckedCloudAdapter,
  run: (context: TurnContext) => Promise<void>,
  serviceUrl: () => string,
  connectorToken: string,
  logger: Logger,
): void {
  const store = new DirectLineStore();
  registerDirectLineRoutes(server, store, {
    dispatch: (activity: Partial<Activity>) => adapter.processActivityDirect('', activity as Activity, run),
    serviceUrl,
  }, logger);
  registerConnectorRoutes(server, store, connectorToken, logger);
}
