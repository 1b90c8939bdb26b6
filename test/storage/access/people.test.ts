import { describe, expect, it } from 'vitest';
import type { ContactFields } from '../../../core/domain/access/people.ts';
import { newcomer, type Person, type Role } from '../../../core/domain/access/types.ts';
import { TypeOrmPersonRepository } from '../../../storage/access/typeorm-person-repository.ts';
import { TypeOrmDirectoryRepository } from '../../../storage/directory/typeorm-directory-repository.ts';
import { DATABASE_KINDS, databasePerTest, type DatabaseKind } from '../../support/databases.ts';
import { servicesWithDemoData } from '../../support/demo-data.ts';

const A = 'org-ziekenhuis-lindendael';
const B = 'org-sint-amandus-gasthuis';
const A_CONTACT = 'contact-wouter-peters';
const T0 = new Date('2025-03-03T09:00:00.000Z');

describe.each(DATABASE_KINDS)('people on %s', (kind: DatabaseKind) => {
  const databases = databasePerTest(kind);

  async function setup() {
    const db = await databases.open();
    const { services, clock } = await servicesWithDemoData(db, T0);
    const auditStart = (await services.audit.since(new Date(0))).length;
    const audit = async () => (await services.audit.since(new Date(0))).slice(auditStart);
    /** What is stored, through new repositories (no cache): the directory as exported, and a person. */
    const stored = {
      directory: () => new TypeOrmDirectoryRepository(db.dataSource).load(),
      contact: async (id: string) => (await new TypeOrmDirectoryRepository(db.dataSource).load()).contacts.find((c) => c.id === id),
      person: (id: string) => new TypeOrmPersonRepository(db.dataSource).get(id),
    };
    const grant = async (person: Person, role: Role, organisationId?: string): Promise<Person> => {
      const r = await services.people.grant(person, role, organisationId, 'test');
      if (!r.ok) throw new Error(JSON.stringify(r.error));
      return r.value;
    };
    return { services, clock, audit, stored, grant };
  }

  it('of(): someone never seen is a newcomer (no roles, no organisations); someone known comes back as stored', async () => {
    const { services, grant } = await setup();
    expect(await services.people.of({ platform: 'slack', actor: { id: 'U-STRANGER', name: 'Vreemde' } })).toEqual({
      id: 'slack:U-STRANGER', platform: 'slack', userId: 'U-STRANGER', displayName: 'Vreemde', organisationIds: [], roles: [],
    });
    const admin = await grant(newcomer('teams', 'aad-1'), 'administrator', A);
    expect(await services.people.of({ platform: 'teams', actor: { id: 'aad-1' } })).toEqual(admin);
    // The same user id on another platform is someone else.
    expect(await services.people.of({ platform: 'slack', actor: { id: 'aad-1' } })).toMatchObject({ id: 'slack:aad-1', roles: [] });
  });

  it('grant: the role on the organisation, and a link to it; stored and audited', async () => {
    const { services, audit, stored, grant } = await setup();
    const person = await grant(newcomer('slack', 'U1'), 'servicedesk-agent', A);
    expect(person).toMatchObject({ roles: [{ role: 'servicedesk-agent', organisationId: A }], organisationIds: [A] });
    const more = await grant(person, 'administrator', B);
    expect(more).toMatchObject({ roles: [{ role: 'servicedesk-agent', organisationId: A }, { role: 'administrator', organisationId: B }], organisationIds: [A, B] });
    expect(await stored.person('slack:U1')).toEqual(more);
    const coordinator = await grant(newcomer('slack', 'U2'), 'chain-coordinator');
    expect(coordinator).toMatchObject({ roles: [{ role: 'chain-coordinator' }], organisationIds: [] });
    expect((await audit()).map((e) => [e.action, e.actor, e.subjectId])).toEqual([
      ['role.grant', 'test', 'slack:U1'],
      ['role.grant', 'test', 'slack:U1'],
      ['role.grant', 'test', 'slack:U2'],
    ]);
    expect(await services.people.of({ platform: 'slack', actor: { id: 'U1' } })).toEqual(more);
  });

  it('grant to an unknown organisation, or an organisation role without one: refused, nothing stored', async () => {
    const { services, audit, stored } = await setup();
    expect(await services.people.grant(newcomer('slack', 'U1'), 'administrator', 'org-bestaat-niet', 'test')).toEqual({ ok: false, error: { code: 'unknown-organisation', query: 'org-bestaat-niet' } });
    expect(await services.people.grant(newcomer('slack', 'U1'), 'administrator', undefined, 'test')).toEqual({ ok: false, error: { code: 'invalid-field', field: 'organisation' } });
    expect(await stored.person('slack:U1')).toBeUndefined();
    expect(await audit()).toEqual([]);
  });

  it('updateOwnContact, linked to one organisation and no contact yet: creates a contact there, links it, audits it, the directory export shows it', async () => {
    const { services, audit, stored, grant } = await setup();
    const person = await grant(newcomer('slack', 'U-JAN'), 'servicedesk-agent', A);
    const result = await services.people.updateOwnContact(person, { name: '  Jan Jansen ', phone: '+31 6 1234 5678', email: 'jan@lindendael.example', role: 'servicedesk' });
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    const contact = { id: 'contact-slack-u-jan', organisationId: A, name: 'Jan Jansen', role: 'servicedesk', phone: '+31 6 1234 5678', email: 'jan@lindendael.example' };
    expect(result.value.contact).toEqual(contact);
    expect(result.value.person).toMatchObject({ contactId: 'contact-slack-u-jan', displayName: 'Jan Jansen' });
    expect(await stored.person('slack:U-JAN')).toMatchObject({ contactId: 'contact-slack-u-jan', roles: person.roles, organisationIds: [A] });
    expect((await stored.directory()).contacts).toContainEqual(contact);
    expect(await services.people.ownContact(result.value.person)).toEqual(contact);
    expect((await audit()).filter((e) => e.action.startsWith('directory.'))).toEqual([
      expect.objectContaining({ actor: 'slack:U-JAN', action: 'directory.contact.add', subjectType: 'contact', subjectId: 'contact-slack-u-jan', after: contact }),
    ]);
  });

  it('updateOwnContact again: updates the same contact (clearing a field removes it), audited with before and after', async () => {
    const { services, audit, stored, grant } = await setup();
    const person = await grant(newcomer('slack', 'U-JAN'), 'servicedesk-agent', A);
    const first = await services.people.updateOwnContact(person, { name: 'Jan Jansen', phone: '+31 6 1234 5678', email: 'jan@lindendael.example', role: 'servicedesk' });
    if (!first.ok) throw new Error(JSON.stringify(first.error));
    const again = await services.people.updateOwnContact(first.value.person, { name: 'Jan Jansen', phone: '', email: 'j.jansen@lindendael.example', role: 'teamleider servicedesk' });
    if (!again.ok) throw new Error(JSON.stringify(again.error));
    const contact = { id: 'contact-slack-u-jan', organisationId: A, name: 'Jan Jansen', role: 'teamleider servicedesk', email: 'j.jansen@lindendael.example' };
    expect(await stored.contact('contact-slack-u-jan')).toEqual(contact);
    expect((await stored.directory()).contacts.filter((c) => c.organisationId === A)).toHaveLength(2);
    expect((await audit()).at(-1)).toMatchObject({ action: 'directory.contact.update', actor: 'slack:U-JAN', before: first.value.contact, after: contact });
    // Also works for the person as read back (with contactId), e.g. in the next chat message.
    const reread = await services.people.of({ platform: 'slack', actor: { id: 'U-JAN' } });
    expect((await services.people.updateOwnContact(reread, { phone: '020 555 0000' })).ok).toBe(true);
    expect(await stored.contact('contact-slack-u-jan')).toEqual({ ...contact, phone: '020 555 0000' });
  });

  it.each<[string, ContactFields, string]>([
    ['an e-mail without @', { name: 'Jan', email: 'jan.lindendael.example' }, 'email'],
    ['an e-mail with a space', { name: 'Jan', email: 'jan jansen@lindendael.example' }, 'email'],
    ['a phone number with letters', { name: 'Jan', phone: '020-ABC-1234' }, 'phone'],
    ['a phone number too short', { name: 'Jan', phone: '123' }, 'phone'],
    ['an empty name', { name: '   ', email: 'jan@lindendael.example' }, 'name'],
    ['a name over 200 characters', { name: 'J'.repeat(201) }, 'name'],
    ['a job title over 200 characters', { name: 'Jan', role: 'x'.repeat(201) }, 'role'],
  ])('updateOwnContact with %s: invalid-field naming it, nothing stored', async (_what, fields, field) => {
    const { services, audit, stored, grant } = await setup();
    const person = await grant(newcomer('slack', 'U-JAN'), 'servicedesk-agent', A);
    const before = await stored.directory();
    expect(await services.people.updateOwnContact(person, fields)).toEqual({ ok: false, error: { code: 'invalid-field', field } });
    expect(await stored.directory()).toEqual(before);
    expect((await stored.person('slack:U-JAN'))?.contactId).toBeUndefined();
    expect((await audit()).filter((e) => e.action !== 'role.grant')).toEqual([]);
  });

  it('updateOwnContact without a name for a new contact: invalid-field name', async () => {
    const { services, grant } = await setup();
    const person = await grant(newcomer('slack', 'U-JAN'), 'servicedesk-agent', A);
    expect(await services.people.updateOwnContact(person, { email: 'jan@lindendael.example' })).toEqual({ ok: false, error: { code: 'invalid-field', field: 'name' } });
  });

  it('updateOwnContact, linked to no organisation or to two, and no contact yet: person-not-linked, nothing stored', async () => {
    const { services, audit, stored, grant } = await setup();
    const before = await stored.directory();
    expect(await services.people.updateOwnContact(newcomer('slack', 'U-NEW'), { name: 'Nieuw' })).toEqual({ ok: false, error: { code: 'person-not-linked' } });
    const two = await grant(await grant(newcomer('slack', 'U-TWO'), 'servicedesk-agent', A), 'servicedesk-agent', B);
    expect(await services.people.updateOwnContact(two, { name: 'Twee' })).toEqual({ ok: false, error: { code: 'person-not-linked' } });
    expect(await stored.directory()).toEqual(before);
    expect(await stored.person('slack:U-NEW')).toBeUndefined();
    expect((await audit()).filter((e) => e.action !== 'role.grant')).toEqual([]);
  });

  it('updateContact by an administrator of the contact\'s organisation: updated, audited with before and after', async () => {
    const { services, audit, stored, grant } = await setup();
    const admin = await grant(newcomer('slack', 'U-ADM-A'), 'administrator', A);
    const before = await stored.contact(A_CONTACT);
    const result = await services.people.updateContact(admin, A_CONTACT, { phone: '+31 20 555 0199', role: 'verantwoordelijk beheerder ICT' });
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    const after = { ...before!, phone: '+31 20 555 0199', role: 'verantwoordelijk beheerder ICT' };
    expect(result.value).toEqual(after);
    expect(await stored.contact(A_CONTACT)).toEqual(after);
    expect((await audit()).at(-1)).toMatchObject({ actor: 'slack:U-ADM-A', action: 'directory.contact.update', subjectType: 'contact', subjectId: A_CONTACT, before, after });
  });

  it('updateContact by an administrator of another organisation (or a servicedesk agent of this one): forbidden, nothing changed', async () => {
    const { services, audit, stored, grant } = await setup();
    const adminB = await grant(newcomer('slack', 'U-ADM-B'), 'administrator', B);
    const agentA = await grant(newcomer('slack', 'U-SD-A'), 'servicedesk-agent', A);
    const before = await stored.contact(A_CONTACT);
    for (const actor of [adminB, agentA]) {
      const result = await services.people.updateContact(actor, A_CONTACT, { phone: '+31 20 555 0199' });
      expect(result.ok).toBe(false);
      expect(result.ok ? undefined : result.error).toMatchObject({ code: 'forbidden', neededRole: 'administrator', organisationId: A });
    }
    expect(await stored.contact(A_CONTACT)).toEqual(before);
    expect((await audit()).filter((e) => e.action !== 'role.grant')).toEqual([]);
  });

  it('updateContact with bad fields or an unknown contact: refused with the field', async () => {
    const { services, stored, grant } = await setup();
    const admin = await grant(newcomer('slack', 'U-ADM-A'), 'administrator', A);
    const before = await stored.contact(A_CONTACT);
    expect(await services.people.updateContact(admin, A_CONTACT, { email: 'geen-adres' })).toEqual({ ok: false, error: { code: 'invalid-field', field: 'email' } });
    expect(await services.people.updateContact(admin, 'contact-bestaat-niet', { name: 'X' })).toEqual({ ok: false, error: { code: 'invalid-field', field: 'contact' } });
    expect(await stored.contact(A_CONTACT)).toEqual(before);
  });
});
