import { describe, expect, it } from 'vitest';
import { withPublicCloudDefaults } from '../../../bot/teams/cloud-adapter.ts';

describe('withPublicCloudDefaults', () => {
  it('leaves plain settings alone (botbuilder picks the public cloud itself)', () => {
    expect(withPublicCloudDefaults({ MicrosoftAppId: 'a', MicrosoftAppPassword: 'p' })).toEqual({ MicrosoftAppId: 'a', MicrosoftAppPassword: 'p' });
  });

  it('gives one override (a local key set) the public-cloud values for everything else', () => {
    const settings = withPublicCloudDefaults({ MicrosoftAppId: 'a', ToBotFromChannelOpenIdMetadataUrl: 'http://127.0.0.1:1/openid' });
    expect(settings).toMatchObject({
      ToBotFromChannelOpenIdMetadataUrl: 'http://127.0.0.1:1/openid',
      ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
      ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
      ToChannelFromBotOAuthScope: 'https://api.botframework.com',
      ToBotFromEmulatorOpenIdMetadataUrl: 'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration',
      CallerId: 'urn:botframework:azure',
    });
  });

  it('does not mix public-cloud values into a sovereign cloud (ChannelService set)', () => {
    const settings = { ChannelService: 'https://botframework.azure.us', ToBotFromChannelOpenIdMetadataUrl: 'https://x' };
    expect(withPublicCloudDefaults(settings)).toEqual(settings);
  });
});
