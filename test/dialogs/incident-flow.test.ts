import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { translator } from '../../cards/i18n/translate.ts';
import type { CardView } from '../../cards/views/card-view.ts';
import type { Locale } from '../../core/conversation/locale.ts';
import type { Reply } from '../../core/conversation/reply.ts';
import {
  actionIds, AMANDUS, as, DUINZICHT, EPD, errors, facts, grantRoles, inAlertChannel, input, inputs, inputValues, linkAlertChannels, linkChannel,
  MEDICURA, onlyModalForm, openDemoHarness, RSO, texts, textThenCard, TWIIN, typedValues, WESTLINK,
} from '../support/chain-dialogs.ts';
import { onlyCard, onlyText, type DialogHarness, type SayOptions } from './dialog-harness.ts';

/**
 * Incidents in chat (issue 7), through the real installed flows and the engine on SQLite with the
 * demo directory: the filing form and its defaults, problems shown in the form with everything
 * typed kept, the patient-data guard (nl and en), filing and the channel card, the lifecycle
 * actions, finding one incident or the open list (linking = seeing), and the decision tree's
 * "Meld incident" button prefilling the form.
 */

const nl = translator('nl');
const en = translator('en');
const tr = (locale: Locale) => (locale === 'en' ? en : nl);

const LINDENDAEL = 'org-ziekenhuis-lindendael';

/** The harness gives no names, so the form asks for one after the description (the local web chat gives none either). */
const FIELDS = ['title', 'description', 'reporterName', 'applications', 'organisations', 'impact', 'startDate', 'startTime', 'sinceVersion', 'dataLeak'];

/** Users: a nurse (reporter) and a colleague at Sint Amandus, someone at WestLink, Twiin's service manager, an RSO member, a stranger. */
const NURSE = 'nurse';
const COLLEAGUE = 'colleague';
const WESTLINKER = 'westlinker';
const TWIIN_SM = 'twiin-sm';
const RSO_MEMBER = 'rso-member';
const STRANGER = 'stranger';

let h: DialogHarness;
beforeEach(async () => {
  h = await openDemoHarness();
  await grantRoles(h,
    [NURSE, 'care-professional', AMANDUS],
    [COLLEAGUE, 'care-professional', AMANDUS],
    [WESTLINKER, 'care-professional', WESTLINK],
    [TWIIN_SM, 'service-manager', TWIIN],
    [RSO_MEMBER, 'care-professional', RSO],
  );
  // Alert channels, so that anything filed by mistake would show up in the outbox.
  await linkAlertChannels(h, [AMANDUS, TWIIN, MEDICURA, RSO, WESTLINK]);
});
afterEach(async () => {
  await h.dispose();
});

/** The one reply, which must be the filing form sent as a form (a modal in Slack). */
const onlyForm = (replies: Reply[]): CardView => onlyModalForm(replies, 'incident.form').card;

/** What Teams sends for the form's "Melden" button: the inputs as text (multi-selects comma-separated, the toggle "true"/"false"). */
const submission = (card: CardView, changes: Record<string, unknown> = {}): Record<string, unknown> => ({ ...typedValues(card), ...changes });

const VALID = {
  title: 'Medicura EPD toont geen verloskundige gegevens',
  description: 'Sinds vanochtend komen de gegevens van de verloskundigen niet meer door in het EPD.',
  applications: EPD,
  organisations: `${AMANDUS},${DUINZICHT}`,
  impact: 'no-exchange',
  startDate: '2025-03-03',
  startTime: '08:15',
  sinceVersion: '4.2.1',
  dataLeak: 'false',
};

const incidents = () => h.services.incidentRepository.list({});
const outboxRows = () => h.services.outbox.report();

/** The nurse files through the form; returns the text and the card. */
async function file(values: Record<string, unknown>, o: SayOptions = as(NURSE)): Promise<{ text: string; card: CardView }> {
  const form = onlyForm(await h.say('meld storing', o));
  const { text, card } = textThenCard(await h.submit('incident.file', submission(form, values), o), 'incident');
  return { text, card };
}

describe('the filing form', () => {
  it.each([['meld storing'], ['incident'], ['storing melden'], ['report incident'], ['Meld een storing']])('%j → the form with every field, defaults filled in', async (said) => {
    const card = onlyForm(await h.say(said, as(NURSE)));
    expect(card.title).toBe(nl('incident.form.title'));
    expect(inputs(card).map((i) => i.id)).toEqual(FIELDS);
    expect(inputValues(card)).toEqual({
      title: '', description: '', reporterName: '', applications: [], organisations: [AMANDUS], impact: 'degraded',
      // The harness clock: Monday 3 March 2025, 10:00 in Amsterdam.
      startDate: '2025-03-03', startTime: '10:00', sinceVersion: '', dataLeak: false,
    });
    const applications = input(card, 'applications');
    expect(applications.kind === 'choice' && applications.multiSelect).toBe(true);
    expect(applications.kind === 'choice' && applications.choices.map((c) => c.value)).toContain(EPD);
    const organisations = input(card, 'organisations');
    expect(organisations.kind === 'choice' && organisations.multiSelect).toBe(true);
    const impact = input(card, 'impact');
    expect(impact.kind === 'choice' && impact.choices.map((c) => c.value)).toEqual(['no-exchange', 'degraded', 'hindrance']);
    expect(input(card, 'dataLeak').kind).toBe('toggle');
    expect(input(card, 'dataLeak').label).toBe(nl('incident.form.dataLeak'));
    // The information-security steps are on the form.
    expect(texts(card)).toContain(nl('incident.security.steps'));
    expect(actionIds(card)).toEqual(['incident.file', 'incident.check', 'form.cancel']);
    expect(errors(card)).toEqual({});
  });

  it('someone linked to no organisation gets the form with no organisation chosen', async () => {
    const card = onlyForm(await h.say('meld storing', as(STRANGER)));
    expect(input(card, 'organisations').value).toEqual([]);
  });

  it('"report incident" in English → the English form', async () => {
    const card = onlyForm(await h.say('report incident', as(NURSE, { locale: 'en' })));
    expect(card.title).toBe(en('incident.form.title'));
    expect(input(card, 'title').label).toBe(en('incident.form.titleField'));
    expect(texts(card)).toContain(en('incident.security.steps'));
  });

  it('the "Incident melden" button (incident.new) without data → the same empty form', async () => {
    const card = onlyForm(await h.press('incident.new', as(NURSE)));
    expect(inputValues(card)).toMatchObject({ title: '', applications: [], organisations: [AMANDUS] });
  });
});

describe('problems come back in the form, nothing typed is lost', () => {
  it('no title and a start in the future → the form again with the errors on those fields and every value kept; nothing stored or posted', async () => {
    const form = onlyForm(await h.say('meld storing', as(NURSE)));
    const typed = submission(form, { ...VALID, title: '   ', startDate: '2025-03-04', startTime: '09:30', dataLeak: 'true', applications: `${EPD},app-panorama-viewer` });
    const again = onlyForm(await h.submit('incident.file', typed, as(NURSE)));
    expect(errors(again)).toEqual({ title: nl('form.required'), startDate: nl('incident.problem.future') });
    expect(texts(again, 'warning')).toContain(nl('incident.form.fix'));
    expect(inputValues(again)).toEqual({
      title: '   ', description: VALID.description, reporterName: '', applications: [EPD, 'app-panorama-viewer'], organisations: [AMANDUS, DUINZICHT], impact: 'no-exchange',
      startDate: '2025-03-04', startTime: '09:30', sinceVersion: '4.2.1', dataLeak: true,
    });
    expect(await incidents()).toEqual([]);
    expect(await outboxRows()).toEqual([]);
  });

  it('an unknown application and an impossible time → errors on the form, values kept', async () => {
    const form = onlyForm(await h.say('meld storing', as(NURSE)));
    const again = onlyForm(await h.submit('incident.file', submission(form, { ...VALID, applications: `${EPD},app-bestaat-niet`, startTime: '25:99' }), as(NURSE)));
    expect(errors(again)).toEqual({ applications: nl('incident.problem.unknown', { ids: 'app-bestaat-niet' }), startDate: nl('incident.problem.invalid') });
    expect(inputValues(again)).toMatchObject({ applications: [EPD, 'app-bestaat-niet'], startTime: '25:99', title: VALID.title });
    expect(await incidents()).toEqual([]);
  });

  it('fixing the form and sending it again files the incident', async () => {
    const form = onlyForm(await h.say('meld storing', as(NURSE)));
    const again = onlyForm(await h.submit('incident.file', submission(form, { ...VALID, title: '' }), as(NURSE)));
    const replies = await h.submit('incident.file', submission(again, { title: VALID.title }), as(NURSE));
    expect(replies.map((r) => r.kind)).toEqual(['text', 'card']);
    expect((await incidents()).map((i) => i.title)).toEqual([VALID.title]);
  });
});

describe('the patient-data guard', () => {
  it.each(['nl', 'en'] as const)('a BSN in the description (%s) → refused in the form with a plain explanation, the text kept, nothing stored or posted', async (locale) => {
    const o = as(NURSE, { locale });
    const description = 'Bij patiënt met BSN 111 222 333 komt de uitslag niet door.';
    const form = onlyForm(await h.say(locale === 'en' ? 'report incident' : 'meld storing', o));
    const again = onlyForm(await h.submit('incident.file', submission(form, { ...VALID, description }), o));
    expect(again.title).toBe(tr(locale)('incident.form.title'));
    expect(errors(again)).toEqual({ description: tr(locale)('incident.problem.bsn', { found: '111 222 333' }) });
    // The refusal does not echo the number.
    expect(errors(again).description).not.toContain('111 222 333');
    expect(texts(again, 'warning')).toContain(tr(locale)('incident.form.fix'));
    expect(input(again, 'description').value).toBe(description);
    expect(inputValues(again)).toMatchObject({ title: VALID.title, applications: [EPD], organisations: [AMANDUS, DUINZICHT], impact: 'no-exchange', sinceVersion: '4.2.1' });
    expect(await incidents()).toEqual([]);
    expect(await outboxRows()).toEqual([]);
  });

  it('the explanation is Dutch by default and English for an English user, and never repeats the number', () => {
    expect(nl('incident.problem.bsn', { found: '111 222 333' })).toMatch(/burgerservicenummer/);
    expect(en('incident.problem.bsn', { found: '111 222 333' })).toMatch(/citizen service number/);
    for (const t of [nl, en]) {
      expect(t('incident.problem.bsn', { found: '111 222 333' })).not.toContain('111 222 333');
      expect(t('kbEdit.problem.bsn', { field: 'Tekst', found: '111 222 333' })).not.toContain('111 222 333');
    }
  });

  it('a BSN written with dots in the title is refused too', async () => {
    const form = onlyForm(await h.say('meld storing', as(NURSE)));
    const again = onlyForm(await h.submit('incident.file', submission(form, { ...VALID, title: 'Uitslag 1112.22.333 ontbreekt' }), as(NURSE)));
    expect(errors(again)).toEqual({ title: nl('incident.problem.bsn', { found: '1112.22.333' }) });
    expect(errors(again).title).not.toContain('1112.22.333');
    expect(await incidents()).toEqual([]);
  });

  it.each([['incident.update'], ['incident.resolve']])('a BSN in the card\'s text (%s) is refused with the explanation, nothing changes', async (action) => {
    await file(VALID);
    const id = 'INC-2025-0001';
    const before = (await incidents())[0]!;
    const refusal = onlyText(await h.submit(action, { incidentId: id, text: 'Patiënt 111222333 gebeld' }, as(TWIIN_SM)));
    expect(refusal).toBe(nl('incident.textProblem', { problem: nl('incident.problem.bsn', { found: '111222333' }) }));
    expect(refusal).not.toContain('111222333');
    const after = (await incidents())[0]!;
    expect(after).toEqual(before);
    expect(JSON.stringify(after)).not.toContain('111222333');
  });
});

describe('filing', () => {
  it('a chain incident: routed to Twiin, posted to Twiin and Medicura, the reporter told; the card shows the facts', async () => {
    // Twiin has a second alert channel: the answer counts channels (3), not organisations (2).
    await linkChannel(h, TWIIN, inAlertChannel(TWIIN, '-2'));
    const { text, card } = await file(VALID);
    const [incident] = await incidents();
    expect(incident).toMatchObject({
      id: 'INC-2025-0001', status: 'new', layer: 'chain', coordinatorId: TWIIN, applicationIds: [EPD], organisationIds: [AMANDUS, DUINZICHT],
      impact: 'no-exchange', sinceVersion: '4.2.1', possibleDataLeak: false, reporter: { id: `local:${NURSE}`, organisationId: AMANDUS },
      startedAt: '2025-03-03T07:15:00.000Z',
    });
    expect(incident!.audienceIds.sort()).toEqual([MEDICURA, TWIIN].sort());
    expect(text).toContain(nl('incident.filed', { id: 'INC-2025-0001', coordinator: 'Twiin ketenregie', reason: nl('incident.reason.severalGtks', { providers: 2, gtks: 3 }) }));
    expect(text).toContain(nl('incident.filed.channels', { channels: 3 }));
    // Twiin's desk is open 24x7: no desk-closed line.
    expect(text).not.toContain('Het incident wordt opgepakt zodra de servicedesk open is.');
    expect(card.title).toBe(`INC-2025-0001: ${VALID.title}`);
    expect(card.badge?.text).toBe(nl('incident.status.new'));
    expect(facts(card)).toMatchObject({ [nl('incident.fact.status')]: nl('incident.status.new'), [nl('incident.fact.sinceVersion')]: '4.2.1', [nl('incident.fact.started')]: '2025-03-03 08:15' });
    expect((await outboxRows()).map((r) => r.organisationId).sort()).toEqual([MEDICURA, TWIIN, TWIIN].sort());
  });

  it('a local incident → only the reporter\'s own organisation\'s channel', async () => {
    const { text } = await file({ ...VALID, organisations: AMANDUS });
    const [incident] = await incidents();
    expect(incident).toMatchObject({ layer: 'local', coordinatorId: AMANDUS, audienceIds: [AMANDUS] });
    expect(text).toContain(nl('incident.filed.local'));
    expect(text).toContain(nl('incident.filed.channels', { channels: 1 }));
    expect((await outboxRows()).map((r) => r.organisationId)).toEqual([AMANDUS]);
  });

  it('a local incident at another organisation, filed after its desk closed → that organisation named, and when its desk opens', async () => {
    // Monday 3 March 2025, 18:00: De Meander's desk (mon-fri 08:00-17:00) is closed until tomorrow 08:00.
    h.clock.set(new Date('2025-03-03T17:00:00.000Z'));
    const { text } = await file({ ...VALID, organisations: 'org-vp-de-meander', applications: '' });
    const [incident] = await incidents();
    expect(incident).toMatchObject({ layer: 'local', coordinatorId: 'org-vp-de-meander', audienceIds: ['org-vp-de-meander'], reporter: { organisationId: AMANDUS } });
    expect(text).toContain(nl('incident.filed.localOther', { organisation: 'Verloskundigenpraktijk De Meander' }));
    expect(text).not.toContain(nl('incident.filed.local'));
    // De Meander has no alert channel here.
    expect(text).toContain(nl('incident.filed.noChannels'));
    expect(text).toContain(nl('incident.filed.deskClosed', { coordinator: 'Verloskundigenpraktijk De Meander', status: nl('desk.closed.opensTomorrow', { time: '08:00' }) }));
    expect(text).toContain('Verloskundigenpraktijk De Meander: Nu gesloten – opent morgen om 08:00. Het incident wordt opgepakt zodra de servicedesk open is.');
  });

  it('a possible data leak → only reporter organisation, supplier and RSO; the card says Vertrouwelijk; the security steps in the answer', async () => {
    const { text, card } = await file({ ...VALID, dataLeak: 'true' });
    const [incident] = await incidents();
    expect(incident!.possibleDataLeak).toBe(true);
    expect(incident!.audienceIds).toEqual([AMANDUS, MEDICURA, RSO]);
    expect((await outboxRows()).map((r) => r.organisationId).sort()).toEqual([AMANDUS, MEDICURA, RSO].sort());
    expect(card.badge?.text).toContain(nl('incident.confidential.badge'));
    expect(texts(card, 'warning').join('\n')).toContain('Vertrouwelijk');
    // The note names the audience, in its order.
    expect(text).toContain(nl('incident.filed.securityNote', { audience: 'Sint Amandus Gasthuis, Medicura Zorgsystemen, RSO Rivierenland' }));
    expect(text).toContain(nl('incident.filed.channels', { channels: 3 }));
    expect(text).toContain(nl('incident.security.steps'));
  });
});

describe('finding incidents: linking = seeing', () => {
  it('"incident INC-2025-0001" shows the card to the reporter, a colleague and the coordinator; "niet gevonden" to others', async () => {
    await file(VALID);
    for (const user of [NURSE, COLLEAGUE, TWIIN_SM]) {
      const card = onlyCard(await h.say('incident INC-2025-0001', as(user)));
      expect(card.kind, user).toBe('incident');
      expect(card.title).toBe(`INC-2025-0001: ${VALID.title}`);
    }
    // Written loosely: lower case, number without the zeros.
    expect(onlyCard(await h.say('incident inc-2025-1', as(COLLEAGUE))).title).toBe(`INC-2025-0001: ${VALID.title}`);
    // As people write it: the number alone, after another word, or after a typo.
    for (const typed of ['INC-2025-0001', 'toon INC-2025-0001', 'incidnet INC-2025-0001', 'storing inc-2025-1']) {
      expect(onlyCard(await h.say(typed, as(COLLEAGUE))).title, typed).toBe(`INC-2025-0001: ${VALID.title}`);
    }
    for (const user of [WESTLINKER, STRANGER]) {
      expect(onlyText(await h.say('incident INC-2025-0001', as(user)))).toBe(nl('incident.notFound', { id: 'INC-2025-0001' }));
    }
    // Not even whether it exists.
    expect(onlyText(await h.say('incident INC-2025-0099', as(WESTLINKER)))).toBe(nl('incident.notFound', { id: 'INC-2025-0099' }));
    expect(onlyText(await h.say('incident INC-2025-0001', as(STRANGER, { locale: 'en' })))).toBe(en('incident.notFound', { id: 'INC-2025-0001' }));
  });

  it('a confidential incident is visible to its audience only, not to the coordinator\'s staff', async () => {
    await file({ ...VALID, dataLeak: 'true' });
    expect(onlyCard(await h.say('incident INC-2025-0001', as(RSO_MEMBER))).kind).toBe('incident');
    expect(onlyCard(await h.say('incident INC-2025-0001', as(COLLEAGUE))).kind).toBe('incident');
    expect(onlyText(await h.say('incident INC-2025-0001', as(TWIIN_SM)))).toBe(nl('incident.notFound', { id: 'INC-2025-0001' }));
  });

  it('"incidenten" / "incidents" lists the open incidents the person may see', async () => {
    await file(VALID);
    h.clock.set(new Date('2025-03-03T09:30:00.000Z'));
    await file({ ...VALID, title: 'Storing WestLink-uitwisselplatform', organisations: WESTLINK, applications: '' }, as(WESTLINKER));
    // Punctuation does not matter.
    expect(onlyCard(await h.say('Incidenten?', as(COLLEAGUE))).kind).toBe('incident.list');
    const colleague = onlyCard(await h.say('incidenten', as(COLLEAGUE)));
    expect(colleague.kind).toBe('incident.list');
    expect(colleague.title).toBe(nl('incident.list.title', { count: 1 }));
    expect(JSON.stringify(colleague.blocks)).toContain(`INC-2025-0001: ${VALID.title}`);
    const westlinker = onlyCard(await h.say('incidenten', as(WESTLINKER)));
    expect(westlinker.title).toBe(nl('incident.list.title', { count: 1 }));
    expect(JSON.stringify(westlinker.blocks)).toContain('INC-2025-0002');
    // Twiin coordinates the first; the second is WestLink's own (GtK layer).
    expect(onlyCard(await h.say('incidents', as(TWIIN_SM, { locale: 'en' }))).title).toBe(en('incident.list.title', { count: 1 }));
    const stranger = onlyCard(await h.say('incidenten', as(STRANGER)));
    expect(texts(stranger)).toEqual([nl('incident.list.none')]);
  });

  it('a closed incident is no longer in the list', async () => {
    await file(VALID);
    await h.submit('incident.resolve', { incidentId: 'INC-2025-0001', text: 'Koppeling herstart' }, as(TWIIN_SM));
    await h.submit('incident.confirm', { incidentId: 'INC-2025-0001' }, as(NURSE));
    expect(texts(onlyCard(await h.say('incidenten', as(COLLEAGUE))))).toEqual([nl('incident.list.none')]);
  });
});

describe('the lifecycle from the card', () => {
  it('take → resolve → confirm; a care professional cannot take; only the reporter confirms', async () => {
    await file(VALID);
    const id = 'INC-2025-0001';
    expect(onlyText(await h.submit('incident.take', { incidentId: id }, as(COLLEAGUE)))).toBe(nl('incident.forbidden', { id }));
    expect((await incidents())[0]!.status).toBe('new');

    const taken = await h.submit('incident.take', { incidentId: id }, as(TWIIN_SM));
    expect(taken.map((r) => (r.kind === 'text' ? r.text : `card:${r.card.kind}`))).toEqual([nl('incident.done.taken', { id, coordinator: 'Twiin ketenregie' }), 'card:incident']);
    const card = taken[1]!.kind === 'card' ? taken[1]!.card : undefined;
    expect(card?.badge?.text).toBe(nl('incident.status.in-progress'));
    expect(facts(card!)[nl('incident.fact.owner')]).toBe(TWIIN_SM);
    expect(actionIds(card!)).toEqual(['incident.update', 'incident.resolve']);

    // The status in lower case, mid-sentence: "… is in behandeling."
    expect(onlyText(await h.submit('incident.take', { incidentId: id }, as(TWIIN_SM)))).toBe(nl('incident.wrongStatus', { id, status: nl('incident.status.in-progress').toLowerCase() }));
    expect(onlyText(await h.submit('incident.resolve', { incidentId: id, text: '  ' }, as(TWIIN_SM)))).toBe(nl('incident.textRequired'));
    const resolved = await h.submit('incident.resolve', { incidentId: id, text: 'Koppeling herstart' }, as(TWIIN_SM));
    expect(resolved[0]).toEqual({ kind: 'text', text: nl('incident.done.resolved', { id, coordinator: 'Twiin ketenregie' }) });
    // A resolved card asks why it would be reopened, before the confirm and reopen actions.
    const resolvedCard = resolved[1]!.kind === 'card' ? resolved[1]!.card : undefined;
    expect(inputs(resolvedCard!).map((i) => [i.id, i.kind, i.label])).toEqual([['text', 'text', nl('incident.card.reopenReason')]]);
    expect(actionIds(resolvedCard!)).toEqual(['incident.confirm', 'incident.reopen']);

    expect(onlyText(await h.submit('incident.confirm', { incidentId: id }, as(TWIIN_SM)))).toBe(nl('incident.notReporter', { id }));
    const closed = await h.submit('incident.confirm', { incidentId: id }, as(NURSE));
    expect(closed[0]).toEqual({ kind: 'text', text: nl('incident.done.closed', { id, coordinator: 'Twiin ketenregie' }) });
    const last = closed[1]!.kind === 'card' ? closed[1]!.card : undefined;
    expect(last?.badge?.text).toBe(nl('incident.status.closed'));
    expect(facts(last!)[nl('incident.fact.resolution')]).toBe('Koppeling herstart');
    // So does a closed card, before its reopen action.
    expect(inputs(last!).map((i) => [i.id, i.kind, i.label])).toEqual([['text', 'text', nl('incident.card.reopenReason')]]);
    expect(actionIds(last!)).toEqual(['incident.reopen']);
    expect((await incidents())[0]).toMatchObject({ status: 'closed', resolution: 'Koppeling herstart', owner: { id: `local:${TWIIN_SM}` } });
    expect((await incidents())[0]!.timeline.map((e) => e.kind)).toEqual(['filed', 'taken', 'resolved', 'closed']);
  });

  it('"Oppakken" with a BSN in the card\'s text is refused as a whole (not taken behind the user\'s back)', async () => {
    // dialogs/incident-flow.ts act('take') runs take() first and addUpdate(text) afterwards: the take
    // is stored and published (channel cards updated, reporter told), then the text is refused and
    // the only reply says "… Er is niets opgeslagen of verstuurd." — which is not true.
    await file(VALID);
    const id = 'INC-2025-0001';
    const refusal = onlyText(await h.submit('incident.take', { incidentId: id, text: 'Patiënt 111222333 gebeld' }, as(TWIIN_SM)));
    expect(refusal).toBe(nl('incident.textProblem', { problem: nl('incident.problem.bsn', { found: '111222333' }) }));
    expect((await incidents())[0]!.status).toBe('new');
  });

  it('"Oppakken" with a text → taken, with the text as its first note', async () => {
    await file(VALID);
    const id = 'INC-2025-0001';
    const replies = await h.submit('incident.take', { incidentId: id, text: 'We kijken ernaar met Medicura.' }, as(TWIIN_SM));
    expect(replies[0]).toEqual({ kind: 'text', text: nl('incident.done.taken', { id }) });
    expect((await incidents())[0]!.timeline.map((e) => [e.kind, e.text])).toEqual([['filed', undefined], ['taken', 'We kijken ernaar met Medicura.']]);
  });

  it('an action on an incident the person may not see → "niet gevonden"', async () => {
    await file(VALID);
    expect(onlyText(await h.submit('incident.take', { incidentId: 'INC-2025-0001' }, as(WESTLINKER)))).toBe(nl('incident.notFound', { id: 'INC-2025-0001' }));
  });
});

describe('from the decision tree', () => {
  it('"Meld incident" on the outcome (incident.new with application and answers) → the form with the application, title and path prefilled', async () => {
    // A midwife Ketenbot does not know yet: she tells the tree where she works.
    const o = as('midwife');
    expect(onlyCard(await h.say('ik heb een probleem', o)).kind).toBe('tree.step');
    expect(onlyCard(await h.say('Ziekenhuis Lindendael', o)).kind).toBe('tree.step');
    expect(onlyCard(await h.say('koppeling', o)).kind).toBe('tree.step');
    // Berichten komen niet aan: naar of van iedereen (the tree asks which messages first).
    expect(onlyCard(await h.say('van of naar iedereen', o)).kind).toBe('tree.step');
    const outcome = onlyCard(await h.say('Medicura EPD', o));
    expect(outcome.kind).toBe('tree.outcome');
    const button = outcome.actions?.find((a) => a.kind === 'submit' && a.id === 'incident.new');
    if (button?.kind !== 'submit') throw new Error(`no "Meld incident" button: ${JSON.stringify(outcome.actions)}`);
    expect(button.label).toBe(nl('tree.outcome.incident'));
    expect(button.data).toMatchObject({ application: EPD });

    const form = onlyForm(await h.submit('incident.new', { ...button.data }, o));
    expect(inputValues(form)).toMatchObject({
      title: nl('incident.prefill.title', { application: 'Medicura EPD' }),
      description: nl('incident.prefill.description', { answers: String(button.data!.answers) }),
      applications: [EPD],
      // The organisation told to the tree.
      organisations: [LINDENDAEL],
      impact: 'degraded',
    });
    // The tree run is over; filing from this form works.
    const replies = await h.submit('incident.file', submission(form), o);
    expect(replies.map((r) => r.kind), JSON.stringify(replies)).toEqual(['text', 'card']);
    expect((await incidents())[0]).toMatchObject({ applicationIds: [EPD], organisationIds: [LINDENDAEL], reporter: { organisationId: LINDENDAEL } });
  });
});
