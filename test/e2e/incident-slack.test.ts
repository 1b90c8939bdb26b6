import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../cards/i18n/en.ts';
import { nl } from '../../cards/i18n/nl.ts';
import { translate } from '../../cards/i18n/translate.ts';
import { TEST_SIGNING_SECRET } from '../support/bot-server.ts';
import { afternoonBeforeWorkingDay, grantRoles, moveClockAndSweep, ShiftedClock, sleep } from '../support/chain-e2e.ts';
import { startFakeSlackDelivery, type FakeSlackDelivery, type SlackMessage, type TimedCall } from '../support/fake-delivery-platforms.ts';
import { httpRequest, type HttpResult } from '../support/http-request.ts';
import { startOutboxBot, tempDatabase, type OutboxBot } from '../support/outbox-bot.ts';
import { slackSignatureHeaders } from '../support/slack-signing.ts';

/**
 * Incidents on Slack, end to end (issue 7): the real bot in-process (demo directory) behind signed
 * Slack requests, against a fake Slack Web API that keeps what every channel shows. "/ketenbot
 * incident" opens the form as a modal (views.open with the command's trigger id); a submission
 * with problems comes back in the modal (response_action "update", everything typed kept), a valid
 * one closes it. The card goes through the outbox into the alert channels (chat.postMessage), and
 * every lifecycle step (block_actions on the channel card) updates that same message (chat.update
 * by its ts) with a note in its thread and a direct message to the reporter.
 */

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const JSON_TYPE = { 'content-type': 'application/json' };
const YEAR = new Date().getUTCFullYear();
const incidentId = (n: number) => `INC-${YEAR}-${String(n).padStart(4, '0')}`;

/** Care professional at Sint Amandus Gasthuis (the reporter) and her direct-message channel with the bot. */
const NOOR = 'UNOOR';
const NOOR_DM = 'DNOOR';
/** Service manager of Twiin ketenregie. */
const SANNE = 'USANNE';
/** Linked to Twiin ketenregie as a care professional only. */
const KEES = 'UKEES';
/** Administrator of every organisation with an alert channel here. */
const PIET = 'UPIET';
/** An English-speaking colleague of Noor (users.info says en-US). */
const EMMA = 'UEMMA';
/** Linked to WestLink only. */
const WILLEM = 'UWILLEM';
/** Passing on (issue 16): a midwife at De Meander, the practice's servicedesk agents (Ivy reads English). */
const FLEUR = 'UFLEUR';
const DAAN = 'UDAAN';
const IVY = 'UIVY';

const AMANDUS = 'org-sint-amandus-gasthuis';
const DUINZICHT = 'org-ziekenhuis-duinzicht';
const LINDENDAEL = 'org-ziekenhuis-lindendael';
const TWIIN = 'org-twiin-ketenregie';
const MEDICURA = 'org-lev-medicura';
const RSO = 'org-rso-rivierenland';
const WESTLINK = 'org-gtk-westlink';
const EPD = 'app-medicura-epd';

const CHANNELS: Record<string, string> = { [TWIIN]: 'CTWIIN', [MEDICURA]: 'CMEDICURA', [AMANDUS]: 'CAMANDUS', [RSO]: 'CRSO', [WESTLINK]: 'CWESTLINK' };
const channelOf = (org: string) => CHANNELS[org]!;

/** Real time plus an offset the clock tests move (as in maintenance-teams.test.ts); 0 until then. */
const clock = new ShiftedClock();

const database = tempDatabase();
let bot: OutboxBot;
let slack: FakeSlackDelivery;
let requests = 0;
let views = 0;

beforeAll(async () => {
  slack = await startFakeSlackDelivery({
    // The delivery fake knows no views.open, and says nl-NL for everyone: Emma reads English.
    script: (call) => {
      const body = (call.body ?? {}) as Record<string, any>;
      if (call.path === '/api/views.open') return { json: { ok: true, view: { id: `V${++views}`, ...(typeof body.view === 'string' ? JSON.parse(body.view) : body.view) } } };
      if (call.path === '/api/users.info' && (body.user === EMMA || body.user === IVY)) return { json: { ok: true, user: { id: body.user, locale: 'en-US' } } };
      return undefined;
    },
  });
  bot = await startOutboxBot({ databaseUrl: database.url, slackApiUrl: slack.apiUrl, env: { DEMO_DATA: 'true' }, clock });
  await grantRoles(database.url, [
    [`slack:${NOOR}`, 'care-professional', AMANDUS],
    [`slack:${EMMA}`, 'care-professional', AMANDUS],
    [`slack:${SANNE}`, 'service-manager', TWIIN],
    [`slack:${KEES}`, 'care-professional', TWIIN],
    [`slack:${WILLEM}`, 'care-professional', WESTLINK],
    ...Object.keys(CHANNELS).map((org) => [`slack:${PIET}`, 'administrator', org]),
  ]);
});

afterAll(async () => {
  await bot?.stop();
  await slack?.close();
  database.remove();
});

// ---------------------------------------------------------------- the wire

function postSigned(body: string, headers: Record<string, string>): Promise<HttpResult> {
  return httpRequest(`${bot.url}/slack/events`, { method: 'POST', headers: { ...headers, ...slackSignatureHeaders(TEST_SIGNING_SECRET, body) }, body });
}

/** `/ketenbot <text>` as Slack sends it; returns its trigger id and response_url key. */
async function slash(user: string, channel: string, text: string): Promise<{ triggerId: string; key: string }> {
  const key = `incident-${++requests}`;
  const triggerId = `1337.42.${key}`;
  const body = new URLSearchParams({
    token: 'x', team_id: 'T1', team_domain: 't1', channel_id: channel, channel_name: channel.toLowerCase(), user_id: user, user_name: user.toLowerCase(),
    command: '/ketenbot', text, api_app_id: 'A1', response_url: slack.responseUrl(key), trigger_id: triggerId,
  }).toString();
  expect((await postSigned(body, FORM)).status).toBe(200);
  return { triggerId, key };
}

/** `/ketenbot <text>` and the (first) answer on its response_url. */
async function slashAnswer(user: string, channel: string, text: string): Promise<any> {
  const { key } = await slash(user, channel, text);
  return (await slack.waitFor((c) => c.path === `/response/${key}`)).body;
}

type Block = { type: string; block_id?: string; element?: Record<string, any>; elements?: any[]; text?: any; fields?: any[] };
type Modal = { type: string; callback_id: string; private_metadata: string; title: { text: string }; submit?: { text: string }; blocks: Block[] };

/** `/ketenbot <text>` that must open a modal; returns the modal views.open carried. */
async function openModal(user: string, channel: string, text: string): Promise<Modal> {
  const { triggerId } = await slash(user, channel, text);
  return modalOf(await slack.waitFor((c) => c.path === '/api/views.open' && c.body?.trigger_id === triggerId));
}

function modalOf(call: TimedCall): Modal {
  const view = call.body?.view;
  return (typeof view === 'string' ? JSON.parse(view) : view) as Modal;
}

const inputBlocks = (blocks: Block[]) => blocks.filter((b) => b.type === 'input');

/** What each input of a modal shows already filled in, by block id. */
function initialValues(modal: Modal): Record<string, unknown> {
  return Object.fromEntries(inputBlocks(modal.blocks).map((b) => {
    const e = b.element!;
    switch (e.type) {
      case 'plain_text_input': return [b.block_id, e.initial_value ?? ''];
      case 'static_select': case 'radio_buttons': return [b.block_id, e.initial_option?.value];
      case 'multi_static_select': return [b.block_id, (e.initial_options ?? []).map((o: { value: string }) => o.value)];
      case 'datepicker': return [b.block_id, e.initial_date ?? ''];
      case 'timepicker': return [b.block_id, e.initial_time ?? ''];
      case 'checkboxes': return [b.block_id, (e.initial_options ?? []).length > 0];
      default: throw new Error(`unexpected element ${e.type}`);
    }
  }));
}

/** `view.state.values` as Slack builds it from what the user left in each input (the element type decides the shape). */
function stateFor(blocks: Block[], typed: Record<string, unknown>) {
  const values: Record<string, Record<string, unknown>> = {};
  for (const block of inputBlocks(blocks)) {
    const e = block.element!;
    const value = typed[block.block_id!];
    const options = (e.options ?? []) as Array<{ text: unknown; value: string }>;
    let state: Record<string, unknown>;
    switch (e.type) {
      case 'plain_text_input': state = { type: e.type, value: typeof value === 'string' && value !== '' ? value : null }; break;
      case 'static_select': case 'radio_buttons': state = { type: e.type, selected_option: options.find((o) => o.value === value) ?? null }; break;
      case 'multi_static_select': state = { type: e.type, selected_options: options.filter((o) => [value ?? []].flat().includes(o.value)) }; break;
      case 'datepicker': state = { type: e.type, selected_date: value || null }; break;
      case 'timepicker': state = { type: e.type, selected_time: value || null }; break;
      case 'checkboxes': state = { type: e.type, selected_options: value === true ? options : [] }; break;
      default: throw new Error(`unexpected element ${e.type}`);
    }
    values[block.block_id!] = { [e.action_id as string]: state };
  }
  return { values };
}

/** A signed view_submission of the modal with these values (what is not given keeps what the modal shows). */
function submitModal(user: string, modal: Modal, typed: Record<string, unknown>): Promise<HttpResult> {
  const payload = {
    type: 'view_submission',
    team: { id: 'T1', domain: 't1' },
    user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: 'T1' },
    api_app_id: 'A1', token: 'x', trigger_id: `1337.43.${++requests}`,
    view: {
      id: 'V1', team_id: 'T1', type: 'modal', blocks: modal.blocks, private_metadata: modal.private_metadata, callback_id: modal.callback_id,
      state: stateFor(modal.blocks, { ...initialValues(modal), ...typed }), hash: '1.abc', title: modal.title, app_id: 'A1', bot_id: 'BBOT', root_view_id: 'V1', previous_view_id: null,
    },
    response_urls: [], is_enterprise_install: false,
  };
  return postSigned(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), FORM);
}

/** A direct message to the bot (message.im). */
async function dm(user: string, channel: string, text: string): Promise<void> {
  const body = JSON.stringify({
    token: 'x', team_id: 'T1', api_app_id: 'A1', type: 'event_callback', event_id: `EvIncident${++requests}`, event_time: Math.floor(Date.now() / 1000),
    event: { type: 'message', channel_type: 'im', channel, user, text, ts: `${Date.now() / 1000}` },
  });
  expect((await postSigned(body, JSON_TYPE)).status).toBe(200);
}

const buttonsOf = (blocks: any[]): any[] => blocks.filter((b) => b.type === 'actions').flatMap((b) => b.elements);
function buttonOf(blocks: any[], action: string): any {
  const button = buttonsOf(blocks).find((e: any) => typeof e.action_id === 'string' && e.action_id.startsWith(`${action}#`));
  expect(button, `no ${action} button in ${JSON.stringify(blocks)}`).toBeDefined();
  return button;
}

/**
 * Presses a button on a message as Slack sends it (block_actions, with the message's input state and
 * a trigger id); returns the response_url key (what the bot answered goes there, or a modal opens).
 */
async function press(user: string, channel: string, messageTs: string, blocks: any[], button: any, typed: Record<string, unknown> = {}): Promise<{ key: string; triggerId: string }> {
  const key = `press-${++requests}`;
  const triggerId = `1.2.${key}`;
  const payload = {
    type: 'block_actions',
    team: { id: 'T1', domain: 't1' },
    user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: 'T1' },
    api_app_id: 'A1', token: 'x',
    container: { type: 'message', message_ts: messageTs, channel_id: channel, is_ephemeral: false },
    trigger_id: triggerId,
    channel: { id: channel, name: channel.toLowerCase() },
    message: { type: 'message', ts: messageTs, blocks },
    state: stateFor(blocks, typed),
    response_url: slack.responseUrl(key),
    actions: [{ action_id: button.action_id, block_id: 'actions', value: button.value, type: 'button', text: button.text, action_ts: `${Date.now() / 1000}` }],
  };
  expect((await postSigned(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), FORM)).status).toBe(200);
  return { key, triggerId };
}

/** Everything the response_url of a press received, once `count` answers are there. */
async function answersTo(key: string, count = 1): Promise<any[]> {
  await slack.waitFor(() => slack.calls.filter((c) => c.path === `/response/${key}`).length >= count);
  return slack.calls.filter((c) => c.path === `/response/${key}`).map((c) => c.body);
}

const strings = (node: unknown): string[] => {
  if (typeof node === 'string') return [node];
  if (Array.isArray(node)) return node.flatMap(strings);
  if (node && typeof node === 'object') return Object.values(node).flatMap(strings);
  return [];
};
const allText = (blocks: unknown) => strings(blocks).join('\n');
/** The top-level messages (cards) in a channel. */
const cardsIn = (channel: string): SlackMessage[] => slack.messages(channel).filter((m) => !m.thread_ts && Array.isArray(m.blocks));
const thread = (channel: string, ts: string) => slack.messages(channel).filter((m) => m.thread_ts === ts);
const updatesOf = (channel: string) => slack.callsOf('chat.update').filter((c) => c.body?.channel === channel);
const postsTo = (channel: string) => slack.callsOf('chat.postMessage').filter((c) => c.body?.channel === channel);
const incident = async (id: string) => (await bot.bot.services.incidentRepository.get(id))!;

const VALID = {
  title: 'Medicura EPD ontvangt geen berichten van verloskundigen',
  description: 'Sinds 08:00 komen de overdrachten van de verloskundigen niet meer binnen in het EPD.',
  applications: [EPD],
  organisations: [AMANDUS, DUINZICHT],
  impact: 'no-exchange',
  sinceVersion: '4.2.1',
};

describe('Slack: filing an incident in a modal', () => {
  let modal: Modal;

  it('administrators link the alert channels with the slash command', async () => {
    for (const [org, channel] of Object.entries(CHANNELS)) expect((await slashAnswer(PIET, channel, `kanaal koppel ${org}`)).text, org).toContain('meldingskanaal');
  });

  it('"/ketenbot incident" opens the form as a modal (views.open with the trigger id), the reporter\'s organisation and now filled in, with the security steps', async () => {
    modal = await openModal(NOOR, NOOR_DM, 'incident');
    expect(modal.type).toBe('modal');
    expect(modal.callback_id).toBe('incident.file');
    expect(modal.title.text).toBe(nl['incident.form.title']);
    expect(modal.submit?.text).toBe(nl['incident.form.submit']);
    expect(inputBlocks(modal.blocks).map((b) => [b.block_id, b.element?.type])).toEqual([
      ['title', 'plain_text_input'], ['description', 'plain_text_input'], ['applications', 'multi_static_select'], ['organisations', 'multi_static_select'],
      ['impact', 'static_select'], ['startDate', 'datepicker'], ['startTime', 'timepicker'], ['sinceVersion', 'plain_text_input'], ['dataLeak', 'checkboxes'],
    ]);
    const initial = initialValues(modal);
    expect(initial).toMatchObject({ title: '', description: '', applications: [], organisations: [AMANDUS], impact: 'degraded', sinceVersion: '', dataLeak: false });
    expect(initial.startDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(initial.startTime).toMatch(/^\d{2}:\d{2}$/);
    expect(allText(modal.blocks)).toContain(nl['incident.security.steps'].slice(0, 60));
  });

  it('a BSN in the description → Slack shows the explanation under the description (response_action "errors"), the modal keeps the text; nothing stored, nothing posted', async () => {
    const description = 'Bij de patiënt met BSN 111 222 333 komt de overdracht niet door.';
    const res = await submitModal(NOOR, modal, { ...VALID, description });
    expect(res.status).toBe(200);
    // The explanation does not echo the number.
    expect(nl['incident.problem.bsn']).not.toContain('{found}');
    expect(res.json).toEqual({ response_action: 'errors', errors: { description: nl['incident.problem.bsn'] } });
    expect(await bot.bot.services.incidentRepository.list({})).toEqual([]);
    await sleep(500);
    expect(postsTo(NOOR)).toEqual([]);
    for (const channel of Object.values(CHANNELS)) expect(cardsIn(channel), channel).toEqual([]);
  });

  it('the guard speaks English to an English user', async () => {
    const english = await openModal(EMMA, 'DEMMA', 'incident');
    expect(english.title.text).toBe(en['incident.form.title']);
    const res = await submitModal(EMMA, english, { ...VALID, description: 'Patient BSN 111222333 has no results.' });
    expect(en['incident.problem.bsn']).not.toContain('{found}');
    expect(res.json).toEqual({ response_action: 'errors', errors: { description: en['incident.problem.bsn'] } });
    expect(await bot.bot.services.incidentRepository.list({})).toEqual([]);
  });

  it('no title → "required" under the title (response_action "errors"); nothing stored', async () => {
    const res = await submitModal(NOOR, modal, { ...VALID, title: '', dataLeak: true });
    expect(res.json).toEqual({ response_action: 'errors', errors: { title: nl['form.required'] } });
    expect(await bot.bot.services.incidentRepository.list({})).toEqual([]);
  });
});

describe('Slack: alerts and the lifecycle over the wire', () => {
  const id = incidentId(1);
  let twiinTs = '';
  let medicuraTs = '';

  it('a valid submission closes the modal, the reporter gets the answer in her DMs, and the card goes to Twiin and Medicura only', async () => {
    const modal = await openModal(NOOR, NOOR_DM, 'incident');
    const res = await submitModal(NOOR, modal, VALID);
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
    const answer = await slack.waitFor((c) => c.path === '/api/chat.postMessage' && c.body?.channel === NOOR && typeof c.body?.text === 'string' && c.body.text.includes(id));
    expect(answer.body.text).toContain(translate('nl', 'incident.filed.channels', { channels: 2 }));

    await slack.waitFor(() => cardsIn(channelOf(TWIIN)).length === 1 && cardsIn(channelOf(MEDICURA)).length === 1);
    twiinTs = cardsIn(channelOf(TWIIN))[0]!.ts;
    medicuraTs = cardsIn(channelOf(MEDICURA))[0]!.ts;
    const blocks = cardsIn(channelOf(TWIIN))[0]!.blocks as any[];
    expect(blocks.find((b) => b.type === 'header')?.text.text).toBe(`${id}: ${VALID.title}`);
    expect(allText(blocks)).toContain(nl['incident.status.new']);
    expect(allText(blocks)).toContain('Twiin ketenregie');
    expect(buttonsOf(blocks).map((b) => [b.text.text, JSON.parse(b.value)])).toEqual([
      [nl['incident.action.take'], { incidentId: id }], [nl['incident.action.update'], { incidentId: id }], [nl['incident.action.resolve'], { incidentId: id }],
    ]);
    expect(blocks.some((b) => b.type === 'input' && b.block_id === 'text')).toBe(true);

    await sleep(1000);
    for (const org of [AMANDUS, RSO, WESTLINK]) expect(cardsIn(channelOf(org)), org).toEqual([]);
    expect(cardsIn(channelOf(TWIIN))).toHaveLength(1);
  });

  it('"Oppakken" by someone without a staff role → an ephemeral refusal; nothing changes', async () => {
    const blocks = cardsIn(channelOf(TWIIN))[0]!.blocks as any[];
    const { key } = await press(KEES, channelOf(TWIIN), twiinTs, blocks, buttonOf(blocks, 'incident.take'));
    const [answer] = await answersTo(key);
    expect(answer.text).toBe(nl['incident.forbidden'].replace('{id}', id));
    expect(answer.response_type).toBe('ephemeral');
    await sleep(800);
    expect(updatesOf(channelOf(TWIIN))).toEqual([]);
    expect(thread(channelOf(TWIIN), twiinTs)).toEqual([]);
    expect((await incident(id)).status).toBe('new');
  });

  it('"Oppakken" by Twiin\'s service manager → chat.update of the same message (In behandeling, owner) in both channels, a note in the thread, a DM to the reporter', async () => {
    const blocks = cardsIn(channelOf(TWIIN))[0]!.blocks as any[];
    const dmsBefore = postsTo(NOOR).length;
    const { key } = await press(SANNE, channelOf(TWIIN), twiinTs, blocks, buttonOf(blocks, 'incident.take'));
    const [answer] = await answersTo(key);
    expect(answer.text).toBe(nl['incident.done.taken'].replace('{id}', id));

    await slack.waitFor(() => updatesOf(channelOf(TWIIN)).length === 1 && updatesOf(channelOf(MEDICURA)).length === 1);
    expect(updatesOf(channelOf(TWIIN))[0]!.body.ts).toBe(twiinTs);
    expect(updatesOf(channelOf(MEDICURA))[0]!.body.ts).toBe(medicuraTs);
    const owner = (await incident(id)).owner!;
    expect(owner.id).toBe(`slack:${SANNE}`);
    const updated = cardsIn(channelOf(TWIIN))[0]!;
    expect(updated.updates).toBe(1);
    expect(allText(updated.blocks)).toContain(nl['incident.status.in-progress']);
    expect(allText(updated.blocks)).toContain(`*${nl['incident.fact.owner']}*\n${owner.name}`);
    expect(buttonsOf(updated.blocks as any[]).map((b) => b.action_id.split('#')[0])).toEqual(['incident.update', 'incident.resolve']);

    await slack.waitFor(() => thread(channelOf(TWIIN), twiinTs).length === 1 && thread(channelOf(MEDICURA), medicuraTs).length === 1);
    expect(thread(channelOf(TWIIN), twiinTs)[0]!.text).toBe(`${id}: ${nl['incident.timeline.taken'].replace('{actor}', owner.name)}`);
    await slack.waitFor(() => postsTo(NOOR).length > dmsBefore);
    expect(postsTo(NOOR).slice(dmsBefore).map((c) => c.body.text)).toEqual([translate('nl', 'incident.personal.taken', { id, title: VALID.title, actor: owner.name })]);
    // Still one message per channel.
    expect(cardsIn(channelOf(TWIIN))).toHaveLength(1);
    expect(cardsIn(channelOf(MEDICURA))).toHaveLength(1);
  });

  it('the card, the thread note and the DM name the owner by a name, not by the Slack user id', async () => {
    // Sanne was granted with `ketenbot admin grant`; her person record has no display name, so
    // IncidentService shows person.userId ("USANNE") as owner (and "UNOOR" as reporter).
    const i = await incident(id);
    expect(i.owner?.name).not.toBe(SANNE);
    expect(i.reporter.name).not.toBe(NOOR);
  });

  it('"Opgelost" with the resolution typed in the card → the message shows Opgelost and the resolution; the reporter is asked to confirm', async () => {
    const resolution = 'Koppelserver van Medicura herstart; de berichten komen weer binnen.';
    const blocks = cardsIn(channelOf(TWIIN))[0]!.blocks as any[];
    const dmsBefore = postsTo(NOOR).length;
    const { key } = await press(SANNE, channelOf(TWIIN), twiinTs, blocks, buttonOf(blocks, 'incident.resolve'), { text: resolution });
    expect((await answersTo(key))[0].text).toBe(nl['incident.done.resolved'].replace('{id}', id));

    await slack.waitFor(() => updatesOf(channelOf(TWIIN)).length === 2 && updatesOf(channelOf(MEDICURA)).length === 2);
    expect(updatesOf(channelOf(TWIIN))[1]!.body.ts).toBe(twiinTs);
    const card = cardsIn(channelOf(TWIIN))[0]!;
    expect(allText(card.blocks)).toContain(`*${nl['incident.fact.status']}*\n${nl['incident.status.resolved']}`);
    expect(allText(card.blocks)).toContain(resolution);
    expect(buttonsOf(card.blocks as any[]).map((b) => b.text.text)).toEqual([nl['incident.action.confirm'], nl['incident.action.reopen']]);
    // A text field for why it would be reopened, before the buttons.
    const cardBlocks = card.blocks as any[];
    expect(cardBlocks.filter((b) => b.type === 'input').map((b) => [b.block_id, b.element?.type, b.label?.text])).toEqual([['text', 'plain_text_input', nl['incident.card.reopenReason']]]);
    expect(cardBlocks.findIndex((b) => b.type === 'input')).toBeLessThan(cardBlocks.findIndex((b) => b.type === 'actions'));
    await slack.waitFor(() => thread(channelOf(TWIIN), twiinTs).length === 2);
    const owner = (await incident(id)).owner!;
    expect(thread(channelOf(TWIIN), twiinTs)[1]!.text).toBe(`${id}: ${nl['incident.timeline.resolved'].replace('{actor}', owner.name).replace('{text}', resolution)}`);
    await slack.waitFor(() => postsTo(NOOR).length > dmsBefore);
    // Without an answer it closes after the policy's 3 days.
    expect(postsTo(NOOR)[dmsBefore]!.body.text).toBe(translate('nl', 'incident.personal.resolved', { id, title: VALID.title, actor: owner.name, text: resolution, days: 3 }));
    expect(postsTo(NOOR)[dmsBefore]!.body.text).toContain('Zonder reactie sluit het na 3 dagen.');
  });

  it('the reporter types "incident <id>" in her DM and presses "Bevestig oplossing" → Gesloten in both channels', async () => {
    await dm(NOOR, NOOR_DM, `incident ${id}`);
    const shown = await slack.waitFor((c) => c.path === '/api/chat.postMessage' && c.body?.channel === NOOR_DM && Array.isArray(c.body?.blocks));
    const blocks = shown.body.blocks as any[];
    expect(allText(blocks)).toContain(nl['incident.status.resolved']);
    const { key } = await press(NOOR, NOOR_DM, '77.000001', blocks, buttonOf(blocks, 'incident.confirm'));
    const answers = await answersTo(key, 2);
    expect(answers[0].text).toBe(nl['incident.done.closed'].replace('{id}', id));
    expect(answers[1].replace_original).toBe(true);
    expect(allText(answers[1].blocks)).toContain(nl['incident.status.closed']);

    await slack.waitFor(() => updatesOf(channelOf(TWIIN)).length === 3 && updatesOf(channelOf(MEDICURA)).length === 3);
    for (const [org, ts] of [[TWIIN, twiinTs], [MEDICURA, medicuraTs]] as const) {
      expect(updatesOf(channelOf(org)).map((c) => c.body.ts)).toEqual([ts, ts, ts]);
      const card = cardsIn(channelOf(org));
      expect(card, org).toHaveLength(1);
      expect(allText(card[0]!.blocks)).toContain(`*${nl['incident.fact.status']}*\n${nl['incident.status.closed']}`);
    }
    await slack.waitFor(() => thread(channelOf(TWIIN), twiinTs).length === 3);
    expect(await incident(id)).toMatchObject({ status: 'closed' });
  });
});

describe('Slack: who sees what', () => {
  it('"incident <id>" shows the card to someone linked to it, "niet gevonden" to someone who is not', async () => {
    const id = incidentId(1);
    expect((await slashAnswer(KEES, 'DKEES', `incident ${id}`)).blocks.find((b: any) => b.type === 'header')?.text.text).toBe(`${id}: ${VALID.title}`);
    expect((await slashAnswer(WILLEM, 'DWILLEM', `incident ${id}`)).text).toBe(nl['incident.notFound'].replace('{id}', id));
  });

  it('a local incident → only the reporter\'s own organisation\'s channel', async () => {
    const id = incidentId(2);
    const modal = await openModal(NOOR, NOOR_DM, 'meld storing');
    expect((await submitModal(NOOR, modal, { ...VALID, title: 'Printer EPD-balie werkt niet', organisations: [AMANDUS] })).text).toBe('');
    await slack.waitFor(() => cardsIn(channelOf(AMANDUS)).length === 1);
    expect(cardsIn(channelOf(AMANDUS))[0]!.text).toContain(id);
    await sleep(1000);
    for (const org of [TWIIN, MEDICURA]) expect(cardsIn(channelOf(org)), org).toHaveLength(1);
    for (const org of [RSO, WESTLINK]) expect(cardsIn(channelOf(org)), org).toEqual([]);
  });

  it('a possible data leak → reporter organisation, supplier and RSO only, marked Vertrouwelijk; not Twiin, not WestLink', async () => {
    const id = incidentId(3);
    const modal = await openModal(NOOR, NOOR_DM, 'incident');
    expect((await submitModal(NOOR, modal, { ...VALID, title: 'Overdracht bij verkeerde praktijk', dataLeak: true })).text).toBe('');
    await slack.waitFor(() => cardsIn(channelOf(RSO)).length === 1 && cardsIn(channelOf(AMANDUS)).length === 2 && cardsIn(channelOf(MEDICURA)).length === 2);
    for (const org of [AMANDUS, MEDICURA, RSO]) {
      const card = cardsIn(channelOf(org)).at(-1)!;
      expect(card.text, org).toContain(id);
      expect(allText(card.blocks)).toContain('Vertrouwelijk');
    }
    await sleep(1000);
    expect(cardsIn(channelOf(TWIIN))).toHaveLength(1);
    expect(cardsIn(channelOf(WESTLINK))).toEqual([]);
  });

  it('"incidenten" lists the open incidents the person may see', async () => {
    const mine = await slashAnswer(NOOR, NOOR_DM, 'incidenten');
    expect(mine.blocks.find((b: any) => b.type === 'header')?.text.text).toBe(nl['incident.list.title'].replace('{count}', '2'));
    expect(allText(mine.blocks)).toContain(incidentId(2));
    expect(allText(mine.blocks)).toContain(incidentId(3));
    expect(allText((await slashAnswer(WILLEM, 'DWILLEM', 'incidenten')).blocks)).toContain(nl['incident.list.none']);
  });
});

describe('Slack: from the decision tree', () => {
  it('"Meld incident" on the tree outcome opens the modal with the application, title and path prefilled; submitting files it', async () => {
    const [user, channel] = ['UMIDWIFE', 'DMIDWIFE'];
    /** The last card the bot showed in the DM (posted or updated in place). */
    const lastCard = () => [...slack.callsOf('chat.postMessage'), ...slack.callsOf('chat.update')].filter((c) => c.body?.channel === channel && Array.isArray(c.body?.blocks)).sort((a, b) => a.at - b.at).at(-1);
    for (const text of ['ik heb een probleem', 'Ziekenhuis Lindendael', 'koppeling', 'van of naar iedereen', 'Medicura EPD']) {
      const before = lastCard();
      await dm(user, channel, text);
      await slack.waitFor(() => lastCard() !== before);
    }
    const outcome = lastCard()!;
    const blocks = outcome.body.blocks as any[];
    const button = buttonOf(blocks, 'incident.new');
    expect(button.text.text).toBe(nl['tree.outcome.incident']);
    const ts = outcome.answer?.ts ?? outcome.body.ts ?? '1.1';
    const { triggerId } = await press(user, channel, ts, blocks, button);
    const modal = modalOf(await slack.waitFor((c) => c.path === '/api/views.open' && c.body?.trigger_id === triggerId));
    expect(modal.callback_id).toBe('incident.file');
    expect(initialValues(modal)).toMatchObject({
      title: nl['incident.prefill.title'].replace('{application}', 'Medicura EPD'),
      applications: [EPD],
      organisations: [LINDENDAEL],
    });
    expect(String(initialValues(modal).description)).toContain(nl['incident.prefill.description'].split('{answers}')[0]!);

    expect((await submitModal(user, modal, {})).text).toBe('');
    const filed = await slack.waitFor((c) => c.path === '/api/chat.postMessage' && c.body?.channel === user && String(c.body?.text).includes(incidentId(4)));
    expect(filed.body.text).toContain('Ziekenhuis Lindendael');
    expect(await incident(incidentId(4))).toMatchObject({ applicationIds: [EPD], organisationIds: [LINDENDAEL], reporter: { id: `slack:${user}`, organisationId: LINDENDAEL } });
  });
});

// ---------------------------------------------------------------- update, reopen and the clock (issue 7 point 9)

const MEANDER = 'org-vp-de-meander';
const WAALOEVER = 'org-vp-waaloever';
const RIVIERENNET = 'org-gtk-rivierennet';
const RIVIERENNET_CHANNEL = 'CRIVIERENNET';
/** Midwife at De Meander (files the GtK-layer incident) and her DM with the bot. */
const LOTTE = 'ULOTTE';
const LOTTE_DM = 'DLOTTE';
/** Service manager of RivierenNet (the GtK service provider). */
const RIK = 'URIK';

const MINUTE = 60_000;
const HOUR = 3_600_000;

/** The header of a card ("INC-…: title"). */
const headerOf = (blocks: unknown): string | undefined => (blocks as any[] | undefined)?.find((b) => b.type === 'header')?.text?.text;
/** The message (card) of incident `id` in a channel. */
const cardOf = (channel: string, id: string) => cardsIn(channel).filter((m) => headerOf(m.blocks)?.startsWith(`${id}: `));
/** The chat.update calls of one message. */
const updatesOfTs = (channel: string, ts: string) => updatesOf(channel).filter((c) => c.body?.ts === ts);

/** Files through the modal; waits until it is stored and returns its id. */
async function fileInModal(user: string, dmChannel: string, values: Record<string, unknown>): Promise<string> {
  const modal = await openModal(user, dmChannel, 'incident');
  expect((await submitModal(user, modal, values)).text).toBe('');
  for (let i = 0; i < 200; i++) {
    const found = (await bot.bot.services.incidentRepository.list({})).filter((x) => x.title === values.title);
    if (found.length) {
      expect(found).toHaveLength(1);
      return found[0]!.id;
    }
    await sleep(25);
  }
  throw new Error(`${String(values.title)} was not filed`);
}

/** The ts of the card of incident `id` in the channel (waits for it). */
async function postedTs(channel: string, id: string): Promise<string> {
  await slack.waitFor(() => cardOf(channel, id).length > 0);
  return cardOf(channel, id)[0]!.ts;
}

/** Waits until the message has `n` chat.updates and `n` thread replies; returns its blocks now and the last reply. */
async function messageChanged(channel: string, ts: string, n: number): Promise<{ blocks: any[]; note: string }> {
  await slack.waitFor(() => updatesOfTs(channel, ts).length >= n && thread(channel, ts).length >= n);
  expect(updatesOfTs(channel, ts)).toHaveLength(n);
  expect(thread(channel, ts)).toHaveLength(n);
  const message = slack.messages(channel).find((m) => m.ts === ts)!;
  expect(message.updates).toBe(n);
  return { blocks: message.blocks as any[], note: thread(channel, ts).at(-1)!.text! };
}

/** Presses a button on the message as it shows now; the first answer on the response_url. */
async function pressNow(user: string, channel: string, ts: string, action: string, typed: Record<string, unknown> = {}): Promise<any> {
  const blocks = slack.messages(channel).find((m) => m.ts === ts)!.blocks as any[];
  const { key } = await press(user, channel, ts, blocks, buttonOf(blocks, action), typed);
  return (await answersTo(key))[0];
}

const fact = (label: string, value: string) => `*${label}*\n${value}`;

/** Moves the bot's clock and runs the incident clock once. */
const moveClockTo = (at: Date | number) => moveClockAndSweep(clock, at, bot.bot.services.incidents);

describe('Slack: update, reopen and the clock over the wire', () => {
  const TITLE = 'Medicura EPD toont geen labuitslagen bij overdrachten';
  let id = '';
  const ts: Record<string, string> = {};

  it('files a chain incident (card to Twiin and Medicura) and Twiin\'s service manager takes it', async () => {
    id = await fileInModal(NOOR, NOOR_DM, { ...VALID, title: TITLE });
    ts[TWIIN] = await postedTs(channelOf(TWIIN), id);
    ts[MEDICURA] = await postedTs(channelOf(MEDICURA), id);
    expect((await pressNow(SANNE, channelOf(TWIIN), ts[TWIIN]!, 'incident.take')).text).toBe(nl['incident.done.taken'].replace('{id}', id));
    await messageChanged(channelOf(TWIIN), ts[TWIIN]!, 1);
    await messageChanged(channelOf(MEDICURA), ts[MEDICURA]!, 1);
  });

  it('"Update plaatsen" by the owner with the text typed in the card → chat.update of the same message with the update in its timeline, "update van …" in its thread, a DM to the reporter', async () => {
    const update = 'Medicura onderzoekt de berichtenqueue; eerste analyse wijst op de labcode-mapping.';
    const dmsBefore = postsTo(NOOR).length;
    const answer = await pressNow(SANNE, channelOf(TWIIN), ts[TWIIN]!, 'incident.update', { text: update });
    expect(answer.text).toBe(nl['incident.done.update'].replace('{id}', id));
    expect(answer.response_type).toBe('ephemeral');
    const owner = (await incident(id)).owner!;
    const what = translate('nl', 'incident.timeline.update', { actor: owner.name, text: update });
    for (const org of [TWIIN, MEDICURA]) {
      const { blocks, note } = await messageChanged(channelOf(org), ts[org]!, 2);
      expect(allText(blocks), org).toContain(fact(nl['incident.fact.status'], nl['incident.status.in-progress']));
      expect(allText(blocks), org).toContain(what);
      expect(note, org).toBe(`${id}: ${what}`);
      expect(cardOf(channelOf(org), id), org).toHaveLength(1);
    }
    await slack.waitFor(() => postsTo(NOOR).length > dmsBefore);
    await sleep(300);
    expect(postsTo(NOOR).slice(dmsBefore).map((c) => c.body.text)).toEqual([translate('nl', 'incident.personal.update', { id, title: TITLE, actor: owner.name, text: update })]);
  });

  it('"Update plaatsen" with nothing typed → an ephemeral "text required"; the message is not touched', async () => {
    expect((await pressNow(SANNE, channelOf(TWIIN), ts[TWIIN]!, 'incident.update')).text).toBe(nl['incident.textRequired']);
    await sleep(600);
    expect(updatesOfTs(channelOf(TWIIN), ts[TWIIN]!)).toHaveLength(2);
    expect(thread(channelOf(TWIIN), ts[TWIIN]!)).toHaveLength(2);
  });

  it('after "Opgelost", the reporter presses "Heropenen" with a reason on the card in her DM → In behandeling in both channels (same ts), a note in the thread', async () => {
    const resolution = 'Mapping van de labcodes hersteld.';
    expect((await pressNow(SANNE, channelOf(TWIIN), ts[TWIIN]!, 'incident.resolve', { text: resolution })).text).toBe(nl['incident.done.resolved'].replace('{id}', id));
    for (const org of [TWIIN, MEDICURA]) expect(allText((await messageChanged(channelOf(org), ts[org]!, 3)).blocks)).toContain(fact(nl['incident.fact.status'], nl['incident.status.resolved']));

    const shownBefore = slack.callsOf('chat.postMessage').length;
    await dm(NOOR, NOOR_DM, `incident ${id}`);
    const shown = await slack.waitFor((c) => slack.callsOf('chat.postMessage').indexOf(c) >= shownBefore && c.body?.channel === NOOR_DM && headerOf(c.body?.blocks)?.startsWith(`${id}: `) === true);
    const blocks = shown.body.blocks as any[];
    expect(allText(blocks)).toContain(nl['incident.status.resolved']);
    const reason = 'Na de herstart komen de labuitslagen nog steeds niet mee.';
    const { key } = await press(NOOR, NOOR_DM, shown.answer?.ts ?? '77.000002', blocks, buttonOf(blocks, 'incident.reopen'), { text: reason });
    const answers = await answersTo(key, 2);
    expect(answers[0].text).toBe(nl['incident.done.reopened'].replace('{id}', id));
    expect(answers[1].replace_original).toBe(true);
    expect(allText(answers[1].blocks)).toContain(fact(nl['incident.fact.status'], nl['incident.status.in-progress']));

    const reporter = (await incident(id)).reporter.name;
    const owner = (await incident(id)).owner!.name;
    for (const org of [TWIIN, MEDICURA]) {
      const { blocks: card, note } = await messageChanged(channelOf(org), ts[org]!, 4);
      expect(allText(card), org).toContain(fact(nl['incident.fact.status'], nl['incident.status.in-progress']));
      expect(allText(card), org).toContain(fact(nl['incident.fact.owner'], owner));
      expect(allText(card), org).not.toContain(fact(nl['incident.fact.resolution'], resolution));
      expect(buttonsOf(card).map((b) => b.action_id.split('#')[0])).toEqual(['incident.update', 'incident.resolve']);
      expect(note, org).toBe(`${id}: ${translate('nl', 'incident.timeline.reopened.note', { actor: reporter, text: reason })}`);
      expect(updatesOfTs(channelOf(org), ts[org]!).map((c) => c.body.ts)).toEqual([ts[org], ts[org], ts[org], ts[org]]);
      expect(cardOf(channelOf(org), id), org).toHaveLength(1);
    }
    expect(await incident(id)).toMatchObject({ status: 'in-progress' });
  });
});

describe('Slack: the incident clock (reminder, escalation offer, escalation)', () => {
  const CHAIN_TITLE = 'Overdrachten Medicura EPD blijven hangen in de wachtrij';
  const GTK_TITLE = 'RivierenNet levert geen berichten af tussen De Meander en Waaloever';
  let chainId = '';
  let gtkId = '';
  const ts: Record<string, string> = {};
  let start = 0;
  const at = (ms: number) => start + ms;
  let nextDay: (minutes: number) => number = () => 0;

  it('RivierenNet\'s channel is linked; the clock is set to 14:00 on a working day of RivierenNet', async () => {
    await grantRoles(database.url, [[`slack:${LOTTE}`, 'care-professional', MEANDER], [`slack:${RIK}`, 'service-manager', RIVIERENNET], [`slack:${PIET}`, 'administrator', RIVIERENNET]]);
    expect((await slashAnswer(PIET, RIVIERENNET_CHANNEL, `kanaal koppel ${RIVIERENNET}`)).text).toContain('meldingskanaal');

    const rivierennet = (await bot.bot.services.directory.load()).organisations.find((o) => o.id === RIVIERENNET)!;
    ({ start, nextDay } = afternoonBeforeWorkingDay(rivierennet));
    expect(start).toBeGreaterThan(Date.now());
    clock.jumpTo(start);
  });

  it('a chain incident (Twiin, 24x7) and a GtK incident (RivierenNet) are filed; each card goes to its coordinator\'s channel', async () => {
    chainId = await fileInModal(NOOR, NOOR_DM, { ...VALID, title: CHAIN_TITLE });
    gtkId = await fileInModal(LOTTE, LOTTE_DM, { ...VALID, title: GTK_TITLE, applications: [], organisations: [MEANDER, WAALOEVER] });
    expect(await incident(chainId)).toMatchObject({ layer: 'chain', coordinatorId: TWIIN });
    expect(await incident(gtkId)).toMatchObject({ layer: 'gtk', coordinatorId: RIVIERENNET, audienceIds: [RIVIERENNET] });
    ts[TWIIN] = await postedTs(channelOf(TWIIN), chainId);
    ts[MEDICURA] = await postedTs(channelOf(MEDICURA), chainId);
    ts[RIVIERENNET] = await postedTs(RIVIERENNET_CHANNEL, gtkId);
    const blocks = cardOf(RIVIERENNET_CHANNEL, gtkId)[0]!.blocks as any[];
    expect(allText(blocks)).toContain(fact(nl['incident.fact.layer'], nl['incident.layer.gtk']));
    expect(buttonsOf(blocks).map((b) => b.action_id.split('#')[0])).toEqual(['incident.take', 'incident.update', 'incident.resolve']);
    await sleep(500);
    expect(cardOf(channelOf(TWIIN), gtkId)).toEqual([]);
  });

  it('29 minutes later nothing; after 30 office minutes one reminder in each thread (chat.update of the same message); the reporters get no DM', async () => {
    const noorBefore = postsTo(NOOR).length;
    const lotteBefore = postsTo(LOTTE).length;
    await moveClockTo(at(29 * MINUTE));
    await sleep(600);
    expect(updatesOfTs(channelOf(TWIIN), ts[TWIIN]!)).toEqual([]);
    expect(updatesOfTs(RIVIERENNET_CHANNEL, ts[RIVIERENNET]!)).toEqual([]);

    await moveClockTo(at(31 * MINUTE));
    const note = nl['incident.timeline.reminded'];
    for (const [channel, messageTs, incidentId] of [[channelOf(TWIIN), ts[TWIIN]!, chainId], [channelOf(MEDICURA), ts[MEDICURA]!, chainId], [RIVIERENNET_CHANNEL, ts[RIVIERENNET]!, gtkId]] as const) {
      const changed = await messageChanged(channel, messageTs, 1);
      expect(changed.note, channel).toBe(`${incidentId}: ${note}`);
      expect(allText(changed.blocks)).toContain(fact(nl['incident.fact.status'], nl['incident.status.new']));
      expect(allText(changed.blocks)).toContain(note);
      expect(cardOf(channel, incidentId), channel).toHaveLength(1);
    }
    await moveClockTo(at(2 * HOUR));
    await sleep(600);
    expect(thread(channelOf(TWIIN), ts[TWIIN]!)).toHaveLength(1);
    expect(thread(RIVIERENNET_CHANNEL, ts[RIVIERENNET]!)).toHaveLength(1);
    expect(postsTo(NOOR).length).toBe(noorBefore);
    expect(postsTo(LOTTE).length).toBe(lotteBefore);
  });

  it('past 4 hours no offer on the chain incident (top layer); the GtK incident waits for 8 office hours of RivierenNet', async () => {
    await moveClockTo(at(4 * HOUR + MINUTE));
    await moveClockTo(nextDay(7 * 60 + 59));
    await sleep(600);
    expect(updatesOfTs(channelOf(TWIIN), ts[TWIIN]!)).toHaveLength(1);
    expect(updatesOfTs(RIVIERENNET_CHANNEL, ts[RIVIERENNET]!)).toHaveLength(1);
    expect((await incident(chainId)).escalationOfferedAt).toBeUndefined();
    expect((await incident(gtkId)).escalationOfferedAt).toBeUndefined();
  });

  it('after 8 office hours the RivierenNet message gets the escalation offer and an "Escaleren" button; a note in its thread', async () => {
    await moveClockTo(nextDay(12 * 60 + 1));
    const { blocks, note } = await messageChanged(RIVIERENNET_CHANNEL, ts[RIVIERENNET]!, 2);
    expect(note).toBe(`${gtkId}: ${nl['incident.timeline.escalation-offered']}`);
    expect(allText(blocks)).toContain(nl['incident.escalation.offer']);
    expect(buttonsOf(blocks).map((b) => [b.text.text, b.action_id.split('#')[0], JSON.parse(b.value)])).toEqual([
      [nl['incident.action.take'], 'incident.take', { incidentId: gtkId }],
      [nl['incident.action.update'], 'incident.update', { incidentId: gtkId }],
      [nl['incident.action.resolve'], 'incident.resolve', { incidentId: gtkId }],
      [nl['incident.action.escalate'], 'incident.escalate', { incidentId: gtkId }],
    ]);
    await sleep(500);
    expect(thread(channelOf(TWIIN), ts[TWIIN]!)).toHaveLength(1);
  });

  it('"Escaleren" by someone not linked to it → an ephemeral "niet gevonden"; nothing changes', async () => {
    const answer = await pressNow(KEES, RIVIERENNET_CHANNEL, ts[RIVIERENNET]!, 'incident.escalate');
    expect(answer.text).toBe(nl['incident.notFound'].replace('{id}', gtkId));
    expect(answer.response_type).toBe('ephemeral');
    await sleep(500);
    expect(updatesOfTs(RIVIERENNET_CHANNEL, ts[RIVIERENNET]!)).toHaveLength(2);
  });

  it('"Escaleren" by RivierenNet\'s service manager → the RivierenNet message updated in place (layer Keten), Twiin gets the card as a new message, the reporter a DM', async () => {
    const lotteBefore = postsTo(LOTTE).length;
    const answer = await pressNow(RIK, RIVIERENNET_CHANNEL, ts[RIVIERENNET]!, 'incident.escalate');
    expect(answer.text).toBe(translate('nl', 'incident.done.escalated', { id: gtkId, coordinator: 'Twiin ketenregie' }));

    const { blocks, note } = await messageChanged(RIVIERENNET_CHANNEL, ts[RIVIERENNET]!, 3);
    const actor = (await incident(gtkId)).timeline.at(-1)!;
    expect(actor).toMatchObject({ kind: 'escalated', actor: { id: `slack:${RIK}` } });
    expect(note).toBe(`${gtkId}: ${translate('nl', 'incident.timeline.escalated', { actor: actor.actor.name, text: 'Twiin ketenregie' })}`);
    expect(allText(blocks)).toContain(fact(nl['incident.fact.layer'], nl['incident.layer.chain']));
    expect(allText(blocks)).toContain(fact(nl['incident.fact.coordinator'], 'Twiin ketenregie'));
    expect(allText(blocks)).not.toContain(nl['incident.escalation.offer']);
    expect(buttonsOf(blocks).map((b) => b.action_id.split('#')[0])).toEqual(['incident.take', 'incident.update', 'incident.resolve']);
    expect(cardOf(RIVIERENNET_CHANNEL, gtkId)).toHaveLength(1);

    const twiinTs = await postedTs(channelOf(TWIIN), gtkId);
    const twiin = cardOf(channelOf(TWIIN), gtkId)[0]!;
    expect(twiin.updates).toBe(0);
    expect(headerOf(twiin.blocks)).toBe(`${gtkId}: ${GTK_TITLE}`);
    expect(allText(twiin.blocks)).toContain(fact(nl['incident.fact.layer'], nl['incident.layer.chain']));
    expect(postsTo(channelOf(TWIIN)).filter((c) => headerOf(c.body?.blocks)?.startsWith(`${gtkId}: `))).toHaveLength(1);
    await sleep(500);
    expect(cardOf(channelOf(TWIIN), gtkId)).toHaveLength(1);
    expect(updatesOfTs(channelOf(TWIIN), twiinTs)).toEqual([]);

    await slack.waitFor(() => postsTo(LOTTE).length > lotteBefore);
    expect(postsTo(LOTTE).slice(lotteBefore).map((c) => c.body.text)).toEqual([translate('nl', 'incident.personal.escalated', { id: gtkId, title: GTK_TITLE, actor: actor.actor.name, text: 'Twiin ketenregie' })]);
    expect(await incident(gtkId)).toMatchObject({ layer: 'chain', coordinatorId: TWIIN, status: 'new' });
  });
});

describe('Slack: patient details in the modal (issue 14)', () => {
  const TITLE = 'Uitslag van mevrouw Jansen in dossier verkeerde cliënt';
  const DESCRIPTION = 'De uitslag (geboren 12-03-1990) staat bij de verkeerde praktijk.';

  it('a name and a birth date → the modal is updated with the warning and a checkbox "Dit zijn geen patiëntgegevens", everything kept; checked and sent again → filed', async () => {
    const before = (await bot.bot.services.incidentRepository.list({})).length;
    const modal = await openModal(NOOR, NOOR_DM, 'incident');
    const res = await submitModal(NOOR, modal, { ...VALID, title: TITLE, description: DESCRIPTION });
    expect(res.json?.response_action).toBe('update');
    const updated = res.json.view as Modal;
    expect(allText(updated.blocks)).toContain(translate('nl', 'privacy.patient.warning', { fields: "'Titel' en 'Omschrijving'" }));
    const confirm = updated.blocks.find((b) => b.block_id === 'notPatientData');
    expect(confirm?.element?.type).toBe('checkboxes');
    expect(allText(confirm)).toContain(nl['privacy.patient.confirm']);
    expect(initialValues(updated)).toMatchObject({ title: TITLE, description: DESCRIPTION, notPatientData: false });
    expect(await bot.bot.services.incidentRepository.list({})).toHaveLength(before);

    const filed = await submitModal(NOOR, updated, { notPatientData: true });
    expect(filed.status).toBe(200);
    expect(filed.text).toBe('');
    expect((await bot.bot.services.incidentRepository.list({})).filter((i) => i.title === TITLE).map((i) => i.description)).toEqual([DESCRIPTION]);
  });
});

describe('Slack: a local Vroedsoft XIS incident passed on to the supplier (issue 16)', () => {
  const MEANDER = 'org-vp-de-meander';
  const VROEDSOFT = 'org-lev-vroedsoft';
  const PASS = { [MEANDER]: 'CPASSMEANDER', [VROEDSOFT]: 'CPASSVROEDSOFT' };
  const TITLE = 'Vroedsoft XIS verstuurt geen overdrachten naar het ziekenhuis';
  let id = '';
  let meanderTs = '';
  const meanderCard = () => cardsIn(PASS[MEANDER])[0]!;

  it('the channels of De Meander and Vroedsoft are linked; the midwife\'s modal says who gets it; filed → De Meander\'s channel only', async () => {
    await grantRoles(database.url, [
      [`slack:${FLEUR}`, 'care-professional', MEANDER], [`slack:${DAAN}`, 'servicedesk-agent', MEANDER], [`slack:${IVY}`, 'servicedesk-agent', MEANDER],
      [`slack:${PIET}`, 'administrator', MEANDER], [`slack:${PIET}`, 'administrator', VROEDSOFT],
    ]);
    for (const [org, channel] of Object.entries(PASS)) expect((await slashAnswer(PIET, channel, `kanaal koppel ${org}`)).text, org).toContain('meldingskanaal');
    const modal = await openModal(FLEUR, 'DFLEUR', 'meld storing');
    expect(allText(modal.blocks)).toContain(translate('nl', 'incident.form.alerted', { organisations: 'Verloskundigenpraktijk De Meander' }));
    const res = await submitModal(FLEUR, modal, {
      title: TITLE, description: 'Sinds de update van vanochtend blijven de overdrachten in de wachtrij staan.', applications: ['app-vroedsoft-xis'], organisations: [MEANDER], impact: 'degraded',
    });
    expect(res.status).toBe(200);
    await slack.waitFor(() => cardsIn(PASS[MEANDER]).length === 1);
    id = (await bot.bot.services.incidentRepository.list({})).find((i) => i.title === TITLE)!.id;
    meanderTs = meanderCard().ts;
    const buttons = buttonsOf(meanderCard().blocks as any[]).filter((b) => b.action_id.startsWith('incident.passOn#'));
    expect(buttons.map((b) => [b.text.text, JSON.parse(b.value)])).toEqual([
      [nl['incident.action.passOn.supplier'], { incidentId: id, to: 'supplier' }], [nl['incident.action.passOn.gtk'], { incidentId: id, to: 'gtk' }],
    ]);
    await sleep(500);
    expect(cardsIn(PASS[VROEDSOFT])).toEqual([]);
  });

  it('the midwife presses "Naar leverancier" → an ephemeral reason; nothing posted', async () => {
    const blocks = meanderCard().blocks as any[];
    const [answer] = await answersTo((await press(FLEUR, PASS[MEANDER], meanderTs, blocks, buttonOf(blocks, 'incident.passOn'))).key);
    expect(answer).toMatchObject({ text: translate('nl', 'incident.problem.cannotPassOn', { id, coordinator: 'Verloskundigenpraktijk De Meander' }), response_type: 'ephemeral' });
    await sleep(500);
    expect(cardsIn(PASS[VROEDSOFT])).toEqual([]);
  });

  it('the practice\'s servicedesk presses it → ephemeral confirmation; Vroedsoft\'s channel gets the card; De Meander\'s message is updated in place with a note; the midwife gets a DM', async () => {
    const blocks = meanderCard().blocks as any[];
    const dmsBefore = postsTo(FLEUR).length;
    const [answer] = await answersTo((await press(DAAN, PASS[MEANDER], meanderTs, blocks, buttonOf(blocks, 'incident.passOn'))).key);
    expect(answer).toMatchObject({ text: translate('nl', 'incident.done.passedOn', { id, organisations: 'Vroedsoft B.V.', coordinator: 'Verloskundigenpraktijk De Meander' }), response_type: 'ephemeral' });

    await slack.waitFor(() => cardsIn(PASS[VROEDSOFT]).length === 1);
    const vroedsoft = cardsIn(PASS[VROEDSOFT])[0]!;
    expect(allText(vroedsoft.blocks)).toContain(`${id}: ${TITLE}`);
    expect(allText(vroedsoft.blocks)).toContain('Vroedsoft B.V.');
    expect(allText(vroedsoft.blocks)).toContain(nl['incident.fact.passedOn']);
    await slack.waitFor(() => updatesOf(PASS[MEANDER]).length === 1 && thread(PASS[MEANDER], meanderTs).length === 1);
    expect(updatesOf(PASS[MEANDER])[0]!.body.ts).toBe(meanderTs);
    const actor = (await incident(id)).timeline.at(-1)!;
    expect(actor).toMatchObject({ kind: 'passed-on', actor: { id: `slack:${DAAN}` }, text: 'Vroedsoft B.V.' });
    expect(thread(PASS[MEANDER], meanderTs)[0]!.text).toBe(`${id}: ${translate('nl', 'incident.timeline.passed-on', { actor: actor.actor.name, text: 'Vroedsoft B.V.' })}`);
    // Only the GtK button is left on the updated message.
    expect(buttonsOf(meanderCard().blocks as any[]).filter((b) => b.action_id.startsWith('incident.passOn#')).map((b) => b.text.text)).toEqual([nl['incident.action.passOn.gtk']]);
    await slack.waitFor(() => postsTo(FLEUR).length > dmsBefore);
    expect(postsTo(FLEUR).slice(dmsBefore).map((c) => c.body.text)).toEqual([translate('nl', 'incident.personal.passed-on', { id, title: TITLE, actor: actor.actor.name, text: 'Vroedsoft B.V.' })]);
    expect(await incident(id)).toMatchObject({ layer: 'local', coordinatorId: MEANDER, passedOn: [{ organisationId: VROEDSOFT, as: 'supplier' }] });
  });

  it('typed again ("/ketenbot doorzetten naar leverancier <id>") → "al doorgezet", nothing posted again', async () => {
    const answer = await slashAnswer(DAAN, PASS[MEANDER], `doorzetten naar leverancier ${id}`);
    expect(answer.text).toMatch(new RegExp(`^${id} was al doorgezet naar Vroedsoft B\\.V\\. \\(`));
    expect(answer.response_type).toBe('ephemeral');
    await sleep(500);
    expect(cardsIn(PASS[VROEDSOFT])).toHaveLength(1);
    expect(thread(PASS[MEANDER], meanderTs)).toHaveLength(1);
  });

  it('English, typed: "/ketenbot pass on to gtk <id>" → the English answer; someone from elsewhere → not found', async () => {
    const answer = await slashAnswer(IVY, 'DIVY', `pass on to gtk ${id}`);
    expect(answer.text).toBe(translate('en', 'incident.done.passedOn', { id, organisations: 'RivierenNet Zorguitwisseling (GtK)', coordinator: 'Verloskundigenpraktijk De Meander' }));
    expect((await incident(id)).passedOn?.map((p) => p.organisationId)).toEqual([VROEDSOFT, 'org-gtk-rivierennet']);
    const hidden = await slashAnswer(WILLEM, 'DWILLEM', `doorzetten naar leverancier ${id}`);
    expect(hidden.text).toBe(translate('nl', 'incident.notFound', { id }));
  });
});
