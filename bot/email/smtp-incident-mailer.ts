import nodemailer from 'nodemailer';
import type { IncidentMailer } from '../../core/domain/incidents/incident-service.ts';
import type { Logger } from '../logger.ts';
import { incidentEmails } from './incident-emails.ts';

/** Time limits (ms) unless SMTP_URL names its own: the incident service waits for the mail to go. */
const TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

/**
 * Incident alerts by e-mail over SMTP (SMTP_URL, e.g. smtp://user:password@mail.example.org:587):
 * one message per recipient. Never throws: a failed message is logged and the next one is sent.
 */
export function createSmtpIncidentMailer(o: { smtpUrl: string; from: string; logger: Logger }): IncidentMailer {
  const transport = nodemailer.createTransport(withTimeouts(o.smtpUrl));
  return {
    async incidentChanged(incident, entry, directory) {
      let emails;
      try {
        emails = incidentEmails(incident, entry, directory);
      } catch (error) {
        o.logger.warn({ err: error, incidentId: incident.id }, 'incident e-mails could not be built');
        return;
      }
      let sent = 0;
      for (const email of emails) {
        try {
          await transport.sendMail({ from: o.from, to: email.to, subject: email.subject, text: email.text });
          sent++;
        } catch (error) {
          o.logger.warn({ err: error, incidentId: incident.id, kind: entry.kind, to: email.to }, 'incident e-mail not sent');
        }
      }
      if (emails.length) o.logger.info({ incidentId: incident.id, kind: entry.kind, sent, failed: emails.length - sent }, 'incident e-mails sent');
    },
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
