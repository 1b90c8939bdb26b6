import type { DirectoryDocument } from '../../core/domain/directory/types.ts';
import type { RouteReason } from '../../core/domain/incidents/coordination-layer.ts';
import type { FieldProblem, DraftField } from '../../core/domain/incidents/incident-service.ts';
import { IMPACTS, type Incident, type TimelineEntry } from '../../core/domain/incidents/types.ts';
import { hhmm, isoDate, localParts } from '../../core/time/amsterdam-time.ts';
import type { MessageKey, Translate } from '../i18n/translate.ts';
import type { CardBlock, CardView, Tone } from './card-view.ts';
import { incidentPreview } from './incident-preview.ts';
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
}

/** "2026-11-22 14:05" in Europe/Amsterdam. */
export function localDateTime(iso: string): string {
  const p = localParts(new Date(iso));
  return `${isoDate(p.year, p.month, p.day)} ${hhmm(p.minutes)}`;
}

export function fieldProblemText(t: Translate, problem: FieldProblem, directory?: DirectoryDocument): string {
  switch (problem.code) {
    case 'required': return t('form.required');
    case 'too-long': return t('incident.problem.tooLong', { max: problem.max });
    case 'citizen-service-number': return t('incident.problem.bsn', { found: problem.found });
    case 'patient-details': return t('privacy.patient.field');
    case 'unknown': return t('incident.problem.unknown', { ids: problem.ids.join(', ') });
    case 'in-the-future': return t('incident.problem.future');
    case 'invalid': return t('incident.problem.invalid');
  }
  void directory;
}

/** The filing form: a card (Teams, web chat) or a modal (Slack). */
export function incidentFormCard(t: Translate, values: IncidentFormValues, directory: DirectoryDocument, problems: Partial<Record<DraftField, FieldProblem>> = {}, options: { formId?: string; recentVersions?: string } = {}): CardView {
  const err = (field: DraftField) => (problems[field] ? { error: fieldProblemText(t, problems[field]!) } : {});
  const failed = Object.keys(problems).length > 0;
  return {
    kind: 'incident.form',
    title: t('incident.form.title'),
    blocks: [
      ...(failed ? [{ type: 'text' as const, text: t('incident.form.fix'), style: 'warning' as const }] : []),
      { type: 'text', text: t('incident.form.intro'), style: 'muted' },
      { type: 'input', input: { kind: 'text', id: 'title', label: t('incident.form.titleField'), value: values.title ?? '', required: true, requiredMessage: t('form.required'), maxLength: 200, ...err('title') } },
      { type: 'input', input: { kind: 'text', id: 'description', label: t('incident.form.description'), value: values.description ?? '', multiline: true, required: true, requiredMessage: t('form.required'), maxLength: 4000, ...err('description') } },
      { type: 'input', input: { kind: 'choice', id: 'applications', label: t('incident.form.applications'), multiSelect: true, value: values.applications ?? [], choices: directory.applications.map((a) => ({ title: a.name, value: a.id })), ...err('applications') } },
      { type: 'input', input: { kind: 'choice', id: 'organisations', label: t('incident.form.organisations'), multiSelect: true, required: true, requiredMessage: t('form.required'), value: values.organisations ?? [], choices: directory.organisations.map((o) => ({ title: o.name, value: o.id })), ...err('organisations') } },
      { type: 'input', input: { kind: 'choice', id: 'impact', label: t('incident.form.impact'), required: true, requiredMessage: t('form.required'), value: values.impact ?? 'degraded', expanded: true, choices: IMPACTS.map((i) => ({ title: t(`incident.impact.${i}` as MessageKey), value: i })), ...err('impact') } },
      { type: 'input', input: { kind: 'date', id: 'startDate', label: t('incident.form.startDate'), value: values.startDate ?? '', ...err('startedAt') } },
      { type: 'input', input: { kind: 'time', id: 'startTime', label: t('incident.form.startTime'), value: values.startTime ?? '' } },
      { type: 'input', input: { kind: 'text', id: 'sinceVersion', label: t('incident.form.sinceVersion'), value: values.sinceVersion ?? '', placeholder: t('incident.form.sinceVersion.placeholder'), maxLength: 100, ...err('sinceVersion') } },
      ...(options.recentVersions ? [{ type: 'text' as const, text: t('incident.form.recentVersions', { versions: options.recentVersions }), style: 'muted' as const }] : []),
      { type: 'input', input: { kind: 'toggle', id: 'dataLeak', label: t('incident.form.dataLeak'), value: values.dataLeak ?? false } },
      { type: 'text', text: t('incident.security.steps'), style: 'muted' },
      ...patientDetailsBlocks(t, (['title', 'description'] as const).filter((f) => problems[f]?.code === 'patient-details').map((f) => t(f === 'title' ? 'incident.form.titleField' : 'incident.form.description')), values.notPatientData),
    ],
    actions: [{ kind: 'submit', id: 'incident.file', label: t('incident.form.submit'), style: 'primary', ...(options.formId ? { data: { formId: options.formId } } : {}) }],
    fallbackText: t('incident.form.title'),
  };
}

const STATUS_TONE: Record<Incident['status'], Tone> = { new: 'attention', 'in-progress': 'warning', resolved: 'good', closed: 'default' };

export function reasonText(t: Translate, reason: RouteReason): string {
  switch (reason.kind) {
    case 'one-provider': return t('incident.reason.oneProvider', { provider: reason.provider });
    case 'one-party': return t('incident.reason.oneParty', { party: reason.party });
    case 'one-gtk': return t(reason.providers === 0 ? 'incident.reason.oneGtk.none' : reason.providers === 1 ? 'incident.reason.oneGtk.one' : 'incident.reason.oneGtk', { providers: reason.providers, gtk: reason.gtk });
    case 'several-gtks': return t(reason.providers === 1 ? 'incident.reason.severalGtks.one' : 'incident.reason.severalGtks', { providers: reason.providers, gtks: reason.gtks });
    case 'several-applications': return t('incident.reason.severalApplications', { providers: reason.providers, applications: reason.applications });
    case 'confidential': return t('incident.reason.confidential');
    case 'several-parties': return t('incident.reason.severalParties', { parties: reason.parties });
    case 'common-facility': return t('incident.reason.commonFacility', { facilities: reason.facilities.join(', '), coordinator: reason.coordinator });
    case 'escalated': return t('incident.reason.escalated', { from: t(`incident.layer.${reason.from}` as MessageKey).toLowerCase(), coordinator: reason.coordinator });
  }
}

/** What happened, in one line: "opgepakt door Sanne" or, with a note, "opgepakt door Sanne: we kijken ernaar". */
export function timelineWhat(t: Translate, entry: TimelineEntry): string {
  const withNote = entry.text && (entry.kind === 'taken' || entry.kind === 'reopened');
  return t(`incident.timeline.${entry.kind}${withNote ? '.note' : ''}` as MessageKey, { actor: entry.actor.name, text: entry.text ?? '' });
}

export function timelineText(t: Translate, entry: TimelineEntry): string {
  const what = timelineWhat(t, entry);
  return `${localDateTime(entry.at)} · ${what}`;
}

/** The reporter's organisation was only claimed: say so, and who is not alerted until someone acts on it. */
function claimedText(t: Translate, incident: Incident, org: (id: string) => string): string {
  const params = { name: incident.reporter.name, organisation: org(incident.reporter.organisationId) };
  return incident.heldAudienceIds?.length
    ? t('incident.claimed.held', { ...params, held: incident.heldAudienceIds.map(org).join(', ') })
    : t('incident.claimed', params);
}

/**
 * The incident card. In channels (`handler`) it carries the actions of its state: take (Nieuw),
 * update and resolve (open), confirm and reopen (Opgelost), reopen (Gesloten), escalate (when
 * offered). The reporter's own copy (`reporter`) offers adding information, confirming and reopening.
 */
export function incidentCard(t: Translate, incident: Incident, directory: DirectoryDocument, options: { actions?: 'handler' | 'reporter' | 'none' } = {}): CardView {
  const mode = options.actions ?? 'handler';
  const org = (id: string) => directory.organisations.find((o) => o.id === id)?.name ?? id;
  const app = (id: string) => directory.applications.find((a) => a.id === id)?.name ?? id;
  const status = t(`incident.status.${incident.status}` as MessageKey);
  const facts = [
    { label: t('incident.fact.status'), value: status },
    { label: t('incident.fact.layer'), value: t(`incident.layer.${incident.layer}` as MessageKey) },
    { label: t('incident.fact.coordinator'), value: [incident.coordinatorId, ...incident.partnerIds].map(org).join(' + ') },
    { label: t('incident.fact.reason'), value: reasonText(t, incident.reason) },
    { label: t('incident.fact.impact'), value: t(`incident.impact.${incident.impact}` as MessageKey) },
    ...(incident.applicationIds.length ? [{ label: t('incident.fact.applications'), value: incident.applicationIds.map(app).join(', ') }] : []),
    { label: t('incident.fact.organisations'), value: incident.organisationIds.map(org).join(', ') },
    { label: t('incident.fact.started'), value: localDateTime(incident.startedAt) },
    ...(incident.sinceVersion ? [{ label: t('incident.fact.sinceVersion'), value: incident.sinceVersion }] : []),
    {
      label: t('incident.fact.reporter'),
      value: incident.reporter.organisationClaimed
        ? t('incident.reporter.claimed', { name: incident.reporter.name, organisation: org(incident.reporter.organisationId) })
        : `${incident.reporter.name} (${org(incident.reporter.organisationId)})`,
    },
    ...(incident.owner ? [{ label: t('incident.fact.owner'), value: incident.owner.name }] : []),
    ...(incident.resolution ? [{ label: t('incident.fact.resolution'), value: incident.resolution }] : []),
  ];
  const blocks: CardBlock[] = [
    ...(incident.possibleDataLeak ? [{ type: 'text' as const, text: t('incident.confidential', { audience: incident.audienceIds.map(org).join(', ') }), style: 'warning' as const }] : []),
    ...(incident.reporter.organisationClaimed ? [{ type: 'text' as const, text: claimedText(t, incident, org), style: 'warning' as const }] : []),
    { type: 'text', text: incident.description },
    { type: 'facts', facts },
    ...(incident.escalationOfferedAt && (incident.status === 'new' || incident.status === 'in-progress')
      ? [{ type: 'text' as const, text: t('incident.escalation.offer'), style: 'warning' as const }]
      : []),
    { type: 'text', text: t('incident.timeline'), style: 'heading' },
    { type: 'list', items: incident.timeline.slice(-6).map((e) => ({ title: timelineText(t, e) })) },
  ];
  const data = { incidentId: incident.id };
  const actions: CardView['actions'] = [];
  if (mode !== 'none') {
    if (incident.status === 'new' || incident.status === 'in-progress') {
      blocks.push({ type: 'input', input: { kind: 'text', id: 'text', label: t(mode === 'handler' ? 'incident.card.text' : 'incident.card.info'), multiline: true, maxLength: 4000, placeholder: t('incident.card.text.placeholder') } });
      if (incident.status === 'new' && mode === 'handler') actions.push({ kind: 'submit', id: 'incident.take', label: t('incident.action.take'), style: 'primary', data });
      actions.push({ kind: 'submit', id: 'incident.update', label: t('incident.action.update'), data });
      if (mode === 'handler') actions.push({ kind: 'submit', id: 'incident.resolve', label: t('incident.action.resolve'), data });
      if (incident.escalationOfferedAt && mode === 'handler') actions.push({ kind: 'submit', id: 'incident.escalate', label: t('incident.action.escalate'), style: 'danger', data });
    } else if (incident.status === 'resolved') {
      blocks.push({ type: 'input', input: { kind: 'text', id: 'text', label: t('incident.card.reopenReason'), multiline: true, maxLength: 4000 } });
      actions.push({ kind: 'submit', id: 'incident.confirm', label: t('incident.action.confirm'), style: 'primary', data });
      actions.push({ kind: 'submit', id: 'incident.reopen', label: t('incident.action.reopen'), data });
    } else {
      blocks.push({ type: 'input', input: { kind: 'text', id: 'text', label: t('incident.card.reopenReason'), multiline: true, maxLength: 4000 } });
      actions.push({ kind: 'submit', id: 'incident.reopen', label: t('incident.action.reopen'), data });
    }
  }
  return {
    kind: 'incident',
    title: `${incident.id}: ${incident.title}`,
    subtitle: t('incident.subtitle', { layer: t(`incident.layer.${incident.layer}` as MessageKey) }),
    badge: { text: incident.possibleDataLeak ? `${status} · ${t('incident.confidential.badge')}` : status, tone: incident.possibleDataLeak ? 'attention' : STATUS_TONE[incident.status] },
    blocks,
    actions,
    fallbackText: incidentPreview(t, incident, directory),
  };
}

/** `/ketenbot incidenten`: the open incidents a person may see. */
export function incidentListCard(t: Translate, incidents: Incident[], directory: DirectoryDocument): CardView {
  const org = (id: string) => directory.organisations.find((o) => o.id === id)?.name ?? id;
  return {
    kind: 'incident.list',
    title: t('incident.list.title', { count: incidents.length }),
    blocks: incidents.length
      ? [{ type: 'list', items: incidents.slice(0, 25).map((i) => ({
          title: `${i.id}: ${i.title}`,
          text: `${t(`incident.status.${i.status}` as MessageKey)} · ${t(`incident.layer.${i.layer}` as MessageKey)} · ${org(i.coordinatorId)} · ${localDateTime(i.createdAt)}${i.possibleDataLeak ? ` · ${t('incident.confidential.badge')}` : ''}`,
        })) }, ...(incidents.length > 25 ? [{ type: 'text' as const, text: t('incident.list.more', { count: incidents.length - 25 }), style: 'muted' as const }] : [])]
      : [{ type: 'text', text: t('incident.list.none') }],
    actions: [{ kind: 'submit', id: 'incident.new', label: t('incident.action.new') }],
    fallbackText: t('incident.list.title', { count: incidents.length }),
  };
}

/** The Dutch note in the card's thread for a change (channels have no language of their own). */
export function incidentThreadNote(t: Translate, incident: Incident, entry: TimelineEntry): string {
  // A confidential incident's notes show no free text (a thread reply is a notification too); an escalation's text is the bot's own.
  const what = incident.possibleDataLeak && entry.kind !== 'escalated' ? timelineWhat(t, { ...entry, text: '' }).replace(/[\s:]+$/, '') : timelineWhat(t, entry);
  return `${incident.id}: ${what}`;
}
