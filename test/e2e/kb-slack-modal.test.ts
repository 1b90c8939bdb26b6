import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../bot/cli/commands/index.ts';
import { runCli } from '../../bot/cli/run-cli.ts';
import { nl } from '../../cards/i18n/nl.ts';
import { startBot, TEST_SIGNING_SECRET, type RunningBot } from '../support/bot-server.ts';
import { httpRequest, type HttpResult } from '../support/http-request.ts';
import type { FakeSlackApi } from '../support/fake-slack-api.ts';
import { startRecordingServer, type RecordedCall } from '../support/recording-server.ts';
import { slackSignatureHeaders } from '../support/slack-signing.ts';

/**
 * Knowledge-base editing on Slack, end to end: the real bot (demo data, an administrator granted
 * with the CLI) behind signed Slack requests. "/ketenbot kb nieuw" opens a modal (views.open with
 * the command's trigger_id); the modal's view_submission either comes back with the problems
 * (response_action "update", everything typed kept) or closes, and the answer goes to the DM.
 */

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const ADMIN = 'UKBADMIN';
const CARE = 'UKBCARE';

/** The Slack Web API as the bot uses it here, views.open included (the shared fake has no views.open). */
async function startFakeSlack(): Promise<FakeSlackApi> {
  let ts = 0;
  let views = 0;
  const server = await startRecordingServer((call) => {
    if (call.path.startsWith('/response/')) return { json: { ok: true } };
    const body = (call.body ?? {}) as Record<string, any>;
    switch (call.path.slice('/api/'.length)) {
      case 'auth.test':
        return { json: { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1' } };
      case 'users.info':
        return { json: { ok: true, user: { id: body.user, locale: 'nl-NL' } } };
      case 'chat.postMessage':
        return { json: { ok: true, channel: body.channel, ts: `${++ts}.000100` } };
      case 'chat.update':
        return { json: { ok: true, channel: body.channel, ts: body.ts } };
      case 'views.open':
        return { json: { ok: true, view: { id: `V${++views}`, ...(typeof body.view === 'string' ? JSON.parse(body.view) : body.view) } } };
      default:
        return { json: { ok: false, error: 'unknown_method' } };
    }
  });
  return {
    ...server,
    apiUrl: `${server.url}/api/`,
    responseUrl: (key) => `${server.url}/response/${key}`,
    locales: new Map(),
    profiles: new Map(),
    callsOf: (method) => server.calls.filter((c) => c.path === `/api/${method}`),
  };
}

let bot: RunningBot;
let slack: FakeSlackApi;
let sequence = 0;

beforeAll(async () => {
  slack = await startFakeSlack();
  bot = await startBot({ slackApi: slack, env: { DEMO_DATA: 'true' } });
  const out: string[] = [];
  const err: string[] = [];
  // The national knowledge base is written and published by chain coordination.
  const code = await runCli(['admin', 'grant', `slack:${ADMIN}`, 'coordinator'], commands, {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    env: { DATABASE_URL: bot.config.databaseUrl },
  });
  expect(code, err.join('\n')).toBe(0);
  expect(out.join('\n')).toContain(`slack:${ADMIN} now has: chain-coordinator`);
});

afterAll(async () => {
  await bot?.stop();
  await slack?.close();
});

function postSigned(body: string): Promise<HttpResult> {
  return httpRequest(`${bot.url}/slack/events`, { method: 'POST', headers: { ...FORM, ...slackSignatureHeaders(TEST_SIGNING_SECRET, body) }, body });
}

/** `/ketenbot <text>` as Slack sends it; returns the trigger id and the response_url key it carried. */
async function slash(user: string, text: string): Promise<{ triggerId: string; key: string }> {
  const key = `kb-${++sequence}`;
  const triggerId = `1337.42.${key}`;
  const body = new URLSearchParams({
    token: 'deprecated-verification-token', team_id: 'T1', team_domain: 't1', channel_id: 'C1', channel_name: 'general',
    user_id: user, user_name: user.toLowerCase(), command: '/ketenbot', text, api_app_id: 'A1',
    response_url: slack.responseUrl(key), trigger_id: triggerId,
  }).toString();
  const res = await postSigned(body);
  expect(res.status).toBe(200);
  return { triggerId, key };
}

type Block = { type: string; block_id?: string; element?: Record<string, any>; text?: { text: string }; elements?: Array<{ text: string }> };
type Modal = { type: string; callback_id: string; private_metadata: string; title: { text: string }; submit?: { text: string }; close?: { text: string }; blocks: Block[] };

/** The modal a views.open call carried. */
function modalOf(call: RecordedCall): Modal {
  const view = call.body?.view;
  return (typeof view === 'string' ? JSON.parse(view) : view) as Modal;
}

const inputBlocks = (modal: Modal) => modal.blocks.filter((b) => b.type === 'input');

/**
 * `view.state.values` as Slack builds it from what the user left in each input: the block's
 * element type decides the shape (value, selected_option, selected_options).
 */
function stateFor(modal: Modal, typed: Record<string, string | string[] | boolean | undefined>) {
  const values: Record<string, Record<string, unknown>> = {};
  for (const block of inputBlocks(modal)) {
    const element = block.element!;
    const actionId = element.action_id as string;
    const id = block.block_id!;
    const value = typed[id];
    const options = (element.options ?? []) as Array<{ text: unknown; value: string }>;
    let state: Record<string, unknown>;
    switch (element.type) {
      case 'plain_text_input':
        state = { type: 'plain_text_input', value: typeof value === 'string' && value !== '' ? value : null };
        break;
      case 'static_select': {
        const option = options.find((o) => o.value === value);
        state = { type: 'static_select', selected_option: option ?? null };
        break;
      }
      case 'multi_static_select':
        state = { type: 'multi_static_select', selected_options: options.filter((o) => [value ?? []].flat().includes(o.value)) };
        break;
      case 'checkboxes':
        // The published toggle: a checkbox group with one option.
        state = { type: 'checkboxes', selected_options: value === true ? options : [] };
        break;
      default:
        throw new Error(`unexpected element ${element.type}`);
    }
    values[id] = { [actionId]: state };
  }
  return { values };
}

/** A signed view_submission of the modal, as Slack posts it to the interactivity URL. */
function submitModal(user: string, modal: Modal, privateMetadata: string, typed: Record<string, string | string[] | boolean | undefined>): Promise<HttpResult> {
  const payload = {
    type: 'view_submission',
    team: { id: 'T1', domain: 't1' },
    user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: 'T1' },
    api_app_id: 'A1',
    token: 'x',
    trigger_id: `1337.43.${++sequence}`,
    view: {
      id: 'V1', team_id: 'T1', type: 'modal', blocks: modal.blocks, private_metadata: privateMetadata, callback_id: modal.callback_id,
      state: stateFor(modal, typed), hash: '1.abc', title: modal.title, app_id: 'A1', bot_id: 'BBOT', root_view_id: 'V1', previous_view_id: null,
    },
    response_urls: [],
    is_enterprise_install: false,
  };
  return postSigned(new URLSearchParams({ payload: JSON.stringify(payload) }).toString());
}

/** The initial values a modal shows, per block id (what the user sees already filled in). */
function initialValues(modal: Modal): Record<string, unknown> {
  return Object.fromEntries(inputBlocks(modal).map((b) => {
    const e = b.element!;
    if (e.type === 'plain_text_input') return [b.block_id, e.initial_value ?? ''];
    if (e.type === 'static_select') return [b.block_id, e.initial_option?.value];
    if (e.type === 'multi_static_select') return [b.block_id, (e.initial_options ?? []).map((o: { value: string }) => o.value)];
    return [b.block_id, (e.initial_options ?? []).length > 0];
  }));
}

const ARTICLE = {
  id: 'kb-slack-1',
  language: 'nl',
  title: 'Snelkoppeling naar de kwispelviewer ontbreekt',
  problem: 'Na de update staat de snelkoppeling naar de viewer niet meer op het bureaublad.',
  solution: 'Open de viewer via het startmenu en zet de snelkoppeling opnieuw op het bureaublad.',
  tags: 'snelkoppeling, bureaublad',
  questions: 'icoon van de viewer is weg\nsnelkoppeling kwijt na update',
  applications: ['app-panorama-viewer'],
  audience: 'zorgverlener',
  published: true,
};

describe('Slack: knowledge-base article in a modal', () => {
  let modal: Modal;
  let metadata: string;
  let triggerId: string;

  it('"/ketenbot kb nieuw" by an administrator opens the form as a modal with the trigger id', async () => {
    const sent = await slash(ADMIN, 'kb nieuw');
    triggerId = sent.triggerId;
    const call = await slack.waitFor((c) => c.path === '/api/views.open' && c.body?.trigger_id === triggerId);
    modal = modalOf(call);
    expect(modal.type).toBe('modal');
    expect(modal.callback_id).toBe('kbEdit.save');
    expect(modal.title.text).toBe(nl['kbEdit.title.new']);
    expect(modal.submit?.text).toBe(nl['kbEdit.save']);
    expect(modal.close?.text).toBe(nl['form.cancel']);
    expect(inputBlocks(modal).map((b) => b.block_id)).toEqual(['id', 'language', 'title', 'problem', 'solution', 'tags', 'questions', 'applications', 'audience', 'published']);
    expect(inputBlocks(modal).map((b) => b.element?.type)).toEqual([
      'plain_text_input', 'static_select', 'plain_text_input', 'plain_text_input', 'plain_text_input', 'plain_text_input', 'plain_text_input', 'multi_static_select', 'static_select', 'checkboxes',
    ]);
    expect(inputBlocks(modal).find((b) => b.block_id === 'questions')?.element).toMatchObject({ multiline: true });
    metadata = modal.private_metadata;
    expect(JSON.parse(metadata)).toEqual({ data: { mode: 'new' }, channel: 'C1' });
    // Nothing else was said: no ephemeral message next to the modal.
    await new Promise((r) => setTimeout(r, 300));
    expect(slack.calls.some((c) => c.path === `/response/${sent.key}`)).toBe(false);
  });

  it('a submission without a title → the modal is updated in place with the problems and everything typed', async () => {
    const typed = { ...ARTICLE, title: '' };
    const res = await submitModal(ADMIN, modal, metadata, typed);
    expect(res.status).toBe(200);
    expect(res.json?.response_action).toBe('update');
    const updated = res.json.view as Modal;
    expect(updated.type).toBe('modal');
    expect(updated.callback_id).toBe('kbEdit.save');
    expect(JSON.parse(updated.private_metadata)).toEqual(JSON.parse(metadata));
    expect(initialValues(updated)).toEqual({ ...typed, title: '' });
    const texts = JSON.stringify(updated.blocks.filter((b) => b.type !== 'input'));
    expect(texts).toContain(nl['kbEdit.problems']);
    expect(texts).toMatch(/titel/i);
    expect(await bot.bot.services.kb.byIds([ARTICLE.id])).toEqual([]);
    // The form stays in the modal: nothing is posted to the user.
    await new Promise((r) => setTimeout(r, 300));
    expect(slack.callsOf('chat.postMessage').filter((c) => c.body?.channel === ADMIN)).toEqual([]);
  });

  it('a valid submission closes the modal and the answer goes to the administrator\'s direct messages', async () => {
    const res = await submitModal(ADMIN, modal, metadata, ARTICLE);
    expect(res.status).toBe(200);
    // An empty acknowledgement closes the modal.
    expect(res.text).toBe('');

    const posted = await slack.waitFor((c) => c.path === '/api/chat.postMessage' && c.body?.channel === ADMIN);
    expect(posted.body.text).toBe(nl['kbEdit.saved'].replace('{id}', ARTICLE.id));

    const [entry] = await bot.bot.services.kb.byIds([ARTICLE.id]);
    expect(entry).toMatchObject({
      title: ARTICLE.title, solution: ARTICLE.solution, tags: ['snelkoppeling', 'bureaublad'], applicationIds: ['app-panorama-viewer'],
      questions: ['icoon van de viewer is weg', 'snelkoppeling kwijt na update'],
      audience: 'zorgverlener', published: true, createdBy: `slack:${ADMIN}`,
    });
    const audit = (await bot.bot.services.audit.since(new Date(Date.now() - 3_600_000))).filter((a) => a.subjectId === ARTICLE.id);
    expect(audit).toMatchObject([{ action: 'kb.entry.add', actor: `slack:${ADMIN}` }]);
  });

  it('"/ketenbot kb bewerk" opens the modal filled in; unchecking "published" saves a draft', async () => {
    const { triggerId: edit } = await slash(ADMIN, `kb bewerk ${ARTICLE.id}`);
    const editModal = modalOf(await slack.waitFor((c) => c.path === '/api/views.open' && c.body?.trigger_id === edit));
    expect(editModal.callback_id).toBe('kbEdit.save');
    expect(JSON.parse(editModal.private_metadata)).toEqual({ data: { mode: 'edit', id: ARTICLE.id }, channel: 'C1' });
    const { id: _id, ...rest } = ARTICLE;
    expect(initialValues(editModal)).toEqual(rest);

    const before = slack.callsOf('chat.postMessage').length;
    const res = await submitModal(ADMIN, editModal, editModal.private_metadata, { ...rest, published: false });
    expect(res.status).toBe(200);
    expect(res.json?.response_action).toBeUndefined();
    const posted = await slack.waitFor((c) => c.path === '/api/chat.postMessage' && c.body?.channel === ADMIN && slack.callsOf('chat.postMessage').indexOf(c) >= before);
    expect(posted.body.text).toBe(nl['kbEdit.savedAsDraft'].replace('{id}', ARTICLE.id));
    expect((await bot.bot.services.kb.byIds([ARTICLE.id]))[0]?.published).toBe(false);
  });

  it('a care professional gets the refusal, no modal', async () => {
    const opened = slack.callsOf('views.open').length;
    const { key } = await slash(CARE, 'kb nieuw');
    const answer = await slack.waitFor((c) => c.path === `/response/${key}`);
    expect(answer.body.text).toBe(nl['access.forbidden'].replace('{role}', nl['role.kb-editor']));
    expect(slack.callsOf('views.open')).toHaveLength(opened);
  });
});
