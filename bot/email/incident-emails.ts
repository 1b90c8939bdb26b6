import { translator, type MessageKey, type Translate } from '../../cards/i18n/translate.ts';
import { localDateTime, reasonText, timelineText } from '../../cards/views/incident-cards.ts';
import type { DirectoryDocument } from '../../core/domain/directory/types.ts';
import type { Incident, TimelineEntry } from '../../core/domain/incidents/types.ts';

/** One alert e-mail: one recipient each, so no address sees the others. */
export interface IncidentEmail {
  to: string;
  subject: string;
  text: string;
}

/**
 * The e-mail addresses that get alerts for an incident: contacts who opted in (`emailAlerts`) and
 * have an address, at an organisation whose alert channels carry the card (`audienceIds`, already
 * restricted to the reporter's organisation, the supplier and the RSO for a possible data leak).
 * Each address once (compared without case), in directory order.
 */
export function incidentEmailRecipients(incident: Incident, directory: DirectoryDocument): string[] {
  return optedInRecipients(incident.audienceIds, directory);
}

/** Contacts who opted in (`emailAlerts`) with an address, at these organisations; each address once, in directory order. */
export function optedInRecipients(audienceIds: string[], directory: DirectoryDocument): string[] {
  const audience = new Set(audienceIds);
  const seen = new Set<string>();
  const recipients: string[] = [];
  for (const contact of directory.contacts) {
    if (contact.emailAlerts !== true || !audience.has(contact.organisationId)) continue;
    const address = contact.email?.trim();
    if (!address || seen.has(address.toLowerCase())) continue;
    seen.add(address.toLowerCase());
    recipients.push(address);
  }
  return recipients;
}

/**
 * The alert e-mails for a change to an incident, in Dutch (like the channel cards: channels have
 * no language of their own). A confidential incident (possible data leak) carries the
 * confidentiality line instead of its description, and no free text from its timeline or
 * resolution: confidential content stays out of mailboxes.
 */
export function incidentEmails(incident: Incident, entry: TimelineEntry, directory: DirectoryDocument): IncidentEmail[] {
  const recipients = incidentEmailRecipients(incident, directory);
  if (!recipients.length) return [];
  const t = translator('nl');
  const subject = incidentEmailSubject(t, incident);
  const text = incidentEmailText(t, incident, entry, directory);
  return recipients.map((to) => ({ to, subject, text }));
}

function incidentEmailSubject(t: Translate, incident: Incident): string {
  const status = t(`incident.status.${incident.status}` as MessageKey);
  const badge = incident.possibleDataLeak ? ` · ${t('incident.confidential.badge')}` : '';
  return oneLine(`[Ketenbot] ${incident.id}: ${incident.title} — ${status}${badge}`);
}

function incidentEmailText(t: Translate, incident: Incident, entry: TimelineEntry, directory: DirectoryDocument): string {
  const org = (id: string) => directory.organisations.find((o) => o.id === id)?.name ?? id;
  const app = (id: string) => directory.applications.find((a) => a.id === id)?.name ?? id;
  const confidential = incident.possibleDataLeak;
  // An escalation's text is the new coordinator's name (system-made); other texts are free text.
  const happened = confidential && entry.kind !== 'escalated'
    ? timelineText(t, { ...entry, text: '' }).replace(/[\s:]+$/, '')
    : timelineText(t, entry);
  const fact = (key: MessageKey, value: string) => `${t(key)}: ${value}`;
  const lines = [
    `${incident.id}: ${incident.title}`,
    '',
    happened,
    '',
    confidential ? t('incident.confidential', { audience: incident.audienceIds.map(org).join(', ') }) : incident.description,
    '',
    fact('incident.fact.status', t(`incident.status.${incident.status}` as MessageKey)),
    fact('incident.fact.layer', t(`incident.layer.${incident.layer}` as MessageKey)),
    fact('incident.fact.reason', reasonText(t, incident.reason)),
    fact('incident.fact.coordinator', [incident.coordinatorId, ...incident.partnerIds].map(org).join(' + ')),
    fact('incident.fact.impact', t(`incident.impact.${incident.impact}` as MessageKey)),
    ...(incident.applicationIds.length ? [fact('incident.fact.applications', incident.applicationIds.map(app).join(', '))] : []),
    fact('incident.fact.organisations', incident.organisationIds.map(org).join(', ')),
    fact('incident.fact.started', localDateTime(incident.startedAt)),
    ...(incident.sinceVersion ? [fact('incident.fact.sinceVersion', incident.sinceVersion)] : []),
    ...(incident.owner ? [fact('incident.fact.owner', incident.owner.name)] : []),
    ...(incident.resolution && !confidential ? [fact('incident.fact.resolution', incident.resolution)] : []),
  ];
  return `${lines.join('\n')}\n`;
}

/** Header-safe: no line breaks in a subject. */
export const oneLine = (s: string): string => s.replace(/\s*[\r\n]+\s*/g, ' ');
