import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../cards/i18n/en.ts';
import { nl } from '../../cards/i18n/nl.ts';
import { translate } from '../../cards/i18n/translate.ts';
import { adaptiveCardIn, expectAdaptiveCard, textsIn } from '../support/adaptive-cards.ts';
import {
  afternoonBeforeWorkingDay, alertChannel, answeredId, factsOf, formSubmission, grantRoles, inputsOf, moveClockAndSweep, ShiftedClock, sleep, submitOf,
  submitsOf, teamsWire, textsOf, type TeamChannel, type TeamsActivity, type TeamsUser,
} from '../support/chain-e2e.ts';
import { startFakeTeamsConnector, type FakeTeamsConnector, type TimedCall } from '../support/fake-delivery-platforms.ts';
import { httpRequest } from '../support/http-request.ts';
import { startOutboxBot, tempDatabase, type OutboxBot } from '../support/outbox-bot.ts';

/**
 * Incidents on Teams, end to end (issue 7): the real bot in-process (demo directory) behind
 * /api/messages, Bot Framework activities as Teams sends them (messages, Action.Submit values in
 * personal chats and on channel cards), and everything the bot sends read from the fake Bot
 * Connector. A nurse files through the card form (problems and the patient-data guard come back
 * in the same form), the card is posted through the outbox into the alert channels that must act,
 * and every step of the lifecycle updates that same card in place (PUT by activity id) with a note
 * in its thread and a personal message to the reporter.
 */

const YEAR = new Date().getUTCFullYear();
const incidentId = (n: number) => `INC-${YEAR}-${String(n).padStart(4, '0')}`;

/** Care professional at Sint Amandus Gasthuis: the reporter. */
const NOOR: TeamsUser = { aad: '11111111-aaaa-4b2c-8d3e-000000000001', name: 'Noor Verpleegkundige', personal: 'a:1noor-personal-chat' };
/** Service manager of Twiin ketenregie (the chain coordinator organisation; not a chain-coordinator role). */
const SANNE: TeamsUser = { aad: '22222222-bbbb-4c3d-9e4f-000000000002', name: 'Sanne Servicemanager', personal: 'a:1sanne-personal-chat' };
/** Linked to Twiin ketenregie as a care professional: may see the card, may not handle it. */
const KEES: TeamsUser = { aad: '33333333-cccc-4d4e-8f5a-000000000003', name: 'Kees Kijker', personal: 'a:1kees-personal-chat' };
/** Administrator of every organisation with an alert channel here. */
const PIET: TeamsUser = { aad: '44444444-dddd-4e5f-9a6b-000000000004', name: 'Piet Beheerder', personal: 'a:1piet-personal-chat' };
/** An English-speaking colleague of Noor. */
const EMMA: TeamsUser = { aad: '55555555-eeee-4f6a-8b7c-000000000005', name: 'Emma Nurse', personal: 'a:1emma-personal-chat', locale: 'en-US' };
/** Linked to WestLink only. */
const WILLEM: TeamsUser = { aad: '66666666-ffff-4a7b-9c8d-000000000006', name: 'Willem Westlink', personal: 'a:1willem-personal-chat' };

const AMANDUS = 'org-sint-amandus-gasthuis';
const DUINZICHT = 'org-ziekenhuis-duinzicht';
const TWIIN = 'org-twiin-ketenregie';
const MEDICURA = 'org-lev-medicura';
const RSO = 'org-rso-rivierenland';
const WESTLINK = 'org-gtk-westlink';
const EPD = 'app-medicura-epd';

const CHANNELS: Record<string, TeamChannel> = {
  [TWIIN]: alertChannel('twiin', 'Twiin ketenregie'),
  [MEDICURA]: alertChannel('medicura', 'Medicura support'),
  [AMANDUS]: alertChannel('amandus', 'Sint Amandus ICT'),
  [RSO]: alertChannel('rso', 'RSO Rivierenland'),
  [WESTLINK]: alertChannel('westlink', 'WestLink beheer'),
};
const channelOf = (org: string) => CHANNELS[org]!.channel;

/** Real time plus an offset the clock tests move (as in maintenance-teams.test.ts); 0 until then. */
const clock = new ShiftedClock();

const database = tempDatabase();
let bot: OutboxBot;
let connector: FakeTeamsConnector;

beforeAll(async () => {
  connector = await startFakeTeamsConnector();
  bot = await startOutboxBot({ databaseUrl: database.url, env: { DEMO_DATA: 'true' }, clock });
  await grantRoles(database.url, [
    [`teams:${NOOR.aad}`, 'care-professional', AMANDUS],
    [`teams:${EMMA.aad}`, 'care-professional', AMANDUS],
    [`teams:${SANNE.aad}`, 'service-manager', TWIIN],
    [`teams:${KEES.aad}`, 'care-professional', TWIIN],
    [`teams:${WILLEM.aad}`, 'care-professional', WESTLINK],
    ...Object.keys(CHANNELS).map((org) => [`teams:${PIET.aad}`, 'administrator', org]),
  ]);
});

afterAll(async () => {
  await bot?.stop();
  await connector?.close();
  database.remove();
});

// ---------------------------------------------------------------- the wire

const wire = teamsWire(() => ({ connector, botUrl: bot.url }));
const { personal, inChannel, send, callsTo, cardPostsIn, threadNotes, clickInChannel } = wire;
const privately = async (user: TeamsUser, activity: TeamsActivity) => (await wire.privately(user, activity)) as TimedCall;

const putsTo = (channel: string) => connector.putsTo(channel);

/** What Teams sends when the form's submit button is pressed: the button's data merged with every input's current value. */
const formValue = (card: any, changes: Record<string, string>) => formSubmission(card, 'incident.file', changes);

const VALID = {
  title: 'Medicura EPD ontvangt geen berichten van verloskundigen',
  description: 'Sinds 08:00 komen de overdrachten van de verloskundigen niet meer binnen in het EPD.',
  applications: EPD,
  organisations: `${AMANDUS},${DUINZICHT}`,
  impact: 'no-exchange',
  sinceVersion: '4.2.1',
  dataLeak: 'false',
};

const incident = async (id: string) => (await bot.bot.services.incidentRepository.get(id))!;

describe('Teams: filing an incident through the card form', () => {
  let formCall: TimedCall | undefined;
  let form: any;

  it('administrators link the alert channels by mentioning the bot', async () => {
    for (const [org, p] of Object.entries(CHANNELS)) {
      const [reply] = await send(inChannel(PIET, p, `kanaal koppel ${org}`));
      expect(reply!.body.text, org).toContain('meldingskanaal');
    }
  });

  it('"meld storing" in a personal chat → the form card with every field, the reporter\'s organisation and now filled in, and the security steps', async () => {
    [formCall] = await send(personal(NOOR, { text: 'meld storing' }));
    expect(formCall!.method).toBe('POST');
    form = expectAdaptiveCard(formCall!);
    expect(form.type).toBe('AdaptiveCard');
    const inputs = inputsOf(form);
    expect([...inputs.keys()]).toEqual(['title', 'description', 'applications', 'organisations', 'impact', 'startDate', 'startTime', 'sinceVersion', 'dataLeak']);
    expect(inputs.get('applications')).toMatchObject({ type: 'Input.ChoiceSet', isMultiSelect: true });
    expect(inputs.get('applications').choices.map((c: any) => c.value)).toContain(EPD);
    expect(inputs.get('organisations')).toMatchObject({ type: 'Input.ChoiceSet', isMultiSelect: true, value: AMANDUS });
    expect(inputs.get('impact')).toMatchObject({ value: 'degraded' });
    expect(inputs.get('startDate').type).toBe('Input.Date');
    expect(inputs.get('startDate').value).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(inputs.get('startTime').value).toMatch(/^\d{2}:\d{2}$/);
    expect(inputs.get('dataLeak')).toMatchObject({ type: 'Input.Toggle', value: 'false' });
    expect(textsOf(form)).toContain(nl['incident.security.steps']);
    expect(submitOf(form, 'incident.file').title).toBe(nl['incident.form.submit']);
  });

  it('a BSN in the description → the same form comes back (updated in place) with the explanation on the field and the text kept; nothing stored, nothing posted', async () => {
    const description = 'Bij de patiënt met BSN 111 222 333 komt de overdracht niet door.';
    const [reply] = await send(personal(NOOR, { value: formValue(form, { ...VALID, description }) }));
    expect(reply!.method).toBe('PUT');
    expect(reply!.path).toBe(`/v3/conversations/${NOOR.personal}/activities/${await answeredId(formCall!)}`);
    const again = expectAdaptiveCard(reply!);
    const inputs = inputsOf(again);
    expect(inputs.get('description').value).toBe(description);
    // The explanation does not echo the number.
    expect(nl['incident.problem.bsn']).not.toContain('{found}');
    expect(inputs.get('description').errorMessage).toBe(nl['incident.problem.bsn']);
    expect(textsOf(again)).toContain(nl['incident.problem.bsn']);
    expect(textsOf(again)).toContain(nl['incident.form.fix']);
    expect(inputs.get('title').value).toBe(VALID.title);
    expect(inputs.get('organisations').value).toBe(VALID.organisations);
    expect(await bot.bot.services.incidentRepository.list({})).toEqual([]);
    await sleep(500);
    for (const org of Object.keys(CHANNELS)) expect(cardPostsIn(channelOf(org)), org).toEqual([]);
  });

  it('the guard speaks English to an English user', async () => {
    const [formReply] = await send(personal(EMMA, { text: 'report incident' }));
    const englishForm = expectAdaptiveCard(formReply!);
    expect(textsOf(englishForm)).toContain(en['incident.form.title']);
    const [reply] = await send(personal(EMMA, { value: formValue(englishForm, { ...VALID, description: 'Patient BSN 111222333 has no results.' }) }));
    const again = expectAdaptiveCard(reply!);
    expect(en['incident.problem.bsn']).not.toContain('{found}');
    expect(inputsOf(again).get('description').errorMessage).toBe(en['incident.problem.bsn']);
    expect(inputsOf(again).get('description').value).toBe('Patient BSN 111222333 has no results.');
    expect(await bot.bot.services.incidentRepository.list({})).toEqual([]);
  });

  it('no title → the form again with "required" on the title and everything else kept', async () => {
    const [reply] = await send(personal(NOOR, { value: formValue(form, { ...VALID, title: '' }) }));
    expect(reply!.method).toBe('PUT');
    const again = expectAdaptiveCard(reply!);
    const inputs = inputsOf(again);
    expect(inputs.get('title').errorMessage).toBe(nl['form.required']);
    expect(inputs.get('description').value).toBe(VALID.description);
    expect(inputs.get('applications').value).toBe(EPD);
    expect(inputs.get('impact').value).toBe('no-exchange');
    expect(inputs.get('sinceVersion').value).toBe('4.2.1');
    expect(await bot.bot.services.incidentRepository.list({})).toEqual([]);
  });
});

describe('Teams: alerts and the lifecycle over the wire', () => {
  const id = incidentId(1);
  let twiinCard = '';
  let medicuraCard = '';

  it('Twiin\'s service manager has a personal chat with the bot (where answers meant for her alone go)', async () => {
    const [hello] = await send(personal(SANNE, { text: 'help' }));
    expect(hello!.method).toBe('POST');
  });

  it('a valid form files the incident: the reporter is told, and the card is posted to Twiin (coordinator) and Medicura (application) only', async () => {
    const [filedForm] = await send(personal(NOOR, { text: 'meld storing' }));
    const replies = await send(personal(NOOR, { value: formValue(expectAdaptiveCard(filedForm!), VALID) }), 2);
    expect(replies[0]!.body.text).toContain(translate('nl', 'incident.filed', { id, coordinator: 'Twiin ketenregie', reason: translate('nl', 'incident.reason.severalGtks', { providers: 2, gtks: 3 }) }));
    expect(replies[0]!.body.text).toContain(translate('nl', 'incident.filed.channels', { channels: 2 }));
    expect(textsOf(expectAdaptiveCard(replies[1]!))[0]).toBe(`${id}: ${VALID.title}`);

    const twiin = await connector.waitFor((c) => c.method === 'POST' && c.path === `/v3/conversations/${channelOf(TWIIN)}/activities` && adaptiveCardIn(c) !== undefined);
    const medicura = await connector.waitFor((c) => c.method === 'POST' && c.path === `/v3/conversations/${channelOf(MEDICURA)}/activities` && adaptiveCardIn(c) !== undefined);
    twiinCard = await answeredId(twiin);
    medicuraCard = await answeredId(medicura);
    const card = expectAdaptiveCard(twiin);
    expect(textsOf(card)).toContain(`${id}: ${VALID.title}`);
    expect(textsOf(card)).toContain(nl['incident.status.new']);
    expect(factsOf(card)).toMatchObject({ [nl['incident.fact.status']]: nl['incident.status.new'], [nl['incident.fact.coordinator']]: 'Twiin ketenregie', [nl['incident.fact.applications']]: 'Medicura EPD' });
    expect(submitsOf(card).map((a) => [a.title, a.data])).toEqual([
      [nl['incident.action.take'], { incidentId: id, action: 'incident.take' }],
      [nl['incident.action.update'], { incidentId: id, action: 'incident.update' }],
      [nl['incident.action.resolve'], { incidentId: id, action: 'incident.resolve' }],
    ]);
    expect(inputsOf(card).has('text')).toBe(true);

    await sleep(1000);
    expect(cardPostsIn(channelOf(TWIIN))).toHaveLength(1);
    expect(cardPostsIn(channelOf(MEDICURA))).toHaveLength(1);
    for (const org of [AMANDUS, RSO, WESTLINK]) expect(cardPostsIn(channelOf(org)), org).toEqual([]);
  });

  it('"Oppakken" by someone without a staff role (no personal chat with the bot yet) → a refusal in the thread; nothing changes', async () => {
    const click = clickInChannel(KEES, CHANNELS[TWIIN]!, twiinCard, { action: 'incident.take', incidentId: id, text: '' });
    const [reply] = await send(click);
    expect(reply!.method).toBe('POST');
    expect(reply!.path).toBe(`/v3/conversations/${click.conversation.id}/activities/${click.id}`);
    expect(reply!.body.text).toBe(nl['incident.forbidden'].replace('{id}', id));
    await sleep(800);
    expect(putsTo(channelOf(TWIIN))).toEqual([]);
    expect(putsTo(channelOf(MEDICURA))).toEqual([]);
    expect(threadNotes(channelOf(TWIIN), twiinCard)).toEqual([]);
    expect((await incident(id)).status).toBe('new');
  });

  it('"Oppakken" by Twiin\'s service manager → the same card is updated in place in both channels (In behandeling, owner), a note in its thread, and the reporter is told personally', async () => {
    const noorBefore = callsTo(NOOR.personal).length;
    const click = clickInChannel(SANNE, CHANNELS[TWIIN]!, twiinCard, { action: 'incident.take', incidentId: id, text: '' });
    // "U hebt … opgepakt" is for her alone: in her personal chat, not in the channel's thread.
    expect((await privately(SANNE, click)).body.text).toBe(translate('nl', 'incident.done.taken', { id }));

    const put = await connector.waitFor((c) => c.method === 'PUT' && c.path === `/v3/conversations/${channelOf(TWIIN)}/activities/${twiinCard}`);
    await connector.waitFor((c) => c.method === 'PUT' && c.path === `/v3/conversations/${channelOf(MEDICURA)}/activities/${medicuraCard}`);
    const card = expectAdaptiveCard(put);
    const owner = (await incident(id)).owner!;
    expect(owner.id).toBe(`teams:${SANNE.aad}`);
    expect(textsOf(card)).toContain(nl['incident.status.in-progress']);
    expect(factsOf(card)).toMatchObject({ [nl['incident.fact.status']]: nl['incident.status.in-progress'], [nl['incident.fact.owner']]: owner.name });
    expect(submitsOf(card).map((a) => a.data.action)).toEqual(['incident.update', 'incident.resolve']);

    const note = await connector.waitFor((c) => c.method === 'POST' && c.path === `/v3/conversations/${channelOf(TWIIN)};messageid=${twiinCard}/activities`);
    expect(note.body.text).toBe(`${id}: ${nl['incident.timeline.taken'].replace('{actor}', owner.name)}`);
    await connector.waitFor((c) => c.method === 'POST' && c.path === `/v3/conversations/${channelOf(MEDICURA)};messageid=${medicuraCard}/activities`);

    await connector.waitFor(() => callsTo(NOOR.personal).length > noorBefore);
    expect(callsTo(NOOR.personal).slice(noorBefore).map((c) => c.body.text)).toEqual([
      translate('nl', 'incident.personal.taken', { id, title: VALID.title, actor: owner.name }),
    ]);
    // Still one card per channel: updated, not posted again.
    expect(cardPostsIn(channelOf(TWIIN))).toHaveLength(1);
    expect(cardPostsIn(channelOf(MEDICURA))).toHaveLength(1);
  });

  it('the card names the owner by the name Teams gives, not by an internal id', async () => {
    // The service manager was granted with `ketenbot admin grant`; the person record has no display
    // name, so IncidentService uses person.userId (her AAD object id) as owner and reporter name,
    // although every activity carries from.name = "Sanne Servicemanager".
    const i = await incident(id);
    expect(i.owner?.name).toBe(SANNE.name);
    expect(i.reporter.name).toBe(NOOR.name);
  });

  it('"Opgelost" with a text → the card shows Opgelost and the resolution, with confirm and reopen; the reporter is asked to confirm', async () => {
    const noorBefore = callsTo(NOOR.personal).length;
    const resolution = 'Koppelserver van Medicura herstart; de berichten komen weer binnen.';
    const current = expectAdaptiveCard(connector.putsTo(channelOf(TWIIN)).at(-1)!);
    const resolve = submitOf(current, 'incident.resolve');
    const reply = await privately(SANNE, clickInChannel(SANNE, CHANNELS[TWIIN]!, twiinCard, { ...resolve.data, text: resolution }));
    expect(reply.body.text).toBe(nl['incident.done.resolved'].replace('{id}', id));

    await connector.waitFor(() => putsTo(channelOf(TWIIN)).length === 2 && putsTo(channelOf(MEDICURA)).length === 2);
    const card = expectAdaptiveCard(putsTo(channelOf(TWIIN))[1]!);
    expect(putsTo(channelOf(TWIIN))[1]!.path).toBe(`/v3/conversations/${channelOf(TWIIN)}/activities/${twiinCard}`);
    expect(factsOf(card)).toMatchObject({ [nl['incident.fact.status']]: nl['incident.status.resolved'], [nl['incident.fact.resolution']]: resolution });
    expect(submitsOf(card).map((a) => [a.title, a.data.action])).toEqual([[nl['incident.action.confirm'], 'incident.confirm'], [nl['incident.action.reopen'], 'incident.reopen']]);
    // A text field for why it would be reopened, before the actions.
    expect([...inputsOf(card).keys()]).toEqual(['text']);
    expect(inputsOf(card).get('text')).toMatchObject({ type: 'Input.Text', label: nl['incident.card.reopenReason'] });
    await connector.waitFor(() => threadNotes(channelOf(TWIIN), twiinCard).length === 2);
    const owner = (await incident(id)).owner!;
    expect(threadNotes(channelOf(TWIIN), twiinCard)[1]!.body.text).toBe(`${id}: ${nl['incident.timeline.resolved'].replace('{actor}', owner.name).replace('{text}', resolution)}`);
    await connector.waitFor(() => callsTo(NOOR.personal).length > noorBefore);
    // Without an answer it closes after the policy's 3 days.
    expect(callsTo(NOOR.personal)[noorBefore]!.body.text).toBe(translate('nl', 'incident.personal.resolved', { id, title: VALID.title, actor: owner.name, text: resolution, days: 3 }));
    expect(callsTo(NOOR.personal)[noorBefore]!.body.text).toContain('Zonder reactie sluit het na 3 dagen.');
  });

  it('only the reporter confirms: the service manager gets a refusal; the reporter looks the incident up and confirms → Gesloten everywhere', async () => {
    const current = expectAdaptiveCard(putsTo(channelOf(TWIIN)).at(-1)!);
    const refusal = await privately(SANNE, clickInChannel(SANNE, CHANNELS[TWIIN]!, twiinCard, { ...submitOf(current, 'incident.confirm').data, text: '' }));
    expect(refusal.body.text).toBe(nl['incident.notReporter'].replace('{id}', id));
    expect((await incident(id)).status).toBe('resolved');

    const [shown] = await send(personal(NOOR, { text: `incident ${id}` }));
    const mine = expectAdaptiveCard(shown!);
    expect(factsOf(mine)[nl['incident.fact.status']]).toBe(nl['incident.status.resolved']);
    const confirm = submitOf(mine, 'incident.confirm');
    expect(confirm.title).toBe(nl['incident.action.confirm']);
    const replies = await send(personal(NOOR, { value: { ...confirm.data } }), 2);
    expect(replies[0]!.body.text).toBe(nl['incident.done.closed'].replace('{id}', id));
    expect(factsOf(expectAdaptiveCard(replies[1]!))[nl['incident.fact.status']]).toBe(nl['incident.status.closed']);

    await connector.waitFor(() => putsTo(channelOf(TWIIN)).length === 3 && putsTo(channelOf(MEDICURA)).length === 3);
    for (const [org, cardId] of [[TWIIN, twiinCard], [MEDICURA, medicuraCard]] as const) {
      const last = putsTo(channelOf(org))[2]!;
      expect(last.path).toBe(`/v3/conversations/${channelOf(org)}/activities/${cardId}`);
      const card = expectAdaptiveCard(last);
      expect(factsOf(card)[nl['incident.fact.status']], org).toBe(nl['incident.status.closed']);
      expect(textsOf(card)).toContain(nl['incident.status.closed']);
      expect(inputsOf(card).get('text')).toMatchObject({ type: 'Input.Text', label: nl['incident.card.reopenReason'] });
      expect(submitsOf(card).map((a) => a.data.action)).toEqual(['incident.reopen']);
      expect(cardPostsIn(channelOf(org))).toHaveLength(1);
    }
    await connector.waitFor(() => threadNotes(channelOf(TWIIN), twiinCard).length === 3);
    expect(threadNotes(channelOf(TWIIN), twiinCard).map((c) => c.body.text).at(-1)).toBe(`${id}: ${nl['incident.timeline.closed'].replace('{actor}', (await incident(id)).reporter.name)}`);
    expect(await incident(id)).toMatchObject({ status: 'closed', resolution: expect.any(String) });
  });
});

describe('Teams: who sees what', () => {
  it('"incident <id>" shows the card to someone linked to it, "niet gevonden" to someone who is not', async () => {
    const id = incidentId(1);
    const [seen] = await send(personal(KEES, { text: `incident ${id}` }));
    expect(textsOf(expectAdaptiveCard(seen!))[0]).toBe(`${id}: ${VALID.title}`);
    const [hidden] = await send(personal(WILLEM, { text: `incident ${id}` }));
    expect(hidden!.body.text).toBe(nl['incident.notFound'].replace('{id}', id));
  });

  it('a local incident → only the reporter\'s own organisation\'s channel gets the card', async () => {
    const id = incidentId(2);
    const [formReply] = await send(personal(NOOR, { text: 'meld storing' }));
    const before = Object.fromEntries(Object.keys(CHANNELS).map((org) => [org, cardPostsIn(channelOf(org)).length]));
    const replies = await send(personal(NOOR, { value: formValue(expectAdaptiveCard(formReply!), { ...VALID, title: 'Printer EPD-balie werkt niet', organisations: AMANDUS }) }), 2);
    expect(replies[0]!.body.text).toContain(nl['incident.filed.local']);
    await connector.waitFor((c) => c.method === 'POST' && c.path === `/v3/conversations/${channelOf(AMANDUS)}/activities` && textsIn(adaptiveCardIn(c)?.body).includes(`${id}: Printer EPD-balie werkt niet`));
    await sleep(1000);
    for (const org of [TWIIN, MEDICURA, RSO, WESTLINK]) expect(cardPostsIn(channelOf(org)).length, org).toBe(before[org]);
    expect(cardPostsIn(channelOf(AMANDUS)).length).toBe(before[AMANDUS]! + 1);
  });

  it('a possible data leak → only the reporter\'s organisation, the supplier and the RSO; the card says Vertrouwelijk; never the broad channels', async () => {
    const id = incidentId(3);
    const [formReply] = await send(personal(NOOR, { text: 'meld storing' }));
    const before = Object.fromEntries(Object.keys(CHANNELS).map((org) => [org, cardPostsIn(channelOf(org)).length]));
    const replies = await send(personal(NOOR, { value: formValue(expectAdaptiveCard(formReply!), { ...VALID, title: 'Overdracht bij verkeerde praktijk', dataLeak: 'true' }) }), 2);
    // The note names the audience.
    expect(replies[0]!.body.text).toContain(translate('nl', 'incident.filed.securityNote', { audience: 'Sint Amandus Gasthuis, Medicura Zorgsystemen, RSO Rivierenland' }));
    expect(replies[0]!.body.text).toContain(translate('nl', 'incident.filed.channels', { channels: 3 }));
    expect(replies[0]!.body.text).toContain(nl['incident.security.steps']);
    for (const org of [AMANDUS, MEDICURA, RSO]) {
      const post = await connector.waitFor((c) => c.method === 'POST' && c.path === `/v3/conversations/${channelOf(org)}/activities` && textsIn(adaptiveCardIn(c)?.body).includes(`${id}: Overdracht bij verkeerde praktijk`));
      const texts = textsOf(expectAdaptiveCard(post));
      expect(texts.some((t) => t.includes('Vertrouwelijk')), org).toBe(true);
    }
    await sleep(1000);
    for (const org of [TWIIN, WESTLINK]) expect(cardPostsIn(channelOf(org)).length, org).toBe(before[org]);
    // The coordinator's service manager does not see it either.
    const [hidden] = await send(personal(SANNE, { text: `incident ${id}` }));
    expect(hidden!.body.text).toBe(nl['incident.notFound'].replace('{id}', id));
  });

  it('"incidenten" lists the open incidents the person may see', async () => {
    const [mine] = await send(personal(NOOR, { text: 'incidenten' }));
    const list = expectAdaptiveCard(mine!);
    // Closed INC-1 is not listed; the local one and the confidential one are Noor's own.
    expect(textsOf(list)[0]).toBe(nl['incident.list.title'].replace('{count}', '2'));
    expect(textsOf(list).join('\n')).toContain(`${incidentId(2)}: Printer EPD-balie werkt niet`);
    expect(textsOf(list).join('\n')).toContain(`${incidentId(3)}: Overdracht bij verkeerde praktijk`);
    const [other] = await send(personal(WILLEM, { text: 'incidenten' }));
    expect(textsOf(expectAdaptiveCard(other!))).toContain(nl['incident.list.none']);
  });

  it('/healthz is still 200', async () => {
    expect((await httpRequest(`${bot.url}/healthz`)).status).toBe(200);
  });
});

// ---------------------------------------------------------------- update, reopen and the clock (issue 7 point 9)

const MEANDER = 'org-vp-de-meander';
const WAALOEVER = 'org-vp-waaloever';
const RIVIERENNET = 'org-gtk-rivierennet';
const RIVIERENNET_CHANNEL = alertChannel('rivierennet', 'RivierenNet servicedesk');
/** Midwife at De Meander: files the GtK-layer incident. */
const LOTTE: TeamsUser = { aad: '77777777-aaaa-4b8c-9d0e-000000000007', name: 'Lotte Verloskundige', personal: 'a:1lotte-personal-chat' };
/** Service manager of RivierenNet (the GtK service provider): may escalate its incidents. */
const RIK: TeamsUser = { aad: '88888888-bbbb-4c9d-8e1f-000000000008', name: 'Rik Rivierennet', personal: 'a:1rik-personal-chat' };

const MINUTE = 60_000;
const HOUR = 3_600_000;

/** The id of the (only) incident with this title. */
async function idOf(title: string): Promise<string> {
  const found = (await bot.bot.services.incidentRepository.list({})).filter((i) => i.title === title);
  expect(found, title).toHaveLength(1);
  return found[0]!.id;
}

/** "meld storing" in the user's personal chat and the form submitted with these values; the filed incident's id. */
async function fileByForm(user: TeamsUser, values: Record<string, string>): Promise<{ id: string; answer: string }> {
  const [formCall] = await send(personal(user, { text: 'meld storing' }));
  const replies = await send(personal(user, { value: formValue(expectAdaptiveCard(formCall!), values) }), 2);
  return { id: await idOf(values.title!), answer: replies[0]!.body.text as string };
}

/** The activity id of the card of incident `id` posted into the channel (waits for it). */
async function postedCard(channel: string, id: string): Promise<string> {
  const post = await connector.waitFor((c) => c.method === 'POST' && c.path === `/v3/conversations/${channel}/activities` && (textsIn(adaptiveCardIn(c)?.body) ?? []).some((t) => t.startsWith(`${id}: `)));
  return answeredId(post);
}

/** The PUTs of one card (by its activity id), oldest first. */
const cardPuts = (channel: string, cardId: string) => putsTo(channel).filter((c) => c.path === `/v3/conversations/${channel}/activities/${cardId}`);
/** Cards of incident `id` posted as new messages into the channel. */
const postsOf = (channel: string, id: string) => cardPostsIn(channel).filter((c) => textsOf(adaptiveCardIn(c)).some((t) => t.startsWith(`${id}: `)));

/** What the bot answered to this very activity (the reply, not a thread note). */
async function replyTo(activity: TeamsActivity): Promise<TimedCall> {
  await wire.deliver(activity);
  return connector.waitFor((c) => c.method === 'POST' && c.path === `/v3/conversations/${activity.conversation.id}/activities/${activity.id}`);
}

/** Waits until the card has `n` PUTs and `n` thread notes; returns the last card and the last note. */
async function cardChanged(channel: string, cardId: string, n: number): Promise<{ card: any; note: string }> {
  await connector.waitFor(() => cardPuts(channel, cardId).length >= n && threadNotes(channel, cardId).length >= n);
  expect(cardPuts(channel, cardId)).toHaveLength(n);
  expect(threadNotes(channel, cardId)).toHaveLength(n);
  return { card: expectAdaptiveCard(cardPuts(channel, cardId).at(-1)!), note: threadNotes(channel, cardId).at(-1)!.body.text as string };
}

/** Moves the bot's clock and runs the incident clock once. */
const moveClockTo = (at: Date | number) => moveClockAndSweep(clock, at, bot.bot.services.incidents);

describe('Teams: update, reopen and the clock over the wire', () => {
  const TITLE = 'Medicura EPD toont geen labuitslagen bij overdrachten';
  let id = '';
  const cards: Record<string, string> = {};
  const resolution = 'Mapping van de labcodes hersteld.';

  it('files a chain incident (card to Twiin and Medicura) and Twiin\'s service manager takes it', async () => {
    ({ id } = await fileByForm(NOOR, { ...VALID, title: TITLE }));
    cards[TWIIN] = await postedCard(channelOf(TWIIN), id);
    cards[MEDICURA] = await postedCard(channelOf(MEDICURA), id);
    const click = clickInChannel(SANNE, CHANNELS[TWIIN]!, cards[TWIIN]!, { action: 'incident.take', incidentId: id, text: '' });
    expect((await privately(SANNE, click)).body.text).toBe(translate('nl', 'incident.done.taken', { id }));
    await cardChanged(channelOf(TWIIN), cards[TWIIN]!, 1);
    await cardChanged(channelOf(MEDICURA), cards[MEDICURA]!, 1);
  });

  it('"Update plaatsen" by the owner with the card\'s text → the same card updated with the update in its timeline, a note "update van …" in its thread, the reporter told personally', async () => {
    const update = 'Medicura onderzoekt de berichtenqueue; eerste analyse wijst op de labcode-mapping.';
    const noorBefore = callsTo(NOOR.personal).length;
    const current = expectAdaptiveCard(cardPuts(channelOf(TWIIN), cards[TWIIN]!).at(-1)!);
    const button = submitOf(current, 'incident.update');
    expect(button.title).toBe(nl['incident.action.update']);
    // The card's text input (id "text") is merged into the button's data, as Teams does.
    expect(inputsOf(current).get('text')).toMatchObject({ type: 'Input.Text', label: nl['incident.card.text'] });
    const click = clickInChannel(SANNE, CHANNELS[TWIIN]!, cards[TWIIN]!, { ...button.data, text: update });
    expect((await privately(SANNE, click)).body.text).toBe(nl['incident.done.update'].replace('{id}', id));

    const owner = (await incident(id)).owner!;
    expect(owner.name).toBe(SANNE.name);
    const what = translate('nl', 'incident.timeline.update', { actor: owner.name, text: update });
    for (const org of [TWIIN, MEDICURA]) {
      const { card, note } = await cardChanged(channelOf(org), cards[org]!, 2);
      expect(factsOf(card)[nl['incident.fact.status']], org).toBe(nl['incident.status.in-progress']);
      expect(textsOf(card).some((t) => t.endsWith(` · ${what}`)), `${org}: ${JSON.stringify(textsOf(card))}`).toBe(true);
      expect(note, org).toBe(`${id}: ${what}`);
      expect(postsOf(channelOf(org), id), org).toHaveLength(1);
    }
    await connector.waitFor(() => callsTo(NOOR.personal).length > noorBefore);
    await sleep(300);
    expect(callsTo(NOOR.personal).slice(noorBefore).map((c) => c.body.text)).toEqual([
      translate('nl', 'incident.personal.update', { id, title: TITLE, actor: owner.name, text: update }),
    ]);
    expect((await incident(id)).timeline.map((e) => e.kind)).toEqual(['filed', 'taken', 'update']);
  });

  it('"Update plaatsen" with an empty text → "text required" to her personal chat; the card is not touched', async () => {
    const click = clickInChannel(SANNE, CHANNELS[TWIIN]!, cards[TWIIN]!, { action: 'incident.update', incidentId: id, text: '   ' });
    expect((await privately(SANNE, click)).body.text).toBe(nl['incident.textRequired']);
    await sleep(600);
    expect(cardPuts(channelOf(TWIIN), cards[TWIIN]!)).toHaveLength(2);
    expect(threadNotes(channelOf(TWIIN), cards[TWIIN]!)).toHaveLength(2);
  });

  it('after "Opgelost", the reporter presses "Heropenen" with a reason in her personal chat → In behandeling everywhere (same card ids), a note in the thread', async () => {
    const resolve = clickInChannel(SANNE, CHANNELS[TWIIN]!, cards[TWIIN]!, { action: 'incident.resolve', incidentId: id, text: resolution });
    expect((await privately(SANNE, resolve)).body.text).toBe(nl['incident.done.resolved'].replace('{id}', id));
    for (const org of [TWIIN, MEDICURA]) expect(factsOf((await cardChanged(channelOf(org), cards[org]!, 3)).card)[nl['incident.fact.status']]).toBe(nl['incident.status.resolved']);

    const [shown] = await send(personal(NOOR, { text: `incident ${id}` }));
    const mine = expectAdaptiveCard(shown!);
    expect(factsOf(mine)[nl['incident.fact.status']]).toBe(nl['incident.status.resolved']);
    const reopen = submitOf(mine, 'incident.reopen');
    expect(reopen.title).toBe(nl['incident.action.reopen']);
    expect(inputsOf(mine).get('text')).toMatchObject({ label: nl['incident.card.reopenReason'] });
    const reason = 'Na de herstart komen de labuitslagen nog steeds niet mee.';
    const replies = await send(personal(NOOR, { value: { ...reopen.data, text: reason } }), 2);
    expect(replies[0]!.body.text).toBe(nl['incident.done.reopened'].replace('{id}', id));
    // Her own copy changes in place.
    expect(replies[1]!.method).toBe('PUT');
    expect(replies[1]!.path).toBe(`/v3/conversations/${NOOR.personal}/activities/${await answeredId(shown!)}`);
    expect(factsOf(expectAdaptiveCard(replies[1]!))[nl['incident.fact.status']]).toBe(nl['incident.status.in-progress']);

    const reporter = (await incident(id)).reporter.name;
    for (const org of [TWIIN, MEDICURA]) {
      const { card, note } = await cardChanged(channelOf(org), cards[org]!, 4);
      expect(factsOf(card)[nl['incident.fact.status']], org).toBe(nl['incident.status.in-progress']);
      expect(textsOf(card)).toContain(nl['incident.status.in-progress']);
      // The old resolution is gone; the owner stays; the handling actions are back.
      expect(factsOf(card)[nl['incident.fact.resolution']]).toBeUndefined();
      expect(factsOf(card)[nl['incident.fact.owner']]).toBe(SANNE.name);
      expect(submitsOf(card).map((a) => a.data.action)).toEqual(['incident.update', 'incident.resolve']);
      expect(note, org).toBe(`${id}: ${translate('nl', 'incident.timeline.reopened.note', { actor: reporter, text: reason })}`);
      expect(postsOf(channelOf(org), id), org).toHaveLength(1);
    }
    expect(await incident(id)).toMatchObject({ status: 'in-progress', owner: { name: SANNE.name } });
    expect((await incident(id)).resolution).toBeUndefined();
  });
});

describe('Teams: the incident clock (reminder, escalation offer, escalation)', () => {
  const CHAIN_TITLE = 'Overdrachten Medicura EPD blijven hangen in de wachtrij';
  const GTK_TITLE = 'RivierenNet levert geen berichten af tussen De Meander en Waaloever';
  let chainId = '';
  let gtkId = '';
  const cards: Record<string, string> = {};
  let gtkTwiinCard = '';
  /** A working day at 14:00 Amsterdam time on which RivierenNet (mon-fri 08:00-18:00) is open until 18:00 and again from 08:00 the next day. */
  let start = 0;
  const at = (ms: number) => start + ms;
  /** The next day at hh:mm, Amsterdam time. */
  let nextDay: (minutes: number) => number = () => 0;

  it('RivierenNet\'s channel is linked; the clock is set to 14:00 on a working day', async () => {
    await grantRoles(database.url, [[`teams:${LOTTE.aad}`, 'care-professional', MEANDER], [`teams:${RIK.aad}`, 'service-manager', RIVIERENNET], [`teams:${PIET.aad}`, 'administrator', RIVIERENNET]]);
    const [reply] = await send(inChannel(PIET, RIVIERENNET_CHANNEL, `kanaal koppel ${RIVIERENNET}`));
    expect(reply!.body.text).toContain('meldingskanaal');
    // Rik has a personal chat with the bot: what is meant for him alone goes there.
    await send(personal(RIK, { text: 'help' }));

    const rivierennet = (await bot.bot.services.directory.load()).organisations.find((o) => o.id === RIVIERENNET)!;
    ({ start, nextDay } = afternoonBeforeWorkingDay(rivierennet));
    expect(start).toBeGreaterThan(Date.now());
    clock.jumpTo(start);
  });

  it('a chain incident (Twiin, open 24x7) and a GtK incident (RivierenNet) are filed; each card goes to its coordinator\'s channel', async () => {
    ({ id: chainId } = await fileByForm(NOOR, { ...VALID, title: CHAIN_TITLE }));
    const gtk = await fileByForm(LOTTE, { ...VALID, title: GTK_TITLE, applications: '', organisations: `${MEANDER},${WAALOEVER}` });
    gtkId = gtk.id;
    expect(gtk.answer).toContain(translate('nl', 'incident.filed', { id: gtkId, coordinator: 'RivierenNet Zorguitwisseling (GtK)', reason: translate('nl', 'incident.reason.oneGtk', { providers: 2, gtk: 'RivierenNet Zorguitwisseling (GtK)' }) }));
    expect(await incident(chainId)).toMatchObject({ layer: 'chain', coordinatorId: TWIIN });
    // Filed on the test's clock.
    expect(Math.abs(Date.parse((await incident(chainId)).createdAt) - start)).toBeLessThan(60_000);
    expect(await incident(gtkId)).toMatchObject({ layer: 'gtk', coordinatorId: RIVIERENNET, audienceIds: [RIVIERENNET] });
    cards[TWIIN] = await postedCard(channelOf(TWIIN), chainId);
    cards[MEDICURA] = await postedCard(channelOf(MEDICURA), chainId);
    cards[RIVIERENNET] = await postedCard(RIVIERENNET_CHANNEL.channel, gtkId);
    const card = expectAdaptiveCard(connector.calls.find((c) => c.method === 'POST' && c.path === `/v3/conversations/${RIVIERENNET_CHANNEL.channel}/activities` && adaptiveCardIn(c))!);
    expect(factsOf(card)[nl['incident.fact.layer']]).toBe(nl['incident.layer.gtk']);
    expect(submitsOf(card).map((a) => a.data.action)).toEqual(['incident.take', 'incident.update', 'incident.resolve']);
    await sleep(500);
    expect(postsOf(channelOf(TWIIN), gtkId)).toEqual([]);
  });

  it('29 minutes later nothing happens; after 30 minutes of the coordinator\'s office time one reminder in each thread (the cards updated in place), the reporters are not bothered', async () => {
    const noorBefore = callsTo(NOOR.personal).length;
    const lotteBefore = callsTo(LOTTE.personal).length;
    await moveClockTo(at(29 * MINUTE));
    await sleep(600);
    expect(cardPuts(channelOf(TWIIN), cards[TWIIN]!)).toEqual([]);
    expect(cardPuts(RIVIERENNET_CHANNEL.channel, cards[RIVIERENNET]!)).toEqual([]);

    await moveClockTo(at(31 * MINUTE));
    const note = nl['incident.timeline.reminded'];
    for (const [channel, cardId, incidentId] of [[channelOf(TWIIN), cards[TWIIN]!, chainId], [channelOf(MEDICURA), cards[MEDICURA]!, chainId], [RIVIERENNET_CHANNEL.channel, cards[RIVIERENNET]!, gtkId]] as const) {
      const changed = await cardChanged(channel, cardId, 1);
      expect(changed.note, channel).toBe(`${incidentId}: ${note}`);
      expect(factsOf(changed.card)[nl['incident.fact.status']]).toBe(nl['incident.status.new']);
      expect(textsOf(changed.card).some((t) => t.endsWith(` · ${note}`))).toBe(true);
      expect(postsOf(channel, incidentId), channel).toHaveLength(1);
    }
    expect((await incident(chainId)).timeline.map((e) => e.kind)).toEqual(['filed', 'reminded']);

    // Once per layer: the clock running on changes nothing.
    await moveClockTo(at(2 * HOUR));
    await sleep(600);
    expect(threadNotes(channelOf(TWIIN), cards[TWIIN]!)).toHaveLength(1);
    expect(threadNotes(RIVIERENNET_CHANNEL.channel, cards[RIVIERENNET]!)).toHaveLength(1);
    expect(callsTo(NOOR.personal).length).toBe(noorBefore);
    expect(callsTo(LOTTE.personal).length).toBe(lotteBefore);
  });

  it('past the chain layer\'s 4 hours no escalation offer on the chain incident (top layer); the GtK incident waits for 8 office hours of RivierenNet (not wall-clock hours)', async () => {
    await moveClockTo(at(4 * HOUR + MINUTE));
    // 17h59 later on the wall clock, but only 4 office hours of RivierenNet.
    await moveClockTo(nextDay(7 * 60 + 59));
    await sleep(600);
    expect(cardPuts(channelOf(TWIIN), cards[TWIIN]!)).toHaveLength(1);
    expect(cardPuts(RIVIERENNET_CHANNEL.channel, cards[RIVIERENNET]!)).toHaveLength(1);
    expect((await incident(chainId)).escalationOfferedAt).toBeUndefined();
    expect((await incident(gtkId)).escalationOfferedAt).toBeUndefined();
  });

  it('after 8 office hours the RivierenNet card is updated in place with the escalation offer and the "Escaleren" action; a note in its thread', async () => {
    const lotteBefore = callsTo(LOTTE.personal).length;
    await moveClockTo(nextDay(12 * 60 + 1));
    const { card, note } = await cardChanged(RIVIERENNET_CHANNEL.channel, cards[RIVIERENNET]!, 2);
    expect(note).toBe(`${gtkId}: ${nl['incident.timeline.escalation-offered']}`);
    expect(textsOf(card)).toContain(nl['incident.escalation.offer']);
    expect(submitsOf(card).map((a) => [a.title, a.data])).toEqual([
      [nl['incident.action.take'], { incidentId: gtkId, action: 'incident.take' }],
      [nl['incident.action.update'], { incidentId: gtkId, action: 'incident.update' }],
      [nl['incident.action.resolve'], { incidentId: gtkId, action: 'incident.resolve' }],
      [nl['incident.action.escalate'], { incidentId: gtkId, action: 'incident.escalate' }],
    ]);
    await sleep(500);
    // The chain incident still has only its reminder.
    expect(threadNotes(channelOf(TWIIN), cards[TWIIN]!)).toHaveLength(1);
    expect(callsTo(LOTTE.personal).length).toBe(lotteBefore);
  });

  it('"Escaleren" by someone without a staff role at RivierenNet → refused; nothing changes', async () => {
    const click = clickInChannel(KEES, RIVIERENNET_CHANNEL, cards[RIVIERENNET]!, { action: 'incident.escalate', incidentId: gtkId, text: '' });
    // Kees has a personal chat with the bot by now (he looked an incident up there): the refusal goes there.
    expect((await privately(KEES, click)).body.text).toBe(nl['incident.notFound'].replace('{id}', gtkId));
    await sleep(500);
    expect(cardPuts(RIVIERENNET_CHANNEL.channel, cards[RIVIERENNET]!)).toHaveLength(2);
    expect((await incident(gtkId)).layer).toBe('gtk');
  });

  it('"Escaleren" by RivierenNet\'s service manager → re-routed to Twiin: the RivierenNet card updated in place (layer Keten), Twiin gets the card as a new post, the reporter is told', async () => {
    const lotteBefore = callsTo(LOTTE.personal).length;
    const current = expectAdaptiveCard(cardPuts(RIVIERENNET_CHANNEL.channel, cards[RIVIERENNET]!).at(-1)!);
    const click = clickInChannel(RIK, RIVIERENNET_CHANNEL, cards[RIVIERENNET]!, { ...submitOf(current, 'incident.escalate').data, text: '' });
    expect((await privately(RIK, click)).body.text).toBe(translate('nl', 'incident.done.escalated', { id: gtkId, coordinator: 'Twiin ketenregie' }));

    const { card, note } = await cardChanged(RIVIERENNET_CHANNEL.channel, cards[RIVIERENNET]!, 3);
    expect(note).toBe(`${gtkId}: ${translate('nl', 'incident.timeline.escalated', { actor: RIK.name, text: 'Twiin ketenregie' })}`);
    expect(factsOf(card)).toMatchObject({ [nl['incident.fact.layer']]: nl['incident.layer.chain'], [nl['incident.fact.coordinator']]: 'Twiin ketenregie', [nl['incident.fact.status']]: nl['incident.status.new'] });
    expect(submitsOf(card).map((a) => a.data.action)).toEqual(['incident.take', 'incident.update', 'incident.resolve']);
    expect(textsOf(card)).not.toContain(nl['incident.escalation.offer']);
    expect(postsOf(RIVIERENNET_CHANNEL.channel, gtkId)).toHaveLength(1);

    const post = await connector.waitFor((c) => c.method === 'POST' && c.path === `/v3/conversations/${channelOf(TWIIN)}/activities` && textsOf(adaptiveCardIn(c) ?? { body: [] }).some((t) => t.startsWith(`${gtkId}: `)));
    gtkTwiinCard = await answeredId(post);
    expect(gtkTwiinCard).not.toBe(cards[RIVIERENNET]);
    const twiin = expectAdaptiveCard(post);
    expect(textsOf(twiin)).toContain(`${gtkId}: ${GTK_TITLE}`);
    expect(factsOf(twiin)).toMatchObject({ [nl['incident.fact.layer']]: nl['incident.layer.chain'], [nl['incident.fact.coordinator']]: 'Twiin ketenregie' });
    expect(submitsOf(twiin).map((a) => a.data.action)).toEqual(['incident.take', 'incident.update', 'incident.resolve']);
    await sleep(500);
    expect(postsOf(channelOf(TWIIN), gtkId)).toHaveLength(1);
    expect(cardPuts(channelOf(TWIIN), gtkTwiinCard)).toEqual([]);

    await connector.waitFor(() => callsTo(LOTTE.personal).length > lotteBefore);
    expect(callsTo(LOTTE.personal).slice(lotteBefore).map((c) => c.body.text)).toEqual([
      translate('nl', 'incident.personal.escalated', { id: gtkId, title: GTK_TITLE, actor: RIK.name, text: 'Twiin ketenregie' }),
    ]);
    expect(await incident(gtkId)).toMatchObject({ layer: 'chain', coordinatorId: TWIIN, status: 'new' });
    expect((await incident(gtkId)).audienceIds).toEqual(expect.arrayContaining([RIVIERENNET, TWIIN]));
  });

  it('Twiin can take it from its new card: both cards are updated in place', async () => {
    const click = clickInChannel(SANNE, CHANNELS[TWIIN]!, gtkTwiinCard, { action: 'incident.take', incidentId: gtkId, text: '' });
    expect((await privately(SANNE, click)).body.text).toBe(translate('nl', 'incident.done.taken', { id: gtkId }));
    const twiin = await cardChanged(channelOf(TWIIN), gtkTwiinCard, 1);
    const rivierennet = await cardChanged(RIVIERENNET_CHANNEL.channel, cards[RIVIERENNET]!, 4);
    for (const { card } of [twiin, rivierennet]) expect(factsOf(card)).toMatchObject({ [nl['incident.fact.status']]: nl['incident.status.in-progress'], [nl['incident.fact.owner']]: SANNE.name });
    expect(twiin.note).toBe(`${gtkId}: ${translate('nl', 'incident.timeline.taken', { actor: SANNE.name })}`);
  });
});
