import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nl } from '../../cards/i18n/nl.ts';
import { loadDefaultTree } from '../../bot/default-tree.ts';
import { startBot, TEST_SIGNING_SECRET, type RunningBot } from '../support/bot-server.ts';
import { startFakeConnector, type FakeConnector, type RecordedCall } from '../support/fake-connector.ts';
import { startFakeSlackApi, type FakeSlackApi } from '../support/fake-slack-api.ts';
import { httpRequest, postJson } from '../support/http-request.ts';
import { slackSignatureHeaders } from '../support/slack-signing.ts';
import { expectAdaptiveCard } from '../support/adaptive-cards.ts';

/**
 * "Ik heb een probleem" end to end, over the wire formats the platforms use: the real bot with the
 * demo directory, a fake Bot Framework connector (Teams) and a fake Slack Web API. Answers are
 * given the way the clients send them (Action.Submit values; block_actions with state.values),
 * read from the card the bot actually sent, and every step replaces the card in place.
 */


// The default tree's own texts (read from data/decision-tree.json, so rewording it does not break the walk).
const TREE = loadDefaultTree();
const treeNode = (id: string) => TREE.nodes.find((n) => n.id === id)!;
const questionText = (id: string) => treeNode(id).text.nl;
const titleOf = (id: string) => {
  const n = treeNode(id);
  return n.kind === 'outcome' ? n.title.nl : '';
};
/** The label of the choice at `nodeId` that leads to `next`. */
const choiceTo = (nodeId: string, next: string) => {
  const n = treeNode(nodeId);
  const found = n.kind === 'question' ? n.choices.find((c) => c.next === next) : undefined;
  if (!found) throw new Error(`no choice from ${nodeId} to ${next}`);
  return found.label.nl;
};
/** Matches a choice label as a client shows it (Slack cuts option texts at 75 characters). */
const label = (full: string) => (shown: string) => shown === full || (shown.endsWith('…') && full.startsWith(shown.slice(0, -1)));
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const JSON_TYPE = { 'content-type': 'application/json' };

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

// ---------------------------------------------------------------- Teams (Bot Framework)

/** A Teams user; each call of the result opens a new personal conversation of that user. */
const teamsUser = (user = randomUUID()) => () => teamsChat(user);

function teamsChat(user = randomUUID()) {
  const conversation = `a:${randomUUID()}`;
  let n = 0;
  return (extra: Record<string, unknown>) => ({
    type: 'message',
    id: `1${Date.now()}${++n}`,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl: `${connector.url}/`,
    locale: 'nl-NL',
    from: { id: `29:${user}`, name: 'Verloskundige', aadObjectId: user },
    recipient: { id: '28:ketenbot', name: 'Ketenbot' },
    conversation: { id: conversation, conversationType: 'personal', tenantId: 'tenant-1' },
    channelData: { tenant: { id: 'tenant-1' } },
    ...extra,
  });
}
type Activity = ReturnType<ReturnType<typeof teamsChat>>;

const callsTo = (conversationId: string) => connector.calls.filter((c) => c.path.startsWith(`/v3/conversations/${conversationId}/activities`));

/** Posts the activity; returns the bot's one new call to that conversation (a reply POST or an update PUT). */
async function sendTeams(activity: Activity): Promise<RecordedCall> {
  const before = callsTo(activity.conversation.id).length;
  const res = await postJson(`${bot.url}/api/messages`, activity);
  expect(res.status).toBe(200);
  await connector.waitFor(() => callsTo(activity.conversation.id).length > before);
  await new Promise((r) => setTimeout(r, 50));
  const calls = callsTo(activity.conversation.id).slice(before);
  expect(calls, calls.map((c) => `${c.method} ${c.path}`).join('\n')).toHaveLength(1);
  return calls[0]!;
}

/** The id the fake connector gave a POSTed activity ("activity-<n>", numbered in order of arrival). */
function connectorIdOf(call: RecordedCall): string {
  const posts = connector.calls.filter((c) => c.method === 'POST' && /^\/v3\/conversations\/[^/]+\/activities/.test(c.path));
  return `activity-${posts.indexOf(call) + 1}`;
}

const adaptiveCard = expectAdaptiveCard;

/** Every string in the card (texts, fact titles and values, choice titles). */
function stringsOf(node: unknown): string[] {
  if (typeof node === 'string') return [node];
  if (Array.isArray(node)) return node.flatMap(stringsOf);
  if (node && typeof node === 'object') return Object.values(node).flatMap(stringsOf);
  return [];
}

/** The Action.Submit value Teams sends for "Verder" with the choice titled `title` selected. */
function teamsChoose(card: any, title: (t: string) => boolean): Record<string, unknown> {
  const choiceSets: any[] = [];
  const walk = (n: any): void => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (!n || typeof n !== 'object') return;
    if (n.type === 'Input.ChoiceSet' && n.id === 'choice') choiceSets.push(n);
    Object.values(n).forEach(walk);
  };
  walk(card.body);
  expect(choiceSets).toHaveLength(1);
  const choice = choiceSets[0].choices.find((c: { title: string }) => title(c.title));
  expect(choice, `no choice like that in ${JSON.stringify(choiceSets[0].choices.map((c: any) => c.title))}`).toBeDefined();
  const submit = (card.actions ?? []).find((a: any) => a.type === 'Action.Submit' && a.data?.action === 'tree.choose');
  expect(submit).toBeDefined();
  // Teams merges the inputs into the action's data.
  return { ...submit.data, choice: choice.value };
}

function teamsButton(card: any, action: string): Record<string, unknown> {
  const submit = (card.actions ?? []).find((a: any) => a.type === 'Action.Submit' && a.data?.action === action);
  expect(submit, `no ${action} button in ${JSON.stringify(card.actions)}`).toBeDefined();
  return { ...submit.data };
}


describe('Teams: walking the tree with Action.Submit, one card updated in place', () => {
  const midwife = teamsUser();
  let say = midwife();
  let cardId = '';

  /** Sends an Action.Submit value and expects the card to be replaced (PUT to the first card). */
  async function submit(value: Record<string, unknown>): Promise<any> {
    const call = await sendTeams(say({ value, replyToId: cardId }));
    expect(call.method).toBe('PUT');
    expect(call.path.endsWith(`/activities/${cardId}`), call.path).toBe(true);
    return adaptiveCard(call);
  }

  it('a common facility is down → Twiin ketenregie', async () => {
    say = midwife();
    const first = await sendTeams(say({ text: 'ik heb een probleem' }));
    expect(first.method).toBe('POST');
    cardId = connectorIdOf(first);
    const question = adaptiveCard(first);
    expect(stringsOf(question)).toContain(nl['tree.org.question']);

    const root = await submit(teamsChoose(question, (t) => t === 'Ziekenhuis Lindendael'));
    expect(stringsOf(root)).toContain(questionText('start'));
    const national = await submit(teamsChoose(root, label(choiceTo('start', 'national'))));
    expect(stringsOf(national)).toContain(questionText('national'));
    const outcome = await submit(teamsChoose(national, label(choiceTo('national', 'common-facility'))));

    const texts = stringsOf(outcome.body);
    expect(outcome.body[0].text).toBe(titleOf('common-facility'));
    expect(texts).toContain((treeNode('common-facility') as { desks: Array<{ role: { nl: string } }> }).desks[0]!.role.nl);
    expect(texts).toContain('Loket: Twiin ketenregie (meldpunt)');
    expect(texts).toContain('+31 20 555 0124');
    expect(texts).toContain(nl['tree.outcome.prepare']);
  });

  it('the link with Medicura EPD (organisation remembered) → the supplier and both GtK service providers', async () => {
    say = midwife();
    const first = await sendTeams(say({ text: 'ik heb een probleem' }));
    expect(first.method).toBe('POST');
    cardId = connectorIdOf(first);
    const root = adaptiveCard(first);
    expect(stringsOf(root)).toContain(questionText('start'));
    expect(stringsOf(root)).not.toContain(nl['tree.org.question']);

    const app = await submit(teamsChoose(root, label(choiceTo('start', 'link-app'))));
    expect(stringsOf(app)).toContain(questionText('link-app'));
    const outcome = await submit(teamsChoose(app, (t) => t === 'Medicura EPD'));

    const texts = stringsOf(outcome.body);
    expect(outcome.body[0].text).toBe(titleOf('link'));
    const desks = texts.filter((t) => t.startsWith('Loket: '));
    expect(desks).toEqual(['Loket: Support Medicura EPD', 'Loket: Servicedesk RivierenNet', 'Loket: Servicedesk Geboortenet']);
    expect(texts).toEqual(expect.arrayContaining(['+31 20 555 0116', '+31 20 555 0118', '+31 20 555 0120']));
  });

  it('Stoppen replaces the card with the stopped card', async () => {
    say = midwife();
    const first = await sendTeams(say({ text: 'ik heb een probleem' }));
    cardId = connectorIdOf(first);
    const stopped = await submit(teamsButton(adaptiveCard(first), 'tree.stop'));
    expect(stringsOf(stopped)).toContain(nl['tree.stopped']);
    expect(stopped.actions ?? []).toEqual([]);
  });
});

// ---------------------------------------------------------------- Slack (Block Kit)

let slackRequests = 0;

function postSigned(body: string, headers: Record<string, string>) {
  return httpRequest(`${bot.url}/slack/events`, { method: 'POST', headers: { ...headers, ...slackSignatureHeaders(TEST_SIGNING_SECRET, body) }, body });
}

/** A direct message to the bot; returns the blocks it posted with chat.postMessage. */
async function slackDm(user: string, channel: string, text: string): Promise<any[]> {
  const before = slack.callsOf('chat.postMessage').filter((c) => c.body?.channel === channel).length;
  const body = JSON.stringify({
    token: 'x', team_id: 'T1', api_app_id: 'A1', type: 'event_callback', event_id: `EvTree${++slackRequests}`, event_time: Math.floor(Date.now() / 1000),
    event: { type: 'message', channel_type: 'im', channel, user, text, ts: `${Date.now() / 1000}` },
  });
  expect((await postSigned(body, JSON_TYPE)).status).toBe(200);
  await slack.waitFor(() => slack.callsOf('chat.postMessage').filter((c) => c.body?.channel === channel).length > before);
  const posted = slack.callsOf('chat.postMessage').filter((c) => c.body?.channel === channel).at(-1)!;
  return posted.body.blocks;
}

const buttonOf = (blocks: any[], action: string) => {
  const button = blocks.filter((b) => b.type === 'actions').flatMap((b) => b.elements).find((e: any) => typeof e.action_id === 'string' && e.action_id.startsWith(`${action}#`));
  expect(button, `no ${action} button in ${JSON.stringify(blocks)}`).toBeDefined();
  return button;
};

/** The `state.values` Slack sends with the option whose text matches selected in the "choice" input. */
function selected(blocks: any[], text: (t: string) => boolean) {
  const input = blocks.find((b) => b.type === 'input' && b.block_id === 'choice');
  expect(input, 'the step has a "choice" input').toBeDefined();
  const option = input.element.options.find((o: any) => text(o.text.text));
  expect(option, `no such option in ${JSON.stringify(input.element.options.map((o: any) => o.text.text))}`).toBeDefined();
  return { values: { choice: { [input.element.action_id]: { type: input.element.type, selected_option: option } } } };
}

/** Presses a button as Slack sends it (block_actions), with the inputs' state; returns what went to the response_url. */
async function slackPress(user: string, channel: string, button: any, state: { values: Record<string, unknown> } = { values: {} }): Promise<any> {
  const key = `tree-${++slackRequests}`;
  const payload = {
    type: 'block_actions',
    team: { id: 'T1', domain: 't1' },
    user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: 'T1' },
    api_app_id: 'A1',
    token: 'x',
    container: { type: 'message', message_ts: '10.1', channel_id: channel, is_ephemeral: false },
    trigger_id: `1.2.${key}`,
    channel: { id: channel, name: 'directmessage' },
    state,
    response_url: slack.responseUrl(key),
    actions: [{ action_id: button.action_id, block_id: 'actions', value: button.value, type: 'button', text: button.text, action_ts: `${Date.now() / 1000}` }],
  };
  const res = await postSigned(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), FORM);
  expect(res.status).toBe(200);
  const answer = await slack.waitFor((c) => c.path === `/response/${key}`);
  expect(answer.body.replace_original).toBe(true);
  return answer.body;
}

const header = (blocks: any[]) => blocks.find((b) => b.type === 'header')?.text?.text;
const slackTexts = (blocks: any[]) => stringsOf(blocks);

describe('Slack: walking the tree with block_actions, the reply replacing the original message', () => {
  it('the regional viewer, for Ziekenhuis Lindendael (Rivierenland) → RSO Rivierenland', async () => {
    const [user, channel] = ['UWALK1', 'DWALK1'];
    const question = await slackDm(user, channel, 'ik heb een probleem');
    expect(slackTexts(question).join('\n')).toContain(nl['tree.org.question']);
    // Twelve care providers: a select menu.
    expect(question.find((b) => b.block_id === 'choice').element.type).toBe('static_select');

    let answer = await slackPress(user, channel, buttonOf(question, 'tree.choose'), selected(question, (t) => t === 'Ziekenhuis Lindendael'));
    expect(slackTexts(answer.blocks).join('\n')).toContain(questionText('start'));
    // Seven answers: radio buttons.
    expect(answer.blocks.find((b: any) => b.block_id === 'choice').element.type).toBe('radio_buttons');

    answer = await slackPress(user, channel, buttonOf(answer.blocks, 'tree.choose'), selected(answer.blocks, label(choiceTo('start', 'regional-advice'))));
    expect(slackTexts(answer.blocks).join('\n')).toContain(questionText('regional-advice'));

    answer = await slackPress(user, channel, buttonOf(answer.blocks, 'tree.continue'));
    expect(header(answer.blocks)).toBe(titleOf('rso'));
    const text = slackTexts(answer.blocks).join('\n');
    expect(text).toContain('Regionale helpdesk RSO Rivierenland');
    expect(text).toContain('+31 20 555 0123');
    expect(answer.text).toContain('Regionale helpdesk RSO Rivierenland');
    // One message in the chat the whole way: every step replaced it.
    expect(slack.callsOf('chat.postMessage').filter((c) => c.body?.channel === channel)).toHaveLength(1);
  });

  it('a data leak in Vroedsoft XIS, for Verloskundigenpraktijk Helmgras (no RSO) → Vroedsoft and the national helpdesk', async () => {
    const [user, channel] = ['UWALK2', 'DWALK2'];
    const question = await slackDm(user, channel, 'ik heb een probleem');
    let answer = await slackPress(user, channel, buttonOf(question, 'tree.choose'), selected(question, (t) => t === 'Verloskundigenpraktijk Helmgras'));
    answer = await slackPress(user, channel, buttonOf(answer.blocks, 'tree.choose'), selected(answer.blocks, label(choiceTo('start', 'security-app'))));
    expect(slackTexts(answer.blocks).join('\n')).toContain(questionText('security-app'));
    answer = await slackPress(user, channel, buttonOf(answer.blocks, 'tree.choose'), selected(answer.blocks, (t) => t === 'Vroedsoft XIS'));

    expect(header(answer.blocks)).toBe(titleOf('security'));
    const text = slackTexts(answer.blocks).join('\n');
    expect(text).toContain('Klantenservice Vroedsoft (XIS)');
    expect(text).toContain('+31 20 555 0115');
    expect(text).toContain('Landelijke Helpdesk Digitale Zorg');
    expect(text).toContain('+31 20 555 0126');
    expect(text).toContain(nl['tree.note.no-rso-in-region']);
    expect(text).toContain((treeNode('security') as { warning: { nl: string } }).warning.nl);
  });
});
