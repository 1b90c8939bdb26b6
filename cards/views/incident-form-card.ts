import type { DirectoryDocument, OrganisationKind } from '../../core/domain/directory/types.ts';
import type { DraftField, FieldProblem } from '../../core/domain/incidents/incident-contracts.ts';
import { IMPACTS } from '../../core/domain/incidents/types.ts';
import type { MessageKey, Translate } from '../i18n/translate.ts';
import type { CardBlock, CardView, Choice } from './card-view.ts';
import { cancelAction } from './cancel-action.ts';
import { patientDetailsBlocks } from './patient-details-blocks.ts';

/** What the filing form holds (as typed: nothing is lost when it comes back with errors). */
export interface IncidentFormValues {
  title?: string;
  description?: string;
  applications?: string[];
  organisations?: string[];
  impact?: string;
  startDate?: string;
  startTime?: string;
  sinceVersion?: string;
  dataLeak?: boolean;
  /** Confirmed: what looks like patient details is not. */
  notPatientData?: boolean;
  /** Typed when the platform gives no name (the local web chat). */
  reporterName?: string;
}

/** Who the card would go to, by the rules filing uses (IncidentService.alerted): alerted now, and held. */
export type FormAlerted = { organisations: Array<{ name: string; channel: boolean }>; held: string[] } | { unknown: true };

export interface IncidentFormOptions {
  formId?: string;
  recentVersions?: string;
  alerted?: FormAlerted;
  /** The platform gave no name: ask for one (optional), so the card does not name the reporter by an id. */
  askName?: boolean;
}

export function fieldProblemText(t: Translate, problem: FieldProblem): string {
  switch (problem.code) {
    case 'required': return t('form.required');
    case 'too-long': return t('incident.problem.tooLong', { max: problem.max });
    case 'citizen-service-number': return t('incident.problem.bsn', { found: problem.found });
    case 'patient-details': return t('privacy.patient.field');
    case 'unknown': return t('incident.problem.unknown', { ids: problem.ids.join(', ') });
    case 'in-the-future': return t('incident.problem.future');
    case 'invalid': return t('incident.problem.invalid');
  }
}

/** Chain coordination and the national helpdesk coordinate and help; they are not where exchange breaks (a shorter list). */
const affectable = (kind: OrganisationKind): boolean => kind !== 'national-coordination' && kind !== 'national-helpdesk';

/** Choices by name, as people look for them (not by the directory's internal order or ids). */
const byName = (choices: Choice[]): Choice[] => [...choices].sort((a, b) => a.title.localeCompare(b.title, 'nl', { sensitivity: 'base' }));

function alertedBlocks(t: Translate, alerted: FormAlerted | undefined): CardBlock[] {
  if (!alerted) return [];
  if ('unknown' in alerted) return [{ type: 'text', text: t('incident.form.alerted.unknown'), style: 'muted' }];
  const names = alerted.organisations.map((o) => (o.channel ? o.name : t('incident.form.alerted.noChannel', { name: o.name })));
  return [
    { type: 'text', text: t('incident.form.alerted', { organisations: names.join(', ') }), style: 'muted' },
    ...(alerted.held.length ? [{ type: 'text' as const, text: t('incident.form.alerted.held', { organisations: alerted.held.join(', ') }), style: 'muted' as const }] : []),
  ];
}

/**
 * The filing form: a card (Teams, web chat) or a modal (Slack). Four short sections (what, where,
 * since when and how bad, privacy), choices sorted by name, the impact as a compact choice, and a
 * line saying who will get the report. Buttons: file, show the recipients again for the current
 * choice (cards only: a Slack modal has one submit and its own close), and the forms' cancel.
 */
export function incidentFormCard(t: Translate, values: IncidentFormValues, directory: DirectoryDocument, problems: Partial<Record<DraftField, FieldProblem>> = {}, options: IncidentFormOptions = {}): CardView {
  const err = (field: DraftField) => (problems[field] ? { error: fieldProblemText(t, problems[field]!) } : {});
  const failed = Object.keys(problems).length > 0;
  const heading = (key: MessageKey): CardBlock => ({ type: 'text', text: t(key), style: 'heading' });
  const data = options.formId ? { data: { formId: options.formId } } : {};
  return {
    kind: 'incident.form',
    title: t('incident.form.title'),
    blocks: [
      ...(failed ? [{ type: 'text' as const, text: t('incident.form.fix'), style: 'warning' as const }] : []),
      { type: 'text', text: t('incident.form.intro'), style: 'muted' },
      heading('incident.form.section.what'),
      { type: 'input', input: { kind: 'text', id: 'title', label: t('incident.form.titleField'), value: values.title ?? '', required: true, requiredMessage: t('form.required'), maxLength: 200, ...err('title') } },
      { type: 'input', input: { kind: 'text', id: 'description', label: t('incident.form.description'), value: values.description ?? '', multiline: true, required: true, requiredMessage: t('form.required'), maxLength: 4000, ...err('description') } },
      ...(options.askName ? [{ type: 'input' as const, input: { kind: 'text' as const, id: 'reporterName', label: t('incident.form.reporterName'), value: values.reporterName ?? '', placeholder: t('incident.form.reporterName.placeholder'), maxLength: 100 } }] : []),
      heading('incident.form.section.where'),
      { type: 'input', input: { kind: 'choice', id: 'applications', label: t('incident.form.applications'), collapsedUnder: t('forms.collapsed', { label: t('incident.form.applications') }), multiSelect: true, value: values.applications ?? [], choices: byName(directory.applications.map((a) => ({ title: a.name, value: a.id }))), ...err('applications') } },
      { type: 'input', input: { kind: 'choice', id: 'organisations', label: t('incident.form.organisations'), collapsedUnder: t('forms.collapsed', { label: t('incident.form.organisations') }), multiSelect: true, required: true, requiredMessage: t('form.required'), value: values.organisations ?? [], choices: byName(directory.organisations.filter((o) => affectable(o.kind) || values.organisations?.includes(o.id)).map((o) => ({ title: o.name, value: o.id }))), ...err('organisations') } },
      ...alertedBlocks(t, options.alerted),
      heading('incident.form.section.when'),
      { type: 'input', input: { kind: 'choice', id: 'impact', label: t('incident.form.impact'), required: true, requiredMessage: t('form.required'), value: values.impact ?? 'degraded', choices: IMPACTS.map((i) => ({ title: t(`incident.impact.${i}` as MessageKey), value: i })), ...err('impact') } },
      { type: 'input', input: { kind: 'date', id: 'startDate', label: t('incident.form.startDate'), value: values.startDate ?? '', ...err('startedAt') } },
      { type: 'input', input: { kind: 'time', id: 'startTime', label: t('incident.form.startTime'), value: values.startTime ?? '' } },
      { type: 'input', input: { kind: 'text', id: 'sinceVersion', label: t('incident.form.sinceVersion'), value: values.sinceVersion ?? '', placeholder: t('incident.form.sinceVersion.placeholder'), maxLength: 100, ...err('sinceVersion') } },
      ...(options.recentVersions ? [{ type: 'text' as const, text: t('incident.form.recentVersions', { versions: options.recentVersions }), style: 'muted' as const }] : []),
      heading('incident.form.section.privacy'),
      { type: 'input', input: { kind: 'toggle', id: 'dataLeak', label: t('incident.form.dataLeak'), value: values.dataLeak ?? false } },
      { type: 'text', text: t('incident.security.steps'), style: 'muted' },
      ...patientDetailsBlocks(t, (['title', 'description'] as const).filter((f) => problems[f]?.code === 'patient-details').map((f) => t(f === 'title' ? 'incident.form.titleField' : 'incident.form.description')), values.notPatientData),
    ],
    actions: [
      { kind: 'submit', id: 'incident.file', label: t('incident.form.submit'), style: 'primary', ...data },
      { kind: 'submit', id: 'incident.check', label: t('incident.form.check'), ...data },
      // The one cancel every form has (form-cancel-flow.ts): the form becomes "Geannuleerd", nothing stored.
      ...(options.formId ? [cancelAction(t, `incident-form:${options.formId}`)] : []),
    ],
    fallbackText: t('incident.form.title'),
  };
}
