import type { Organisation } from '../directory/types.ts';
import type { InvitationState } from './invitation.ts';
import type { Role } from './types.ts';

/** Why an access use case refused; the dialogs turn each into a sentence in the user's language. */
export type AccessError =
  | { code: 'forbidden'; neededRole: Role; organisationId?: string }
  | { code: 'unknown-organisation'; query: string }
  | { code: 'ambiguous-organisation'; query: string; candidates: Organisation[] }
  | { code: 'invalid-invitee'; invitee: string }
  | { code: 'invitation-not-found'; invitationCode: string }
  | { code: 'invitation-state'; invitationCode: string; state: InvitationState }
  | { code: 'invitation-not-for-you'; invitationCode: string }
  | { code: 'not-in-a-channel' }
  | { code: 'not-linked'; organisationId?: string }
  | { code: 'person-not-linked' }
  | { code: 'invalid-field'; field: string }
  /** A text field holds what looks like a citizen service number (the field's name). */
  | { code: 'citizen-service-number'; field: string };

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: AccessError };

export const ok = <T>(value: T): Outcome<T> => ({ ok: true, value });
export const fail = <T = never>(error: AccessError): Outcome<T> => ({ ok: false, error });

/** A refusal from a permission decision: which role is needed (and for which organisation). */
export const forbidden = <T = never>(decision: { neededRole: Role; organisationId?: string }): Outcome<T> =>
  fail({ code: 'forbidden', neededRole: decision.neededRole, ...(decision.organisationId ? { organisationId: decision.organisationId } : {}) });
