import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import pino from 'pino';
import { SMTPServer, type SMTPServerAddress } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import { createSmtpIncidentMailer } from '../../../bot/email/smtp-incident-mailer.ts';
import type { Logger } from '../../../bot/logger.ts';
import type { DirectoryDocument, Organisation } from '../../../core/domain/directory/types.ts';
import type { Incident, TimelineEntry } from '../../../core/domain/incidents/types.ts';
import type { Maintenance } from '../../../core/domain/maintenance/types.ts';

// ---------------------------------------------------------------------------------------------
// A real SMTP server on 127.0.0.1 (a free port), keeping every message it accepts.

interface Received {
  from: string;
  rcptTo: string[];
  raw: string;
}

interface LocalSmtp {
  url: string;
  received: Received[];
  close(): Promise<void>;
}

const servers: LocalSmtp[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function startSmtp(options: { refuse?: string[] } = {}): Promise<LocalSmtp> {
  const received: Received[] = [];
  const refuse = new Set(options.refuse ?? []);
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address: SMTPServerAddress, _session, callback) {
      if (refuse.has(address.address)) return callback(Object.assign(new Error('5.1.1 Mailbox unavailable'), { responseCode: 550 }));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const from = session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address;
        received.push({ from, rcptTo: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  const smtp: LocalSmtp = { url: `smtp://127.0.0.1:${port}`, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
  servers.push(smtp);
  return smtp;
}

// ---------------------------------------------------------------------------------------------
// Just enough MIME to read what arrived: unfolded headers (encoded words decoded) and the body.

function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?') // whitespace between encoded words is not part of the text
    .replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_all, _charset: string, encoding: string, text: string) =>
      encoding.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8'));
}

function parseMessage(raw: string): { headers: Map<string, string>; body: string } {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const headers = new Map<string, string>();
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    headers.set(line.slice(0, colon).trim().toLowerCase(), decodeWords(line.slice(colon + 1).trim()));
  }
  let body = raw.slice(split + 4);
  const encoding = headers.get('content-transfer-encoding')?.toLowerCase();
  if (encoding === 'quoted-printable') {
    body = Buffer.from(body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8');
  } else if (encoding === 'base64') {
    body = Buffer.from(body, 'base64').toString('utf8');
  }
  return { headers, body: body.replace(/\r\n/g, '\n') };
}

// ---------------------------------------------------------------------------------------------
// A logger whose entries the test can read.

function recordingLogger(): { logger: Logger; entries: Array<Record<string, unknown>> } {
  const entries: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) entries.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino({ level: 'debug' }, stream), entries };
}

// ---------------------------------------------------------------------------------------------
// A small directory and an incident for it.

const desk = { name: 'Servicedesk', hours: '24x7' as const };
const org = (id: string, name: string, kind: Organisation['kind']): Organisation => ({ id, name, kind, gtkServiceProviderIds: [], desk });
const DIRECTORY: DirectoryDocument = {
  organisations: [
    org('org-gtk', 'RivierenNet (GtK)', 'gtk-service-provider'),
    org('org-vp', 'Verloskundigenpraktijk De Meander', 'care-provider'),
    org('org-lev', 'Vroedsoft B.V.', 'supplier'),
  ],
  applications: [{ id: 'app-xis', name: 'Vroedsoft XIS', kind: 'source-system', administratorId: 'org-lev', usedBy: ['org-vp'] }],
  contacts: [
    { id: 'c-joris', organisationId: 'org-gtk', name: 'Joris', role: 'servicedesk', email: 'joris@gtk.example', emailAlerts: true },
    { id: 'c-marleen', organisationId: 'org-gtk', name: 'Marleen', role: 'service manager', email: 'marleen@gtk.example' },
    { id: 'c-tim', organisationId: 'org-lev', name: 'Tim', role: 'servicedesk', email: 'tim@vroedsoft.example', emailAlerts: true },
    { id: 'c-judith', organisationId: 'org-vp', name: 'Judith', role: 'beheerder', email: 'judith@meander.example', emailAlerts: true },
  ],
};

const FILED: TimelineEntry = { at: '2026-01-14T09:05:00.000Z', kind: 'filed', actor: { id: 'slack:UANNA', name: 'Anna Meander' } };
const INCIDENT: Incident = {
  id: 'INC-2026-0007',
  title: 'XIS stuurt geen berichten',
  description: 'Sinds 9 uur komen er geen overdrachten aan.',
  applicationIds: ['app-xis'],
  organisationIds: ['org-vp'],
  impact: 'no-exchange',
  startedAt: '2026-01-14T09:00:00.000Z',
  possibleDataLeak: false,
  status: 'new',
  layer: 'gtk',
  coordinatorId: 'org-gtk',
  partnerIds: [],
  reason: { kind: 'one-gtk', providers: 1, gtk: 'RivierenNet (GtK)' },
  audienceIds: ['org-gtk', 'org-lev'],
  reporter: { id: 'slack:UANNA', name: 'Anna Meander', platform: 'slack', userId: 'UANNA', organisationId: 'org-vp' },
  timeline: [FILED],
  createdAt: FILED.at,
  updatedAt: FILED.at,
};

const FROM = 'Ketenbot <ketenbot@keten.example>';

describe('createSmtpIncidentMailer against a local SMTP server', () => {
  it('sends one message per opted-in contact of the audience, each to that address only', async () => {
    const smtp = await startSmtp();
    const { logger, entries } = recordingLogger();
    const mailer = createSmtpIncidentMailer({ smtpUrl: smtp.url, from: FROM, logger });

    await mailer.incidentChanged(INCIDENT, FILED, DIRECTORY);

    expect(smtp.received.map((r) => r.rcptTo)).toEqual([['joris@gtk.example'], ['tim@vroedsoft.example']]);
    for (const r of smtp.received) {
      expect(r.from).toBe('ketenbot@keten.example');
      const { headers, body } = parseMessage(r.raw);
      expect(headers.get('to')).toBe(r.rcptTo[0]);
      expect(headers.has('cc')).toBe(false);
      expect(headers.has('bcc')).toBe(false);
      expect(headers.get('from')).toBe(FROM);
      expect(headers.get('subject')).toBe('[Ketenbot] INC-2026-0007: XIS stuurt geen berichten — Nieuw');
      expect(headers.get('content-type')).toMatch(/^text\/plain/);
      expect(body).toContain('INC-2026-0007: XIS stuurt geen berichten\n');
      expect(body).toContain('2026-01-14 10:05 · gemeld door Anna Meander\n');
      expect(body).toContain('Sinds 9 uur komen er geen overdrachten aan.\n');
      expect(body).toContain('Status: Nieuw\n');
      expect(body).toContain('Coördinatie: RivierenNet (GtK)\n');
      expect(body).toContain('Begonnen: 2026-01-14 10:00\n');
    }
    expect(entries.filter((e) => e.level === 40)).toEqual([]);
    expect(entries).toContainEqual(expect.objectContaining({ msg: 'alert e-mails sent', subject: 'INC-2026-0007', sent: 2, failed: 0 }));
  });

  it('a confidential incident goes to its audience without its title or description', async () => {
    const smtp = await startSmtp();
    const { logger } = recordingLogger();
    const leak: Incident = { ...INCIDENT, possibleDataLeak: true, audienceIds: ['org-vp', 'org-lev'] };

    await createSmtpIncidentMailer({ smtpUrl: smtp.url, from: FROM, logger }).incidentChanged(leak, FILED, DIRECTORY);

    expect(smtp.received.map((r) => r.rcptTo)).toEqual([['tim@vroedsoft.example'], ['judith@meander.example']]);
    for (const r of smtp.received) {
      const { headers, body } = parseMessage(r.raw);
      expect(headers.get('subject')).not.toContain('XIS stuurt geen berichten');
      expect(headers.get('subject')).toMatch(/^\[Ketenbot\] INC-2026-0007(: .+)? — Nieuw · Vertrouwelijk$/);
      expect(body).toContain('Vertrouwelijk: mogelijk datalek. Alleen zichtbaar voor Verloskundigenpraktijk De Meander, Vroedsoft B.V.');
      expect(body).not.toContain('overdrachten');
      expect(body).not.toContain('XIS stuurt geen berichten');
    }
  });

  it('a recipient the server refuses is logged, does not throw, and the next recipient still gets theirs', async () => {
    const smtp = await startSmtp({ refuse: ['joris@gtk.example'] });
    const { logger, entries } = recordingLogger();
    const mailer = createSmtpIncidentMailer({ smtpUrl: smtp.url, from: FROM, logger });

    await expect(mailer.incidentChanged(INCIDENT, FILED, DIRECTORY)).resolves.toBeUndefined();

    expect(smtp.received.map((r) => r.rcptTo)).toEqual([['tim@vroedsoft.example']]);
    const warnings = entries.filter((e) => e.level === 40);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ msg: 'alert e-mail not sent', subject: 'INC-2026-0007', to: 'joris@gtk.example', err: expect.objectContaining({ message: expect.stringMatching(/550/) }) });
    expect(entries).toContainEqual(expect.objectContaining({ msg: 'alert e-mails sent', sent: 1, failed: 1 }));
  });

  it('no SMTP server listening: every message is logged as not sent, nothing throws', async () => {
    const smtp = await startSmtp();
    await smtp.close();
    servers.splice(servers.indexOf(smtp), 1);
    const { logger, entries } = recordingLogger();

    await expect(createSmtpIncidentMailer({ smtpUrl: smtp.url, from: FROM, logger }).incidentChanged(INCIDENT, FILED, DIRECTORY)).resolves.toBeUndefined();

    expect(entries.filter((e) => e.level === 40).map((e) => e.to)).toEqual(['joris@gtk.example', 'tim@vroedsoft.example']);
  });

  it('nobody to alert: nothing sent, nothing logged', async () => {
    const smtp = await startSmtp();
    const { logger, entries } = recordingLogger();
    const mailer = createSmtpIncidentMailer({ smtpUrl: smtp.url, from: FROM, logger });
    await mailer.incidentChanged({ ...INCIDENT, audienceIds: ['org-nobody'] }, FILED, DIRECTORY);
    expect(smtp.received).toEqual([]);
    expect(entries).toEqual([]);
  });
});

describe('maintenance alerts over the same mailer', () => {
  const SCHEDULED = { at: '2026-01-14T09:00:00.000Z', kind: 'scheduled' as const, actor: { id: 'teams:tim', name: 'Tim Vroedsoft' } };
  const MAINTENANCE: Maintenance = {
    id: 'MNT-2026-0003', applicationIds: ['app-xis'], startsAt: '2026-01-17T19:00:00.000Z', endsAt: '2026-01-17T21:00:00.000Z',
    impact: 'no-exchange', description: 'Upgrade van het XIS naar versie 9.', contact: 'Tim, 030 555 0101', status: 'planned',
    administratorIds: ['org-lev'], audienceIds: ['org-lev', 'org-vp'], createdBy: SCHEDULED.actor, timeline: [SCHEDULED],
    createdAt: SCHEDULED.at, updatedAt: SCHEDULED.at,
  };

  it('each opted-in contact of the audience gets the notice, with the window, the impact and the contact', async () => {
    const smtp = await startSmtp();
    const { logger } = recordingLogger();
    const mailer = createSmtpIncidentMailer({ smtpUrl: smtp.url, from: FROM, logger });

    await mailer.maintenanceChanged(MAINTENANCE, SCHEDULED, DIRECTORY);

    expect(smtp.received.map((r) => r.rcptTo)).toEqual([['tim@vroedsoft.example'], ['judith@meander.example']]);
    const { headers, body } = parseMessage(smtp.received[0]!.raw);
    expect(headers.get('subject')).toBe('[Ketenbot] MNT-2026-0003: Onderhoud Vroedsoft XIS — Gepland, 2026-01-17 20:00 – 2026-01-17 22:00');
    expect(body).toContain('Aangekondigd door Tim Vroedsoft\n');
    expect(body).toContain('Upgrade van het XIS naar versie 9.\n');
    expect(body).toContain('Verwachte impact: Geen uitwisseling mogelijk\n');
    expect(body).toContain('Contact: Tim, 030 555 0101\n');
  });
});
