import { authorize, type Decision } from '../access/permissions.ts';
import { hasRole, type Person } from '../access/types.ts';
import type { DirectoryDocument } from '../directory/types.ts';

/**
 * Who may change the national knowledge base (seed 000, "Kennisborging"): it is filled under national
 * management, with regional input through the RSOs. Chain coordination writes and publishes; a
 * knowledge-base editor (of any organisation) and the administrators of an RSO write drafts, which
 * chain coordination publishes. Nobody else writes; a single practice's administrator manages their
 * own organisation, not what the whole chain reads.
 */
export type KbRight = { allowed: true; publish: boolean } | Extract<Decision, { allowed: false }>;

export function kbRights(person: Person, directory: DirectoryDocument): KbRight {
  if (authorize(person, 'kb.publish').allowed) return { allowed: true, publish: true };
  const rsoAdministrator = directory.organisations.some((o) => o.kind === 'rso' && hasRole(person, 'administrator', o.id));
  if (rsoAdministrator || authorize(person, 'kb.write').allowed) return { allowed: true, publish: false };
  return { allowed: false, neededRole: 'kb-editor' };
}

/** May this person see unpublished drafts in search (everyone who may write them)? */
export const seesKbDrafts = (person: Person, directory: DirectoryDocument): boolean => kbRights(person, directory).allowed;
