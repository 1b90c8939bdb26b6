import type { AppCredentials } from 'botframework-connector';
import type { BotFrameworkSettings } from '../config.ts';

const SCOPE = 'https://api.botframework.com';

/**
 * Bearer tokens for proactive Bot Connector calls, from the same keys the adapter uses (client
 * secret, or a user-assigned managed identity). No MicrosoftAppId: no token (local tools).
 */
export function botConnectorToken(settings: BotFrameworkSettings): () => Promise<string | undefined> {
  const appId = settings.MicrosoftAppId;
  if (!appId) return async () => undefined;
  const tenant = settings.MicrosoftAppTenantId;
  const login = settings.ToChannelFromBotLoginUrl ?? `https://login.microsoftonline.com/${settings.MicrosoftAppType === 'SingleTenant' && tenant ? tenant : 'botframework.com'}`;
  let credentials: Promise<AppCredentials> | undefined;
  return async () => {
    // Loaded on first use, so the outbox can start sending before the Bot Framework SDK is loaded.
    credentials ??= import('botframework-connector').then((c) => {
      const factory = settings.MicrosoftAppType === 'UserAssignedMSI'
        ? new c.ManagedIdentityServiceClientCredentialsFactory(appId, new c.JwtTokenProviderFactory())
        : new c.PasswordServiceClientCredentialFactory(appId, settings.MicrosoftAppPassword ?? '', tenant ?? '');
      return factory.createCredentials(appId, settings.ToChannelFromBotOAuthScope ?? SCOPE, login, true) as Promise<AppCredentials>;
    });
    return (await credentials).getToken();
  };
}
