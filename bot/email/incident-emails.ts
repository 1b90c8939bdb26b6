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
 * no language of their own). A confidential incident (possible data leak) carries no free text at
 * all, in its subject or its body (not its title, description, timeline texts or resolution: they
 * may name a patient): its number, applications, state, the confidentiality line and how to open
 * it in the chat. Confidential content stays out of mailboxes.
 */
export function incidentEmails(incident: Incident, entry: TimelineEntry, directory: DirectoryDocument): IncidentEmail[] {
  const recipients = incidentEmailRecipients(incident, directory);
  if (!recipients.length) return [];
  const t = translator('nl');
  const subject = incidentEmailSubject(t, incident, directory);
  const text = incident.possibleDataLeak ? confidentialEmailText(t, incident, directory) : incidentEmailText(t, incident, entry, directory);
  return recipients.map((to) => ({ to, subject, text }));
}

function incidentEmailSubject(t: Translate, incident: Incident, directory: DirectoryDocument): string {
  const status = t(`incident.status.${incident.status}` as MessageKey);
  if (incident.possibleDataLeak) {
    const apps = applicationNames(incident, directory);
    return oneLine(`[Ketenbot] ${incident.id}${apps ? `: ${apps}` : ''} — ${status} · ${t('incident.confidential.badge')}`);
  }
  return oneLine(`[Ketenbot] ${incident.id}: ${incident.title} — ${status}`);
}

const applicationNames = (incident: Incident, directory: DirectoryDocument) =>
  incident.applicationIds.map((id) => directory.applications.find((a) => a.id === id)?.name ?? id).join(', ');

/** Number, applications, state, the confidentiality line and how to open it: nothing anyone typed. */
function confidentialEmailText(t: Translate, incident: Incident, directory: DirectoryDocument): string {
  const org = (id: string) => directory.organisations.find((o) => o.id === id)?.name ?? id;
  const apps = applicationNames(incident, directory);
  const lines = [
    `${incident.id}${apps ? `: ${apps}` : ''}`,
    '',
    t('incident.confidential', { audience: incident.audienceIds.map(org).join(', ') }),
    '',
    `${t('incident.fact.status')}: ${t(`incident.status.${incident.status}` as MessageKey)}`,
    ...(apps ? [`${t('incident.fact.applications')}: ${apps}`] : []),
    '',
    t('privacy.email.open', { id: incident.id }),
  ];
  return `${lines.join('\n')}\n`;
}

/** The e-mail of an incident that is not confidential: what happened, its description and its facts. */
function incidentEmailText(t: Translate, incident: Incident, entry: TimelineEntry, directory: DirectoryDocument): string {
  const org = (id: string) => directory.organisations.find((o) => o.id === id)?.name ?? id;
  const app = (id: string) => directory.applications.find((a) => a.id === id)?.name ?? id;
  const fact = (key: MessageKey, value: string) => `${t(key)}: ${value}`;
  const lines = [
    `${incident.id}: ${incident.title}`,
    '',
    timelineText(t, entry),
    '',
    incident.description,
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
    ...(incident.resolution ? [fact('incident.fact.resolution', incident.resolution)] : []),
  ];
  return `${lines.join('\n')}\n`;
}

/** Header-safe: no line breaks in a subject. */
export const oneLine = (s: string): string => s.replace(/\s*[\r\n]+\s*/g, ' ');
