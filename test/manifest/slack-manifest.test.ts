import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { SLACK_BOT_EVENTS, SLACK_COMMANDS, requiredBotScopes } from '../../bot/slack/slack-app-surface.ts';

// yaml is CommonJS without a default export in its typings, hence require.
const { parse } = createRequire(import.meta.url)('yaml') as typeof import('yaml');

interface SlackManifest {
  features: { slash_commands: { command: string; url: string }[] };
  oauth_config: { scopes: { bot: string[] } };
  settings: { event_subscriptions: { request_url: string; bot_events: string[] }; interactivity: { request_url: string } };
}

const manifest = parse(readFileSync(new URL('../../manifest/slack/manifest.yml', import.meta.url), 'utf8')) as SlackManifest;
const asSet = (values: readonly string[]) => new Set(values);

describe('Slack manifest matches bot/slack/slack-app-surface.ts', () => {
  it('declares exactly the registered slash commands', () => {
    expect(asSet(manifest.features.slash_commands.map((c) => c.command))).toEqual(asSet(SLACK_COMMANDS));
  });

  it('subscribes to exactly the handled bot events', () => {
    expect(asSet(manifest.settings.event_subscriptions.bot_events)).toEqual(asSet(SLACK_BOT_EVENTS));
  });

  it('requests exactly the needed bot scopes', () => {
    expect(asSet(manifest.oauth_config.scopes.bot)).toEqual(asSet(requiredBotScopes()));
  });

  it('points every request URL at /slack/events', () => {
    const urls = [
      manifest.settings.event_subscriptions.request_url,
      manifest.settings.interactivity.request_url,
      ...manifest.features.slash_commands.map((c) => c.url),
    ];
    for (const url of urls) expect(new URL(url).pathname).toBe('/slack/events');
  });
});
