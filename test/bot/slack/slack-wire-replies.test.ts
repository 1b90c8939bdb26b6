import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../../cards/i18n/en.ts';
import { nl } from '../../../cards/i18n/nl.ts';
import { translate } from '../../../cards/i18n/translate.ts';
import { startBot, TEST_SIGNING_SECRET, type RunningBot } from '../../support/bot-server.ts';
import type { FakeSlackApi } from '../../support/fake-slack-api.ts';
import { httpRequest, type HttpResult } from '../../support/http-request.ts';
import { startRecordingServer, type RecordedCall } from '../../support/recording-server.ts';
import { slackSignatureHeaders } from '../../support/slack-signing.ts';

/**
 * Replies on the Slack wire (issue 16). The help card: the Slack hint (slash commands), and
 * administration only for administrators. Form errors: a view_submission whose fields have problems is answered with
 * Slack's own `response_action: "errors"`, keyed by the inputs' block ids, in the user's language;
 * a form that gained an input (the patient-details confirmation) is redrawn ("update"); a valid
 * form closes and the confirmation (in words, no ids for the CLI) goes to the person's DM.
 */

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const RSO_ADMIN = 'URSOADMIN'; // Dutch
const VROEDSOFT_ADMIN = 'UVROEDADMIN'; // English
const MIDWIFE = 'UVERLOSKUNDIGE';

async function startFakeSlack(): Promise<FakeSlackApi> {
  let ts = 0;
  let views = 0;
  const locales = new Map<string, string>([[VROEDSOFT_ADMIN, 'en-GB']]);
  const server = await startRecordingServer((call) => {
    if (call.path.startsWith('/response/')) return { json: { ok: true } };
    const body = (call.body ?? {}) as Record<string, any>;
    switch (call.path.slice('/api/'.length)) {
      case 'auth.test': return { json: { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1' } };
      case 'users.info': return { json: { ok: true, user: { id: body.user, locale: locales.get(body.user) ?? 'nl-NL' } } };
      case 'chat.postMessage': return { json: { ok: true, channel: body.channel, ts: `${++ts}.000100` } };
      case 'chat.update': return { json: { ok: true, channel: body.channel, ts: body.ts } };
      case 'views.open': return { json: { ok: true, view: { id: `V${++views}` } } };
      default: return { json: { ok: false, error: 'unknown_method' } };
    }
  });
  return {
    ...server, apiUrl: `${server.url}/api/`, responseUrl: (key) => `${server.url}/response/${key}`, locales, profiles: new Map(),
    callsOf: (method) => server.calls.filter((c) => c.path === `/api/${method}`),
  };
}

let bot: RunningBot;
let slack: FakeSlackApi;
let sequence = 0;

beforeAll(async () => {
  slack = await startFakeSlack();
  bot = await startBot({ slackApi: slack, env: { DEMO_DATA: 'true' } });
  const people = bot.bot.services.people;
  for (const [user, org] of [[RSO_ADMIN, 'org-rso-rivierenland'], [VROEDSOFT_ADMIN, 'org-lev-vroedsoft']] as const) {
    const granted = await people.grant(await people.of({ platform: 'slack', actor: { id: user } }), 'administrator', org, 'test');
    expect(granted.ok).toBe(true);
  }
});

afterAll(async () => {
  await bot?.stop();
  await slack?.close();
});

const postSigned = (body: string): Promise<HttpResult> =>
  httpRequest(`${bot.url}/slack/events`, { method: 'POST', headers: { ...FORM, ...slackSignatureHeaders(TEST_SIGNING_SECRET, body) }, body });

/** `/ketenbot <text>` as Slack sends it; returns the trigger id and the response_url key. */
async function slash(user: string, text: string, channel = `D${user}`): Promise<{ triggerId: string; key: string }> {
  const key = `err-${++sequence}`;
  const triggerId = `1337.42.${key}`;
  const body = new URLSearchParams({
    token: 'x', team_id: 'T1', team_domain: 't1', channel_id: channel, channel_name: 'dm', user_id: user, user_name: user.toLowerCase(),
    command: '/ketenbot', text, api_app_id: 'A1', response_url: slack.responseUrl(key), trigger_id: triggerId,
  }).toString();
  expect((await postSigned(body)).status).toBe(200);
  return { triggerId, key };
}

type Block = { type: string; block_id?: string; element?: Record<string, any>; text?: { text: string }; elements?: Array<{ text: string }> };
type Modal = { callback_id: string; private_metadata: string; title: { text: string }; blocks: Block[] };

async function openModal(user: string, text: string): Promise<Modal> {
  const { triggerId } = await slash(user, text);
  const call: RecordedCall = await slack.waitFor((c) => c.path === '/api/views.open' && c.body?.trigger_id === triggerId);
  const view = call.body.view;
  return (typeof view === 'string' ? JSON.parse(view) : view) as Modal;
}

/** `view.state.values` as Slack builds it: the modal's initial values, overridden by what was typed. */
function stateFor(modal: Modal, typed: Record<string, string | string[] | boolean>) {
  const values: Record<string, Record<string, unknown>> = {};
  for (const block of modal.blocks.filter((b) => b.type === 'input')) {
    const e = block.element!;
    const id = block.block_id!;
    const options = (e.options ?? []) as Array<{ value: string }>;
    const v = typed[id];
    let state: Record<string, unknown>;
    switch (e.type) {
      case 'plain_text_input': state = { type: e.type, value: typeof v === 'string' ? v || null : e.initial_value ?? null }; break;
      case 'datepicker': state = { type: e.type, selected_date: typeof v === 'string' ? v : e.initial_date ?? null }; break;
      case 'timepicker': state = { type: e.type, selected_time: typeof v === 'string' ? v : e.initial_time ?? null }; break;
      case 'static_select': case 'radio_buttons': state = { type: e.type, selected_option: options.find((o) => o.value === (v ?? e.initial_option?.value)) ?? null }; break;
      case 'multi_static_select': state = { type: e.type, selected_options: options.filter((o) => [v ?? (e.initial_options ?? []).map((x: { value: string }) => x.value)].flat().includes(o.value)) }; break;
      case 'checkboxes': state = { type: e.type, selected_options: v === true ? options : [] }; break;
      default: throw new Error(`unexpected element ${e.type}`);
    }
    values[id] = { [e.action_id]: state };
  }
  return { values };
}

function submit(user: string, modal: Modal, typed: Record<string, string | string[] | boolean>): Promise<HttpResult> {
  const payload = {
    type: 'view_submission', team: { id: 'T1', domain: 't1' }, user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: 'T1' },
    api_app_id: 'A1', token: 'x', trigger_id: `1337.43.${++sequence}`,
    view: { id: 'V1', team_id: 'T1', type: 'modal', blocks: modal.blocks, private_metadata: modal.private_metadata, callback_id: modal.callback_id, state: stateFor(modal, typed), hash: '1.abc', title: modal.title, app_id: 'A1', bot_id: 'BBOT', root_view_id: 'V1', previous_view_id: null },
    response_urls: [], is_enterprise_install: false,
  };
  return postSigned(new URLSearchParams({ payload: JSON.stringify(payload) }).toString());
}

const dmsTo = (user: string) => slack.callsOf('chat.postMessage').filter((c) => c.body?.channel === user);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('Slack: problems in a modal come back as Slack\'s own field errors', () => {
  it('news without a title (Dutch RSO administrator) → response_action "errors" on the title block, in Dutch; nothing posted', async () => {
    const modal = await openModal(RSO_ADMIN, 'nieuws');
    expect(modal.callback_id).toBe('news.save');
    const res = await submit(RSO_ADMIN, modal, { title: '', text: 'Vanavond vanaf 22:00 is het regioportaal een uur niet bereikbaar.' });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ response_action: 'errors', errors: { title: nl['form.required'] } });
    expect(await bot.bot.services.news.get('NWS-2026-0001')).toBeUndefined();
    await sleep(300);
    expect(dmsTo(RSO_ADMIN)).toEqual([]);
  });

  it('maintenance that ends before it starts (English administrator) → errors keyed by the date block, in English', async () => {
    const modal = await openModal(VROEDSOFT_ADMIN, 'maintenance');
    expect(modal.callback_id).toBe('maintenance.save');
    expect(modal.title.text).toBe(en['maintenance.form.title']);
    const res = await submit(VROEDSOFT_ADMIN, modal, {
      applications: ['app-vroedsoft-xis'], endTime: '19:00', description: 'Database upgrade of Vroedsoft XIS.', contact: 'Servicedesk Vroedsoft, 030 123 4567',
    });
    expect(res.status).toBe(200);
    expect(res.json?.response_action).toBe('errors');
    expect(res.json?.errors).toEqual({ endDate: en['maintenance.problem.endBeforeStart'] });
    expect(Object.keys(res.json.errors).every((id) => modal.blocks.some((b) => b.type === 'input' && b.block_id === id))).toBe(true);
  });

  it('a form that gains an input (the patient-details confirmation) is redrawn in the modal instead', async () => {
    const modal = await openModal(RSO_ADMIN, 'nieuws');
    const res = await submit(RSO_ADMIN, modal, { title: 'Uitslag van mevrouw Jansen', text: 'De uitslag (geboren 12-03-1990) kwam niet door.' });
    expect(res.json?.response_action).toBe('update');
    expect(res.json.view.blocks.some((b: Block) => b.block_id === 'notPatientData')).toBe(true);
  });

  it('a valid news item closes the modal; the DM says in words where it went and how to find it again (no id for the CLI)', async () => {
    // The RSO's own channel receives its news.
    await slash(RSO_ADMIN, 'kanaal koppel RSO Rivierenland', 'CRSOSTORINGEN');
    await slack.waitFor((c) => c.path.startsWith('/response/') && String(c.body?.text ?? '').includes('RSO Rivierenland'));
    const modal = await openModal(RSO_ADMIN, 'nieuws');
    const before = dmsTo(RSO_ADMIN).length;
    const res = await submit(RSO_ADMIN, modal, { title: 'Regioportaal vanavond kort onbereikbaar', text: 'Vanavond vanaf 22:00 is het regioportaal een uur niet bereikbaar.' });
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
    const dm = await slack.waitFor(() => dmsTo(RSO_ADMIN).length > before);
    void dm;
    const said = String(dmsTo(RSO_ADMIN)[before]!.body.text);
    expect(said).toBe(translate('nl', 'news.done.posted', { id: 'NWS-2026-0001', channels: 1, audience: translate('nl', 'news.scope.region', { region: 'Rivierenland' }) }));
    expect(said).toContain('1 meldingskanaal van de organisaties in regio Rivierenland');
    expect(said).not.toMatch(/ketenbot deliveries|--notice|[0-9a-f]{8}-[0-9a-f]{4}/);
  });

  it('a midwife who types "onderhoud" is told which role it takes and who gives it, then sees what is planned', async () => {
    const { key } = await slash(MIDWIFE, 'onderhoud');
    const first = await slack.waitFor((c) => c.path === `/response/${key}`);
    expect(first.body.text).toBe(nl['maintenance.mayNotAnnounce']);
    await sleep(300);
    expect(slack.callsOf('views.open').some((c) => c.body?.trigger_id?.endsWith(key))).toBe(false);
  });
});

describe('Slack: the help card fits the person', () => {
  // Mrkdwn escapes quotes and ampersands; compare the visible words.
  const shown = (blocks: unknown) => JSON.stringify(blocks).replace(/&quot;|\\"/g, '"').replace(/&amp;/g, '&');
  const helpOf = async (user: string): Promise<string> => {
    const { key } = await slash(user, 'help');
    const answer = await slack.waitFor((c) => c.path === `/response/${key}`);
    expect(answer.body.response_type).toBe('ephemeral');
    return shown(answer.body.blocks);
  };

  it('a midwife: the slash-command hint, what she can do, no administration', async () => {
    const text = await helpOf(MIDWIFE);
    expect(text).toContain('/ketenbot');
    expect(text).toContain(nl['tree.capability.title']);
    expect(text).not.toContain(nl['help.administration']);
    expect(text).not.toContain(nl['maintenance.action.new']);
    expect(text).not.toContain(nl['news.capability.title']);
    expect(text).not.toContain('@Ketenbot');
  });

  it('an RSO administrator: administration too, news among it', async () => {
    const text = await helpOf(RSO_ADMIN);
    expect(text).toContain(nl['help.administration']);
    expect(text).toContain(nl['news.capability.title']);
    expect(text).toContain(nl['maintenance.capability.announce.title']);
  });

  it('an English administrator of a supplier: English commands only, no news (not an RSO)', async () => {
    const text = await helpOf(VROEDSOFT_ADMIN);
    expect(text).toContain(en['help.administration']);
    expect(text).toContain('channel link [organisation]');
    expect(text).not.toContain(en['news.capability.title']);
    expect(text).not.toMatch(/kanaal koppel|onderhoud lijst|uitnodigen/);
  });
});
