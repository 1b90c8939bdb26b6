import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { translator } from '../../cards/i18n/translate.ts';
import type { CardView } from '../../cards/views/card-view.ts';
import type { Inbound } from '../../core/conversation/inbound.ts';
import type { Reply } from '../../core/conversation/reply.ts';
import { importDirectory } from '../../core/domain/directory/import-directory.ts';
import { importKbEntries } from '../../core/domain/knowledge-base/import-entries.ts';
import { scrubQuestion } from '../../core/domain/knowledge-base/kb-events.ts';
import { DEFAULT_TREE_FILE } from '../../bot/default-tree.ts';
import { readFileSync } from 'node:fs';
import {
  AMANDUS, ANNOUNCEMENT_USERS, as, channelAdmin, DUINZICHT, EPD, errors, formSubmission, grantRoles, input, inputValues, onlyModalForm,
  openAnnouncementHarness, texts, textThenCard, TWIIN,
} from '../support/chain-dialogs.ts';
import { onlyCard, onlyText, type DialogHarness, type SayOptions } from '../dialogs/dialog-harness.ts';

/**
 * The patient-data guard at every place free text is stored or posted (issue 14, points 3 and 4),
 * through the real flows and services on SQLite with the demo directory: a BSN written with dashes
 * or in full-width digits, or split over two fields, is refused at each, with the field named and
 * everything typed kept; text that looks like a patient's name or date of birth is warned about
 * and stored only once confirmed; a confidential incident's channel previews carry no free text.
 */

const nl = translator('nl');
const en = translator('en');
const { ADMIN, NURSE, COORDINATOR } = ANNOUNCEMENT_USERS;
const TWIIN_SM = 'twiin-sm';
const AMANDUS_ADMIN = channelAdmin(AMANDUS);

const DASHED = '123-456-782';
const FULL_WIDTH = '１１１２２２３３３';

let h: DialogHarness;
beforeEach(async () => {
  h = await openAnnouncementHarness();
  await grantRoles(h, [TWIIN_SM, 'service-manager', TWIIN]);
});
afterEach(async () => {
  await h.dispose();
});

const INCIDENT = {
  title: 'Medicura EPD toont geen verloskundige gegevens',
  description: 'Sinds vanochtend komen de gegevens van de verloskundigen niet meer door in het EPD.',
  applications: EPD, organisations: `${AMANDUS},${DUINZICHT}`, impact: 'no-exchange', startDate: '2025-03-03', startTime: '08:15', sinceVersion: '4.2.1', dataLeak: 'false',
};
const MAINTENANCE = {
  applications: EPD, startDate: '2025-03-05', startTime: '20:00', endDate: '2025-03-05', endTime: '23:30', impact: 'no-exchange',
  description: 'Upgrade van de Medicura koppelserver; berichten komen daarna alsnog binnen.', contact: 'Marja de Beheerder, 030 123 4567',
};
const RELEASE = { application: EPD, version: '5.1.0', changes: 'Nieuwe overdrachtsberichten voor de kraamzorg.', forWhom: 'Ziekenhuizen die het EPD gebruiken' };
const NEWS = { title: 'Storing RivierenNet verholpen', text: 'De berichten komen weer door; wat bleef hangen wordt vannacht verstuurd.' };
const ARTICLE = { mode: 'new', id: 'kb-guard-1', language: 'nl', title: 'Scanner leest de pas niet', problem: 'De scanner geeft een rode lamp.', solution: 'Herstart de scanner.', tags: '', applications: '', audience: 'zorgverlener' };

/** The form a user gets by saying this (sent as a form: a modal in Slack). */
async function formFor(said: string, kind: string, o: SayOptions): Promise<CardView> {
  return onlyModalForm(await h.say(said, o), kind).card;
}
const submit = (form: CardView, action: string, changes: Record<string, unknown>, o: SayOptions) => h.submit(action, formSubmission(form, action, changes), o);
const again = (replies: Reply[], kind: string) => onlyModalForm(replies, kind).card;

const incidents = () => h.services.incidentRepository.list({});
const noticeCards = async () => ((await h.db.dataSource.query('SELECT card FROM notice')) as Array<{ card: string }>).map((r) => JSON.parse(r.card) as CardView);
const deliveryTexts = async () => ((await h.db.dataSource.query('SELECT text FROM delivery WHERE text IS NOT NULL')) as Array<{ text: string }>).map((r) => r.text);

describe('a BSN with dashes or in full-width digits is refused wherever free text is stored or posted', () => {
  it('incident form: dashed in the description, full-width in the title → the form again with the problem on each field, everything kept, nothing stored', async () => {
    const form = await formFor('meld storing', 'incident.form', as(NURSE));
    const typed = { ...INCIDENT, title: `Dossier ${FULL_WIDTH} weg`, description: `BSN: ${DASHED} geeft fout` };
    const card = again(await submit(form, 'incident.file', typed, as(NURSE)), 'incident.form');
    expect(errors(card)).toEqual({ title: nl('incident.problem.bsn', { found: FULL_WIDTH }), description: nl('incident.problem.bsn', { found: DASHED }) });
    expect(inputValues(card)).toMatchObject({ title: typed.title, description: typed.description });
    expect(await incidents()).toEqual([]);
  });

  it('incident form: a number split over the end of the title and the start of the description → both fields', async () => {
    const form = await formFor('meld storing', 'incident.form', as(NURSE));
    const card = again(await submit(form, 'incident.file', { ...INCIDENT, title: 'Uitslag niet zichtbaar 1234', description: '56782 is het nummer' }, as(NURSE)), 'incident.form');
    expect(Object.keys(errors(card))).toEqual(['title', 'description']);
    expect(await incidents()).toEqual([]);
  });

  it('incident card: an update with a dashed BSN is refused; nothing changes', async () => {
    const form = await formFor('meld storing', 'incident.form', as(NURSE));
    const { card } = textThenCard(await submit(form, 'incident.file', INCIDENT, as(NURSE)), 'incident');
    const id = card.title.split(':')[0]!;
    const before = (await h.services.incidentRepository.get(id))!;
    const refusal = onlyText(await h.submit('incident.update', { incidentId: id, text: `Patiënt ${DASHED} gebeld` }, as(TWIIN_SM)));
    expect(refusal).toBe(nl('incident.textProblem', { problem: nl('incident.problem.bsn', { found: DASHED }) }));
    expect((await h.services.incidentRepository.get(id))!.timeline).toEqual(before.timeline);
  });

  it('maintenance form: full-width in the description → refused on that field', async () => {
    const form = await formFor('onderhoud', 'maintenance.form', as(ADMIN));
    const card = again(await submit(form, 'maintenance.save', { ...MAINTENANCE, description: `Test met dossier ${FULL_WIDTH}` }, as(ADMIN)), 'maintenance.form');
    expect(errors(card)).toEqual({ description: nl('incident.problem.bsn', { found: FULL_WIDTH }) });
    expect(await h.services.maintenance.active()).toEqual([]);
  });

  it('release form: dashed in the changes → refused on that field', async () => {
    const form = await formFor('release', 'release.form', as(ADMIN));
    const card = again(await submit(form, 'release.save', { ...RELEASE, changes: `Fix voor dossier ${DASHED}` }, as(ADMIN)), 'release.form');
    expect(errors(card)).toEqual({ changes: nl('incident.problem.bsn', { found: DASHED }) });
  });

  it('news form: full-width in the text, and a number split over the title and the text → refused', async () => {
    const form = await formFor('nieuws', 'news.form', as(COORDINATOR));
    const card = again(await submit(form, 'news.save', { title: NEWS.title, text: `Cliënt ${FULL_WIDTH} is verhuisd` }, as(COORDINATOR)), 'news.form');
    expect(errors(card)).toEqual({ text: nl('incident.problem.bsn', { found: FULL_WIDTH }) });
    const split = again(await submit(card, 'news.save', { title: 'Storing bij 1234', text: '56782 verholpen' }, as(COORDINATOR)), 'news.form');
    expect(Object.keys(errors(split))).toEqual(['title', 'text']);
    expect(await h.services.news.recent()).toEqual([]);
  });

  it('knowledge-base form: dashed in the solution, and one split over the title and the problem → refused, every value kept', async () => {
    const form = await formFor('kb nieuw', 'kb.edit', as(COORDINATOR));
    const card = again(await h.submit('kbEdit.save', { ...ARTICLE, solution: `Bel de patiënt met BSN ${DASHED} terug.` }, as(COORDINATOR)), 'kb.edit');
    expect(texts(card, 'warning').join('\n')).toContain(nl('kbEdit.problem.bsn', { field: nl('kbEdit.solution'), found: DASHED }));
    expect(inputValues(card)).toMatchObject({ solution: `Bel de patiënt met BSN ${DASHED} terug.` });
    const split = again(await h.submit('kbEdit.save', { ...ARTICLE, title: 'Pas 1234', problem: '56782 wordt niet gelezen' }, as(COORDINATOR)), 'kb.edit');
    expect(texts(split, 'warning').join('\n')).toContain(nl('kbEdit.problem.bsn', { field: nl('kbEdit.titleField'), found: '123456782' }));
    expect(await h.services.kb.byIds(['kb-guard-1'])).toEqual([]);
    expect(form.kind).toBe('kb.edit');
  });

  it('own profile: a dashed BSN as the name, a full-width one as the job title → refused naming the field, values kept, nothing saved', async () => {
    await h.say('mijn gegevens', as(NURSE));
    const card = onlyCard(await h.submit('profile.save', { name: `Noor ${DASHED}`, phone: '', email: '', role: 'verpleegkundige' }, as(NURSE)));
    expect(texts(card, 'warning')).toEqual([nl('access.bsn', { field: nl('profile.name') })]);
    expect(input(card, 'name').value).toBe(`Noor ${DASHED}`);
    const title = onlyCard(await h.submit('profile.save', { name: 'Noor', phone: '', email: '', role: `verpleegkundige ${FULL_WIDTH}` }, as(NURSE, { locale: 'en' })));
    expect(texts(title, 'warning')).toEqual([en('access.bsn', { field: en('profile.function') })]);
    const person = await h.services.people.of({ platform: 'local', actor: { id: NURSE } });
    expect(person.contactId).toBeUndefined();
  });

  it('contact edit by an administrator: a dashed BSN as the phone number → refused; the contact is unchanged', async () => {
    const contact = (await h.services.directory.load()).contacts.find((c) => c.organisationId === AMANDUS)!;
    const card = onlyCard(await h.submit('profile.saveContact', { contactId: contact.id, name: contact.name, phone: DASHED, email: contact.email ?? '', role: contact.role }, as(AMANDUS_ADMIN)));
    expect(card.kind).toBe('contact.edit');
    expect(texts(card, 'warning')).toEqual([nl('access.bsn', { field: nl('profile.phone') })]);
    expect(input(card, 'phone').value).toBe(DASHED);
    expect((await h.services.directory.load()).contacts.find((c) => c.id === contact.id)).toEqual(contact);
  });

  it('invitation: an address holding a dashed BSN → the form again with the reason and the values; no invitation', async () => {
    const replies = await h.submit('invite.create', { invitee: `${DASHED}@example.org`, role: 'servicedesk-agent', organisations: AMANDUS }, as(AMANDUS_ADMIN));
    const card = onlyCard(replies);
    expect(card.kind).toBe('invite.form');
    expect(texts(card, 'warning')).toEqual([nl('access.bsn', { field: 'E-mailadres' })]);
    expect(input(card, 'invitee').value).toBe(`${DASHED}@example.org`);
    const list = await h.services.invitations.list((await h.services.people.of({ platform: 'local', actor: { id: AMANDUS_ADMIN } })));
    expect(list.ok && list.value).toEqual([]);
  });

  it('decision-tree file: a dashed BSN in a node text → not published, the node named', async () => {
    const tree = JSON.parse(readFileSync(DEFAULT_TREE_FILE, 'utf8')) as { version: string; root: string; nodes: Array<{ id: string; text?: { nl: string; en: string } }> };
    tree.version = 'guard-1';
    const root = tree.nodes.find((n) => n.id === tree.root)!;
    root.text = { nl: `Waar gaat het over? (dossier ${DASHED})`, en: 'What is it about?' };
    const inbound: Inbound = {
      platform: 'local', actor: { id: COORDINATOR }, conversation: { id: 'tree-upload', kind: 'personal' }, locale: 'nl', text: 'beslisboom publiceren', receivedAt: h.clock.now(),
      attachments: [{ name: 'beslisboom.json', contentType: 'application/json', readText: async () => JSON.stringify(tree) }],
    };
    const answer = onlyText(await h.engine.handle(inbound));
    expect(answer).toContain(`node "${tree.root}"`);
    expect(answer).toContain(`text.nl contains a citizen service number (BSN) "${DASHED}"`);
    expect((await h.services.tree.list()).map((v) => v.version)).not.toContain('guard-1');
  });

  it('directory file: a full-width BSN in a contact\'s job title → nothing imported, the path named', async () => {
    const directory = await h.services.directory.load();
    const file = { ...directory, contacts: directory.contacts.map((c, i) => (i === 0 ? { ...c, role: `servicedesk ${FULL_WIDTH}` } : c)) };
    const result = await importDirectory(h.services.directory, file, { replace: true, actor: 'test', now: h.clock.now() });
    expect('problems' in result && result.problems).toEqual([{ path: 'contacts[0].role', message: expect.stringContaining(`citizen service number (BSN) "${FULL_WIDTH}"`) }]);
    expect(await h.services.directory.load()).toEqual(directory);
  });

  it('knowledge-base file: a number split over the title and the problem → nothing imported', async () => {
    const entry = { id: 'kb-guard-2', language: 'nl', title: 'Pas 1234', problem: '56782 wordt niet gelezen', solution: 'Herstart.' };
    const result = await importKbEntries(h.services.kb, { entries: [entry] }, { actor: 'test', now: h.clock.now() });
    expect('problems' in result && result.problems.map((p) => p.path)).toEqual(['entries[0].title', 'entries[0].problem']);
  });

  it('unanswered knowledge-base questions are kept without the number, however it was written', () => {
    expect(scrubQuestion(`Uitslag van BSN ${FULL_WIDTH} komt niet`)).toBe('Uitslag van BSN [nummer] komt niet');
    expect(scrubQuestion('BSN 123\u200b456\u200b782 graag')).toBe('BSN [nummer] graag');
    expect(scrubQuestion('bsn ١٢٣-٤٥٦-٧٨٢')).toBe('bsn [nummer]');
  });
});

describe('patient details are warned about before storing, and stored once confirmed', () => {
  const TITLE = 'Uitslag van mevrouw Jansen in dossier verkeerde cliënt';
  const DESCRIPTION = 'De uitslag (geboren 12-03-1990) staat bij de verkeerde praktijk.';

  it('incident form: the title and description of the issue → a warning naming both fields and a confirmation toggle; nothing stored, nothing typed lost', async () => {
    const form = await formFor('meld storing', 'incident.form', as(NURSE));
    const card = again(await submit(form, 'incident.file', { ...INCIDENT, title: TITLE, description: DESCRIPTION }, as(NURSE)), 'incident.form');
    expect(texts(card, 'warning')).toContain(nl('privacy.patient.warning', { fields: "'Titel' en 'Omschrijving'" }));
    expect(texts(card, 'warning')).toContain("Dit lijkt op patiëntgegevens (een naam of geboortedatum) in 'Titel' en 'Omschrijving'. Haal het weg, of bevestig dat het geen patiëntgegevens zijn.");
    expect(errors(card)).toEqual({ title: nl('privacy.patient.field'), description: nl('privacy.patient.field') });
    expect(input(card, 'notPatientData')).toMatchObject({ kind: 'toggle', label: nl('privacy.patient.confirm'), value: false });
    expect(inputValues(card)).toMatchObject({ title: TITLE, description: DESCRIPTION, organisations: [AMANDUS, DUINZICHT], impact: 'no-exchange', sinceVersion: '4.2.1' });
    expect(await incidents()).toEqual([]);

    // Confirmed: filed as typed.
    const { card: filed } = textThenCard(await submit(card, 'incident.file', { notPatientData: 'true' }, as(NURSE)), 'incident');
    expect(filed.title).toContain(TITLE);
    expect((await incidents()).map((i) => [i.title, i.description])).toEqual([[TITLE, DESCRIPTION]]);
  });

  it('in English for an English user', async () => {
    const form = await formFor('report incident', 'incident.form', as(NURSE, { locale: 'en' }));
    const card = again(await submit(form, 'incident.file', { ...INCIDENT, description: 'Results of Mrs Johnson were sent to the wrong practice.' }, as(NURSE, { locale: 'en' })), 'incident.form');
    expect(texts(card, 'warning')).toContain(en('privacy.patient.warning', { fields: `'${en('incident.form.description')}'` }));
    expect(input(card, 'notPatientData')).toMatchObject({ label: 'This is not patient data' });
  });

  it('"de cliënt kan niet inloggen" and dates near now are filed without a warning', async () => {
    const form = await formFor('meld storing', 'incident.form', as(NURSE));
    const { card } = textThenCard(await submit(form, 'incident.file', { ...INCIDENT, title: 'De cliënt kan niet inloggen', description: 'Sinds 03-03-2025 08:15 kan de cliënt niet inloggen op het portaal.' }, as(NURSE)), 'incident');
    expect(card.kind).toBe('incident');
  });

  it('a confirmation stays on while the form comes back for something else', async () => {
    const form = await formFor('meld storing', 'incident.form', as(NURSE));
    const card = again(await submit(form, 'incident.file', { ...INCIDENT, title: '', description: DESCRIPTION, notPatientData: 'true' }, as(NURSE)), 'incident.form');
    expect(errors(card)).toEqual({ title: nl('form.required') });
    expect(input(card, 'notPatientData').value).toBe(true);
  });

  it('maintenance: a name in the description is warned about (a colleague in the contact field is not), then scheduled once confirmed', async () => {
    const form = await formFor('onderhoud', 'maintenance.form', as(ADMIN));
    const typed = { ...MAINTENANCE, description: 'Na de upgrade testen we met het dossier van dhr. Bakker.', contact: 'mevrouw De Beheerder, 030 123 4567' };
    const card = again(await submit(form, 'maintenance.save', typed, as(ADMIN)), 'maintenance.form');
    expect(errors(card)).toEqual({ description: nl('privacy.patient.field') });
    expect(texts(card, 'warning')).toContain(nl('privacy.patient.warning', { fields: `'${nl('maintenance.form.description')}'` }));
    const { card: scheduled } = textThenCard(await submit(card, 'maintenance.save', { notPatientData: 'true' }, as(ADMIN)), 'maintenance');
    expect(scheduled.kind).toBe('maintenance');
    expect(await h.services.maintenance.active()).toHaveLength(1);
  });

  it('release: a date of birth in the changes → warned, then announced once confirmed', async () => {
    const form = await formFor('release', 'release.form', as(ADMIN));
    const card = again(await submit(form, 'release.save', { ...RELEASE, changes: 'Fix voor het dossier van de zwangere geb. 01-01-1985.' }, as(ADMIN)), 'release.form');
    expect(errors(card)).toEqual({ changes: nl('privacy.patient.field') });
    expect(textThenCard(await submit(card, 'release.save', { notPatientData: 'true' }, as(ADMIN)), 'release').card.kind).toBe('release');
  });

  it('news: a name in the title → warned, then posted once confirmed', async () => {
    const form = await formFor('nieuws', 'news.form', as(COORDINATOR));
    const card = again(await submit(form, 'news.save', { ...NEWS, title: 'Uitslag van patiënt De Graaf verkeerd verstuurd' }, as(COORDINATOR)), 'news.form');
    expect(errors(card)).toEqual({ title: nl('privacy.patient.field') });
    expect(textThenCard(await submit(card, 'news.save', { notPatientData: 'true' }, as(COORDINATOR)), 'news').card.kind).toBe('news');
    expect(await h.services.news.recent()).toHaveLength(1);
  });

  it('knowledge base: a name in the problem → warned, then saved once confirmed', async () => {
    await formFor('kb nieuw', 'kb.edit', as(COORDINATOR));
    const card = again(await h.submit('kbEdit.save', { ...ARTICLE, problem: 'Bij mw. De Vries geeft de scanner een rode lamp.' }, as(COORDINATOR)), 'kb.edit');
    expect(texts(card, 'warning')).toContain(nl('privacy.patient.warning', { fields: `'${nl('kbEdit.problem')}'` }));
    expect(await h.services.kb.byIds(['kb-guard-1'])).toEqual([]);
    const saved = onlyText(await h.submit('kbEdit.save', { ...formSubmission(card, 'kbEdit.save'), notPatientData: 'true' }, as(COORDINATOR)));
    expect(saved).toContain('kb-guard-1');
    expect(await h.services.kb.byIds(['kb-guard-1'])).toHaveLength(1);
  });
});

describe('a confidential incident (possible data leak): no free text in channel previews', () => {
  it('titled "Uitslag van mevrouw Jansen": no preview (card fallback text) and no thread note in any channel names her', async () => {
    const form = await formFor('meld storing', 'incident.form', as(NURSE));
    const typed = { ...INCIDENT, title: 'Uitslag van mevrouw Jansen', description: 'Uitslag van mevrouw Jansen zichtbaar bij de verkeerde praktijk.', dataLeak: 'true', notPatientData: 'true' };
    const { card } = textThenCard(await submit(form, 'incident.file', typed, as(NURSE)), 'incident');
    const id = card.title.split(':')[0]!;
    // The supplier (Medicura administers the EPD) adds information and resolves: free text that goes to the channels' threads.
    // A name in a note is held once with a warning, and stored when the same button is pressed again.
    const update = () => h.submit('incident.update', { incidentId: id, text: 'Mevrouw Jansen is gebeld.' }, as(ADMIN));
    expect((await update())[0]).toEqual({ kind: 'text', text: nl('incident.patient.pressAgain') });
    expect((await update())[0]).toEqual({ kind: 'text', text: nl('incident.done.update', { id, coordinator: 'Sint Amandus Gasthuis' }) });
    const resolve = () => h.submit('incident.resolve', { incidentId: id, text: 'Uitslag van mevrouw Jansen verwijderd bij de praktijk.' }, as(ADMIN));
    expect((await resolve())[0]).toEqual({ kind: 'text', text: nl('incident.patient.pressAgain') });
    expect((await resolve())[0]).toMatchObject({ kind: 'text', text: nl('incident.done.resolved', { id, coordinator: 'Sint Amandus Gasthuis' }) });

    const cards = await noticeCards();
    expect(cards.length).toBeGreaterThan(0);
    for (const c of cards) {
      expect(c.fallbackText).toMatch(new RegExp(`^${id}: Medicura EPD \\(.+ · ${nl('incident.confidential.badge')}\\)$`));
      expect(c.fallbackText).not.toContain('Jansen');
    }
    const notes = await deliveryTexts();
    expect(notes.length).toBeGreaterThan(0);
    for (const note of notes) expect(note).not.toContain('Jansen');
    expect(notes).toContain(`${id}: ${nl('incident.timeline.update', { actor: ADMIN, text: '' }).replace(/[\s:]+$/, '')}`);
  });

  it('an incident that is not confidential keeps its title in the preview', async () => {
    const form = await formFor('meld storing', 'incident.form', as(NURSE));
    textThenCard(await submit(form, 'incident.file', INCIDENT, as(NURSE)), 'incident');
    expect((await noticeCards()).map((c) => c.fallbackText)).toContain(`INC-2025-0001: ${INCIDENT.title} (${nl('incident.status.new')})`);
  });
});
