import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { visibleContacts } from '../../../../core/domain/access/contact-visibility.ts';
import type { Person, RoleGrant } from '../../../../core/domain/access/types.ts';
import type { DirectoryDocument } from '../../../../core/domain/directory/types.ts';
import { validateDirectory } from '../../../../core/domain/directory/validate-directory.ts';

const checked = validateDirectory(JSON.parse(readFileSync(new URL('../../../../data/demo-directory.json', import.meta.url), 'utf8')));
if ('problems' in checked) throw new Error(JSON.stringify(checked.problems));
const directory: DirectoryDocument = checked.document;

const GTK = 'org-gtk-rivierennet'; // two named contacts: Joris van Dalen, Marleen Hoekstra
const HOSPITAL = 'org-ziekenhuis-lindendael';
const OTHER = 'org-sint-amandus-gasthuis';

const person = (organisationIds: string[], roles: RoleGrant[]): Person => ({ id: 'slack:U1', platform: 'slack', userId: 'U1', organisationIds, roles });
const names = (result: ReturnType<typeof visibleContacts>) => (result === 'hidden' ? 'hidden' : result.map((c) => c.name).sort());

const GTK_CONTACTS = ['Joris van Dalen', 'Marleen Hoekstra'];

describe('who sees the named contacts of an organisation (desks are public; people are not)', () => {
  it.each<[string, Person, string, string[] | 'hidden']>([
    ['a newcomer', person([], []), GTK, 'hidden'],
    ['a care professional of another organisation', person([HOSPITAL], []), GTK, 'hidden'],
    ['a care professional (with the role granted) of another organisation', person([OTHER], [{ role: 'care-professional', organisationId: OTHER }]), HOSPITAL, 'hidden'],
    ['a care professional linked to the organisation', person([HOSPITAL], []), HOSPITAL, ['Wouter Peters']],
    ['a care professional linked to the GtK', person([GTK], [{ role: 'care-professional', organisationId: GTK }]), GTK, GTK_CONTACTS],
    ['a servicedesk agent of another organisation', person([HOSPITAL], [{ role: 'servicedesk-agent', organisationId: HOSPITAL }]), GTK, GTK_CONTACTS],
    ['a service manager of another organisation', person([OTHER], [{ role: 'service-manager', organisationId: OTHER }]), GTK, GTK_CONTACTS],
    ['an administrator of another organisation', person([OTHER], [{ role: 'administrator', organisationId: OTHER }]), HOSPITAL, ['Wouter Peters']],
    ['an administrator of the organisation', person([GTK], [{ role: 'administrator', organisationId: GTK }]), GTK, GTK_CONTACTS],
    ['a chain coordinator (linked to nothing)', person([], [{ role: 'chain-coordinator' }]), GTK, GTK_CONTACTS],
  ])('%s → %j', (_who, who, organisationId, expected) => {
    expect(names(visibleContacts(who, directory, organisationId))).toEqual(expected);
  });

  it('a chain coordinator sees the contacts of every organisation, and exactly those of that organisation', () => {
    const coordinator = person([], [{ role: 'chain-coordinator' }]);
    for (const org of directory.organisations) {
      const seen = visibleContacts(coordinator, directory, org.id);
      expect(seen).not.toBe('hidden');
      expect(seen).toEqual(directory.contacts.filter((c) => c.organisationId === org.id));
    }
  });

  it('a care professional linked to one organisation sees its contacts and no other organisation\'s', () => {
    const careProfessional = person([HOSPITAL], []);
    for (const org of directory.organisations) {
      const seen = visibleContacts(careProfessional, directory, org.id);
      if (org.id === HOSPITAL) expect(names(seen)).toEqual(['Wouter Peters']);
      else expect(seen).toBe('hidden');
    }
  });

  it('linked but without any contacts: an empty list (not "hidden")', () => {
    const withoutHospitalContacts: DirectoryDocument = { ...directory, contacts: directory.contacts.filter((c) => c.organisationId !== HOSPITAL) };
    expect(visibleContacts(person([HOSPITAL], []), withoutHospitalContacts, HOSPITAL)).toEqual([]);
    expect(visibleContacts(person([], []), withoutHospitalContacts, HOSPITAL)).toBe('hidden');
  });
});
