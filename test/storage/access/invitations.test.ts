import { describe, expect, it } from 'vitest';
import { type Services } from '../../../bot/compose-services.ts';
import type { Invitation } from '../../../core/domain/access/invitation.ts';
import { newcomer, type Person, type Role } from '../../../core/domain/access/types.ts';
import { TypeOrmInvitationRepository } from '../../../storage/access/typeorm-invitation-repository.ts';
import { TypeOrmPersonRepository } from '../../../storage/access/typeorm-person-repository.ts';
import { DATABASE_KINDS, databasePerTest, type DatabaseKind } from '../../support/databases.ts';
import { servicesWithDemoData } from '../../support/demo-data.ts';

const A = 'org-ziekenhuis-lindendael';
const B = 'org-sint-amandus-gasthuis';
const C = 'org-gtk-westlink';
const DAY = 24 * 60 * 60 * 1000;
const T0 = new Date('2025-03-03T09:00:00.000Z');
/** Codes avoid 0/O and 1/I/L: they are read aloud and typed over. */
const CODE = /^[ABCDEFGHJKMNPQRSTUVWXYZ2-9]{4}-[ABCDEFGHJKMNPQRSTUVWXYZ2-9]{4}$/;

describe.each(DATABASE_KINDS)('invitations on %s', (kind: DatabaseKind) => {
  const databases = databasePerTest(kind);

  async function setup() {
    const db = await databases.open();
    const { services, clock } = await servicesWithDemoData(db, T0);
    const grant = async (userId: string, role: Role, organisationId?: string): Promise<Person> => value(await services.people.grant(newcomer('slack', userId), role, organisationId, 'test'));
    const coordinator = await grant('U-COORD', 'chain-coordinator');
    const adminA = await grant('U-ADM-A', 'administrator', A);
    const adminB = await grant('U-ADM-B', 'administrator', B);
    const auditStart = (await services.audit.since(new Date(0))).length;
    /** The audit entries written since setup. */
    const audit = async () => (await services.audit.since(new Date(0))).slice(auditStart);
    /** What is stored, read through new repositories. */
    const stored = {
      invitation: (code: string) => new TypeOrmInvitationRepository(db.dataSource).get(code),
      person: (id: string) => new TypeOrmPersonRepository(db.dataSource).get(id),
    };
    const later = (ms: number) => { clock.current = new Date(clock.current.getTime() + ms); };
    return { services, clock, later, coordinator, adminA, adminB, audit, stored };
  }

  const value = <T>(outcome: { ok: true; value: T } | { ok: false; error: unknown }): T => {
    if (!outcome.ok) throw new Error(`expected success, got ${JSON.stringify(outcome.error)}`);
    return outcome.value;
  };
  const errorOf = (outcome: { ok: boolean; error?: unknown }) => {
    if (outcome.ok) throw new Error('expected a refusal');
    return outcome.error;
  };
  const invite = (services: Services, actor: Person, role: Role, organisationIds: string[], invitee = 'Jan@Example.org') =>
    services.invitations.invite(actor, { role, organisationIds, invitee });

  it('invite: a readable code, valid exactly 7 days, stored and audited', async () => {
    const { services, adminA, audit, stored } = await setup();
    const invitation = value(await invite(services, adminA, 'servicedesk-agent', [A]));
    expect(invitation.code).toMatch(CODE);
    expect(invitation).toMatchObject({
      role: 'servicedesk-agent', organisationIds: [A], invitee: 'jan@example.org', invitedBy: 'slack:U-ADM-A', status: 'open',
      createdAt: T0.toISOString(), expiresAt: new Date(T0.getTime() + 7 * DAY).toISOString(),
    });
    expect(await stored.invitation(invitation.code)).toEqual(invitation);
    expect(await audit()).toEqual([
      expect.objectContaining({ actor: 'slack:U-ADM-A', action: 'invitation.create', subjectType: 'invitation', subjectId: invitation.code, after: invitation }),
    ]);
  });

  it('codes differ from one invitation to the next', async () => {
    const { services, adminA } = await setup();
    const codes = new Set<string>();
    for (let i = 0; i < 10; i++) codes.add(value(await invite(services, adminA, 'servicedesk-agent', [A], `p${i}@example.org`)).code);
    expect(codes.size).toBe(10);
  });

  it.each([
    ['as given', (c: string) => c],
    ['in lower case', (c: string) => c.toLowerCase()],
    ['read aloud with a space ("k7pq m3xd")', (c: string) => c.toLowerCase().replace('-', ' ')],
    ['without the dash', (c: string) => c.replace('-', '')],
    ['with spaces around', (c: string) => `  ${c}  `],
  ])('accept with the code %s: the person gets the role on each organisation and is linked', async (_how, spell) => {
    const { services, later, adminA, audit, stored } = await setup();
    const dualAdmin = value(await services.people.grant(adminA, 'administrator', B, 'test'));
    const invitation = value(await invite(services, dualAdmin, 'service-manager', [A, B]));
    later(3 * DAY);
    const jan = newcomer('slack', 'U-JAN', 'Jan');
    const accepted = value(await services.invitations.accept(jan, spell(invitation.code)));

    expect(accepted.person.roles).toEqual([{ role: 'service-manager', organisationId: A }, { role: 'service-manager', organisationId: B }]);
    expect(accepted.person.organisationIds).toEqual([A, B]);
    expect(await stored.person('slack:U-JAN')).toMatchObject({ roles: accepted.person.roles, organisationIds: [A, B], displayName: 'Jan' });
    const after = await stored.invitation(invitation.code);
    expect(after).toMatchObject({ status: 'accepted', acceptedBy: 'slack:U-JAN', acceptedAt: new Date(T0.getTime() + 3 * DAY).toISOString() });
    const actions = (await audit()).filter((e) => e.actor === 'slack:U-JAN').map((e) => [e.action, e.subjectId]);
    expect(actions).toEqual(expect.arrayContaining([['invitation.accept', invitation.code], ['role.grant', 'slack:U-JAN']]));
    expect(actions).toHaveLength(2);
  });

  it('an invitation is open until just before 7 days are up, and expired from then on', async () => {
    const { services, clock, adminA, stored } = await setup();
    const invitation = value(await invite(services, adminA, 'servicedesk-agent', [A]));
    clock.current = new Date(T0.getTime() + 7 * DAY);
    expect(errorOf(await services.invitations.accept(newcomer('slack', 'U-LATE'), invitation.code))).toEqual({ code: 'invitation-state', invitationCode: invitation.code, state: 'expired' });
    expect(await stored.person('slack:U-LATE')).toBeUndefined();
    expect((await stored.invitation(invitation.code))?.status).toBe('open');

    clock.current = new Date(T0.getTime() + 7 * DAY - 1);
    expect((await services.invitations.accept(newcomer('slack', 'U-JUST'), invitation.code)).ok).toBe(true);
  });

  it('an administrator extends an expired invitation: 7 more days from now, then accepting works', async () => {
    const { services, clock, later, adminA, audit } = await setup();
    const invitation = value(await invite(services, adminA, 'servicedesk-agent', [A]));
    later(10 * DAY);
    expect((await services.invitations.accept(newcomer('slack', 'U-JAN'), invitation.code)).ok).toBe(false);

    const extended = value(await services.invitations.extend(adminA, invitation.code.toLowerCase()));
    expect(extended.expiresAt).toBe(new Date(clock.current.getTime() + 7 * DAY).toISOString());
    expect(extended.status).toBe('open');
    expect((await audit()).map((e) => e.action)).toContain('invitation.extend');

    later(6 * DAY);
    expect(value(await services.invitations.accept(newcomer('slack', 'U-JAN'), invitation.code)).person.roles).toEqual([{ role: 'servicedesk-agent', organisationId: A }]);
  });

  it('revoke an open invitation: revoked, audited, and accepting it is refused', async () => {
    const { services, adminA, audit, stored } = await setup();
    const invitation = value(await invite(services, adminA, 'servicedesk-agent', [A]));
    expect(value(await services.invitations.revoke(adminA, invitation.code)).status).toBe('revoked');
    expect((await stored.invitation(invitation.code))?.status).toBe('revoked');
    expect((await audit()).at(-1)).toMatchObject({ action: 'invitation.revoke', actor: 'slack:U-ADM-A', subjectId: invitation.code });
    expect(errorOf(await services.invitations.accept(newcomer('slack', 'U-JAN'), invitation.code))).toEqual({ code: 'invitation-state', invitationCode: invitation.code, state: 'revoked' });
    expect(await stored.person('slack:U-JAN')).toBeUndefined();
  });

  it('revoking (or extending) an accepted or revoked invitation is refused and changes nothing', async () => {
    const { services, adminA, audit, stored } = await setup();
    const accepted = value(await invite(services, adminA, 'servicedesk-agent', [A]));
    value(await services.invitations.accept(newcomer('slack', 'U-JAN'), accepted.code));
    const revoked = value(await invite(services, adminA, 'servicedesk-agent', [A], 'piet@example.org'));
    value(await services.invitations.revoke(adminA, revoked.code));
    const before = (await audit()).length;

    expect(errorOf(await services.invitations.revoke(adminA, accepted.code))).toEqual({ code: 'invitation-state', invitationCode: accepted.code, state: 'accepted' });
    expect(errorOf(await services.invitations.revoke(adminA, revoked.code))).toEqual({ code: 'invitation-state', invitationCode: revoked.code, state: 'revoked' });
    expect(errorOf(await services.invitations.extend(adminA, accepted.code))).toEqual({ code: 'invitation-state', invitationCode: accepted.code, state: 'accepted' });
    expect(errorOf(await services.invitations.extend(adminA, revoked.code))).toEqual({ code: 'invitation-state', invitationCode: revoked.code, state: 'revoked' });
    expect(errorOf(await services.invitations.accept(newcomer('slack', 'U-PIET'), accepted.code))).toEqual({ code: 'invitation-state', invitationCode: accepted.code, state: 'accepted' });
    expect((await audit()).length).toBe(before);
    expect((await stored.invitation(accepted.code))?.status).toBe('accepted');
    expect((await stored.invitation(revoked.code))?.status).toBe('revoked');
  });

  it('an invitation by mention is for that person only; one by e-mail is for whoever has the code', async () => {
    const { services, adminA, stored } = await setup();
    const forU9 = value(await invite(services, adminA, 'servicedesk-agent', [A], 'slack:U9'));
    expect(forU9.invitee).toBe('slack:U9');
    expect(errorOf(await services.invitations.accept(newcomer('slack', 'U8'), forU9.code))).toEqual({ code: 'invitation-not-for-you', invitationCode: forU9.code });
    expect(errorOf(await services.invitations.accept(newcomer('teams', 'U9'), forU9.code))).toEqual({ code: 'invitation-not-for-you', invitationCode: forU9.code });
    expect(await stored.person('slack:U8')).toBeUndefined();
    expect((await stored.invitation(forU9.code))?.status).toBe('open');
    expect(value(await services.invitations.accept(newcomer('slack', 'U9'), forU9.code)).person.id).toBe('slack:U9');

    const byMail = value(await invite(services, adminA, 'servicedesk-agent', [A], 'iemand@example.org'));
    expect(value(await services.invitations.accept(newcomer('teams', 'aad-1'), byMail.code)).person.id).toBe('teams:aad-1');
  });

  it('an unknown code is not found (named in its normal spelling)', async () => {
    const { services } = await setup();
    expect(errorOf(await services.invitations.accept(newcomer('slack', 'U1'), 'zzzz yyyy'))).toEqual({ code: 'invitation-not-found', invitationCode: 'ZZZZ-YYYY' });
    expect(errorOf(await services.invitations.extend(newcomer('slack', 'U1'), 'ZZZZ-YYYY'))).toMatchObject({ code: 'invitation-not-found' });
  });

  it.each(['jan', 'jan@', 'jan@example', 'jan example@x.nl', '', 'U123', 'whatsapp:U1'])('invitee %j is not an e-mail address or a person: invalid-invitee, nothing stored', async (invitee) => {
    const { services, adminA, audit } = await setup();
    expect(errorOf(await invite(services, adminA, 'servicedesk-agent', [A], invitee))).toEqual({ code: 'invalid-invitee', invitee: invitee.trim() });
    expect(value(await services.invitations.list(adminA))).toEqual([]);
    expect(await audit()).toEqual([]);
  });

  it('list: an administrator sees the invitations of their organisations, newest first; the coordinator all', async () => {
    const { services, later, coordinator, adminA, adminB } = await setup();
    const first = value(await invite(services, adminA, 'servicedesk-agent', [A], 'een@example.org'));
    later(60_000);
    const forB = value(await invite(services, adminB, 'servicedesk-agent', [B], 'twee@example.org'));
    later(60_000);
    const second = value(await invite(services, adminA, 'service-manager', [A], 'drie@example.org'));
    later(60_000);
    const national = value(await invite(services, coordinator, 'chain-coordinator', [], 'vier@example.org'));
    later(60_000);
    const forC = value(await invite(services, coordinator, 'administrator', [C, A], 'vijf@example.org'));

    const codes = async (actor: Person) => value(await services.invitations.list(actor)).map((i: Invitation) => i.code);
    expect(await codes(adminA)).toEqual([forC.code, second.code, first.code]);
    expect(await codes(adminB)).toEqual([forB.code]);
    expect(await codes(coordinator)).toEqual([forC.code, national.code, second.code, forB.code, first.code]);
  });

  it('roles combine: accepting a second invitation adds its role and keeps the first', async () => {
    const { services, adminA, adminB, stored } = await setup();
    const one = value(await invite(services, adminA, 'servicedesk-agent', [A]));
    const two = value(await invite(services, adminB, 'administrator', [B]));
    const afterOne = value(await services.invitations.accept(newcomer('slack', 'U-JAN'), one.code)).person;
    const afterTwo = value(await services.invitations.accept(afterOne, two.code)).person;
    expect(afterTwo.roles).toEqual([{ role: 'servicedesk-agent', organisationId: A }, { role: 'administrator', organisationId: B }]);
    expect(afterTwo.organisationIds).toEqual([A, B]);
    expect(await stored.person('slack:U-JAN')).toMatchObject({ roles: afterTwo.roles, organisationIds: [A, B] });

    // The same role again adds nothing twice.
    const again = value(await invite(services, adminA, 'servicedesk-agent', [A], 'x@example.org'));
    const afterAgain = value(await services.invitations.accept(afterTwo, again.code)).person;
    expect(afterAgain.roles).toEqual(afterTwo.roles);
    expect(afterAgain.organisationIds).toEqual([A, B]);
  });

  it('a coordinator invitation makes a national chain coordinator (no organisation)', async () => {
    const { services, coordinator } = await setup();
    const invitation = value(await invite(services, coordinator, 'chain-coordinator', [A]));
    expect(invitation.organisationIds).toEqual([]);
    const person = value(await services.invitations.accept(newcomer('teams', 'aad-2'), invitation.code)).person;
    expect(person.roles).toEqual([{ role: 'chain-coordinator' }]);
  });

  it('person repository: round trip of every field, and withRole finds the people with a role on an organisation', async () => {
    const { services, stored } = await setup();
    const repo = services.personRepository;
    const person: Person = {
      id: 'teams:00000000-0000-0000-0000-000000000001', platform: 'teams', userId: '00000000-0000-0000-0000-000000000001', displayName: 'Ingrid Mülder',
      contactId: 'contact-ingrid-mulder', organisationIds: [A, B], roles: [{ role: 'administrator', organisationId: A }, { role: 'servicedesk-agent', organisationId: B }],
    };
    await repo.save(person, []);
    expect(await stored.person(person.id)).toEqual(person);
    const minimal: Person = { id: 'local:u-1', platform: 'local', userId: 'u-1', organisationIds: [], roles: [] };
    await repo.save(minimal, []);
    expect(await stored.person('local:u-1')).toEqual(minimal);
    // Saving again replaces (no duplicate).
    await repo.save({ ...minimal, displayName: 'Nu met naam' }, []);
    expect(await stored.person('local:u-1')).toEqual({ ...minimal, displayName: 'Nu met naam' });
    expect(await stored.person('local:nobody')).toBeUndefined();

    const ids = async (role: Role, org: string) => (await repo.withRole(role, org)).map((p) => p.id);
    expect(await ids('administrator', A)).toEqual(['slack:U-ADM-A', person.id]);
    expect(await ids('administrator', B)).toEqual(['slack:U-ADM-B']);
    expect(await ids('servicedesk-agent', B)).toEqual([person.id]);
    expect(await ids('servicedesk-agent', A)).toEqual([]);
    // The coordinator is national: not an administrator "of" any organisation.
    expect(await ids('chain-coordinator', A)).toEqual([]);
  });
});
