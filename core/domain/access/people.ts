import type { Clock } from '../../clock.ts';
import type { Inbound } from '../../conversation/inbound.ts';
import type { AuditEntry } from '../audit/audit-entry.ts';
import type { DirectoryRepository } from '../directory/directory-repository.ts';
import type { Contact } from '../directory/types.ts';
import { findCitizenServiceNumbersIn } from '../privacy/citizen-service-number.ts';
import { fail, forbidden, ok, type Outcome } from './access-errors.ts';
import { mergeGrants } from './invitations.ts';
import type { PersonRepository } from './person-repository.ts';
import { authorize } from './permissions.ts';
import { newcomer, personId, type Person, type Role } from './types.ts';

export interface ContactFields {
  name?: string;
  phone?: string;
  email?: string;
  role?: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9 ()-]{6,20}$/;

/** People: who is talking, their roles and links, and their own contact details. */
export class People {
  constructor(
    private readonly people: PersonRepository,
    private readonly directory: DirectoryRepository,
    private readonly clock: Clock,
  ) {}

  /** The person behind an inbound message; someone new is a care professional linked to nothing. */
  async of(inbound: Pick<Inbound, 'platform' | 'actor'>): Promise<Person> {
    return (await this.people.get(personId(inbound.platform, inbound.actor.id))) ?? newcomer(inbound.platform, inbound.actor.id, inbound.actor.name);
  }

  /** Bootstrap and administration: give someone a role (and link them to the organisation). */
  async grant(target: Person, role: Role, organisationId: string | undefined, actor: string): Promise<Outcome<Person>> {
    if (role !== 'chain-coordinator' && role !== 'care-professional' && !organisationId) return fail({ code: 'invalid-field', field: 'organisation' });
    if (organisationId && !(await this.directory.load()).organisations.some((o) => o.id === organisationId)) {
      return fail({ code: 'unknown-organisation', query: organisationId });
    }
    const grant = role === 'chain-coordinator' ? { role } : { role, organisationId: organisationId! };
    const updated: Person = {
      ...target,
      roles: role === 'care-professional' ? target.roles : mergeGrants(target.roles, [grant]),
      organisationIds: organisationId ? [...new Set([...target.organisationIds, organisationId])] : target.organisationIds,
    };
    await this.people.save(updated, [this.audit(actor, 'role.grant', 'person', target.id, target, updated)]);
    return ok(updated);
  }

  /** A person's own contact card: the linked contact, or none yet. */
  async ownContact(person: Person): Promise<Contact | undefined> {
    return person.contactId ? (await this.directory.load()).contacts.find((c) => c.id === person.contactId) : undefined;
  }

  /**
   * A person updates their own name, phone, e-mail and role. Without a linked contact one is created
   * in their organisation (they must be linked to exactly one organisation to know which).
   */
  async updateOwnContact(person: Person, fields: ContactFields): Promise<Outcome<{ person: Person; contact: Contact }>> {
    const invalid = checkFields(fields);
    if (invalid) return fail({ code: 'invalid-field', field: invalid });
    const number = numberIn(fields);
    if (number) return fail({ code: 'citizen-service-number', field: number });
    const current = await this.ownContact(person);
    let contact: Contact;
    if (current) contact = merge(current, fields);
    else {
      if (person.organisationIds.length !== 1) return fail({ code: 'person-not-linked' });
      if (!fields.name?.trim()) return fail({ code: 'invalid-field', field: 'name' });
      contact = merge({ id: `contact-${person.platform}-${person.userId}`.toLowerCase().replace(/[^a-z0-9._-]/g, '-').slice(0, 100), organisationId: person.organisationIds[0]!, name: '', role: '' }, fields);
    }
    await this.directory.saveContact(contact, this.audit(person.id, current ? 'directory.contact.update' : 'directory.contact.add', 'contact', contact.id, current, contact));
    const updated = { ...person, contactId: contact.id, displayName: contact.name };
    if (person.contactId !== contact.id) await this.people.save(updated, []);
    return ok({ person: updated, contact });
  }

  /** An administrator updates a contact of one of their organisations. */
  async updateContact(actor: Person, contactId: string, fields: ContactFields): Promise<Outcome<Contact>> {
    const current = (await this.directory.load()).contacts.find((c) => c.id === contactId);
    if (!current) return fail({ code: 'invalid-field', field: 'contact' });
    const decision = authorize(actor, 'directory.contact.edit', [current.organisationId]);
    if (!decision.allowed) return forbidden(decision);
    const invalid = checkFields(fields);
    if (invalid) return fail({ code: 'invalid-field', field: invalid });
    const number = numberIn(fields);
    if (number) return fail({ code: 'citizen-service-number', field: number });
    const contact = merge(current, fields);
    await this.directory.saveContact(contact, this.audit(actor.id, 'directory.contact.update', 'contact', contact.id, current, contact));
    return ok(contact);
  }

  private audit(actor: string, action: string, subjectType: string, subjectId: string, before: unknown, after: unknown): AuditEntry {
    return { at: this.clock.now().toISOString(), actor, action, subjectType, subjectId, ...(before ? { before } : {}), after };
  }
}

/** Contact details are about colleagues, never patients: the first field (in form order) holding a citizen service number. */
function numberIn(fields: ContactFields): string | undefined {
  return Object.keys(findCitizenServiceNumbersIn({ name: fields.name, phone: fields.phone, email: fields.email, role: fields.role }))[0];
}

function checkFields(fields: ContactFields): string | undefined {
  if (fields.name !== undefined && (!fields.name.trim() || fields.name.length > 200)) return 'name';
  if (fields.email && !EMAIL.test(fields.email.trim())) return 'email';
  if (fields.phone && !PHONE.test(fields.phone.trim())) return 'phone';
  if (fields.role !== undefined && fields.role.length > 200) return 'role';
  return undefined;
}

function merge(contact: Contact, fields: ContactFields): Contact {
  const next: Contact = { ...contact };
  if (fields.name !== undefined) next.name = fields.name.trim();
  if (fields.role !== undefined) next.role = fields.role.trim();
  for (const key of ['phone', 'email'] as const) {
    const value = fields[key];
    if (value === undefined) continue;
    if (value.trim()) next[key] = value.trim();
    else delete next[key];
  }
  return next;
}
