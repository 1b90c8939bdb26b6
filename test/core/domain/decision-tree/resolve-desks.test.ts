import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { resolveDesk, type ResolvedDesk, type TreeFacts } from '../../../../core/domain/decision-tree/resolve-desks.ts';
import type { DeskRule } from '../../../../core/domain/decision-tree/types.ts';
import type { Contact, DirectoryDocument } from '../../../../core/domain/directory/types.ts';

/**
 * Which desks a user is sent to, per desk rule, resolved against the demo directory for the
 * organisation the user works for (and what they chose on the way).
 */

const directory = JSON.parse(readFileSync(new URL('../../../../data/demo-directory.json', import.meta.url), 'utf8')) as DirectoryDocument;
const org = (id: string) => {
  const found = directory.organisations.find((o) => o.id === id);
  if (!found) throw new Error(`no ${id} in the demo directory`);
  return found;
};
const contact = (id: string): Contact => directory.contacts.find((c) => c.id === id)!;

const LINDENDAEL = 'org-ziekenhuis-lindendael'; // Rivierenland, GtKs RivierenNet and Geboortenet
const HELMGRAS = 'org-vp-helmgras'; // Noordkust (no RSO), GtK WestLink

function facts(organisationId: string | undefined, extra: Partial<Omit<TreeFacts, 'directory'>> = {}): TreeFacts {
  return {
    directory,
    ...(organisationId ? { organisation: org(organisationId) } : {}),
    administratorContacts: async () => [],
    ...extra,
  };
}

/** What the user sees of a resolved desk: the organisations (by id), the people (by id), and the note. */
const seen = (r: ResolvedDesk) => ({ organisations: r.organisations.map((o) => o.id), people: r.people.map((p) => p.id), note: r.note });
const desks = (...organisations: string[]) => ({ organisations, people: [], note: undefined });

describe('the demo directory is what these cases assume', () => {
  it('Lindendael is in Rivierenland with two GtKs; Helmgras is in Noordkust, which has no RSO', () => {
    expect(org(LINDENDAEL)).toMatchObject({ region: 'Rivierenland', gtkServiceProviderIds: ['org-gtk-rivierennet', 'org-gtk-geboortenet'] });
    expect(org(HELMGRAS)).toMatchObject({ region: 'Noordkust', gtkServiceProviderIds: ['org-gtk-westlink'] });
    expect(directory.organisations.filter((o) => o.kind === 'rso').map((o) => o.region)).toEqual(['Rivierenland']);
  });
});

const CASES: Array<[string, string | undefined, DeskRule, Partial<TreeFacts>, ReturnType<typeof seen>]> = [
  // A user of Ziekenhuis Lindendael (Rivierenland, 2 GtKs)
  ['own-helpdesk → their own organisation', LINDENDAEL, { rule: 'own-helpdesk' }, {}, desks(LINDENDAEL)],
  ['own-supplier of the chosen application (Medicura EPD → Medicura)', LINDENDAEL, { rule: 'own-supplier' }, { applicationId: 'app-medicura-epd' }, desks('org-lev-medicura')],
  ['own-supplier of a GtK platform is its GtK service provider', LINDENDAEL, { rule: 'own-supplier' }, { applicationId: 'app-rivierennet' }, desks('org-gtk-rivierennet')],
  ['own-supplier named in the tree wins over the chosen application', LINDENDAEL, { rule: 'own-supplier', application: 'app-vroedsoft-xis' }, { applicationId: 'app-medicura-epd' }, desks('org-lev-vroedsoft')],
  ['own-supplier without any application → the own helpdesk (which knows the supplier)', LINDENDAEL, { rule: 'own-supplier' }, {}, desks(LINDENDAEL)],
  ['application-administrator of the chosen application', LINDENDAEL, { rule: 'application-administrator' }, { applicationId: 'app-regioportaal-rivierenland' }, desks('org-rso-rivierenland')],
  ['own-gtk-service-provider without an application → both of their GtKs', LINDENDAEL, { rule: 'own-gtk-service-provider' }, {}, desks('org-gtk-rivierennet', 'org-gtk-geboortenet')],
  ['own-gtk-service-provider for Geboortenet (one of theirs) → only Geboortenet', LINDENDAEL, { rule: 'own-gtk-service-provider' }, { applicationId: 'app-geboortenet' }, desks('org-gtk-geboortenet')],
  ['own-gtk-service-provider for RivierenNet (one of theirs) → only RivierenNet', LINDENDAEL, { rule: 'own-gtk-service-provider' }, { applicationId: 'app-rivierennet' }, desks('org-gtk-rivierennet')],
  ['own-gtk-service-provider for a source system (not a GtK) → all of their GtKs', LINDENDAEL, { rule: 'own-gtk-service-provider' }, { applicationId: 'app-medicura-epd' }, desks('org-gtk-rivierennet', 'org-gtk-geboortenet')],
  ["own-gtk-service-provider for WestLink (not one of theirs) → all of their GtKs", LINDENDAEL, { rule: 'own-gtk-service-provider' }, { applicationId: 'app-westlink' }, desks('org-gtk-rivierennet', 'org-gtk-geboortenet')],
  ['rso-of-region → RSO Rivierenland', LINDENDAEL, { rule: 'rso-of-region' }, {}, desks('org-rso-rivierenland')],
  ['national-helpdesk → Landelijke Helpdesk Digitale Zorg', LINDENDAEL, { rule: 'national-helpdesk' }, {}, desks('org-lhdz')],
  ['chain-coordination → Twiin ketenregie', LINDENDAEL, { rule: 'chain-coordination' }, {}, desks('org-twiin-ketenregie')],
  ['organisation named in the tree', LINDENDAEL, { rule: 'organisation', organisationId: 'org-gv-zorgadresboek' }, {}, desks('org-gv-zorgadresboek')],
  ['chosen-organisation → the other care provider the user picked', LINDENDAEL, { rule: 'chosen-organisation' }, { chosenOrganisationId: 'org-sint-amandus-gasthuis' }, desks('org-sint-amandus-gasthuis')],
  ['responsible-administrator, none known to Ketenbot → the own organisation, saying so', LINDENDAEL, { rule: 'responsible-administrator' }, {}, { organisations: [LINDENDAEL], people: [], note: 'no-administrator-known' }],

  // A user of Verloskundigenpraktijk Helmgras (Noordkust: no RSO)
  ['Helmgras: own-helpdesk → Helmgras', HELMGRAS, { rule: 'own-helpdesk' }, {}, desks(HELMGRAS)],
  ['Helmgras: rso-of-region → no RSO in Noordkust: the national helpdesk, saying why', HELMGRAS, { rule: 'rso-of-region' }, {}, { organisations: ['org-lhdz'], people: [], note: 'no-rso-in-region' }],
  ['Helmgras: own-gtk-service-provider → WestLink', HELMGRAS, { rule: 'own-gtk-service-provider' }, {}, desks('org-gtk-westlink')],
  ['Helmgras: own-gtk-service-provider for WestLink → WestLink', HELMGRAS, { rule: 'own-gtk-service-provider' }, { applicationId: 'app-westlink' }, desks('org-gtk-westlink')],
  ['Helmgras: own-supplier of Vroedsoft XIS → Vroedsoft', HELMGRAS, { rule: 'own-supplier' }, { applicationId: 'app-vroedsoft-xis' }, desks('org-lev-vroedsoft')],
  ['Helmgras: national-helpdesk', HELMGRAS, { rule: 'national-helpdesk' }, {}, desks('org-lhdz')],
  ['Helmgras: chain-coordination', HELMGRAS, { rule: 'chain-coordination' }, {}, desks('org-twiin-ketenregie')],
  ['Helmgras: chosen-organisation → Ziekenhuis Duinzicht', HELMGRAS, { rule: 'chosen-organisation' }, { chosenOrganisationId: 'org-ziekenhuis-duinzicht' }, desks('org-ziekenhuis-duinzicht')],

  // An organisation without GtK (a supplier's own staff)
  ['no GtK known for the organisation → the own helpdesk, saying so', 'org-lev-vroedsoft', { rule: 'own-gtk-service-provider' }, {}, { organisations: ['org-lev-vroedsoft'], people: [], note: 'no-gtk-known' }],
  ["supplier staff about their own system → the GtKs of the care providers using it (by name), not themselves", 'org-lev-vroedsoft', { rule: 'own-gtk-service-provider' }, { applicationId: 'app-vroedsoft-xis' }, desks('org-gtk-geboortenet', 'org-gtk-westlink', 'org-gtk-rivierennet')],
  ['GtK staff about their own platform → their own organisation', 'org-gtk-rivierennet', { rule: 'own-gtk-service-provider' }, { applicationId: 'app-rivierennet' }, desks('org-gtk-rivierennet')],

  // The organisation is not known
  ['unknown organisation: own-helpdesk → no desk, saying why', undefined, { rule: 'own-helpdesk' }, {}, { organisations: [], people: [], note: 'unknown-organisation' }],
  ['unknown organisation: own-supplier without application → no desk, saying why', undefined, { rule: 'own-supplier' }, {}, { organisations: [], people: [], note: 'unknown-organisation' }],
  ['unknown organisation: own-supplier of a chosen application still resolves', undefined, { rule: 'own-supplier' }, { applicationId: 'app-medicura-epd' }, desks('org-lev-medicura')],
  ['unknown organisation: own-gtk-service-provider → no desk, saying why', undefined, { rule: 'own-gtk-service-provider' }, {}, { organisations: [], people: [], note: 'unknown-organisation' }],
  ['unknown organisation: responsible-administrator → no desk, saying who arranges accounts and how to get connected', undefined, { rule: 'responsible-administrator' }, {}, { organisations: [], people: [], note: 'administrator-unlisted' }],
  ['unknown organisation: rso-of-region → every RSO and the national helpdesk, saying the region is unknown', undefined, { rule: 'rso-of-region' }, {}, { organisations: ['org-rso-rivierenland', 'org-lhdz'], people: [], note: 'rso-region-unknown' }],
  ['unknown organisation: own-gtk-service-provider of a GtK platform → that platform\'s GtK service provider', undefined, { rule: 'own-gtk-service-provider' }, { applicationId: 'app-westlink' }, desks('org-gtk-westlink')],
  ['unknown organisation: own-gtk-service-provider of a source system → the GtKs of the care providers using it', undefined, { rule: 'own-gtk-service-provider' }, { applicationId: 'app-medicura-jgz' }, desks('org-gtk-westlink', 'org-gtk-rivierennet')],
  ['unknown organisation: national-helpdesk still resolves', undefined, { rule: 'national-helpdesk' }, {}, desks('org-lhdz')],
  ['unknown organisation: chain-coordination still resolves', undefined, { rule: 'chain-coordination' }, {}, desks('org-twiin-ketenregie')],
];

describe('resolveDesk against the demo directory', () => {
  it.each(CASES)('%s', async (_name, organisationId, rule, extra, expected) => {
    expect(seen(await resolveDesk(rule, facts(organisationId, extra)))).toEqual(expected);
  });
});

describe('responsible administrator', () => {
  it('with known administrators: those people (name, phone, e-mail), no desk and no note', async () => {
    const asked: string[] = [];
    const wouter = contact('contact-wouter-peters');
    const resolved = await resolveDesk({ rule: 'responsible-administrator' }, facts(LINDENDAEL, {
      administratorContacts: async (id) => { asked.push(id); return [wouter]; },
    }));
    expect(asked).toEqual([LINDENDAEL]);
    expect(resolved).toEqual({ organisations: [], people: [wouter] });
    expect(resolved.people[0]).toMatchObject({ name: 'Wouter Peters', phone: '+31 20 555 0160', email: 'wouter.peters@example.org' });
  });

  it('asks for the administrators of the user\'s own organisation (Helmgras → Anouk Meijer)', async () => {
    const anouk = contact('contact-anouk-meijer');
    const resolved = await resolveDesk({ rule: 'responsible-administrator' }, facts(HELMGRAS, {
      administratorContacts: async (id) => (id === HELMGRAS ? [anouk] : []),
    }));
    expect(seen(resolved)).toEqual({ organisations: [], people: ['contact-anouk-meijer'], note: undefined });
  });

  it('without known administrators: the own organisation\'s desk with the note "no-administrator-known"', async () => {
    const resolved = await resolveDesk({ rule: 'responsible-administrator' }, facts(HELMGRAS));
    expect(seen(resolved)).toEqual({ organisations: [HELMGRAS], people: [], note: 'no-administrator-known' });
    expect(resolved.organisations[0]!.desk).toMatchObject({ name: 'Praktijkondersteuning Helmgras', phone: '+31 20 555 0109' });
  });
});

describe('the desk details come straight from the directory', () => {
  it('the RSO desk of Rivierenland carries its phone and office hours', async () => {
    const [rso] = (await resolveDesk({ rule: 'rso-of-region' }, facts(LINDENDAEL))).organisations;
    expect(rso!.desk).toEqual(org('org-rso-rivierenland').desk);
    expect(rso!.desk).toMatchObject({ name: 'Regionale helpdesk RSO Rivierenland', phone: '+31 20 555 0123', hours: { 'mon-fri': '09:00-17:00' } });
  });
});
