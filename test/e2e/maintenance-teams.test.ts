import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nl } from '../../cards/i18n/nl.ts';
import { translate } from '../../cards/i18n/translate.ts';
import { localDateTime } from '../../cards/views/incident-cards.ts';
import { adaptiveCardIn, expectAdaptiveCard } from '../support/adaptive-cards.ts';
import {
  alertChannel, answeredId, factsOf, formSubmission, grantRoles, inputsOf, moveClockAndSweep, ShiftedClock, sleep, submitOf, submitsOf, teamsWire, textsOf,
  type TeamChannel, type TeamsUser,
} from '../support/chain-e2e.ts';
import { startFakeTeamsConnector, type FakeTeamsConnector, type TimedCall } from '../support/fake-delivery-platforms.ts';
import { httpRequest } from '../support/http-request.ts';
import { startOutboxBot, tempDatabase, type OutboxBot } from '../support/outbox-bot.ts';

/**
 * Maintenance on Teams, end to end (issue 8): the real bot in-process (demo directory) behind
 * /api/messages, Bot Framework activities as Teams sends them, and everything the bot sends read
 * from the fake Bot Connector. Medicura's administrator announces maintenance on the Medicura EPD
 * with the card form; the card is posted through the outbox into the alert channels of Medicura
 * and of the hospitals using the EPD (not elsewhere). Then the bot's clock is moved: the 24-hour
 * reminder, the start, an extension and the end each update that same card in place (PUT by
 * activity id) — Gepland, Bezig, Verlengd, Afgerond — with a short note in its thread.
 */

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** Administrator of Medicura Zorgsystemen (administers the Medicura EPD): announces. */
const MARJA: TeamsUser = { aad: '11111111-aaaa-4b2c-8d3e-00000000000a', name: 'Marja Beheerder', personal: 'a:1marja-personal-chat' };
/** Administrator of every organisation with an alert channel here: links them. */
const PIET: TeamsUser = { aad: '44444444-dddd-4e5f-9a6b-00000000000b', name: 'Piet Koppelaar', personal: 'a:1piet-personal-chat' };
/** Care professional at Sint Amandus. */
const NOOR: TeamsUser = { aad: '22222222-bbbb-4c3d-9e4f-00000000000c', name: 'Noor Verpleegkundige', personal: 'a:1noor-personal-chat' };

const MEDICURA = 'org-lev-medicura';
const AMANDUS = 'org-sint-amandus-gasthuis';
const LINDENDAEL = 'org-ziekenhuis-lindendael';
const TWIIN = 'org-twiin-ketenregie';
const WESTLINK = 'org-gtk-westlink';
const EPD = 'app-medicura-epd';

const CHANNELS: Record<string, TeamChannel> = {
  [MEDICURA]: alertChannel('medicura', 'Medicura support'),
  [AMANDUS]: alertChannel('amandus', 'Sint Amandus ICT'),
  [LINDENDAEL]: alertChannel('lindendael', 'Lindendael ICT'),
  [TWIIN]: alertChannel('twiin', 'Twiin ketenregie'),
  [WESTLINK]: alertChannel('westlink', 'WestLink beheer'),
};
/** Medicura administers the EPD; Sint Amandus and Lindendael use it (Duinzicht too, but has no channel). */
const AUDIENCE = [MEDICURA, AMANDUS, LINDENDAEL];
const OUTSIDE = [TWIIN, WESTLINK];
const channelOf = (org: string) => CHANNELS[org]!.channel;

/** Real time plus an offset the test moves. */
const clock = new ShiftedClock();
const database = tempDatabase();
let bot: OutboxBot;
let connector: FakeTeamsConnector;

beforeAll(async () => {
  connector = await startFakeTeamsConnector();
  bot = await startOutboxBot({ databaseUrl: database.url, env: { DEMO_DATA: 'true' }, clock });
  await grantRoles(database.url, [
    [`teams:${MARJA.aad}`, 'administrator', MEDICURA],
    [`teams:${NOOR.aad}`, 'care-professional', AMANDUS],
    ...Object.keys(CHANNELS).map((org) => [`teams:${PIET.aad}`, 'administrator', org]),
  ]);
});

afterAll(async () => {
  await bot?.stop();
  await connector?.close();
  database.remove();
});

// ---------------------------------------------------------------- the wire

const { personal, inChannel, send, cardPostsIn, threadNotes } = teamsWire(() => ({ connector, botUrl: bot.url }));
const putsTo = (channel: string) => connector.putsTo(channel);
/** What Teams sends when the form's save button is pressed. */
const formValue = (card: any, changes: Record<string, string>) => formSubmission(card, 'maintenance.save', changes);

/** The date in Amsterdam, "YYYY-MM-DD". */
const localDate = (ms: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(ms));
/** Three days ahead, 20:00–22:00 Dutch time. */
const DATE = localDate(Date.now() + 3 * DAY);
const YEAR = Number(localDate(Date.now()).slice(0, 4));
const ID = `MNT-${YEAR}-0001`;
const VALID = {
  applications: EPD,
  startDate: DATE,
  startTime: '20:00',
  endDate: DATE,
  endTime: '22:00',
  impact: 'no-exchange',
  description: 'Vervanging van de Medicura koppelserver; berichten worden daarna alsnog afgeleverd.',
  contact: 'Marja Beheerder, 030 123 4567',
};

const maintenance = async () => (await bot.bot.services.maintenanceRepository.get(ID))!;
const cardIds: Record<string, string> = {};

/** Every audience channel: a PUT of the card (number `n`, 1-based) by its activity id, and note number `n` in its thread. */
async function expectUpdatedEverywhere(n: number, status: string, note: string) {
  for (const org of AUDIENCE) {
    await connector.waitFor(() => putsTo(channelOf(org)).length >= n && threadNotes(channelOf(org), cardIds[org]!).length >= n);
    const put = putsTo(channelOf(org))[n - 1]!;
    expect(put.path, org).toBe(`/v3/conversations/${channelOf(org)}/activities/${cardIds[org]}`);
    const card = expectAdaptiveCard(put);
    expect(factsOf(card)[nl['maintenance.fact.status']], org).toBe(status);
    expect(textsOf(card)).toContain(status);
    expect(threadNotes(channelOf(org), cardIds[org]!)[n - 1]!.body.text, org).toBe(note);
    // Still one card: updated, not posted again.
    expect(cardPostsIn(channelOf(org)), org).toHaveLength(1);
  }
  for (const org of OUTSIDE) expect(connector.calls.filter((c) => c.path.startsWith(`/v3/conversations/${channelOf(org)}`) && c.method !== 'GET' && adaptiveCardIn(c)), org).toEqual([]);
}

/** Moves the bot's clock and runs the maintenance clock once. */
const moveClockTo = (at: number) => moveClockAndSweep(clock, at, bot.bot.services.maintenance);

describe('Teams: announcing maintenance with the card form', () => {
  let formCall: TimedCall | undefined;
  let form: any;

  it('administrators link the alert channels by mentioning the bot', async () => {
    for (const [org, p] of Object.entries(CHANNELS)) {
      const [reply] = await send(inChannel(PIET, p, `kanaal koppel ${org}`));
      expect(reply!.body.text, org).toContain('meldingskanaal');
    }
  });

  it('a care professional saying "onderhoud" is told why she cannot announce, then gets the (empty) list, not the form', async () => {
    const [why, reply] = await send(personal(NOOR, { text: 'onderhoud' }), 2);
    expect(why!.body.text).toBe(nl['maintenance.mayNotAnnounce']);
    const card = expectAdaptiveCard(reply!);
    expect(textsOf(card)).toContain(nl['maintenance.list.none']);
    expect(inputsOf(card).size).toBe(0);
  });

  it('"onderhoud" from Medicura\'s administrator → the form card with Medicura\'s applications and tomorrow 20:00–22:00', async () => {
    [formCall] = await send(personal(MARJA, { text: 'onderhoud' }));
    form = expectAdaptiveCard(formCall!);
    const inputs = inputsOf(form);
    expect([...inputs.keys()]).toEqual(['applications', 'startDate', 'startTime', 'endDate', 'endTime', 'impact', 'description', 'contact']);
    expect(inputs.get('applications')).toMatchObject({ type: 'Input.ChoiceSet', isMultiSelect: true });
    expect(inputs.get('applications').choices.map((c: any) => c.value)).toEqual([EPD, 'app-medicura-jgz']);
    expect(inputs.get('startDate')).toMatchObject({ type: 'Input.Date', value: localDate(clock.now().getTime() + DAY) });
    expect(inputs.get('startTime')).toMatchObject({ type: 'Input.Time', value: '20:00' });
    expect(inputs.get('endTime').value).toBe('22:00');
    expect(inputs.get('impact').value).toBe('degraded');
    // The contact defaults to the name Teams gives.
    expect(inputs.get('contact').value).toBe(MARJA.name);
    expect(textsOf(form)).toContain(nl['maintenance.form.timezone']);
    expect(submitOf(form, 'maintenance.save').title).toBe(nl['maintenance.form.save']);
  });

  it('an end before the start → the same form comes back (updated in place) with the error and every value kept; nothing stored or posted', async () => {
    const [reply] = await send(personal(MARJA, { value: formValue(form, { ...VALID, endTime: '19:00' }) }));
    expect(reply!.method).toBe('PUT');
    expect(reply!.path).toBe(`/v3/conversations/${MARJA.personal}/activities/${await answeredId(formCall!)}`);
    const again = expectAdaptiveCard(reply!);
    const inputs = inputsOf(again);
    expect(inputs.get('endDate').errorMessage).toBe(nl['maintenance.problem.endBeforeStart']);
    expect(inputs.get('endTime').value).toBe('19:00');
    expect(inputs.get('description').value).toBe(VALID.description);
    expect(inputs.get('applications').value).toBe(EPD);
    expect(inputs.get('impact').value).toBe('no-exchange');
    expect(await bot.bot.services.maintenanceRepository.list({})).toEqual([]);
    await sleep(300);
    for (const org of Object.keys(CHANNELS)) expect(cardPostsIn(channelOf(org)), org).toEqual([]);
  });

  it('a valid form announces: the card replaces the form, and is posted into the channels of Medicura, Sint Amandus and Lindendael only', async () => {
    const replies = await send(personal(MARJA, { value: formValue(form, VALID) }), 2);
    expect(replies[0]!.body.text).toBe(translate('nl', 'maintenance.scheduled', { id: ID, channels: 3 }));
    const mine = expectAdaptiveCard(replies[1]!);
    expect(replies[1]!.method).toBe('PUT');
    expect(factsOf(mine)[nl['maintenance.fact.status']]).toBe(nl['maintenance.status.planned']);
    expect(submitsOf(mine).map((a) => a.data.action)).toEqual(['maintenance.edit', 'maintenance.extend', 'maintenance.cancel']);

    for (const org of AUDIENCE) {
      const post = await connector.waitFor((c) => c.method === 'POST' && c.path === `/v3/conversations/${channelOf(org)}/activities` && adaptiveCardIn(c) !== undefined);
      cardIds[org] = await answeredId(post);
      const card = expectAdaptiveCard(post);
      expect(textsOf(card)).toContain(`${ID}: ${translate('nl', 'maintenance.card.title', { applications: 'Medicura EPD' })}`);
      expect(factsOf(card)).toMatchObject({
        [nl['maintenance.fact.status']]: nl['maintenance.status.planned'],
        [nl['maintenance.fact.window']]: `${DATE} 20:00 – ${DATE} 22:00`,
        [nl['maintenance.fact.administrator']]: 'Medicura Zorgsystemen',
        [nl['maintenance.fact.impact']]: nl['maintenance.impact.no-exchange'],
        [nl['maintenance.fact.contact']]: VALID.contact,
      });
      // Channel cards are read-only.
      expect(submitsOf(card)).toEqual([]);
    }
    await sleep(800);
    for (const org of AUDIENCE) expect(cardPostsIn(channelOf(org)), org).toHaveLength(1);
    for (const org of OUTSIDE) expect(cardPostsIn(channelOf(org)), org).toEqual([]);
    expect(await maintenance()).toMatchObject({ status: 'planned', applicationIds: [EPD], createdBy: { name: MARJA.name } });
  });
});

describe('Teams: the clock moves the card', () => {
  it('24 hours before the start: the card is updated in place and the reminder noted in its thread', async () => {
    const start = Date.parse((await maintenance()).startsAt);
    await moveClockTo(start - DAY);
    await expectUpdatedEverywhere(1, nl['maintenance.status.planned'], `${ID}: ${translate('nl', 'maintenance.event.reminder-24h', { text: localDateTime(new Date(start).toISOString()) })}`);
    expect((await maintenance()).timeline.map((e) => e.kind)).toEqual(['scheduled', 'reminder-24h']);
  });

  it('at the start: Bezig, the same activity updated (PUT), a note in the thread', async () => {
    const start = Date.parse((await maintenance()).startsAt);
    await moveClockTo(start - HOUR);
    await expectUpdatedEverywhere(2, nl['maintenance.status.planned'], `${ID}: ${translate('nl', 'maintenance.event.reminder-1h', { text: localDateTime(new Date(start).toISOString()) })}`);
    await moveClockTo(start);
    await expectUpdatedEverywhere(3, nl['maintenance.status.running'], `${ID}: ${nl['maintenance.event.started']}`);
    expect((await maintenance()).status).toBe('running');
  });

  it('the administrator extends it from her personal chat: Verlengd everywhere, with the new end', async () => {
    const [shown] = await send(personal(MARJA, { text: `onderhoud ${ID}` }));
    const card = expectAdaptiveCard(shown!);
    expect(factsOf(card)[nl['maintenance.fact.status']]).toBe(nl['maintenance.status.running']);
    const extend = submitOf(card, 'maintenance.extend');
    const replies = await send(personal(MARJA, { value: { ...extend.data, endDate: DATE, endTime: '23:30' } }), 2);
    expect(replies[0]!.body.text).toBe(translate('nl', 'maintenance.done.extended', { id: ID, end: `${DATE} 23:30` }));
    await expectUpdatedEverywhere(4, nl['maintenance.status.extended'], `${ID}: ${translate('nl', 'maintenance.event.extended', { actor: MARJA.name, text: `${DATE} 23:30` })}`);
    const put = putsTo(channelOf(MEDICURA))[3]!;
    expect(factsOf(expectAdaptiveCard(put))[nl['maintenance.fact.window']]).toBe(`${DATE} 20:00 – ${DATE} 23:30`);
  });

  it('at the old end nothing happens; at the new end: Afgerond, the same activity updated, a note in the thread', async () => {
    const m = await maintenance();
    await moveClockTo(Date.parse(m.startsAt) + 2 * HOUR);
    await sleep(800);
    for (const org of AUDIENCE) expect(putsTo(channelOf(org)), org).toHaveLength(4);
    expect((await maintenance()).status).toBe('extended');

    await moveClockTo(Date.parse(m.endsAt));
    await expectUpdatedEverywhere(5, nl['maintenance.status.done'], `${ID}: ${nl['maintenance.event.ended']}`);
    const done = await maintenance();
    expect(done.status).toBe('done');
    expect(done.timeline.map((e) => e.kind)).toEqual(['scheduled', 'reminder-24h', 'reminder-1h', 'started', 'extended', 'ended']);

    // The clock leaves it alone afterwards.
    await moveClockTo(Date.parse(m.endsAt) + DAY);
    await sleep(800);
    for (const org of AUDIENCE) {
      expect(putsTo(channelOf(org)), org).toHaveLength(5);
      expect(threadNotes(channelOf(org), cardIds[org]!), org).toHaveLength(5);
    }
  });

  it('/healthz is still 200', async () => {
    expect((await httpRequest(`${bot.url}/healthz`)).status).toBe(200);
  });
});
