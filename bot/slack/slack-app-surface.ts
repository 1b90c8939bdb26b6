/**
 * Everything the Slack app asks of a workspace, in one place: the slash commands the code
 * registers, the events it subscribes to, and the Web API methods it calls with the bot scope
 * each needs. `manifest/slack/manifest.yml` must match this exactly (a test checks it).
 */
export const SLACK_COMMANDS = ['/ketenbot'] as const;

export const SLACK_BOT_EVENTS = ['app_mention', 'message.im', 'channel_left', 'group_left', 'app_uninstalled'] as const;

/** Web API method → the bot scope it needs (null: no scope needed). */
export const SLACK_METHOD_SCOPES = {
  'auth.test': null,
  'chat.postMessage': 'chat:write',
  'chat.update': 'chat:write',
  'users.info': 'users:read',
  'views.open': null,
  // After a crash: did an in-flight post arrive? (public channels; private ones need groups:history)
  'conversations.history': 'channels:history',
} as const satisfies Record<string, string | null>;

/** Scopes needed for the events above and for slash commands. */
export const SLACK_EVENT_SCOPES = {
  app_mention: 'app_mentions:read',
  'message.im': 'im:history',
  channel_left: 'channels:read',
  group_left: 'groups:read',
  app_uninstalled: null,
  commands: 'commands',
  // Files shared in a direct message (e.g. a decision tree to publish) are downloaded from url_private.
  file_share: 'files:read',
  private_channel_history: 'groups:history',
} as const satisfies Record<string, string | null>;

export function requiredBotScopes(): string[] {
  const scopes = new Set<string>();
  for (const scope of Object.values(SLACK_METHOD_SCOPES)) if (scope) scopes.add(scope);
  for (const scope of Object.values(SLACK_EVENT_SCOPES)) if (scope) scopes.add(scope);
  return [...scopes].sort();
}
