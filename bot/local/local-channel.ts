import type { Activity, CloudAdapter, TurnContext } from 'botbuilder';
import type { Server } from 'restify';
import type { Logger } from '../logger.ts';
import { registerConnectorRoutes } from './connector-routes.ts';
import { DirectLineStore } from './direct-line-store.ts';
import { registerDirectLineRoutes } from './direct-line-routes.ts';

/**
 * The no-account try-out channel: Web Chat ↔ our Direct Line endpoint ↔ a CloudAdapter without
 * credentials ↔ the same bot ↔ our connector endpoints. The bot cannot tell it from a real channel.
 */
export function registerLocalChannel(
  server: Server,
  adapter: CloudAdapter,
  run: (context: TurnContext) => Promise<void>,
  serviceUrl: () => string,
  logger: Logger,
): void {
  const store = new DirectLineStore();
  registerDirectLineRoutes(server, store, {
    dispatch: (activity: Partial<Activity>) => adapter.processActivityDirect('', activity as Activity, run),
    serviceUrl,
  }, logger);
  registerConnectorRoutes(server, store);
}
