import { translator, type MessageKey } from '../../cards/i18n/translate.ts';
import { localDateTime } from '../../cards/views/incident-cards.ts';
import { maintenanceEventText } from '../../cards/views/maintenance-cards.ts';
import type { DirectoryDocument } from '../../core/domain/directory/types.ts';
import type { Maintenance, MaintenanceEvent } from '../../core/domain/maintenance/types.ts';
import { oneLine, optedInRecipients, type IncidentEmail } from './incident-emails.ts';

/** The alert e-mails for a maintenance notice and each of its transitions, in Dutch like the channel card. */
export function maintenanceEmails(m: Maintenance, event: MaintenanceEvent, directory: DirectoryDocument): IncidentEmail[] {
  const recipients = optedInRecipients(m.audienceIds, directory);
  if (!recipients.length) return [];
  const t = translator('nl');
  const app = (id: string) => directory.applications.find((a) => a.id === id)?.name ?? id;
  const org = (id: string) => directory.organisations.find((o) => o.id === id)?.name ?? id;
  const apps = m.applicationIds.map(app).join(', ');
  const status = t(`maintenance.status.${m.status}` as MessageKey);
  const window = `${localDateTime(m.startsAt)} – ${localDateTime(m.endsAt)}`;
  const subject = oneLine(`[Ketenbot] ${m.id}: ${t('maintenance.card.title', { applications: apps })} — ${status}, ${window}`);
  const text = [
    `${m.id}: ${t('maintenance.card.title', { applications: apps })}`,
    '',
    sentence(maintenanceEventText(t, event)),
    '',
    m.description,
    '',
    `${t('maintenance.fact.status')}: ${status}`,
    `${t('maintenance.fact.window')}: ${window}`,
    `${t('maintenance.fact.applications')}: ${apps}`,
    `${t('maintenance.fact.administrator')}: ${m.administratorIds.map(org).join(', ')}`,
    `${t('maintenance.fact.impact')}: ${t(`maintenance.impact.${m.impact}` as MessageKey)}`,
    `${t('maintenance.fact.contact')}: ${m.contact}`,
  ].join('\n');
  return recipients.map((to) => ({ to, subject, text: `${text}\n` }));
}

/**
 * A status line on its own starts with a capital ("Herinnering: …", "Het onderhoud is begonnen"):
 * on the card it follows the time ("20:00 · het onderhoud is begonnen"), in the e-mail it opens a line.
 */
export function sentence(text: string): string {
  return text.charAt(0).toLocaleUpperCase('nl') + text.slice(1);
}
