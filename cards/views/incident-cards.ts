import type { DirectoryDocument } from '../../core/domain/directory/types.ts';
import type { RouteReason } from '../../core/domain/incidents/coordination-layer.ts';
import { passOnOpen, remainingTargets } from '../../core/domain/incidents/pass-on.ts';
import type { Incident, TimelineEntry } from '../../core/domain/incidents/types.ts';
import { hhmm, isoDate, localParts } from '../../core/time/amsterdam-time.ts';
import type { MessageKey, Translate } from '../i18n/translate.ts';
import type { CardBlock, CardView, Tone } from './card-view.ts';
import { incidentPreview } from './incident-preview.ts';

/** "2026-11-22 14:05" in Europe/Amsterdam. */
export function localDateTime(iso: string): string {
  const p = localParts(new Date(iso));
  return `${isoDate(p.year, p.month, p.day)} ${hhmm(p.minutes)}`;
}

export { fieldProblemText, incidentFormCard, type IncidentFormValues, type IncidentFormOptions } from './incident-form-card.ts';

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
    case 'escalated': return t('incident.reason.escalated', { from: t(`incident.layer.${reason.from}` as MessageKey), coordinator: reason.coordinator });
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
export function incidentCard(t: Translate, incident: Incident, directory: DirectoryDocument, options: { actions?: 'handler' | 'reporter' | 'none'; passOn?: boolean } = {}): CardView {
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
    ...(incident.passedOn?.length ? [{ label: t('incident.fact.passedOn'), value: incident.passedOn.map((p) => org(p.organisationId)).join(', ') }] : []),
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
      if (mode === 'handler' && options.passOn !== false) {
        const pass = passOnParts(t, incident, directory, org);
        blocks.push(...pass.blocks);
        actions.push(...pass.actions);
      }
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
    subtitle: t(`incident.subtitle.${incident.layer}` as MessageKey),
    badge: { text: incident.possibleDataLeak ? `${status} · ${t('incident.confidential.badge')}` : status, tone: incident.possibleDataLeak ? 'attention' : STATUS_TONE[incident.status] },
    blocks,
    actions,
    fallbackText: incidentPreview(t, incident, directory),
  };
}

/** "A, B of C" / "A, B or C": the desks an incident can be passed on to. */
export function orList(t: Translate, names: string[]): string {
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} ${t('incident.passOn.or')} ${names.at(-1)}` : names.join('');
}

/**
 * Passing a local incident on (seed 004): who it can still go to, and a button per kind of desk. The
 * channel card is the same in every channel that carries it, so the buttons show while a desk remains;
 * the service checks who presses them.
 */
function passOnParts(t: Translate, incident: Incident, directory: DirectoryDocument, org: (id: string) => string): { blocks: CardBlock[]; actions: NonNullable<CardView['actions']> } {
  const remaining = passOnOpen(incident) ? remainingTargets(directory, incident) : [];
  if (!remaining.length) return { blocks: [], actions: [] };
  const targets = orList(t, remaining.map((r) => t(`incident.passOn.target.${r.as}` as MessageKey, { name: org(r.organisationId) })));
  const kinds = [...new Set(remaining.map((r) => r.as))];
  return {
    blocks: [{ type: 'text', text: t('incident.passOn.targets', { targets, coordinator: org(incident.coordinatorId) }), style: 'muted' }],
    actions: kinds.map((kind) => ({ kind: 'submit' as const, id: 'incident.passOn', label: t(`incident.action.passOn.${kind}` as MessageKey), data: { incidentId: incident.id, to: kind } })),
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
