import { CallerIdConstants, ConfigurationBotFrameworkAuthentication } from '../framework';
import { AuthenticationConstants } from 'botframework-connector';
import type { Config } from '../config';

/**
 * botbuilder's public-cloud settings with another OpenID metadata URL. Setting any one of these makes
 * botbuilder use only what is given, so all are given.
 */
function publicCloud(openIdMetadataUrl: string) {
  return {
    ValidateAuthority: true,
    ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
    ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
    ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
    OAuthUrl: AuthenticationConstants.OAuthUrl,
    ToBotFromChannelOpenIdMetadataUrl: openIdMetadataUrl,
    ToBotFromEmulatorOpenIdMetadataUrl: openIdMetadataUrl,
    CallerId: CallerIdConstants.PublicAzureChannel,
  };
}

/**
 * How the bot checks incoming tokens and gets its own: botbuilder's configuration-driven
 * authentication for `MicrosoftAppType` MultiTenant (app id + secret), SingleTenant (app id + secret +
 * tenant) or UserAssignedMSI (the managed identity's client id + tenant, no secret). Without an app id
 * nothing is checked (local mode). `openIdMetadataUrl` replaces where the signing keys come from (tests).
 */
export function botFrameworkAuthentication(config: Config, openIdMetadataUrl?: string): ConfigurationBotFrameworkAuthentication {
  return new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: config.MicrosoftAppId ?? '',
    MicrosoftAppPassword: config.MicrosoftAppPassword ?? '',
    MicrosoftAppType: config.MicrosoftAppType,
    MicrosoftAppTenantId: config.MicrosoftAppTenantId ?? '',
    ...(openIdMetadataUrl ? publicCloud(openIdMetadataUrl) : {}),
  });
}
