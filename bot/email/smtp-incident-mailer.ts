import nodemailer from 'nodemailer';
import type { IncidentMailer } from '../../core/domain/incidents/incident-service.ts';
import type { MaintenanceMailer } from '../../core/domain/maintenance/maintenance-service.ts';
import { maintenanceEmails } from './maintenance-emails.ts';
import type { IncidentEmail } from './incident-emails.ts';
import type { Logger } from '../logger.ts';
import { incidentEmails } from './incident-emails.ts';

/** Time limits (ms) unless SMTP_URL names its own: the incident service waits for the mail to go. */
const TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

/**
 * Incident and maintenance alerts by e-mail over SMTP (SMTP_URL, e.g. smtp://user:password@mail.example.org:587):
 * one message per recipient. Never throws: a failed message is logged and the next one is sent.
 */
export function createSmtpIncidentMailer(o: { smtpUrl: string; from: string; logger: Logger }): IncidentMailer & MaintenanceMailer {
  const transport = nodemailer.createTransport(withTimeouts(o.smtpUrl));
  const send = async (subject: { id: string; kind: string }, build: () => IncidentEmail[]) => {
    let emails;
    try {
      emails = build();
    } catch (error) {
      o.logger.warn({ err: error, subject: subject.id }, 'alert e-mails could not be built');
      return;
    }
    let sent = 0;
    for (const email of emails) {
      try {
        await transport.sendMail({ from: o.from, to: email.to, subject: email.subject, text: email.text });
        sent++;
      } catch (error) {
        o.logger.warn({ err: error, subject: subject.id, kind: subject.kind, to: email.to }, 'alert e-mail not sent');
      }
    }
    if (emails.length) o.logger.info({ subject: subject.id, kind: subject.kind, sent, failed: emails.length - sent }, 'alert e-mails sent');
  };
  return {
    incidentChanged: (incident, entry, directory) => send({ id: incident.id, kind: entry.kind }, () => incidentEmails(incident, entry, directory)),
    maintenanceChanged: (m, event, directory) => send({ id: m.id, kind: event.kind }, () => maintenanceEmails(m, event, directory)),
  };
}

/** Adds the default time limits to the URL's query (nodemailer reads options from it), keeping any given. */
function withTimeouts(smtpUrl: string): string {
  let url: URL;
  try {
    url = new URL(smtpUrl);
  } catch {
    return smtpUrl;
  }
  for (const [key, ms] of Object.entries(TIMEOUTS)) if (!url.searchParams.has(key)) url.searchParams.set(key, String(ms));
  return url.toString();
}
