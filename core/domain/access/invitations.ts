import type { Clock } from '../../clock.ts';
import type { AuditEntry } from '../audit/audit-entry.ts';
import type { DirectoryRepository } from '../directory/directory-repository.ts';
import { findCitizenServiceNumbers } from '../privacy/citizen-service-number.ts';
import { fail, forbidden, ok, type Outcome } from './access-errors.ts';
import { INVITATION_DAYS, invitationState, newInvitationCode, normalizeInvitationCode, type Invitation, type InvitationRepository } from './invitation.ts';
import type { PersonRepository } from './person-repository.ts';
import { authorize } from './permissions.ts';
import { parsePersonId, type Person, type Role, type RoleGrant } from './types.ts';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Invitations (seed 001): an administrator invites someone for a role on organisations; the code
 * is valid 7 days; the invitee accepts it in chat and is linked; expired ones can be extended,
 * open ones revoked. Every step is checked here and audit-logged.
 */
export class Invitations {
  constructor(
    private readonly invitations: InvitationRepository,
    private readonly people: PersonRepository,
    private readonly directory: DirectoryRepository,
    private readonly clock: Clock,
  ) {}

  async invite(actor: Person, request: { role: Role; organisationIds: string[]; invitee: string }): Promise<Outcome<Invitation>> {
    const needsNational = request.role === 'chain-coordinator';
    const decision = needsNational
      ? authorize(actor, 'audit.read') // only a coordinator may make a coordinator
      : authorize(actor, 'invitation.manage', request.organisationIds);
    if (!decision.allowed) return forbidden(decision);
    if (!needsNational) {
      if (!request.organisationIds.length) return fail({ code: 'invalid-field', field: 'organisation' });
      const known = new Set((await this.directory.load()).organisations.map((o) => o.id));
      const unknown = request.organisationIds.find((id) => !known.has(id));
      if (unknown) return fail({ code: 'unknown-organisation', query: unknown });
    }
    const invitee = request.invitee.trim();
    if (!EMAIL.test(invitee) && !parsePersonId(invitee)) return fail({ code: 'invalid-invitee', invitee });
    // An address is typed (and stored): it is about a colleague, never a patient. A mention's person id is the platform's.
    if (EMAIL.test(invitee) && findCitizenServiceNumbers(invitee).length) return fail({ code: 'citizen-service-number', field: 'invitee' });
    const now = this.clock.now();
    const invitation: Invitation = {
      code: await this.freshCode(),
      role: request.role,
      organisationIds: needsNational ? [] : request.organisationIds,
      invitee: EMAIL.test(invitee) ? invitee.toLowerCase() : invitee,
      invitedBy: actor.id,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + INVITATION_DAYS * DAY_MS).toISOString(),
      status: 'open',
    };
    await this.invitations.save(invitation, [this.audit(actor.id, 'invitation.create', invitation.code, undefined, invitation)]);
    return ok(invitation);
  }

  async accept(person: Person, codeInput: string): Promise<Outcome<{ invitation: Invitation; person: Person }>> {
    const found = await this.find(codeInput);
    if (!found.ok) return found;
    const invitation = found.value;
    const state = invitationState(invitation, this.clock.now());
    if (state !== 'open') return fail({ code: 'invitation-state', invitationCode: invitation.code, state });
    // An invitation by mention is for that person only; one by e-mail is for whoever holds the code.
    if (parsePersonId(invitation.invitee) && invitation.invitee !== person.id) return fail({ code: 'invitation-not-for-you', invitationCode: invitation.code });
    const at = this.clock.now().toISOString();
    const grants: RoleGrant[] = invitation.role === 'chain-coordinator' ? [{ role: invitation.role }] : invitation.organisationIds.map((organisationId) => ({ role: invitation.role, organisationId }));
    const updated: Person = {
      ...person,
      roles: mergeGrants(person.roles, grants),
      organisationIds: [...new Set([...person.organisationIds, ...invitation.organisationIds])],
    };
    const accepted: Invitation = { ...invitation, status: 'accepted', acceptedBy: person.id, acceptedAt: at };
    await this.people.save(updated, [this.audit(person.id, 'role.grant', person.id, person, updated, 'person')]);
    await this.invitations.save(accepted, [this.audit(person.id, 'invitation.accept', invitation.code, invitation, accepted)]);
    return ok({ invitation: accepted, person: updated });
  }

  /** Gives an open or expired invitation another 7 days from now. */
  async extend(actor: Person, codeInput: string): Promise<Outcome<Invitation>> {
    const found = await this.managed(actor, codeInput);
    if (!found.ok) return found;
    const state = invitationState(found.value, this.clock.now());
    if (state !== 'open' && state !== 'expired') return fail({ code: 'invitation-state', invitationCode: found.value.code, state });
    const extended: Invitation = { ...found.value, expiresAt: new Date(this.clock.now().getTime() + INVITATION_DAYS * DAY_MS).toISOString() };
    await this.invitations.save(extended, [this.audit(actor.id, 'invitation.extend', extended.code, found.value, extended)]);
    return ok(extended);
  }

  async revoke(actor: Person, codeInput: string): Promise<Outcome<Invitation>> {
    const found = await this.managed(actor, codeInput);
    if (!found.ok) return found;
    const state = invitationState(found.value, this.clock.now());
    if (state !== 'open') return fail({ code: 'invitation-state', invitationCode: found.value.code, state });
    const revoked: Invitation = { ...found.value, status: 'revoked' };
    await this.invitations.save(revoked, [this.audit(actor.id, 'invitation.revoke', revoked.code, found.value, revoked)]);
    return ok(revoked);
  }

  /** The invitations of the organisations the actor administers (all for a coordinator). */
  async list(actor: Person): Promise<Outcome<Invitation[]>> {
    const decision = authorize(actor, 'invitation.manage');
    if (!decision.allowed) return forbidden(decision);
    const coordinator = actor.roles.some((g) => g.role === 'chain-coordinator');
    const administered = actor.roles.filter((g) => g.role === 'administrator' && g.organisationId).map((g) => g.organisationId!);
    return ok(await this.invitations.list(coordinator ? undefined : administered));
  }

  private async managed(actor: Person, codeInput: string): Promise<Outcome<Invitation>> {
    const found = await this.find(codeInput);
    if (!found.ok) return found;
    const decision = found.value.role === 'chain-coordinator' ? authorize(actor, 'audit.read') : authorize(actor, 'invitation.manage', found.value.organisationIds);
    return decision.allowed ? found : forbidden(decision);
  }

  private async find(codeInput: string): Promise<Outcome<Invitation>> {
    const code = normalizeInvitationCode(codeInput);
    const invitation = await this.invitations.get(code);
    return invitation ? ok(invitation) : fail({ code: 'invitation-not-found', invitationCode: code });
  }

  private async freshCode(): Promise<string> {
    for (;;) {
      const code = newInvitationCode();
      if (!(await this.invitations.get(code))) return code;
    }
  }

  private audit(actor: string, action: string, subjectId: string, before: unknown, after: unknown, subjectType = 'invitation'): AuditEntry {
    return { at: this.clock.now().toISOString(), actor, action, subjectType, subjectId, ...(before ? { before } : {}), after };
  }
}

export function mergeGrants(current: RoleGrant[], added: RoleGrant[]): RoleGrant[] {
  const key = (g: RoleGrant) => `${g.role}@${g.organisationId ?? ''}`;
  const map = new Map(current.map((g) => [key(g), g]));
  for (const g of added) map.set(key(g), g);
  return [...map.values()];
}
