import { hasRole, isCoordinator, type Person, type Role } from './types.ts';

/**
 * What admin commands need. Every check happens here, in the core, never in a platform adapter.
 * Organisation-scoped permissions need the role for every organisation involved; a chain
 * coordinator may do everything.
 */
export const PERMISSIONS = {
  'directory.contact.edit': 'administrator',
  'invitation.manage': 'administrator',
  'channel.link': 'administrator',
  'role.grant': 'administrator',
  // What the whole chain shares is managed nationally (seed 000): the national decision tree and
  // publishing knowledge-base entries. RSO administrators publish their region's tree (tree.regional,
  // scoped to the RSO); drafts for the knowledge base come from editors (see kb-rights.ts).
  'tree.manage': 'chain-coordinator',
  'tree.regional': 'administrator',
  'kb.write': 'kb-editor',
  'kb.publish': 'chain-coordinator',
  'maintenance.manage': 'administrator',
  'audit.read': 'chain-coordinator',
} as const satisfies Record<string, Role>;
export type Permission = keyof typeof PERMISSIONS;

export type Decision = { allowed: true } | { allowed: false; neededRole: Role; organisationId?: string };

export function authorize(person: Person, permission: Permission, organisationIds: string[] = []): Decision {
  if (isCoordinator(person)) return { allowed: true };
  const needed = PERMISSIONS[permission];
  if (needed === 'chain-coordinator') return { allowed: false, neededRole: needed };
  if (organisationIds.length === 0) {
    return person.roles.some((g) => g.role === needed) ? { allowed: true } : { allowed: false, neededRole: needed };
  }
  const missing = organisationIds.find((org) => !hasRole(person, needed, org));
  return missing ? { allowed: false, neededRole: needed, organisationId: missing } : { allowed: true };
}

/** Linking = seeing: the organisations whose incidents, maintenance and contacts a person sees. */
export function canSee(person: Person, organisationId: string): boolean {
  return isCoordinator(person) || person.organisationIds.includes(organisationId) || person.roles.some((g) => g.organisationId === organisationId);
}
