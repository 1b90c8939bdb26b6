import { fieldProblemText } from './incident-form-card.ts';
import type { DirectoryDocument } from '../../core/domain/directory/types.ts';
import type { MaintenanceField, MaintenanceFieldProblem } from '../../core/domain/maintenance/maintenance-service.ts';
import { MAINTENANCE_IMPACTS, type Maintenance, type MaintenanceEvent } from '../../core/domain/maintenance/types.ts';
import type { MessageKey, Translate } from '../i18n/translate.ts';
import { cancelAction } from './cancel-action.ts';
import type { CardBlock, CardView, Tone } from './card-view.ts';
import { byName } from './by-name.ts';
import { localDateTime } from './incident-cards.ts';
import { patientDetailsBlocks } from './patient-details-blocks.ts';

export interface MaintenanceFormValues {
  id?: string;
  applications?: string[];
  startDate?: string;
  startTime?: string;
  endDate?: string;
  endTime?: string;
  impact?: string;
  description?: string;
  contact?: string;
  /** Confirmed: what looks like patient details is not. */
  notPatientData?: boolean;
}

export function maintenanceProblemText(t: Translate, problem: MaintenanceFieldProblem): string {
  switch (problem.code) {
    case 'in-the-past': return t('maintenance.problem.past');
    case 'end-before-start': return t('maintenance.problem.endBeforeStart');
    case 'not-later': return t('maintenance.problem.notLater', { end: localDateTime(problem.current) });
    // The rest are the problems every form shares, worded once (incident-form-card.ts).
    default: return fieldProblemText(t, problem);
  }
}

/** The scheduling form (a modal in Slack); sent back with the typed values and the problems. */
export function maintenanceFormCard(t: Translate, values: MaintenanceFormValues, directory: DirectoryDocument, problems: Partial<Record<MaintenanceField, MaintenanceFieldProblem>> = {}, options: { formId?: string; applications?: DirectoryDocument['applications'] } = {}): CardView {
  const err = (field: MaintenanceField) => (problems[field] ? { error: maintenanceProblemText(t, problems[field]!) } : {});
  const title = values.id ? t('maintenance.form.titleEdit', { id: values.id }) : t('maintenance.form.title');
  return {
    kind: 'maintenance.form',
    title,
    blocks: [
      ...(Object.keys(problems).length ? [{ type: 'text' as const, text: t('incident.form.fix'), style: 'warning' as const }] : []),
      { type: 'input', input: { kind: 'choice', id: 'applications', label: t('maintenance.form.applications'), multiSelect: true, required: true, requiredMessage: t('form.required'), value: values.applications ?? [], choices: byName(options.applications ?? directory.applications).map((a) => ({ title: a.name, value: a.id })), ...err('applications') } },
      { type: 'input', input: { kind: 'date', id: 'startDate', label: t('maintenance.form.startDate'), value: values.startDate ?? '', required: true, requiredMessage: t('form.required'), ...err('startsAt') } },
      { type: 'input', input: { kind: 'time', id: 'startTime', label: t('maintenance.form.startTime'), value: values.startTime ?? '', required: true, requiredMessage: t('form.required') } },
      { type: 'input', input: { kind: 'date', id: 'endDate', label: t('maintenance.form.endDate'), value: values.endDate ?? '', required: true, requiredMessage: t('form.required'), ...err('endsAt') } },
      { type: 'input', input: { kind: 'time', id: 'endTime', label: t('maintenance.form.endTime'), value: values.endTime ?? '', required: true, requiredMessage: t('form.required') } },
      { type: 'input', input: { kind: 'choice', id: 'impact', label: t('maintenance.form.impact'), required: true, requiredMessage: t('form.required'), value: values.impact ?? 'degraded', expanded: true, choices: MAINTENANCE_IMPACTS.map((i) => ({ title: t(`maintenance.impact.${i}` as MessageKey), value: i })), ...err('impact') } },
      { type: 'input', input: { kind: 'text', id: 'description', label: t('maintenance.form.description'), value: values.description ?? '', multiline: true, required: true, requiredMessage: t('form.required'), maxLength: 4000, ...err('description') } },
      { type: 'input', input: { kind: 'text', id: 'contact', label: t('maintenance.form.contact'), value: values.contact ?? '', required: true, requiredMessage: t('form.required'), maxLength: 300, ...err('contact') } },
      { type: 'text', text: t('maintenance.form.timezone'), style: 'muted' },
      ...patientDetailsBlocks(t, problems.description?.code === 'patient-details' ? [t('maintenance.form.description')] : [], values.notPatientData),
    ],
    actions: [
      { kind: 'submit', id: 'maintenance.save', label: values.id ? t('maintenance.form.saveEdit') : t('maintenance.form.save'), style: 'primary', data: { ...(options.formId ? { formId: options.formId } : {}), ...(values.id ? { id: values.id } : {}) } },
      // The flow sends this form under "maintenance-form:<formId>".
      ...(options.formId ? [cancelAction(t, `maintenance-form:${options.formId}`)] : []),
    ],
    fallbackText: title,
  };
}

const TONE: Record<Maintenance['status'], Tone> = { planned: 'accent', running: 'warning', extended: 'attention', done: 'good', cancelled: 'default' };

export function maintenanceEventText(t: Translate, event: MaintenanceEvent): string {
  const note = event.kind === 'cancelled' && event.text ? '.note' : '';
  const at = (event.kind === 'extended' || event.kind.startsWith('reminder')) && event.text ? localDateTime(event.text) : event.text ?? '';
  return t(`maintenance.event.${event.kind}${note}` as MessageKey, { actor: event.actor.name, text: at });
}

/** The maintenance card: read-only in channels; administrators get change, extend and cancel. */
export function maintenanceCard(t: Translate, m: Maintenance, directory: DirectoryDocument, options: { actions?: boolean } = {}): CardView {
  const org = (id: string) => directory.organisations.find((o) => o.id === id)?.name ?? id;
  const app = (id: string) => directory.applications.find((a) => a.id === id)?.name ?? id;
  const status = t(`maintenance.status.${m.status}` as MessageKey);
  const apps = m.applicationIds.map(app).join(', ');
  const blocks: CardBlock[] = [
    { type: 'facts', facts: [
      { label: t('maintenance.fact.status'), value: status },
      { label: t('maintenance.fact.window'), value: `${localDateTime(m.startsAt)} – ${localDateTime(m.endsAt)}` },
      { label: t('maintenance.fact.applications'), value: apps },
      { label: t('maintenance.fact.administrator'), value: m.administratorIds.map(org).join(', ') },
      { label: t('maintenance.fact.impact'), value: t(`maintenance.impact.${m.impact}` as MessageKey) },
      { label: t('maintenance.fact.contact'), value: m.contact },
    ] },
    { type: 'text', text: m.description },
    { type: 'text', text: t('incident.timeline'), style: 'heading' },
    { type: 'list', items: m.timeline.slice(-6).map((e) => ({ title: `${localDateTime(e.at)} · ${maintenanceEventText(t, e)}` })) },
  ];
  const open = m.status === 'planned' || m.status === 'running' || m.status === 'extended';
  const data = { maintenanceId: m.id };
  if (options.actions && open) {
    blocks.push(
      { type: 'input', input: { kind: 'date', id: 'endDate', label: t('maintenance.card.newEndDate') } },
      { type: 'input', input: { kind: 'time', id: 'endTime', label: t('maintenance.card.newEndTime') } },
    );
  }
  return {
    kind: 'maintenance',
    title: `${m.id}: ${t('maintenance.card.title', { applications: apps })}`,
    subtitle: `${localDateTime(m.startsAt)} – ${localDateTime(m.endsAt)}`,
    badge: { text: status, tone: TONE[m.status] },
    blocks,
    actions: options.actions && open
      ? [
          { kind: 'submit', id: 'maintenance.edit', label: t('maintenance.action.edit'), data },
          { kind: 'submit', id: 'maintenance.extend', label: t('maintenance.action.extend'), data },
          { kind: 'submit', id: 'maintenance.cancel', label: t('maintenance.action.cancel'), style: 'danger', data },
        ]
      : [],
    fallbackText: `${m.id}: ${t('maintenance.card.title', { applications: apps })} (${status}, ${localDateTime(m.startsAt)} – ${localDateTime(m.endsAt)})`,
  };
}

export function maintenanceListCard(t: Translate, items: Maintenance[], directory: DirectoryDocument, canSchedule: boolean): CardView {
  const app = (id: string) => directory.applications.find((a) => a.id === id)?.name ?? id;
  return {
    kind: 'maintenance.list',
    title: t('maintenance.list.title', { count: items.length }),
    blocks: items.length
      ? [{ type: 'list', items: items.slice(0, 25).map((m) => ({ title: `${m.id}: ${m.applicationIds.map(app).join(', ')}`, text: `${t(`maintenance.status.${m.status}` as MessageKey)} · ${localDateTime(m.startsAt)} – ${localDateTime(m.endsAt)} · ${t(`maintenance.impact.${m.impact}` as MessageKey)}` })) }]
      : [{ type: 'text', text: t('maintenance.list.none') }],
    actions: canSchedule ? [{ kind: 'submit', id: 'maintenance.new', label: t('maintenance.action.new') }] : [],
    fallbackText: t('maintenance.list.title', { count: items.length }),
  };
}

/** The Dutch note in the card's thread for a transition. */
export function maintenanceThreadNote(t: Translate, m: Maintenance, event: MaintenanceEvent): string {
  return `${m.id}: ${maintenanceEventText(t, event)}`;
}
