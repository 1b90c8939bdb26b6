import type { MessageKey, Translate } from '../cards/i18n/translate.ts';
import type { AccessError } from '../core/domain/access/access-errors.ts';

/** The form labels of the fields an access use case checks. */
const FIELD_LABELS: Record<string, MessageKey> = { name: 'profile.name', phone: 'profile.phone', email: 'profile.email', role: 'profile.function', invitee: 'invite.form.invitee' };

/** One plain sentence per refusal, in the user's language. */
export function accessErrorText(t: Translate, error: AccessError, organisationName: (id: string) => string = (id) => id): string {
  switch (error.code) {
    case 'forbidden':
      return error.organisationId
        ? t('access.forbidden.org', { role: t(`role.${error.neededRole}` as MessageKey), organisation: organisationName(error.organisationId) })
        : t('access.forbidden', { role: t(`role.${error.neededRole}` as MessageKey) });
    case 'unknown-organisation':
      return t('access.unknownOrganisation', { query: error.query });
    case 'ambiguous-organisation':
      return t('access.ambiguousOrganisation', { query: error.query, candidates: error.candidates.map((o) => `${o.name} (${o.id})`).join(', ') });
    case 'invalid-invitee':
      return t('access.invalidInvitee', { invitee: error.invitee });
    case 'invitation-not-found':
      return t('access.invitationNotFound', { code: error.invitationCode });
    case 'invitation-state':
      return t(`access.invitation.${error.state}` as MessageKey, { code: error.invitationCode });
    case 'invitation-not-for-you':
      return t('access.invitationNotForYou', { code: error.invitationCode });
    case 'not-in-a-channel':
      return t('access.notInChannel');
    case 'not-linked':
      return error.organisationId ? t('access.notLinkedOrg', { organisation: organisationName(error.organisationId) }) : t('access.notLinked');
    case 'person-not-linked':
      return t('access.notLinkedPerson');
    case 'invalid-field':
      return t(`access.invalidField.${error.field}` as MessageKey);
    case 'citizen-service-number':
      return t('access.bsn', { field: FIELD_LABELS[error.field] ? t(FIELD_LABELS[error.field]!).replace(/\s*\(.*\)$/, '') : error.field });
  }
}
