import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nl } from '../../cards/i18n/nl.ts';
import { translate } from '../../cards/i18n/translate.ts';
import { adaptiveCardIn, textsIn } from '../support/adaptive-cards.ts';
import { answeredId, teamsWire, type TeamsUser } from '../support/chain-e2e.ts';
import { startBot, TEST_SIGNING_SECRET, type RunningBot } from '../support/bot-server.ts';
import { startFakeConnector, type FakeConnector } from '../support/fake-connector.ts';
import { startFakeSlackApi, type FakeSlackApi } from '../support/fake-slack-api.ts';
import { httpRequest } from '../support/http-request.ts';
import { slackSignatureHeaders } from '../support/slack-signing.ts';

/**
 * Commands typed while the decision tree waits for an answer, on the Teams and Slack wires
 * (issue 16, point 2): a look-up is answered and the tree card stays; "meld storing" closes the tree
 * (its card is replaced in place), says so, and opens the form; "stop" then closes that form.
 */
let bot: RunningBot;
let connector: FakeConnector;
let slack: FakeSlackApi;

beforeAll(async () => {
  connector = await startFakeConnector();
  slack = await startFakeSlackApi();
  bot = await startBot({ slackApi: slack, env: { DEMO_DATA: 'true' } });
});

afterAll(async () => {
  await bot?.stop();
  await connector?.close();
  await slack?.close();
});

const treeName = translate('nl', 'conversation.flowName.tree');
const STILL_OPEN = translate('nl', 'conversation.stillOpen', { name: treeName });
const LEFT = translate('nl', 'conversation.left', { name: treeName });
const textOf = (call: { body?: any }) => (typeof call.body?.text === 'string' && !adaptiveCardIn(call) ? call.body.text : undefined);

describe('Teams: commands during the decision tree', () => {
  const wire = teamsWire(() => ({ connector, botUrl: bot.url }));
  const midwife: TeamsUser = { aad: '0b5c1d2e-3f40-4a51-8b62-7c83d94e0a16', name: 'Fleur Verloskundige', personal: 'a:1fleur-personal-chat' };
  const say = (text: string) => wire.personal(midwife, { text });

  it('a directory look-up is answered and the tree card stays; "meld storing" closes it in place; "stop" closes the form', async () => {
    const [first] = await wire.send(say('ik heb een probleem'));
    expect(first!.method).toBe('POST');
    const treeCardId = await answeredId(first!);

    // "wie beheert RivierenNet?" is a look-up: the directory card, then one line that the tree is still open.
    const lookup = await wire.send(say('wie beheert RivierenNet?'), 2);
    expect(lookup.every((c) => c.method === 'POST')).toBe(true);
    expect(textsIn(adaptiveCardIn(lookup[0]!)).join('\n')).toContain('RivierenNet');
    expect(textOf(lookup[1]!)).toBe(STILL_OPEN);
    expect(JSON.stringify(lookup)).not.toMatch(/lijkt op/);

    // The tree still takes its answer: the typed organisation updates the same card.
    const [answered] = await wire.send(say('Ziekenhuis Lindendael'));
    expect(answered!.method).toBe('PUT');
    expect(answered!.path.endsWith(`/activities/${treeCardId}`)).toBe(true);

    // A command that starts something else: the tree card is replaced, one line says why, the form comes.
    const leaving = await wire.send(say('meld storing'), 3);
    expect(leaving[0]!.method).toBe('PUT');
    expect(leaving[0]!.path.endsWith(`/activities/${treeCardId}`)).toBe(true);
    expect(textsIn(adaptiveCardIn(leaving[0]!))).toContain(nl['tree.stopped']);
    expect(textOf(leaving[1]!)).toBe(LEFT);
    const form = adaptiveCardIn(leaving[2]!);
    expect(JSON.stringify(form)).toContain('Input.');
    const formId = await answeredId(leaving[2]!);

    // "stop" closes the form on screen (no more inputs or buttons) instead of "nothing to stop".
    const stopped = await wire.send(say('stop'), 2);
    expect(stopped[0]!.method).toBe('PUT');
    expect(stopped[0]!.path.endsWith(`/activities/${formId}`)).toBe(true);
    expect(JSON.stringify(adaptiveCardIn(stopped[0]!))).not.toContain('Input.');
    expect(adaptiveCardIn(stopped[0]!).actions ?? []).toEqual([]);
    expect(textOf(stopped[1]!)).not.toBe(nl['flow.nothingToStop']);
  });
});

describe('Slack: a slash command during the decision tree in a direct message', () => {
  const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
  const JSON_TYPE = { 'content-type': 'application/json' };
  let n = 0;
  const postSigned = (body: string, headers: Record<string, string>) =>
    httpRequest(`${bot.url}/slack/events`, { method: 'POST', headers: { ...headers, ...slackSignatureHeaders(TEST_SIGNING_SECRET, body) }, body });
  const posts = (channel: string) => slack.callsOf('chat.postMessage').filter((c) => c.body?.channel === channel);

  async function dm(user: string, channel: string, text: string): Promise<void> {
    const body = JSON.stringify({
      token: 'x', team_id: 'T1', api_app_id: 'A1', type: 'event_callback', event_id: `EvCmd${++n}`, event_time: Math.floor(Date.now() / 1000),
      event: { type: 'message', channel_type: 'im', channel, user, text, ts: `${Date.now() / 1000}` },
    });
    expect((await postSigned(body, JSON_TYPE)).status).toBe(200);
  }

  async function slash(user: string, channel: string, text: string): Promise<any[]> {
    const key = `cmd-${++n}`;
    const body = new URLSearchParams({
      token: 'x', team_id: 'T1', channel_id: channel, user_id: user, user_name: user.toLowerCase(), command: '/ketenbot', text, response_url: slack.responseUrl(key), trigger_id: `1.2.${key}`,
    }).toString();
    expect((await postSigned(body, FORM)).status).toBe(200);
    await slack.waitFor((c) => c.path === `/response/${key}` && typeof c.body?.text === 'string' && c.body.text === STILL_OPEN);
    return slack.calls.filter((c) => c.path === `/response/${key}`).map((c) => c.body);
  }

  it('"/ketenbot kb wachtwoord vergeten" is answered as a knowledge-base question, and the tree still takes its answer', async () => {
    const [user, channel] = ['UCMD1', 'DCMD1'];
    await dm(user, channel, 'ik heb een probleem');
    await slack.waitFor(() => posts(channel).length === 1);

    const answers = await slash(user, channel, 'kb wachtwoord vergeten');
    expect(answers.length).toBeGreaterThanOrEqual(2);
    expect(answers.every((a) => a.response_type === 'ephemeral')).toBe(true);
    expect(JSON.stringify(answers)).not.toMatch(/lijkt op/);

    // Typed in the DM, the organisation answers the tree: its message is updated, no new one.
    const updates = () => slack.callsOf('chat.update').filter((c) => c.body?.channel === channel).length;
    const before = updates();
    await dm(user, channel, 'Ziekenhuis Lindendael');
    await slack.waitFor(() => updates() > before);
    expect(posts(channel)).toHaveLength(1);
  });
});
