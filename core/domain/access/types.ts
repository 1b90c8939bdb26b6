import type { Platform } from '../../conversation/inbound.ts';

/**
 * The roles of seed 001, adapted to the chain. Everyone is a care professional. A knowledge-base
 * editor writes drafts for the national knowledge base (regional input, seed 000 "Kennisborging"),
 * which chain coordination publishes.
 */
export const ROLES = ['care-professional', 'servicedesk-agent', 'service-manager', 'administrator', 'kb-editor', 'chain-coordinator'] as const;
export type Role = (typeof ROLES)[number];

/** A role, for one organisation, or national (chain coordinator). */
export interface RoleGrant {
  role: Role;
  organisationId?: string;
}

/** A platform user as Ketenbot knows them. Linking = seeing: they see what belongs to their organisations. */
export interface Person {
  /** "<platform>:<user id>", e.g. "teams:00000000-…" (AAD object id), "slack:U123", "local:u-…". */
  id: string;
  platform: Platform;
  userId: string;
  displayName?: string;
  contactId?: string;
  organisationIds: string[];
  roles: RoleGrant[];
}

export const personId = (platform: Platform, userId: string): string => `${platform}:${userId}`;

export function parsePersonId(value: string): { platform: Platform; userId: string } | undefined {
  const match = /^(teams|slack|local):(.+)$/.exec(value.trim());
  return match ? { platform: match[1] as Platform, userId: match[2]! } : undefined;
}

/** A person we have never seen: a care professional linked to nothing. */
export const newcomer = (platform: Platform, userId: string, displayName?: string): Person => ({
  id: personId(platform, userId),
  platform,
  userId,
  ...(displayName ? { displayName } : {}),
  organisationIds: [],
  roles: [],
});

export const hasRole = (person: Person, role: Role, organisationId?: string): boolean =>
  role === 'care-professional' ||
  person.roles.some((g) => g.role === role && (organisationId === undefined || g.organisationId === organisationId || g.role === 'chain-coordinator'));

export const isCoordinator = (person: Person): boolean => person.roles.some((g) => g.role === 'chain-coordinator');

/** Roles beyond care professional make someone part of the chain's support staff. */
export const isStaff = (person: Person): boolean => person.roles.some((g) => g.role !== 'care-professional');
