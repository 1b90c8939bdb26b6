import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { translator } from '../../cards/i18n/translate.ts';
import type { CardView } from '../../cards/views/card-view.ts';
import type { Locale } from '../../core/conversation/locale.ts';
import { deskStatusOf } from '../../core/domain/directory/desk-status-of.ts';
import type { DirectoryDocument } from '../../core/domain/directory/types.ts';
import { grantHarnessRole, loadDemoDirectory, onlyCard, onlyText, openDialogHarness, type DialogHarness } from './dialog-harness.ts';

let h: DialogHarness;
let directory: DirectoryDocument;
beforeEach(async () => {
  h = await openDialogHarness();
  directory = await loadDemoDirectory(h);
});
afterEach(async () => {
  await h.dispose();
});

const org = (id: string) => directory.organisations.find((o) => o.id === id)!;
const texts = (card: CardView) => card.blocks.flatMap((b) => (b.type === 'text' ? [b.text] : []));
const facts = (card: CardView) => Object.fromEntries(card.blocks.flatMap((b) => (b.type === 'facts' ? b.facts.map((f) => [f.label, f.value]) : [])));
const listItems = (card: CardView) => card.blocks.flatMap((b) => (b.type === 'list' ? b.items : []));
const inputs = (card: CardView) => card.blocks.flatMap((b) => (b.type === 'input' ? [b.input] : []));

const RIVIERENNET_GTK = 'RivierenNet Zorguitwisseling (GtK)';
const RIVIERENNET_CONTACTS = ['Joris van Dalen – servicedesk', 'Marleen Hoekstra – service manager'];

describe('"wie beheert <applicatie>?": the application card', () => {
  it.each([['wie beheert RivierenNet?'], ['Wie beheert rivierennet'], ['wie is de beheerder van RivierenNet'], ['beheerder van rivierenet'], ['WIE BEHEERT RIVIERENNET']])(
    '%j → RivierenNet, administered by the GtK, with its desk, phone and whether it is open now',
    async (input) => {
      const t = translator('nl');
      const card = onlyCard(await h.say(input));
      expect(card.kind).toBe('directory.application');
      expect(card.title).toBe('RivierenNet uitwisselplatform');
      expect(card.subtitle).toBe(`Applicatie (GtK-applicatie) – beheerd door ${RIVIERENNET_GTK}`);
      expect(texts(card)).toContain('Loket: Servicedesk RivierenNet');
      expect(facts(card)[t('desk.field.phone')]).toBe('+31 20 555 0118');
      expect(facts(card)[t('desk.field.email')]).toBe('servicedesk.rivierennet@example.org');
      // Monday 3 March 2025, 10:00 in Amsterdam; the desk is open on weekdays 08:00–18:00.
      expect(deskStatusOf(org('org-gtk-rivierennet'), h.clock.now()).open).toBe(true);
      expect(card.badge).toEqual({ text: 'Nu open (tot 18:00)', tone: 'good' });
      expect(card.fallbackText).toContain('+31 20 555 0118');
      expect(texts(card)).toContain('Gebruikt door 6 organisaties');
    },
  );

  it('on Saturday the same card says the desk is closed and when it opens', async () => {
    h.clock.set(new Date('2025-03-08T11:00:00.000Z')); // Saturday 12:00 in Amsterdam
    expect(deskStatusOf(org('org-gtk-rivierennet'), h.clock.now()).open).toBe(false);
    const card = onlyCard(await h.say('wie beheert rivierennet'));
    expect(card.badge).toEqual({ text: 'Nu gesloten – opent maandag om 08:00', tone: 'warning' });
    expect(card.fallbackText).toContain('Nu gesloten – opent maandag om 08:00');
  });

  it('the opening hours read in Dutch on a Dutch card (not the file\'s "mon-fri")', async () => {
    const t = translator('nl');
    const hours = facts(onlyCard(await h.say('wie beheert rivierennet')))[t('desk.field.hours')];
    expect(hours).toContain('08:00');
    expect(hours).toContain('18:00');
    expect(hours).not.toMatch(/\b(mon|tue|wed|thu|fri|sat|sun)\b/);
  });

  it('"wie beheert" naming an organisation still answers, with the organisation card', async () => {
    const card = onlyCard(await h.say('wie beheert Ziekenhuis Lindendael'));
    expect(card.kind).toBe('directory.organisation');
    expect(card.title).toBe('Ziekenhuis Lindendael');
  });

  it('a 24x7 desk is always open: "who manages westlink" (English)', async () => {
    const t = translator('en');
    const card = onlyCard(await h.say('who manages westlink', { locale: 'en' }));
    expect(card.kind).toBe('directory.application');
    expect(card.title).toBe('WestLink uitwisselplatform');
    expect(card.subtitle).toBe('Application (GtK application) – administered by Regionale uitwisseling WestLink (GtK)');
    expect(deskStatusOf(org('org-gtk-westlink'), h.clock.now()).open).toBe(true);
    expect(card.badge).toEqual({ text: 'Always open (24x7)', tone: 'good' });
    expect(facts(card)[t('desk.field.phone')]).toBe('+31 20 555 0119');
    expect(texts(card)).toContain('Desk: Servicedesk WestLink');
    expect(texts(card)).toContain(t('directory.contacts.hidden'));
  });

  it('contacts are hidden for a newcomer, listed for a servicedesk agent (of any organisation)', async () => {
    const t = translator('nl');
    const newcomerCard = onlyCard(await h.say('wie beheert RivierenNet?'));
    expect(texts(newcomerCard)).toContain(t('directory.contacts.hidden'));
    expect(listItems(newcomerCard)).toEqual([]);
    expect(JSON.stringify(newcomerCard)).not.toContain('Joris');

    await grantHarnessRole(h, 'agent', 'servicedesk-agent', 'org-ziekenhuis-lindendael');
    const agentCard = onlyCard(await h.say('wie beheert RivierenNet?', { user: 'agent' }));
    expect(texts(agentCard)).not.toContain(t('directory.contacts.hidden'));
    expect(listItems(agentCard).map((i) => i.title)).toEqual(RIVIERENNET_CONTACTS);
    // Phone and e-mail are tel: and mailto: links (issue 16).
    expect(listItems(agentCard)[0]!.links).toEqual([{ label: '+31 20 555 0140', url: 'tel:+31205550140' }, { label: 'joris.vandalen@example.org', url: 'mailto:joris.vandalen@example.org' }]);
  });

  it('a care professional linked to the GtK sees its contacts; one linked elsewhere does not', async () => {
    const t = translator('nl');
    await grantHarnessRole(h, 'gtk-user', 'care-professional', 'org-gtk-rivierennet');
    await grantHarnessRole(h, 'hospital-user', 'care-professional', 'org-ziekenhuis-lindendael');
    expect(listItems(onlyCard(await h.say('wie beheert rivierennet', { user: 'gtk-user' }))).map((i) => i.title)).toEqual(RIVIERENNET_CONTACTS);
    expect(texts(onlyCard(await h.say('wie beheert rivierennet', { user: 'hospital-user' })))).toContain(t('directory.contacts.hidden'));
  });
});

describe('"contact <organisatie>": the organisation card', () => {
  it('"contact Lindendael" → the hospital with its desk, the applications it administers (none) and uses', async () => {
    const t = translator('nl');
    const card = onlyCard(await h.say('contact Lindendael'));
    expect(card.kind).toBe('directory.organisation');
    expect(card.title).toBe('Ziekenhuis Lindendael');
    expect(card.subtitle).toBe('Zorgaanbieder – regio Rivierenland'.replace('Zorgaanbieder', t('kind.organisation.care-provider')));
    expect(facts(card)[t('desk.field.phone')]).toBe('+31 20 555 0102');
    expect(card.badge?.text).toBe(t('desk.open.always'));
    expect(facts(card)[t('directory.org.administers')]).toBe(t('directory.org.none'));
    // By name (issue 16), not in the directory's order.
    const uses = directory.applications.filter((a) => a.usedBy.includes('org-ziekenhuis-lindendael')).map((a) => a.name).sort(new Intl.Collator('nl', { sensitivity: 'base', numeric: true }).compare);
    expect(uses.length).toBeGreaterThan(3);
    expect(facts(card)[t('directory.org.uses')]).toBe(uses.join(', '));
    expect(texts(card)).toContain(t('directory.contacts.hidden'));
  });

  it('"contact medicura" → the supplier, with the two applications it administers', async () => {
    const t = translator('nl');
    const card = onlyCard(await h.say('contact medicura'));
    expect(card.kind).toBe('directory.organisation');
    expect(card.title).toBe('Medicura Zorgsystemen');
    expect(facts(card)[t('directory.org.administers')]).toBe('Medicura EPD, Medicura JGZ-dossier');
    expect(facts(card)[t('directory.org.uses')]).toBe(t('directory.org.none'));
  });

  // dialogs/directory-flow.ts ORG_QUESTION lists "contact" before "contact details of" (and "loket" before "loket van", …):
  // the regex stops at the short word, so the query becomes "details of lindendael" / "van lindendael" and nothing is found.
  it.each([['contact Lindendael'], ['contactgegevens Lindendael'], ['contactgegevens van Lindendael'], ['loket van Lindendael'], ['contact details of Lindendael'], ['contact details Lindendael'], ['contact info Lindendael'], ['desk of Lindendael']])(
    'every phrasing the flow offers works: %j → the hospital card',
    async (input) => {
      const replies = await h.say(input);
      expect(replies.map((r) => (r.kind === 'card' ? r.card.title : r.text))).toEqual(['Ziekenhuis Lindendael']);
    },
  );

  it('a person linked to the hospital sees its contact person', async () => {
    await grantHarnessRole(h, 'nurse', 'care-professional', 'org-ziekenhuis-lindendael');
    expect(listItems(onlyCard(await h.say('contact Ziekenhuis Lindendael', { user: 'nurse' }))).map((i) => i.title)).toEqual(['Wouter Peters – verantwoordelijke beheerder']);
  });
});

describe('"wie <term>": search', () => {
  it('"wie medicura" → a hits card with one button per hit; each press gives that detail card', async () => {
    const card = onlyCard(await h.say('wie medicura'));
    expect(card.kind).toBe('directory.hits');
    expect(card.title).toBe('Meerdere resultaten voor "medicura"');
    const buttons = card.actions ?? [];
    expect(buttons).toHaveLength(3);
    expect(listItems(card)).toHaveLength(3);
    expect(buttons.map((b) => b.label).sort()).toEqual(['Medicura EPD', 'Medicura JGZ-dossier', 'Medicura Zorgsystemen']);
    for (const button of buttons) {
      if (button.kind !== 'submit') throw new Error('expected submit buttons');
      expect(button.id).toBe('directory.show');
      const detail = onlyCard(await h.submit(button.id, { ...button.data }));
      expect(detail.title).toBe(button.label);
      expect(detail.kind).toBe(button.data?.type === 'application' ? 'directory.application' : 'directory.organisation');
    }
  });

  it('the hits card says what each hit is', async () => {
    const card = onlyCard(await h.say('wie panorama'));
    const t = translator('nl');
    expect(listItems(card)).toEqual(expect.arrayContaining([
      { title: 'Panorama Geboortezorgviewer', text: t('kind.application.viewer') },
      { title: 'Panorama Zorgviewers B.V.', text: t('kind.organisation.supplier') },
    ]));
  });

  it('"wie xyz" → nothing found, saying what was looked for', async () => {
    expect(onlyText(await h.say('wie xyz'))).toBe(translator('nl')('directory.none', { query: 'xyz' }));
    // What was typed is echoed as typed: capitals, accents and the name's own full stops kept.
    expect(onlyText(await h.say('Wie beheert ZorgPortaal Noörd?'))).toBe('Ik vond geen applicatie of organisatie die lijkt op "ZorgPortaal Noörd". Controleer de spelling, of typ "wie" om te zoeken.');
    expect(onlyText(await h.say('contact Kraamzorg Zonnestraal B.V.'))).toContain('"Kraamzorg Zonnestraal B.V."');
    expect(onlyText(await h.say('who manages Vroedsoft PLUS', { locale: 'en' }))).toBe(translator('en')('directory.none', { query: 'Vroedsoft PLUS' }));
    expect(onlyText(await h.say('who xyz', { locale: 'en' }))).toBe('I found no application or organisation like "xyz". Check the spelling, or type "who" to search.');
  });

  it.each([['wie'], ['Wie?'], ['adresboek'], ['wie beheert wat']])('%j alone → the search card with an input', async (input) => {
    const t = translator('nl');
    const card = onlyCard(await h.say(input));
    expect(card.kind).toBe('directory.search');
    expect(inputs(card)).toEqual([expect.objectContaining({ kind: 'text', id: 'query', label: t('directory.search.input'), value: '' })]);
    expect(inputs(card)[0]).not.toHaveProperty('error');
    expect(card.actions).toEqual([expect.objectContaining({ kind: 'submit', id: 'directory.search' })]);
  });

  it('the search button with a name → the answer; with nothing typed → the search card again with the error at the input', async () => {
    const t = translator('nl');
    expect(onlyCard(await h.submit('directory.search', { query: 'RivierenNet' })).kind).toBe('directory.application');
    for (const query of ['', '   ', undefined]) {
      const card = onlyCard(await h.submit('directory.search', query === undefined ? {} : { query }));
      expect(card.kind).toBe('directory.search');
      expect(inputs(card)[0]).toMatchObject({ id: 'query', error: t('directory.search.empty') });
    }
  });

  it('the help card\'s "search the address book" button opens the search card', async () => {
    expect(onlyCard(await h.press('directory.open')).kind).toBe('directory.search');
  });

  it('an unknown "show" button answers without a crash', async () => {
    expect(onlyText(await h.submit('directory.show', { type: 'application', id: 'app-bestaat-niet' }))).toBe(translator('nl')('unknown.action'));
    expect(h.errors).toEqual([]);
  });
});

describe.each<Locale>(['nl', 'en'])('in %s, every text is in that language', (locale) => {
  it('application card, organisation card, hits card, search card and "none"', async () => {
    const t = translator(locale);
    const app = onlyCard(await h.say(locale === 'nl' ? 'wie beheert rivierennet' : 'who manages rivierennet', { locale }));
    expect(app.subtitle).toBe(t('directory.app.subtitle', { kind: t('kind.application.gtk'), administrator: RIVIERENNET_GTK }));
    expect(texts(app)).toContain(t('directory.desk.heading', { name: 'Servicedesk RivierenNet' }));
    expect(texts(app)).toContain(t('directory.contacts.heading'));
    expect(app.badge?.text).toBe(t('desk.open.until', { time: '18:00' }));

    const orgCard = onlyCard(await h.say(locale === 'nl' ? 'contact lindendael' : 'desk lindendael', { locale }));
    expect(Object.keys(facts(orgCard))).toEqual(expect.arrayContaining([t('directory.org.administers'), t('directory.org.uses'), t('desk.field.phone')]));

    const hits = onlyCard(await h.say(locale === 'nl' ? 'wie medicura' : 'who medicura', { locale }));
    expect(hits.title).toBe(t('directory.hits.title', { query: 'medicura' }));
    expect(onlyCard(await h.say(locale === 'nl' ? 'wie Medicura' : 'who Medicura', { locale })).title).toBe(t('directory.hits.title', { query: 'Medicura' }));
    expect(texts(hits)).toEqual([t('directory.hits.text')]);

    const search = onlyCard(await h.say(locale === 'nl' ? 'wie' : 'who', { locale }));
    expect(search.title).toBe(t('directory.search.title'));
  });
});
