import { randomInt } from 'node:crypto';
import type { AuditEntry } from '../audit/audit-entry.ts';
import type { Role } from './types.ts';

export const INVITATION_DAYS = 7;

export interface Invitation {
  /** What the invitee types to accept, e.g. "K7PQ-M3XD". */
  code: string;
  role: Role;
  organisationIds: string[];
  /** An e-mail address, or a person id ("slack:U123") when invited by mention. */
  invitee: string;
  invitedBy: string;
  createdAt: string;
  expiresAt: string;
  status: 'open' | 'accepted' | 'revoked';
  acceptedBy?: string;
  acceptedAt?: string;
}

export type InvitationState = 'open' | 'expired' | 'accepted' | 'revoked';

export function invitationState(invitation: Invitation, now: Date): InvitationState {
  if (invitation.status !== 'open') return invitation.status;
  return Date.parse(invitation.expiresAt) <= now.getTime() ? 'expired' : 'open';
}

export interface InvitationRepository {
  get(code: string): Promise<Invitation | undefined>;
  /** Invitations for any of these organisations (all of them when undefined), newest first. */
  list(organisationIds?: string[]): Promise<Invitation[]>;
  save(invitation: Invitation, audit: AuditEntry[]): Promise<void>;
}

// No 0/O, 1/I/L: codes are read aloud and typed over.
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

export function newInvitationCode(): string {
  const pick = () => Array.from({ length: 4 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  return `${pick()}-${pick()}`;
}

/** "k7pq m3xd", "K7PQM3XD" → "K7PQ-M3XD". */
export function normalizeInvitationCode(input: string): string {
  const compact = input.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return compact.length === 8 ? `${compact.slice(0, 4)}-${compact.slice(4)}` : compact;
}
