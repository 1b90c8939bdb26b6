import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nl } from '../../cards/i18n/nl.ts';
import { loadDefaultTree } from '../../bot/default-tree.ts';
import type { OutcomeNode } from '../../core/domain/decision-tree/types.ts';
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
/** Matches a choice as a client shows it: the whole label, never cut, maybe followed by its description ("Label – explanation"). */
const label = (full: string) => (shown: string) => shown === full || shown.startsWith(`${full} – `);
const outcomeOf = (id: string) => treeNode(id) as OutcomeNode;
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
  const subtitleOf = (card: any) => card.body[1]?.text;

  it('a common facility is down → Twiin ketenregie; steps numbered 1, 2, 3; the outcome names the organisation it assumed', async () => {
    say = midwife();
    const first = await sendTeams(say({ text: 'ik heb een probleem' }));
    expect(first.method).toBe('POST');
    cardId = connectorIdOf(first);
    const question = adaptiveCard(first);
    expect(stringsOf(question)).toContain(nl['tree.org.question']);
    expect(stringsOf(question)).toContain(nl['tree.step'].replace('{number}', '1'));
    // Every kind of organisation, and "Staat er niet bij" last.
    const titles = stringsOf(question.body.find((b: any) => b.type === 'Input.ChoiceSet') ?? question.body).filter((t) => t.includes(' – '));
    expect(titles.some((t) => t.startsWith('RSO Rivierenland – '))).toBe(true);
    expect(titles.some((t) => t.startsWith('Vroedsoft B.V. – '))).toBe(true);

    const root = await submit(teamsChoose(question, label('Ziekenhuis Lindendael')));
    expect(stringsOf(root)).toContain(questionText('start'));
    expect(stringsOf(root)).toContain(nl['tree.step'].replace('{number}', '2'));
    const national = await submit(teamsChoose(root, label(choiceTo('start', 'national'))));
    expect(stringsOf(national)).toContain(questionText('national'));
    expect(stringsOf(national)).toContain(nl['tree.step'].replace('{number}', '3'));
    const outcome = await submit(teamsChoose(national, label(choiceTo('national', 'common-facility'))));

    const texts = stringsOf(outcome.body);
    expect(outcome.body[0].text).toBe(titleOf('common-facility'));
    expect(texts).toContain(outcomeOf('common-facility').desks[0]!.role.nl);
    expect(texts).toContain('Loket: Twiin ketenregie (meldpunt)');
    expect(texts.some((t) => t.includes('+31 20 555 0124'))).toBe(true);
    expect(texts).toContain(nl['tree.outcome.prepare']);
    // What to have at hand: one line per item, not one paragraph.
    for (const p of outcomeOf('common-facility').prepare) expect(texts.some((t) => t === p.nl || t === `• ${p.nl}`), p.nl).toBe(true);
    expect(texts).toContain(nl['tree.outcome.assumed'].replace('{name}', 'Ziekenhuis Lindendael'));
    expect(outcome.actions.map((a: any) => a.title)).toContain(nl['tree.outcome.changeOrganisation']);
    void subtitleOf;
  });

  it('"Andere organisatie" on that outcome: asked again in place, then the outcome for Helmgras', async () => {
    // Same conversation: press the button on the outcome card.
    const outcomeCall = callsTo(say({}).conversation.id).at(-1)!;
    const outcome = adaptiveCard(outcomeCall);
    const asked = await submit(teamsButton(outcome, 'tree.organisation'));
    expect(stringsOf(asked)).toContain(nl['tree.org.question']);
    const again = await submit(teamsChoose(asked, label('Verloskundigenpraktijk Helmgras')));
    expect(again.body[0].text).toBe(titleOf('common-facility'));
    expect(stringsOf(again.body)).toContain(nl['tree.outcome.assumed'].replace('{name}', 'Verloskundigenpraktijk Helmgras'));
  });

  it('messages to one care provider (organisation remembered): the other provider is chosen, and its desk shown', async () => {
    say = midwife();
    const first = await sendTeams(say({ text: 'ik heb een probleem' }));
    expect(first.method).toBe('POST');
    cardId = connectorIdOf(first);
    const root = adaptiveCard(first);
    expect(stringsOf(root)).toContain(questionText('start'));
    expect(stringsOf(root)).not.toContain(nl['tree.org.question']);
    // No choice label is cut: each shows whole (with its explanation after a dash).
    for (const c of (treeNode('start') as { choices: Array<{ label: { nl: string } }> }).choices) expect(stringsOf(root).some(label(c.label.nl)), c.label.nl).toBe(true);

    const what = await submit(teamsChoose(root, label(choiceTo('start', 'link-what'))));
    expect(stringsOf(what)).toContain(questionText('link-what'));
    const which = await submit(teamsChoose(what, label(choiceTo('link-what', 'link-org'))));
    expect(stringsOf(which)).toContain(questionText('link-org'));
    const outcome = await submit(teamsChoose(which, label('Ziekenhuis Duinzicht')));
    const texts = stringsOf(outcome.body);
    expect(outcome.body[0].text).toBe(titleOf('link-provider'));
    expect(texts.filter((t) => t.startsWith('Loket: '))).toEqual(['Loket: Servicedesk Informatievoorziening Duinzicht', 'Loket: Praktijkondersteuning Helmgras']);
    expect(texts.some((t) => t.includes('+31 20 555 0108'))).toBe(true);
  });

  it('a GtK servicedesk agent (RivierenNet) whose platform is down: they coordinate, Twiin if several GtKs', async () => {
    const agent = teamsUser();
    say = agent();
    const first = await sendTeams(say({ text: 'ik heb een probleem' }));
    cardId = connectorIdOf(first);
    const root = await submit(teamsChoose(adaptiveCard(first), label('RivierenNet Zorguitwisseling (GtK)')));
    const what = await submit(teamsChoose(root, label(choiceTo('start', 'link-what'))));
    const app = await submit(teamsChoose(what, label(choiceTo('link-what', 'gtk-app'))));
    const outcome = await submit(teamsChoose(app, (t) => t === 'RivierenNet uitwisselplatform'));
    const texts = stringsOf(outcome.body);
    expect(texts).toContain(outcomeOf('gtk-down').textForDesk!.nl);
    expect(texts).toContain(outcomeOf('gtk-down').desks[0]!.roleForDesk!.nl);
    expect(texts).toContain(nl['tree.desk.yours']);
    expect(texts.filter((t) => t.startsWith('Loket: '))).toEqual(['Loket: Servicedesk RivierenNet', 'Loket: Twiin ketenregie (meldpunt)']);
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

/** A typed answer in the DM: the bot updates its card in place (chat.update) or posts one; returns those blocks. */
async function slackType(user: string, channel: string, text: string): Promise<any[]> {
  const sent = () => [...slack.callsOf('chat.postMessage'), ...slack.callsOf('chat.update')].filter((c) => c.body?.channel === channel);
  const before = sent().length;
  const body = JSON.stringify({
    token: 'x', team_id: 'T1', api_app_id: 'A1', type: 'event_callback', event_id: `EvTree${++slackRequests}`, event_time: Math.floor(Date.now() / 1000),
    event: { type: 'message', channel_type: 'im', channel, user, text, ts: `${Date.now() / 1000}` },
  });
  expect((await postSigned(body, JSON_TYPE)).status).toBe(200);
  await slack.waitFor(() => sent().length > before);
  await new Promise((r) => setTimeout(r, 50));
  const calls = sent().slice(before);
  expect(calls.map((c) => c.path), 'one card, updated in place').toEqual(['/api/chat.update']);
  return calls[0]!.body.blocks;
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
  it('a nurse at Lindendael, regional viewer empty for every client, only in the region → RSO Rivierenland', async () => {
    const [user, channel] = ['UWALK1', 'DWALK1'];
    const question = await slackDm(user, channel, 'ik heb een probleem');
    expect(slackTexts(question).join('\n')).toContain(nl['tree.org.question']);
    // Every organisation in the directory and "Staat er niet bij": a select menu.
    expect(question.find((b) => b.block_id === 'choice').element.type).toBe('static_select');

    // "Verder" with nothing chosen says what to do.
    let answer = await slackPress(user, channel, buttonOf(question, 'tree.choose'));
    expect(slackTexts(answer.blocks).join('\n')).toContain(nl['tree.org.choose']);

    answer = await slackPress(user, channel, buttonOf(answer.blocks, 'tree.choose'), selected(answer.blocks, (t) => t === 'Ziekenhuis Lindendael'));
    expect(slackTexts(answer.blocks).join('\n')).toContain(questionText('start'));
    // Eight answers: radio buttons, each label whole, the explanation as the option's description.
    const radio = answer.blocks.find((b: any) => b.block_id === 'choice').element;
    expect(radio.type).toBe('radio_buttons');
    expect(radio.options.map((o: any) => o.text.text)).toEqual((treeNode('start') as { choices: Array<{ label: { nl: string } }> }).choices.map((c) => c.label.nl));
    expect(radio.options[0].description.text).toBe((treeNode('start') as { choices: Array<{ description: { nl: string } }> }).choices[0]!.description.nl);

    answer = await slackPress(user, channel, buttonOf(answer.blocks, 'tree.choose'), selected(answer.blocks, label(choiceTo('start', 'regional'))));
    expect(slackTexts(answer.blocks).join('\n')).toContain(questionText('regional'));
    answer = await slackPress(user, channel, buttonOf(answer.blocks, 'tree.choose'), selected(answer.blocks, label(choiceTo('regional', 'viewer-all-advice'))));
    const tips = slackTexts(answer.blocks).join('\n');
    expect(tips).toContain(questionText('viewer-all-advice'));
    expect(tips).not.toContain('juiste cliënt');
    answer = await slackPress(user, channel, buttonOf(answer.blocks, 'tree.continue'));
    expect(slackTexts(answer.blocks).join('\n')).toContain(questionText('viewer-scope'));
    answer = await slackPress(user, channel, buttonOf(answer.blocks, 'tree.choose'), selected(answer.blocks, label(choiceTo('viewer-scope', 'rso'))));

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

  it('someone whose organisation is not listed: goes on, and the outcome explains how to find their own helpdesk', async () => {
    const [user, channel] = ['UWALK3', 'DWALK3'];
    const question = await slackDm(user, channel, 'ik heb een probleem');
    let answer = await slackPress(user, channel, buttonOf(question, 'tree.choose'), selected(question, (t) => t === nl['tree.org.notListed']));
    expect(slackTexts(answer.blocks).join('\n')).toContain(questionText('start'));
    answer = await slackPress(user, channel, buttonOf(answer.blocks, 'tree.choose'), selected(answer.blocks, label(choiceTo('start', 'own'))));
    answer = await slackPress(user, channel, buttonOf(answer.blocks, 'tree.choose'), selected(answer.blocks, label(choiceTo('own', 'own-login-advice'))));
    const tips = slackTexts(answer.blocks).join('\n');
    expect(tips).toMatch(/wachtwoord/i);
    expect(tips).not.toContain('Sluit het programma af');
    answer = await slackPress(user, channel, buttonOf(answer.blocks, 'tree.continue'));
    expect(header(answer.blocks)).toBe(titleOf('own-login'));
    const text = slackTexts(answer.blocks).join('\n');
    expect(text).toContain(nl['tree.note.unknown-organisation']);
    expect(text).toContain(nl['tree.outcome.assumedNone']);
    expect(text).not.toContain('Loket: ');
  });

  it('an RSO servicedesk agent types it all: viewer empty after a national update → the national helpdesk, in servicedesk wording', async () => {
    const [user, channel] = ['UWALK4', 'DWALK4'];
    await slackDm(user, channel, 'ik heb een probleem');
    await slackType(user, channel, 'RSO Rivierenland');
    await slackType(user, channel, 'regionale viewer');
    await slackType(user, channel, 'leeg bij alle cliënten');
    const scope = await slackType(user, channel, 'nee');
    expect(slackTexts(scope).join('\n')).toContain(questionText('viewer-scope'));
    const end = await slackType(user, channel, 'landelijk, na een landelijke update');
    expect(header(end)).toBe(titleOf('viewer-national'));
    const text = slackTexts(end).join('\n');
    expect(text).toContain(outcomeOf('viewer-national').textForDesk!.nl);
    expect(text).toContain(nl['tree.desk.yours']);
    expect(text).not.toMatch(/uw eigen helpdesk/i);
  });
});
