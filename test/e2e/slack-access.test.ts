import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../bot/cli/commands/index.ts';
import { runCli } from '../../bot/cli/run-cli.ts';
import { nl } from '../../cards/i18n/nl.ts';
import { startBot, TEST_SIGNING_SECRET, type RunningBot } from '../support/bot-server.ts';
import { startFakeSlackApi, type FakeSlackApi } from '../support/fake-slack-api.ts';
import { httpRequest, type HttpResult } from '../support/http-request.ts';
import { slackSignatureHeaders } from '../support/slack-signing.ts';

/**
 * Access administration on Slack, end to end: signed slash commands and Events API requests into
 * the real bot (demo directory loaded, first coordinator granted with the CLI), answers read from
 * the fake Slack API's response_url and chat.postMessage calls.
 */

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const JSON_TYPE = { 'content-type': 'application/json' };
const CODE = /[A-Z2-9]{4}-[A-Z2-9]{4}/;

const WESTLINK_ID = 'org-gtk-westlink';
const WESTLINK = 'Regionale uitwisseling WestLink (GtK)';

let bot: RunningBot;
let slack: FakeSlackApi;
let responses = 0;
let events = 0;

beforeAll(async () => {
  slack = await startFakeSlackApi();
  // Slack configured means no local chat, so no demo data by default: ask for it, as a try-out would.
  bot = await startBot({ slackApi: slack, env: { DEMO_DATA: 'true' } });
  // The operator grants the first chain coordinator with the CLI, on the bot's own database.
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['admin', 'grant', 'slack:UCOORD', 'coordinator'], commands, {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    env: { DATABASE_URL: bot.config.databaseUrl },
  });
  expect(code, err.join('\n')).toBe(0);
  expect(out.join('\n')).toContain('slack:UCOORD now has: chain-coordinator');
});

afterAll(async () => {
  await bot?.stop();
  await slack?.close();
});

function postSigned(body: string, headers: Record<string, string>): Promise<HttpResult> {
  return httpRequest(`${bot.url}/slack/events`, {
    method: 'POST',
    headers: { ...headers, ...slackSignatureHeaders(TEST_SIGNING_SECRET, body) },
    body,
  });
}

/** Runs `/ketenbot <text>` as Slack sends it and returns what the bot posted to the response_url. */
async function slash(user: string, channel: string, text: string): Promise<any> {
  const key = `access-${++responses}`;
  const body = new URLSearchParams({
    token: 'deprecated-verification-token',
    team_id: 'T1',
    team_domain: 't1',
    channel_id: channel,
    channel_name: channel.toLowerCase(),
    user_id: user,
    user_name: user.toLowerCase(),
    command: '/ketenbot',
    text,
    api_app_id: 'A1',
    response_url: slack.responseUrl(key),
    trigger_id: `123.456.${key}`,
  }).toString();
  const res = await postSigned(body, FORM);
  expect(res.status).toBe(200);
  const answer = await slack.waitFor((c) => c.path === `/response/${key}`);
  expect(answer.body.response_type).toBe('ephemeral');
  return answer.body;
}

/** An Events API `event_callback` as Slack signs and sends it. */
async function sendEvent(event: Record<string, unknown>): Promise<HttpResult> {
  const body = JSON.stringify({
    token: 'x',
    team_id: 'T1',
    api_app_id: 'A1',
    type: 'event_callback',
    event_id: `EvAccess${++events}`,
    event_time: Math.floor(Date.now() / 1000),
    event,
  });
  return postSigned(body, JSON_TYPE);
}

const headerText = (blocks: Array<{ type: string; text?: { text: string } }> | undefined) => blocks?.find((b) => b.type === 'header')?.text?.text;
const allText = (reply: any) => JSON.stringify(reply.blocks ?? []);
const codeIn = (text: string): string => {
  const match = CODE.exec(text);
  expect(match, `no invitation code in: ${text}`).not.toBeNull();
  return match![0];
};

describe('Slack: invitations, alert channels and removal', () => {
  let janCode = '';

  it('the coordinator invites jan@example.org as administrator of WestLink and gets a code', async () => {
    const reply = await slash('UCOORD', 'C1', `uitnodigen jan@example.org beheerder ${WESTLINK_ID}`);
    expect(typeof reply.text).toBe('string');
    janCode = codeIn(reply.text);
    expect(reply.text).toContain('jan@example.org');
    expect(reply.text).toContain(nl['role.administrator']);
    expect(reply.text).toContain(WESTLINK);
  });

  it('UJAN accepts the code and is welcomed as administrator of WestLink', async () => {
    const reply = await slash('UJAN', 'D1', `accepteer ${janCode}`);
    expect(reply.text).toBe(nl['invite.accepted'].replace('{role}', nl['role.administrator']).replace('{organisations}', WESTLINK));
    const jan = await bot.bot.services.personRepository.get('slack:UJAN');
    expect(jan?.roles).toContainEqual({ role: 'administrator', organisationId: WESTLINK_ID });
  });

  it('UJAN links channel C2 to WestLink, and "kanaal lijst" there shows it', async () => {
    const linked = await slash('UJAN', 'C2', 'kanaal koppel WestLink');
    expect(linked.text).toBe(nl['channel.linked'].replaceAll('{organisation}', WESTLINK));

    const list = await slash('UJAN', 'C2', 'kanaal lijst');
    expect(headerText(list.blocks)).toBe(nl['channel.list.title']);
    expect(allText(list)).toContain(WESTLINK);
    expect(allText(list)).toContain(WESTLINK_ID);
  });

  it('a care professional may not link a channel: the refusal names the role, and nothing is linked', async () => {
    const reply = await slash('UNEW', 'C3', 'kanaal koppel WestLink');
    expect(reply.text).toContain(nl['role.administrator']);
    expect(reply.text).toBe(nl['access.forbidden.org'].replace('{role}', nl['role.administrator']).replace('{organisation}', WESTLINK));

    const list = await slash('UNEW', 'C3', 'kanaal lijst');
    expect(list.text).toBe(nl['channel.list.empty']);
    const inC3 = await bot.bot.services.channels.inChannel({ platform: 'slack', channelId: 'C3' });
    expect(inC3).toEqual({ ok: true, value: [] });
  });

  it('channel_left for C2 ends the link and tells administrator UJAN in a direct message', async () => {
    const res = await sendEvent({ type: 'channel_left', channel: 'C2', actor_id: 'UJAN', event_ts: `${Date.now() / 1000}` });
    expect(res.status).toBe(200);

    const notice = await slack.waitFor((c) => c.path === '/api/chat.postMessage' && c.body?.channel === 'UJAN');
    expect(notice.body.text).toContain(WESTLINK);
    expect(notice.body.text).toContain('C2');
    expect(notice.body.text).toBe(
      nl['channel.gone.notice'].replace('{platform}', 'Slack').replace('{channel}', 'C2').replaceAll('{organisation}', WESTLINK),
    );

    const list = await slash('UJAN', 'C2', 'kanaal lijst');
    expect(list.text).toBe(nl['channel.list.empty']);
  });

  it('"uitnodigingen" shows the coordinator the accepted invitation', async () => {
    const reply = await slash('UCOORD', 'C1', 'uitnodigingen');
    expect(headerText(reply.blocks)).toBe(nl['invite.list.title']);
    const text = allText(reply);
    expect(text).toContain(janCode);
    expect(text).toContain('jan@example.org');
    expect(text).toContain(nl['invite.state.accepted']);
    // An accepted invitation can be neither extended nor revoked: no buttons for it.
    expect(text).not.toContain(nl['invite.action.revoke'].replace('{code}', janCode));
  });

  it('a fresh invitation can be extended and revoked; the revoked code cannot be accepted', async () => {
    const created = await slash('UCOORD', 'C1', `uitnodigen kees@example.org servicedesk ${WESTLINK_ID}`);
    const code = codeIn(created.text);
    expect(code).not.toBe(janCode);

    const extended = await slash('UCOORD', 'C1', `verleng ${code}`);
    expect(extended.text).toMatch(new RegExp(`^Uitnodiging ${code} is verlengd tot `));

    const revoked = await slash('UCOORD', 'C1', `intrekken ${code}`);
    expect(revoked.text).toBe(nl['invite.revoked'].replace('{code}', code));

    const accepting = await slash('UKEES', 'D2', `accepteer ${code}`);
    expect(accepting.text).toBe(nl['access.invitation.revoked'].replace('{code}', code));
    const kees = await bot.bot.services.personRepository.get('slack:UKEES');
    expect(kees?.roles ?? []).toEqual([]);

    // Revoked is final: it cannot be extended again either.
    const again = await slash('UCOORD', 'C1', `verleng ${code}`);
    expect(again.text).toBe(nl['access.invitation.revoked'].replace('{code}', code));
  });

  it('an administrator only sees the invitations of their own organisations', async () => {
    const list = await slash('UJAN', 'D1', 'uitnodigingen');
    expect(headerText(list.blocks)).toBe(nl['invite.list.title']);
    expect(allText(list)).toContain(janCode);
  });

  it('an invitation without a role is refused with a sentence, not just the form label "Rol"', async () => {
    const reply = await slash('UCOORD', 'C1', 'uitnodigen jan2@example.org');
    expect(CODE.test(reply.text)).toBe(false);
    expect(reply.text).toMatch(/\brol\b/i);
    expect(reply.text).not.toBe(nl['invite.form.role']);
    expect(reply.text.trim().split(/\s+/).length).toBeGreaterThan(2);
  });

  it('group_left for a private channel ends its link and tells the administrator', async () => {
    const linked = await slash('UJAN', 'G1', 'kanaal koppel WestLink');
    expect(linked.text).toBe(nl['channel.linked'].replaceAll('{organisation}', WESTLINK));

    const res = await sendEvent({ type: 'group_left', channel: 'G1', actor_id: 'UJAN', event_ts: `${Date.now() / 1000}` });
    expect(res.status).toBe(200);
    const notice = await slack.waitFor((c) => c.path === '/api/chat.postMessage' && c.body?.channel === 'UJAN' && String(c.body?.text).includes('G1'));
    expect(notice.body.text).toBe(
      nl['channel.gone.notice'].replace('{platform}', 'Slack').replace('{channel}', 'G1').replaceAll('{organisation}', WESTLINK),
    );
    expect(await bot.bot.services.channels.inChannel({ platform: 'slack', channelId: 'G1' })).toEqual({ ok: true, value: [] });
  });

  it('a redelivered channel_left (same event_id) is processed once', async () => {
    await slash('UJAN', 'C6', 'kanaal koppel WestLink');
    const body = JSON.stringify({ token: 'x', team_id: 'T1', api_app_id: 'A1', type: 'event_callback', event_id: 'EvAccessRetry', event_time: Math.floor(Date.now() / 1000), event: { type: 'channel_left', channel: 'C6' } });
    expect((await postSigned(body, JSON_TYPE)).status).toBe(200);
    await slack.waitFor((c) => c.path === '/api/chat.postMessage' && c.body?.channel === 'UJAN' && String(c.body?.text).includes('C6'));
    // The channel is linked again before Slack's retry of the same delivery arrives: the retry must not end it.
    await slash('UJAN', 'C6', 'kanaal koppel WestLink');
    expect((await postSigned(body, { ...JSON_TYPE, 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 500));
    const list = await slash('UJAN', 'C6', 'kanaal lijst');
    expect(allText(list)).toContain(WESTLINK);
  });

  it('app_uninstalled ends every link in the workspace', async () => {
    await slash('UJAN', 'C5', 'kanaal koppel WestLink');
    const res = await sendEvent({ type: 'app_uninstalled' });
    expect(res.status).toBe(200);
    const deadline = Date.now() + 5000;
    for (;;) {
      const left = await bot.bot.services.channels.inChannel({ platform: 'slack', channelId: 'C5' });
      if (left.ok && left.value.length === 0) break;
      if (Date.now() > deadline) throw new Error(`C5 is still linked after app_uninstalled: ${JSON.stringify(left)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(await bot.bot.services.channels.inChannel({ platform: 'slack', channelId: 'C6' })).toEqual({ ok: true, value: [] });
  });

  it('an invitation by @mention in a direct message is for that person only', async () => {
    // Slack sends a mention in message text as <@U…>; the form's label promises "@vermelding in Slack".
    const dm = { type: 'message', channel_type: 'im', channel: 'DCOORD', user: 'UCOORD', text: `uitnodigen <@UPIM> beheerder ${WESTLINK_ID}`, ts: `${Date.now() / 1000}` };
    expect((await sendEvent(dm)).status).toBe(200);
    const answer = await slack.waitFor((c) => c.path === '/api/chat.postMessage' && c.body?.channel === 'DCOORD');
    const code = codeIn(String(answer.body.text));
    const coordinator = (await bot.bot.services.personRepository.get('slack:UCOORD'))!;
    const listed = await bot.bot.services.invitations.list(coordinator);
    expect(listed.ok && listed.value.find((i) => i.code === code)?.invitee).toBe('slack:UPIM');

    const someoneElse = await slash('UOTHER', 'D3', `accepteer ${code}`);
    expect(someoneElse.text).toBe(nl['access.invitationNotForYou'].replace('{code}', code));
    const pim = await slash('UPIM', 'D4', `accepteer ${code}`);
    expect(pim.text).toBe(nl['invite.accepted'].replace('{role}', nl['role.administrator']).replace('{organisations}', WESTLINK));
  });

  it('/healthz is still 200 at the end', async () => {
    expect((await httpRequest(`${bot.url}/healthz`)).status).toBe(200);
  });
});
