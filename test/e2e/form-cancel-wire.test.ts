import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../cards/i18n/en.ts';
import { nl } from '../../cards/i18n/nl.ts';
import { expectAdaptiveCard } from '../support/adaptive-cards.ts';
import { answeredId, grantRoles, inputsOf, submitOf, teamsWire, textsOf, type TeamsUser } from '../support/chain-e2e.ts';
import { startFakeTeamsConnector, type FakeTeamsConnector } from '../support/fake-delivery-platforms.ts';
import { startFakeSlackApi, type FakeSlackApi } from '../support/fake-slack-api.ts';
import { httpRequest } from '../support/http-request.ts';
import { TEST_SIGNING_SECRET } from '../support/bot-server.ts';
import { startOutboxBot, tempDatabase, type OutboxBot } from '../support/outbox-bot.ts';
import { slackSignatureHeaders } from '../support/slack-signing.ts';

/**
 * "Annuleren" on a form, end to end (issue 16, point 4): the real bot with the demo directory, on
 * the Teams wire (Bot Framework activities in, the fake Bot Connector out) and the Slack wire
 * (signed events and block_actions in, the fake Slack API and response_url out). The form card is
 * replaced in place by "Geannuleerd" (Teams: PUT of the same activity; Slack: replace_original),
 * and nothing is stored.
 */

/** Administrator of Medicura Zorgsystemen: announces maintenance. */
const MARJA: TeamsUser = { aad: '11111111-aaaa-4b2c-8d3e-0000000000a1', name: 'Marja Beheerder', personal: 'a:1marja-cancel-chat' };
/** A maternity carer who reads English. */
const LOTTE: TeamsUser = { aad: '33333333-cccc-4d4e-8f5a-0000000000c3', name: 'Lotte Kraamzorg', personal: 'a:1lotte-cancel-chat', locale: 'en-GB' };
const SLACK_NOOR = 'UNOOR16';
const MEDICURA = 'org-lev-medicura';
const AMANDUS = 'org-sint-amandus-gasthuis';

const database = tempDatabase();
let bot: OutboxBot;
let connector: FakeTeamsConnector;
let slack: FakeSlackApi;

beforeAll(async () => {
  [connector, slack] = await Promise.all([startFakeTeamsConnector(), startFakeSlackApi()]);
  bot = await startOutboxBot({ databaseUrl: database.url, slackApiUrl: slack.apiUrl, env: { DEMO_DATA: 'true' } });
  await grantRoles(database.url, [
    [`teams:${MARJA.aad}`, 'administrator', MEDICURA],
    [`slack:${SLACK_NOOR}`, 'care-professional', AMANDUS],
  ]);
});

afterAll(async () => {
  await bot?.stop();
  await connector?.close();
  await slack?.close();
  database.remove();
});

const { personal, send } = teamsWire(() => ({ connector, botUrl: bot.url }));

describe('Teams: cancelling a form', () => {
  it('Medicura\'s administrator opens the maintenance form and presses "Annuleren": the same message becomes "Geannuleerd", nothing announced', async () => {
    const [formCall] = await send(personal(MARJA, { text: 'onderhoud' }));
    const form = expectAdaptiveCard(formCall!);
    expect(inputsOf(form).has('description')).toBe(true);
    const cancel = submitOf(form, 'form.cancel');
    // No required-field check and no inputs: the empty required fields cannot block the cancel.
    expect(cancel).toMatchObject({ title: nl['form.cancel'], associatedInputs: 'None' });
    const formId = await answeredId(formCall!);

    // Teams sends only the button's data (associatedInputs None).
    const [update] = await send(personal(MARJA, { value: cancel.data }));
    expect(update!.method).toBe('PUT');
    expect(update!.path).toBe(`/v3/conversations/${MARJA.personal}/activities/${formId}`);
    const cancelled = expectAdaptiveCard(update!);
    expect(textsOf(cancelled)).toContain(nl['forms.cancelled.title']);
    expect(cancelled.actions ?? []).toEqual([]);
    expect(inputsOf(cancelled).size).toBe(0);
    expect(await bot.bot.services.maintenanceRepository.list({})).toEqual([]);
  });

  it('in English: "my details" has a "Cancel" that turns the form into "Cancelled"', async () => {
    const [formCall] = await send(personal(LOTTE, { text: 'my details' }));
    const form = expectAdaptiveCard(formCall!);
    const cancel = submitOf(form, 'form.cancel');
    expect(cancel.title).toBe('Cancel');
    const formId = await answeredId(formCall!);
    const [update] = await send(personal(LOTTE, { value: cancel.data }));
    expect(update!.path).toBe(`/v3/conversations/${LOTTE.personal}/activities/${formId}`);
    expect(textsOf(expectAdaptiveCard(update!))).toContain(en['forms.cancelled.title']);
  });
});

describe('Slack: cancelling a form', () => {
  const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
  const post = (body: string, headers: Record<string, string>) =>
    httpRequest(`${bot.url}/slack/events`, { method: 'POST', headers: { ...headers, ...slackSignatureHeaders(TEST_SIGNING_SECRET, body) }, body });

  it('"mijn gegevens" in a direct message, then "Annuleren": the message is replaced by "Geannuleerd" and the details stay as they were', async () => {
    const dm = JSON.stringify({
      token: 'x', team_id: 'T1', api_app_id: 'A1', type: 'event_callback', event_id: 'EvCancel16', event_time: Math.floor(Date.now() / 1000),
      event: { type: 'message', channel_type: 'im', channel: 'DNOOR16', user: SLACK_NOOR, text: 'mijn gegevens', ts: `${Date.now() / 1000}` },
    });
    expect((await post(dm, { 'content-type': 'application/json' })).status).toBe(200);
    const posted = await slack.waitFor((c) => c.path === '/api/chat.postMessage' && c.body?.channel === 'DNOOR16');
    const blocks = typeof posted.body.blocks === 'string' ? JSON.parse(posted.body.blocks) : posted.body.blocks;
    const button = blocks.filter((b: any) => b.type === 'actions').flatMap((b: any) => b.elements).find((e: any) => e.action_id.startsWith('form.cancel#'));
    expect(button?.text.text).toBe(nl['form.cancel']);

    const payload = {
      type: 'block_actions', team: { id: 'T1', domain: 't1' }, user: { id: SLACK_NOOR, username: 'noor', name: 'noor', team_id: 'T1' }, api_app_id: 'A1', token: 'x',
      container: { type: 'message', message_ts: '1.000100', channel_id: 'DNOOR16', is_ephemeral: false }, trigger_id: '1.2.cancel16',
      channel: { id: 'DNOOR16', name: 'directmessage' }, message: { type: 'message', ts: '1.000100', blocks },
      // What Noor typed before cancelling: Slack sends it along; it must not be kept.
      state: { values: { phone: { phone: { type: 'plain_text_input', value: '06 12345678' } } } },
      response_url: slack.responseUrl('cancel16'),
      actions: [{ action_id: button.action_id, block_id: 'actions', value: button.value, type: 'button', text: button.text, action_ts: `${Date.now() / 1000}` }],
    };
    expect((await post(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), FORM)).status).toBe(200);
    const answer = await slack.waitFor((c) => c.path === '/response/cancel16');
    expect(answer.body.replace_original).toBe(true);
    expect(answer.body.blocks[0]).toMatchObject({ type: 'header', text: { text: nl['forms.cancelled.title'] } });
    expect(JSON.stringify(answer.body.blocks)).not.toContain('form.cancel');
    const person = await bot.bot.services.people.of({ platform: 'slack', actor: { id: SLACK_NOOR } });
    expect((await bot.bot.services.people.ownContact(person))?.phone ?? '').not.toBe('06 12345678');
  });
});
