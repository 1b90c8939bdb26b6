import { CloudAdapter, ConfigurationBotFrameworkAuthentication, MessageFactory, type TurnContext } from 'botbuilder';
import { translate } from '../../cards/i18n/translate.ts';
import { toLocale } from '../../core/conversation/locale.ts';
import type { BotFrameworkSettings } from '../config.ts';
import type { Logger } from '../logger.ts';

/**
 * A CloudAdapter authenticated by ConfigurationBotFrameworkAuthentication from the standard keys.
 * With no MicrosoftAppId it accepts unauthenticated local traffic, as the Bot Framework tools do.
 */
export function createCloudAdapter(settings: BotFrameworkSettings, logger: Logger): CloudAdapter {
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication(settings));
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    logger.error({ err: error, channelId: context.activity.channelId, activityType: context.activity.type }, 'bot turn failed');
    try {
      await context.sendActivity(MessageFactory.text(translate(toLocale(context.activity.locale), 'error.generic')));
    } catch (sendError) {
      logger.error({ err: sendError }, 'could not tell the user about the failed turn');
    }
  };
  return adapter;
}
