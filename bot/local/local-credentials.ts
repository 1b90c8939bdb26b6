import { randomBytes } from 'node:crypto';
import { ServiceClientCredentialsFactory, TokenCredentials } from 'botframework-connector';

/** A fresh secret per start: what the bot's own calls to the local connector endpoints carry. */
export const newLocalConnectorToken = (): string => randomBytes(32).toString('base64url');

/**
 * Credentials for the local web chat's adapter: incoming activities come from this server itself
 * (no Bot Framework authentication, as before), and every outgoing call to the local connector
 * endpoints is signed with the local connector token instead of a Microsoft token.
 */
export class LocalConnectorCredentials extends ServiceClientCredentialsFactory {
  constructor(private readonly token: string) {
    super();
  }

  async isValidAppId(): Promise<boolean> {
    return true;
  }

  async isAuthenticationDisabled(): Promise<boolean> {
    return true;
  }

  async createCredentials(): Promise<TokenCredentials> {
    return new TokenCredentials(this.token);
  }
}
