import type { DirectoryDocument } from '../../core/domain/directory/types.ts';
import type { Incident } from '../../core/domain/incidents/types.ts';
import type { MessageKey, Translate } from '../i18n/translate.ts';

/**
 * How an incident shows where it is read without being opened: a channel notification's preview
 * (the card's fallback text), an e-mail subject. A confidential incident (possible data leak) shows
 * no free text there, only its number, applications and state: its title may name a patient.
 */
export function incidentPreview(t: Translate, incident: Incident, directory: DirectoryDocument): string {
  const status = t(`incident.status.${incident.status}` as MessageKey);
  if (!incident.possibleDataLeak) return `${incident.id}: ${incident.title} (${status})`;
  const apps = incident.applicationIds.map((id) => directory.applications.find((a) => a.id === id)?.name ?? id).join(', ');
  return `${incident.id}${apps ? `: ${apps}` : ''} (${status} · ${t('incident.confidential.badge')})`;
}
