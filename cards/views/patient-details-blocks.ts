import type { Translate } from '../i18n/translate.ts';
import type { CardBlock } from './card-view.ts';

/** The id of the form's confirmation toggle: its value comes back with the form's other inputs. */
export const NOT_PATIENT_DATA = 'notPatientData';

/** The toggle's value as a platform sends it back (Teams and web chat: "true"/"false", Slack: a boolean). */
export const confirmedNotPatientData = (value: unknown): boolean => value === true || value === 'true';

/**
 * What a form shows when a free-text field looks like patient details (a name or a date of birth):
 * a warning naming the fields, and a toggle "Dit zijn geen patiëntgegevens" to confirm and store
 * anyway. Once confirmed, the toggle stays (switched on) while the form comes back for other problems.
 */
export function patientDetailsBlocks(t: Translate, fieldLabels: string[], confirmed: boolean | undefined): CardBlock[] {
  if (!fieldLabels.length && !confirmed) return [];
  const names = fieldLabels.map((field) => t('privacy.patient.fieldName', { field }));
  const fields = names.length > 1 ? `${names.slice(0, -1).join(', ')} ${t('privacy.patient.and')} ${names[names.length - 1]}` : names[0] ?? '';
  return [
    ...(names.length ? [{ type: 'text' as const, text: t('privacy.patient.warning', { fields }), style: 'warning' as const }] : []),
    { type: 'input', input: { kind: 'toggle', id: NOT_PATIENT_DATA, label: t('privacy.patient.confirm'), value: confirmed ?? false } },
  ];
}
