import type { nlPrivacy } from './nl-privacy.ts';

/** English texts of the patient-data guard (same keys as `nl-privacy.ts`). */
export const enPrivacy: Record<keyof typeof nlPrivacy, string> = {
  'access.bsn': "{field}: this looks like a citizen service number (nine digits that pass the 11-test). Contact details are about colleagues, not patients: remove the number. Nothing was saved.",
  'privacy.patient.field': "This looks like patient details (a name or a date of birth).",
  'privacy.patient.warning': "This looks like patient details (a name or a date of birth) in {fields}. Remove it, or confirm that it is not patient data.",
  'privacy.patient.confirm': "This is not patient data",
  'privacy.patient.fieldName': "'{field}'",
  'privacy.email.open': "Open it in the chat with Ketenbot (Teams or Slack): type \"incident {id}\".",
  'privacy.patient.and': "and",
};
