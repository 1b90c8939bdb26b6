import { WebClient } from '@slack/web-api';
import { afterEach, describe, expect, it } from 'vitest';
import { SlackLocaleLookup } from '../../../bot/slack/slack-locale.ts';
import { startFakeSlackApi, type FakeSlackApi } from '../../support/fake-slack-api.ts';

/** The locale and the name people know, from users.info on a local fake of the Slack Web API. */
let slack: FakeSlackApi | undefined;
afterEach(async () => {
  await slack?.close();
  slack = undefined;
});

async function setup() {
  slack = await startFakeSlackApi();
  const client = new WebClient('xoxb-test', { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } });
  return { slack, client, lookup: new SlackLocaleLookup() };
}

describe('SlackLocaleLookup', () => {
  it('the display name, else the real name; the locale; one users.info call for both', async () => {
    const { slack, client, lookup } = await setup();
    slack.locales.set('USANNE', 'en-GB');
    slack.profiles.set('USANNE', { display_name: 'Sanne', real_name: 'Sanne de Vries' });
    slack.profiles.set('UNOOR', { display_name: '', real_name: 'Noor Jansen' });
    expect(await lookup.localeOf(client, 'USANNE')).toBe('en');
    expect(await lookup.nameOf(client, 'USANNE')).toBe('Sanne');
    expect(await lookup.nameOf(client, 'UNOOR')).toBe('Noor Jansen');
    expect(await lookup.localeOf(client, 'UNOOR')).toBe('nl');
    expect(slack.callsOf('users.info')).toHaveLength(2);
  });

  it('no profile, or Slack unreachable: no name (the request\'s own name is used) and Dutch', async () => {
    const { client, lookup } = await setup();
    expect(await lookup.nameOf(client, 'UEMPTY')).toBeUndefined();
    const unreachable = new WebClient('xoxb-test', { slackApiUrl: 'http://127.0.0.1:9/api/', retryConfig: { retries: 0 } });
    expect(await lookup.nameOf(unreachable, 'UDOWN')).toBeUndefined();
    expect(await lookup.localeOf(unreachable, 'UDOWN')).toBe('nl');
  });
});
