import type { Contact, DirectoryDocument } from '../directory/types.ts';
import { canSee } from './permissions.ts';
import { isStaff, type Person } from './types.ts';

/**
 * Named contacts are for the chain's support staff (Supportal's address book, where servicedesks and
 * service managers find each other) and for people linked to the organisation. Desks are public.
 */
export function visibleContacts(person: Person, directory: DirectoryDocument, organisationId: string): Contact[] | 'hidden' {
  if (!isStaff(person) && !canSee(person, organisationId)) return 'hidden';
  return directory.contacts.filter((c) => c.organisationId === organisationId);
}
