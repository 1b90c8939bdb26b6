import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../cards/i18n/en.ts';
import { nl } from '../../cards/i18n/nl.ts';
import { translate } from '../../cards/i18n/translate.ts';
import { adaptiveCardIn, expectAdaptiveCard } from '../support/adaptive-cards.ts';
import {
  alertChannel, answeredId, factsOf, formSubmission, grantRoles, inputsOf, sleep, submitOf, submitsOf, teamsWire, textsOf,
  type TeamChannel, type TeamsActivity, type TeamsUser,
} from '../support/chain-e2e.ts';
import { startFakeTeamsConnector, type FakeTeamsConnector, type TimedCall } from '../support/fake-delivery-platforms.ts';
import { startOutboxBot, tempDatabase, type OutboxBot } from '../support/outbox-bot.ts';

/**
 * Passing a local incident on, on the Teams wire (issue 16, point 7; seed 004). A midwife at
 * Verloskundigenpraktijk De Meander files "meld storing" on Vroedsoft XIS in her personal chat: the
 * form says beforehand who gets it (De Meander), the card goes to De Meander's alert channel only.
 * The practice's servicedesk agent presses "Naar leverancier" on that channel card: Vroedsoft's alert
 * channel gets the card through the outbox (a new post), De Meander's card changes in place with a
 * note in its thread, the midwife is told, and the agent's confirmation goes to his personal chat, not
 * the channel. Twice is once; the midwife and an outsider get a clear reason; English works typed.
 */

const YEAR = new Date().getUTCFullYear();
const ID = `INC-${YEAR}-0001`;

const LOTTE: TeamsUser = { aad: 'a1a1a1a1-0000-4000-8000-000000000001', name: 'Lotte Verloskundige', personal: 'a:1lotte-chat' };
const DAAN: TeamsUser = { aad: 'a2a2a2a2-0000-4000-8000-000000000002', name: 'Daan Servicedesk', personal: 'a:1daan-chat' };
const SEM: TeamsUser = { aad: 'a3a3a3a3-0000-4000-8000-000000000003', name: 'Sem Vroedsoft', personal: 'a:1sem-chat' };
const IVY: TeamsUser = { aad: 'a4a4a4a4-0000-4000-8000-000000000004', name: 'Ivy Helpdesk', personal: 'a:1ivy-chat', locale: 'en-US' };
const WILLEM: TeamsUser = { aad: 'a5a5a5a5-0000-4000-8000-000000000005', name: 'Willem Westlink', personal: 'a:1willem-chat' };
const PIET: TeamsUser = { aad: 'a6a6a6a6-0000-4000-8000-000000000006', name: 'Piet Beheerder', personal: 'a:1piet-chat' };

const MEANDER = 'org-vp-de-meander';
const VROEDSOFT = 'org-lev-vroedsoft';
const RIVIERENNET = 'org-gtk-rivierennet';
const WESTLINK = 'org-gtk-westlink';
const XIS = 'app-vroedsoft-xis';

const CHANNELS: Record<string, TeamChannel> = {
  [MEANDER]: alertChannel('meander', 'De Meander ICT'),
  [VROEDSOFT]: alertChannel('vroedsoft', 'Vroedsoft support'),
  [RIVIERENNET]: alertChannel('rivierennet', 'RivierenNet beheer'),
};
const channelOf = (org: string) => CHANNELS[org]!.channel;

const database = tempDatabase();
let bot: OutboxBot;
let connector: FakeTeamsConnector;

beforeAll(async () => {
  connector = await startFakeTeamsConnector();
  bot = await startOutboxBot({ databaseUrl: database.url, env: { DEMO_DATA: 'true' } });
  await grantRoles(database.url, [
    [`teams:${LOTTE.aad}`, 'care-professional', MEANDER],
    [`teams:${DAAN.aad}`, 'servicedesk-agent', MEANDER],
    [`teams:${IVY.aad}`, 'servicedesk-agent', MEANDER],
    [`teams:${SEM.aad}`, 'servicedesk-agent', VROEDSOFT],
    [`teams:${WILLEM.aad}`, 'servicedesk-agent', WESTLINK],
    ...Object.keys(CHANNELS).map((org) => [`teams:${PIET.aad}`, 'administrator', org]),
  ]);
});

afterAll(async () => {
  await bot?.stop();
  await connector?.close();
  database.remove();
});

const wire = teamsWire(() => ({ connector, botUrl: bot.url }));
const { personal, inChannel, send, callsTo, cardPostsIn, threadNotes, clickInChannel } = wire;
const privately = async (user: TeamsUser, activity: TeamsActivity) => (await wire.privately(user, activity)) as TimedCall;



const cardPosts = (org: string) => cardPostsIn(channelOf(org)).filter((c) => textsOf(adaptiveCardIn(c)).some((t) => t.startsWith(`${ID}: `)));
const stored = async () => (await bot.bot.services.incidentRepository.get(ID))!;

describe('Teams: a local Vroedsoft XIS incident passed on to the supplier', () => {
  let meanderCard = '';

  it('alert channels are linked; the agents have a personal chat with the bot', async () => {
    for (const [org, place] of Object.entries(CHANNELS)) {
      const [reply] = await send(inChannel(PIET, place, `kanaal koppel ${org}`));
      expect(reply!.body.text, org).toContain('meldingskanaal');
    }
    for (const user of [DAAN, IVY, LOTTE]) await send(personal(user, { text: 'help' }));
  });

  it('the midwife\'s form says who gets it; filed, the card goes to De Meander\'s channel only', async () => {
    const [formCall] = await send(personal(LOTTE, { text: 'meld storing' }));
    const form = expectAdaptiveCard(formCall!);
    expect(textsOf(form)).toContain(translate('nl', 'incident.form.alerted', { organisations: 'Verloskundigenpraktijk De Meander' }));
    expect(submitsOf(form).map((a) => a.title)).toEqual([nl['incident.form.submit'], nl['incident.form.check'], nl['form.cancel']]);
    expect(inputsOf(form).has('reporterName')).toBe(false);
    // "Ontvangers tonen" with two practices: the same form, updated in place, names RivierenNet (coordinates) and Vroedsoft.
    const [checked] = await send(personal(LOTTE, { value: formSubmission(form, 'incident.check', { title: 'XIS', description: 'Overdrachten blijven hangen.', applications: XIS, organisations: `${MEANDER},org-vp-waaloever` }) }));
    expect(checked!.method).toBe('PUT');
    expect(checked!.path).toBe(`/v3/conversations/${LOTTE.personal}/activities/${await answeredId(formCall!)}`);
    expect(textsOf(expectAdaptiveCard(checked!))).toContain(translate('nl', 'incident.form.alerted', { organisations: 'RivierenNet Zorguitwisseling (GtK), Vroedsoft B.V.' }));
    expect(await bot.bot.services.incidentRepository.list({})).toEqual([]);
    const value = formSubmission(form, 'incident.file', {
      title: 'Vroedsoft XIS verstuurt geen overdrachten', description: 'Sinds de update van vanochtend blijven overdrachten naar het ziekenhuis in de wachtrij staan.',
      applications: XIS, organisations: MEANDER, impact: 'degraded',
    });
    const replies = await send(personal(LOTTE, { value }), 2);
    expect(replies[0]!.body.text).toContain(translate('nl', 'incident.filed.channels', { channels: 1 }));
    const post = await connector.waitFor((c) => c.method === 'POST' && c.path === `/v3/conversations/${channelOf(MEANDER)}/activities` && adaptiveCardIn(c) !== undefined);
    meanderCard = await answeredId(post);
    const card = expectAdaptiveCard(post);
    expect(factsOf(card)[nl['incident.fact.reporter']]).toBe('Lotte Verloskundige (Verloskundigenpraktijk De Meander)');
    expect(submitsOf(card).filter((a) => a.data.action === 'incident.passOn').map((a) => [a.title, a.data.to])).toEqual([[nl['incident.action.passOn.supplier'], 'supplier'], [nl['incident.action.passOn.gtk'], 'gtk']]);
    await sleep(500);
    expect(cardPosts(VROEDSOFT)).toEqual([]);
    expect(cardPosts(RIVIERENNET)).toEqual([]);
  });

  it('the midwife presses "Naar leverancier" → the reason, to her alone; nothing is posted', async () => {
    const card = expectAdaptiveCard(cardPosts(MEANDER)[0]!);
    const refusal = await privately(LOTTE, clickInChannel(LOTTE, CHANNELS[MEANDER]!, meanderCard, { ...submitOf(card, 'incident.passOn').data, text: '' }));
    expect(refusal.body.text).toBe(translate('nl', 'incident.problem.cannotPassOn', { id: ID, coordinator: 'Verloskundigenpraktijk De Meander' }));
    await sleep(300);
    expect(cardPosts(VROEDSOFT)).toEqual([]);
  });

  it('the practice\'s servicedesk presses "Naar leverancier" → Vroedsoft\'s channel gets the card, De Meander\'s card changes in place, the midwife is told', async () => {
    const lotteBefore = callsTo(LOTTE.personal).length;
    const card = expectAdaptiveCard(cardPosts(MEANDER)[0]!);
    const done = await privately(DAAN, clickInChannel(DAAN, CHANNELS[MEANDER]!, meanderCard, { ...submitOf(card, 'incident.passOn').data, text: '' }));
    expect(done.body.text).toBe(translate('nl', 'incident.done.passedOn', { id: ID, organisations: 'Vroedsoft B.V.', coordinator: 'Verloskundigenpraktijk De Meander' }));

    const post = await connector.waitFor((c) => c.method === 'POST' && c.path === `/v3/conversations/${channelOf(VROEDSOFT)}/activities` && adaptiveCardIn(c) !== undefined);
    const vroedsoft = expectAdaptiveCard(post);
    expect(textsOf(vroedsoft)).toContain(`${ID}: Vroedsoft XIS verstuurt geen overdrachten`);
    expect(factsOf(vroedsoft)).toMatchObject({ [nl['incident.fact.layer']]: nl['incident.layer.local'], [nl['incident.fact.coordinator']]: 'Verloskundigenpraktijk De Meander', [nl['incident.fact.passedOn']]: 'Vroedsoft B.V.' });

    const put = await connector.waitFor((c) => c.method === 'PUT' && c.path === `/v3/conversations/${channelOf(MEANDER)}/activities/${meanderCard}`);
    expect(factsOf(expectAdaptiveCard(put))[nl['incident.fact.passedOn']]).toBe('Vroedsoft B.V.');
    const note = await connector.waitFor((c) => c.method === 'POST' && c.path === `/v3/conversations/${channelOf(MEANDER)};messageid=${meanderCard}/activities`);
    expect(note.body.text).toBe(`${ID}: ${translate('nl', 'incident.timeline.passed-on', { actor: DAAN.name, text: 'Vroedsoft B.V.' })}`);
    await connector.waitFor(() => callsTo(LOTTE.personal).length > lotteBefore);
    expect(callsTo(LOTTE.personal).slice(lotteBefore).map((c) => c.body.text)).toEqual([
      translate('nl', 'incident.personal.passed-on', { id: ID, title: 'Vroedsoft XIS verstuurt geen overdrachten', actor: DAAN.name, text: 'Vroedsoft B.V.' }),
    ]);
    expect(await stored()).toMatchObject({ layer: 'local', coordinatorId: MEANDER, passedOn: [{ organisationId: VROEDSOFT, as: 'supplier', by: { name: DAAN.name } }] });
    expect(cardPosts(MEANDER)).toHaveLength(1);
    expect(cardPosts(RIVIERENNET)).toEqual([]);
  });

  it('pressing it again is once: "al doorgezet", nothing posted again', async () => {
    const card = expectAdaptiveCard(cardPosts(MEANDER)[0]!);
    const again = await privately(DAAN, clickInChannel(DAAN, CHANNELS[MEANDER]!, meanderCard, { ...submitOf(card, 'incident.passOn').data, text: '' }));
    expect(again.body.text).toMatch(new RegExp(`^${ID} was al doorgezet naar Vroedsoft B\\.V\\. \\(${DAAN.name}, `));
    await sleep(500);
    expect(cardPosts(VROEDSOFT)).toHaveLength(1);
    expect(threadNotes(channelOf(MEANDER), meanderCard)).toHaveLength(1);
  });

  it('someone from elsewhere types it → not found; the supplier\'s desk can take it from its own card', async () => {
    const [hidden] = await send(personal(WILLEM, { text: `doorzetten naar gtk ${ID}` }));
    expect(hidden!.body.text).toBe(translate('nl', 'incident.notFound', { id: ID }));
    const vroedsoftCard = await answeredId(cardPosts(VROEDSOFT)[0]!);
    const [semHello] = await send(personal(SEM, { text: 'help' }));
    expect(semHello).toBeDefined();
    const taken = await privately(SEM, clickInChannel(SEM, CHANNELS[VROEDSOFT]!, vroedsoftCard, { action: 'incident.take', incidentId: ID, text: 'We kijken naar de wachtrij.' }));
    expect(taken.body.text).toBe(translate('nl', 'incident.done.taken', { id: ID }));
    expect((await stored()).owner?.name).toBe(SEM.name);
  });

  it('English, typed: "pass INC on to the GtK" → RivierenNet\'s channel gets the card; the answer in English', async () => {
    const [reply] = await send(personal(IVY, { text: `pass ${ID} on to the GtK` }), 1);
    expect(reply!.body.text).toBe(translate('en', 'incident.done.passedOn', { id: ID, organisations: 'RivierenNet Zorguitwisseling (GtK)', coordinator: 'Verloskundigenpraktijk De Meander' }));
    expect(en['incident.done.passedOn']).not.toBe(nl['incident.done.passedOn']);
    const post = await connector.waitFor((c) => c.method === 'POST' && c.path === `/v3/conversations/${channelOf(RIVIERENNET)}/activities` && adaptiveCardIn(c) !== undefined);
    expect(factsOf(expectAdaptiveCard(post))[nl['incident.fact.passedOn']]).toBe('Vroedsoft B.V., RivierenNet Zorguitwisseling (GtK)');
    expect((await stored()).timeline.filter((e) => e.kind === 'passed-on').map((e) => [e.actor.name, e.text])).toEqual([[DAAN.name, 'Vroedsoft B.V.'], [IVY.name, 'RivierenNet Zorguitwisseling (GtK)']]);
  });
});
