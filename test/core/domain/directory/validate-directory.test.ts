import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateDirectory, type Problem } from '../../../../core/domain/directory/validate-directory.ts';
import type { DirectoryDocument } from '../../../../core/domain/directory/types.ts';

const demo = (): DirectoryDocument => JSON.parse(readFileSync(new URL('../../../../data/demo-directory.json', import.meta.url), 'utf8')) as DirectoryDocument;

/** A small valid directory: one GtK provider, one care provider, one supplier, one application, one contact. */
function small(): Record<string, any> {
  return {
    organisations: [
      { id: 'org-gtk', name: 'GtK Net', kind: 'gtk-service-provider', desk: { name: 'Servicedesk GtK', phone: '+31 20 555 0001', email: 'desk@gtk.example', url: 'https://gtk.example/desk', hours: '24x7' } },
      { id: 'org-care', name: 'Ziekenhuis', kind: 'care-provider', region: 'Midden', gtkServiceProviderIds: ['org-gtk'], desk: { name: 'ICT', hours: { 'ma-vr': '08:00-17:00' } } },
      { id: 'org-sup', name: 'Leverancier', kind: 'supplier', desk: { name: 'Support', email: 'support@sup.example', hours: { 'mon-fri': '09:00-17:00', 'sat,sun': 'closed' } } },
    ],
    applications: [{ id: 'app-epd', name: 'EPD', kind: 'source-system', administratorId: 'org-sup', usedBy: ['org-care'] }],
    contacts: [{ id: 'c-1', organisationId: 'org-care', name: 'Jan Jansen', role: 'ICT-coördinator', email: 'jan@care.example' }],
  };
}

function problemsOf(input: unknown): Problem[] {
  const result = validateDirectory(input);
  if (!('problems' in result)) throw new Error('expected problems, but the directory validated');
  return result.problems;
}
const paths = (input: unknown) => problemsOf(input).map((p) => p.path);

describe('validateDirectory', () => {
  it('the demo directory file validates, with every entry', () => {
    const result = validateDirectory(demo());
    if ('problems' in result) throw new Error(result.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
    expect(result.document.organisations).toHaveLength(23);
    expect(result.document.applications).toHaveLength(12);
    expect(result.document.contacts).toHaveLength(30);
    expect(result.document.contacts.filter((c) => c.emailAlerts).map((c) => c.id)).toEqual(['contact-joris-van-dalen', 'contact-hanneke-de-graaf']);
  });

  it('a small valid directory comes back typed and trimmed', () => {
    const input = small();
    input.organisations[1].name = '  Ziekenhuis  ';
    const result = validateDirectory(input);
    if ('problems' in result) throw new Error(JSON.stringify(result.problems));
    expect(result.document.organisations[1]).toEqual({
      id: 'org-care', name: 'Ziekenhuis', kind: 'care-provider', region: 'Midden', gtkServiceProviderIds: ['org-gtk'], desk: { name: 'ICT', hours: { 'ma-vr': '08:00-17:00' } },
    });
    expect(result.document.organisations[0]!.gtkServiceProviderIds).toEqual([]);
    expect(result.document.contacts[0]).toEqual({ id: 'c-1', organisationId: 'org-care', name: 'Jan Jansen', role: 'ICT-coördinator', email: 'jan@care.example' });
  });

  type Case = [string, string, (d: Record<string, any>) => void, RegExp?];
  it.each<Case>([
    ['missing organisation name', 'organisations[0].name', (d) => delete d.organisations[0].name, /required/],
    ['blank organisation name', 'organisations[0].name', (d) => (d.organisations[0].name = '   '), /required/],
    ['missing organisation id', 'organisations[2].id', (d) => delete d.organisations[2].id, /required/],
    ['id with a space', 'applications[0].id', (d) => (d.applications[0].id = 'app epd'), /"app epd"/],
    ['missing kind', 'organisations[1].kind', (d) => delete d.organisations[1].kind, /required/],
    ['bad organisation kind', 'organisations[1].kind', (d) => (d.organisations[1].kind = 'hospital'), /care-provider/],
    ['bad application kind', 'applications[0].kind', (d) => (d.applications[0].kind = 'ehr'), /source-system/],
    ['missing desk', 'organisations[2].desk', (d) => delete d.organisations[2].desk, /required/],
    ['missing desk name', 'organisations[2].desk.name', (d) => delete d.organisations[2].desk.name, /required/],
    ['bad desk email', 'organisations[0].desk.email', (d) => (d.organisations[0].desk.email = 'desk-at-gtk.example'), /"desk-at-gtk.example" is not an e-mail address/],
    ['bad contact email', 'contacts[0].email', (d) => (d.contacts[0].email = 'jan@care'), /"jan@care"/],
    ['desk email not text', 'organisations[0].desk.email', (d) => (d.organisations[0].desk.email = 42), /text/],
    ['bad url', 'organisations[0].desk.url', (d) => (d.organisations[0].desk.url = 'gtk.example/desk'), /"gtk.example\/desk" is not an http\(s\) address/],
    ['ftp url', 'organisations[0].desk.url', (d) => (d.organisations[0].desk.url = 'ftp://gtk.example'), /http/],
    ['bad hours (day)', 'organisations[1].desk.hours', (d) => (d.organisations[1].desk.hours = { 'mo-fr': '08:00-17:00' }), /"mo-fr"/],
    ['bad hours (time)', 'organisations[1].desk.hours', (d) => (d.organisations[1].desk.hours = { 'ma-vr': '8 tot 5' }), /"8 tot 5"/],
    ['bad hours (text)', 'organisations[1].desk.hours', (d) => (d.organisations[1].desk.hours = 'kantooruren'), /"kantooruren"/],
    ['duplicate organisation id', 'organisations[3].id', (d) => d.organisations.push({ ...d.organisations[2] }), /duplicate id "org-sup"/],
    ['duplicate application id', 'applications[1].id', (d) => d.applications.push({ ...d.applications[0] }), /duplicate id "app-epd"/],
    ['duplicate contact id', 'contacts[1].id', (d) => d.contacts.push({ ...d.contacts[0] }), /duplicate id "c-1"/],
    ['missing administratorId', 'applications[0].administratorId', (d) => delete d.applications[0].administratorId, /required/],
    ['unknown administratorId', 'applications[0].administratorId', (d) => (d.applications[0].administratorId = 'org-nope'), /unknown organisation "org-nope"/],
    ['unknown usedBy', 'applications[0].usedBy[1]', (d) => (d.applications[0].usedBy = ['org-care', 'org-gone']), /unknown organisation "org-gone"/],
    ['usedBy not a list', 'applications[0].usedBy', (d) => (d.applications[0].usedBy = 'org-care'), /list/],
    ['unknown contact organisation', 'contacts[0].organisationId', (d) => (d.contacts[0].organisationId = 'org-elders'), /unknown organisation "org-elders"/],
    ['missing contact organisation', 'contacts[0].organisationId', (d) => delete d.contacts[0].organisationId, /required/],
    ['unknown gtkServiceProviderId', 'organisations[1].gtkServiceProviderIds[1]', (d) => (d.organisations[1].gtkServiceProviderIds = ['org-gtk', 'org-gtk-x']), /unknown organisation "org-gtk-x"/],
    ['gtkServiceProviderId pointing at a supplier', 'organisations[1].gtkServiceProviderIds[0]', (d) => (d.organisations[1].gtkServiceProviderIds = ['org-sup']), /"org-sup" is a supplier, not a gtk-service-provider/],
    ['gtkServiceProviderIds with a number', 'organisations[1].gtkServiceProviderIds', (d) => (d.organisations[1].gtkServiceProviderIds = [1]), /list of ids/],
    ['organisations not a list', 'organisations', (d) => (d.organisations = { 'org-gtk': {} }), /list/],
    ['an entry that is not an object', 'contacts[0]', (d) => (d.contacts[0] = 'Jan Jansen'), /object/],
    ['emailAlerts as text', 'contacts[0].emailAlerts', (d) => (d.contacts[0].emailAlerts = 'ja'), /true or false/],
    ['emailAlerts as a number', 'contacts[0].emailAlerts', (d) => (d.contacts[0].emailAlerts = 1), /true or false/],
  ])('%s → %s', (_label, path, spoil, message) => {
    const input = small();
    spoil(input);
    const problems = problemsOf(input);
    const hit = problems.find((p) => p.path === path);
    expect(hit, `problems were: ${JSON.stringify(problems)}`).toBeDefined();
    if (message) expect(hit!.message).toMatch(message);
  });

  it('emailAlerts: true is kept; false, null or absent leave it out (as the export writes it)', () => {
    const input = small();
    input.contacts.push(
      { id: 'c-2', organisationId: 'org-care', name: 'Piet', role: 'servicedesk', email: 'piet@care.example', emailAlerts: true },
      { id: 'c-3', organisationId: 'org-care', name: 'Kees', role: 'servicedesk', email: 'kees@care.example', emailAlerts: false },
      { id: 'c-4', organisationId: 'org-care', name: 'Els', role: 'servicedesk', emailAlerts: null },
    );
    const result = validateDirectory(input);
    if ('problems' in result) throw new Error(JSON.stringify(result.problems));
    expect(result.document.contacts).toEqual([
      { id: 'c-1', organisationId: 'org-care', name: 'Jan Jansen', role: 'ICT-coördinator', email: 'jan@care.example' },
      { id: 'c-2', organisationId: 'org-care', name: 'Piet', role: 'servicedesk', email: 'piet@care.example', emailAlerts: true },
      { id: 'c-3', organisationId: 'org-care', name: 'Kees', role: 'servicedesk', email: 'kees@care.example' },
      { id: 'c-4', organisationId: 'org-care', name: 'Els', role: 'servicedesk' },
    ]);
    expect(problemsOf({ ...input, contacts: [{ ...input.contacts[0], emailAlerts: 'yes' }] })).toEqual([{ path: 'contacts[0].emailAlerts', message: 'must be true or false' }]);
  });

  it('a desk without opening hours is a problem at desk.hours (not silently "open 24x7")', () => {
    // A desk whose hours were left out must not be reported to users as open around the clock.
    const input = small();
    delete input.organisations[2].desk.hours;
    const problems = problemsOf(input);
    expect(problems.map((p) => p.path)).toContain('organisations[2].desk.hours');
  });

  it('reports ALL problems of a file at once, each with its own path', () => {
    const input = small();
    input.organisations[0].desk.email = 'nope';
    input.organisations[1].kind = 'hospital';
    input.organisations[1].gtkServiceProviderIds = ['org-sup'];
    input.organisations[2].desk.hours = { someday: '08:00-17:00' };
    input.applications[0].administratorId = 'org-nope';
    input.applications[0].usedBy = ['org-missing'];
    input.contacts.push({ id: 'c-1', organisationId: 'org-elders', name: 'Piet', role: 'x', email: 'piet' });
    const problems = paths(input);
    expect(problems).toEqual(expect.arrayContaining([
      'organisations[0].desk.email',
      'organisations[1].kind',
      'organisations[1].gtkServiceProviderIds[0]',
      'organisations[2].desk.hours',
      'applications[0].administratorId',
      'applications[0].usedBy[0]',
      'contacts[1].id',
      'contacts[1].email',
      'contacts[1].organisationId',
    ]));
    expect(problems).toHaveLength(9);
  });

  it('every problem in the demo file spoiled in several places is found', () => {
    const input = demo() as unknown as Record<string, any>;
    input.organisations[5].desk.url = 'example.org';
    const usedBy: string[] = input.applications[11].usedBy;
    usedBy.push('org-unknown');
    input.contacts[29].organisationId = 'org-unknown';
    expect(paths(input).sort()).toEqual([`applications[11].usedBy[${usedBy.length - 1}]`, 'contacts[29].organisationId', 'organisations[5].desk.url'].sort());
  });

  it.each([
    ['null', null],
    ['a list', [{ id: 'org-a' }]],
    ['text', 'organisations'],
    ['a number', 42],
  ])('input that is not an object (%s) is one problem at "$"', (_label, input) => {
    expect(problemsOf(input)).toEqual([{ path: '$', message: expect.stringMatching(/JSON object/) }]);
  });

  it('references: false skips reference checks (for partial files checked against the store later)', () => {
    const input = small();
    input.applications[0].administratorId = 'org-elsewhere';
    expect(validateDirectory(input, { references: false })).toHaveProperty('document');
  });
});
