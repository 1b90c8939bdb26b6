import { CallerIdConstants, CloudAdapter, ConfigurationBotFrameworkAuthentication, MessageFactory, type Activity, type TurnContext } from 'botbuilder';
import { AuthenticationConstants, AuthenticationError, type AuthenticateRequestResult, type ServiceClientCredentialsFactory } from 'botframework-connector';
import { translate } from '../../cards/i18n/translate.ts';
import { toLocale } from '../../core/conversation/locale.ts';
import type { BotFrameworkSettings } from '../config.ts';
import type { Logger } from '../logger.ts';
import { catchSdkConsole } from './quiet-sdk.ts';

/** What became of one incoming activity. */
export type ActivityOutcome =
  | { kind: 'done'; status: number; body?: unknown }
  /** The credentials are missing, forged, expired or not for this bot: 401. */
  | { kind: 'unauthorized'; reason: string }
  /** The signing keys could not be loaded, so no token can be checked now: 503. */
  | { kind: 'unverifiable'; reason: string }
  /** Genuine credentials, but the activity is not one the bot can read: 400. */
  | { kind: 'invalid'; reason: string };

/**
 * A CloudAdapter that authenticates an activity first and says how that went, instead of
 * CloudAdapter.process, which answers 500 with a stack trace in the log for most forged tokens
 * (only botframework's own AuthenticationError becomes 401 there; jsonwebtoken's errors do not).
 */
export class CheckedCloudAdapter extends CloudAdapter {
  private readonly sdkOutput = (line: string) => this.logger.debug({ sdk: line }, 'botbuilder output');

  constructor(authentication: ConfigurationBotFrameworkAuthentication, private readonly logger: Logger) {
    super(authentication);
  }

  /** Credentials first, then `problem` (the shape of the rest), then the bot's logic. */
  async handle(body: Record<string, unknown>, authorization: string, logic: (context: TurnContext) => Promise<void>, problem: (body: unknown) => string | undefined = () => undefined): Promise<ActivityOutcome> {
    const activity = withDates(body);
    catchSdkConsole(this.sdkOutput);
    let authenticated: AuthenticateRequestResult;
    try {
      authenticated = await this.botFrameworkAuthentication.authenticateRequest(activity, authorization);
    } catch (error) {
      return credentialFailure(error);
    }
    const invalid = problem(body);
    if (invalid) return { kind: 'invalid', reason: invalid };
    const invoke = await this.processActivity(authenticated, activity, logic);
    return { kind: 'done', status: invoke?.status ?? 200, ...(invoke?.body !== undefined ? { body: invoke.body } : {}) };
  }
}

function credentialFailure(error: unknown): ActivityOutcome {
  const e = (error ?? {}) as { name?: string; message?: string; statusCode?: number };
  const reason = String(e.message ?? e).split('\n')[0]!.slice(0, 200);
  // Fetching the OpenID metadata or key set failed (botframework marks that 500; node-fetch throws FetchError).
  if ((error instanceof AuthenticationError && (e.statusCode ?? 0) >= 500) || e.name === 'FetchError') return { kind: 'unverifiable', reason };
  return { kind: 'unauthorized', reason };
}

/** As CloudAdapter.process does (validateAndFixActivity): ISO strings become Dates, the raw text is kept. */
function withDates(body: Record<string, unknown>): Activity {
  const activity = { ...body } as Record<string, unknown>;
  for (const [field, raw] of [['timestamp', 'rawTimestamp'], ['expiration', 'rawExpiration'], ['localTimestamp', 'rawLocalTimestamp']] as const) {
    if (typeof activity[field] === 'string') {
      activity[raw] = activity[field];
      activity[field] = new Date(activity[field]);
    }
  }
  return activity as unknown as Activity;
}

/** The settings that make botbuilder use only what is given and nothing of the public cloud. */
const OVERRIDES = ['ToChannelFromBotLoginUrl', 'ToChannelFromBotOAuthScope', 'ToBotFromChannelTokenIssuer', 'OAuthUrl', 'ToBotFromChannelOpenIdMetadataUrl', 'ToBotFromEmulatorOpenIdMetadataUrl', 'CallerId'] as const;

/**
 * botbuilder switches to "everything custom" as soon as one override is set, leaving the others
 * empty (no token issuer: every token refused; no login URL: no reply can be sent). So one
 * override (e.g. a sovereign metadata URL, or a test's local key set) gets public-cloud defaults for the rest.
 */
export function withPublicCloudDefaults(settings: BotFrameworkSettings): BotFrameworkSettings {
  if (settings.ChannelService || !OVERRIDES.some((key) => settings[key])) return settings;
  return {
    ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
    ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
    ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
    OAuthUrl: AuthenticationConstants.OAuthUrl,
    ToBotFromChannelOpenIdMetadataUrl: AuthenticationConstants.ToBotFromChannelOpenIdMetadataUrl,
    ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
    CallerId: CallerIdConstants.PublicAzureChannel,
    ...settings,
  };
}

/**
 * A CloudAdapter authenticated by ConfigurationBotFrameworkAuthentication from the standard keys.
 * With no MicrosoftAppId it accepts unauthenticated local traffic, as the Bot Framework tools do.
 * `credentials` replaces how outgoing calls are signed (the local web chat signs with its own token).
 */
export function createCloudAdapter(settings: BotFrameworkSettings, logger: Logger, credentials?: ServiceClientCredentialsFactory): CheckedCloudAdapter {
  const adapter = new CheckedCloudAdapter(new ConfigurationBotFrameworkAuthentication(withPublicCloudDefaults(settings), credentials), logger);
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
