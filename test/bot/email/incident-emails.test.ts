import { describe, expect, it } from 'vitest';
import { incidentEmailRecipients, incidentEmails } from '../../../bot/email/incident-emails.ts';
import type { Contact, DirectoryDocument, Organisation } from '../../../core/domain/directory/types.ts';
import type { Incident, TimelineEntry } from '../../../core/domain/incidents/types.ts';

const desk = { name: 'Servicedesk', hours: '24x7' as const };
const org = (id: string, name: string, kind: Organisation['kind']): Organisation => ({ id, name, kind, gtkServiceProviderIds: [], desk });
const contact = (id: string, organisationId: string, email: string | undefined, emailAlerts?: boolean): Contact => ({
  id, organisationId, name: id, role: 'servicedesk', ...(email ? { email } : {}), ...(emailAlerts === undefined ? {} : { emailAlerts }),
});

const DIRECTORY: DirectoryDocument = {
  organisations: [
    org('org-gtk', 'RivierenNet (GtK)', 'gtk-service-provider'),
    org('org-vp', 'Verloskundigenpraktijk De Meander', 'care-provider'),
    org('org-lev', 'Vroedsoft B.V.', 'supplier'),
    org('org-rso', 'RSO Rivierenland', 'rso'),
    org('org-twiin', 'Twiin ketenregie', 'national-coordination'),
  ],
  applications: [{ id: 'app-xis', name: 'Vroedsoft XIS', kind: 'source-system', administratorId: 'org-lev', usedBy: ['org-vp'] }],
  contacts: [
    contact('c-gtk-on', 'org-gtk', 'desk@gtk.example', true),
    contact('c-gtk-off', 'org-gtk', 'manager@gtk.example', false),
    contact('c-gtk-unset', 'org-gtk', 'other@gtk.example'),
    contact('c-gtk-same', 'org-gtk', 'DESK@gtk.example', true), // the same address again: once
    contact('c-gtk-no-address', 'org-gtk', undefined, true),
    contact('c-lev-on', 'org-lev', 'support@vroedsoft.example', true),
    contact('c-vp-on', 'org-vp', 'beheer@meander.example', true),
    contact('c-rso-on', 'org-rso', 'noor@rso.example', true),
    contact('c-twiin-on', 'org-twiin', 'hanneke@twiin.example', true), // not in the audience
  ],
};

const FILED: TimelineEntry = { at: '2026-01-14T09:05:00.000Z', kind: 'filed', actor: { id: 'slack:UANNA', name: 'Anna Meander' } };

function incident(overrides: Partial<Incident> = {}): Incident {
  return {
    id: 'INC-2026-0001',
    title: 'XIS stuurt geen berichten',
    description: 'Sinds 9 uur komen er geen overdrachten aan bij de kraamzorg.',
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
    ...overrides,
  };
}

describe('incidentEmailRecipients', () => {
  it('only contacts who opted in, with an address, at an organisation in the audience; each address once', () => {
    expect(incidentEmailRecipients(incident(), DIRECTORY)).toEqual(['desk@gtk.example', 'support@vroedsoft.example']);
  });

  it('not the organisations of the incident or the coordinator unless they are in the audience', () => {
    const local = incident({ layer: 'local', coordinatorId: 'org-vp', audienceIds: ['org-vp'] });
    expect(incidentEmailRecipients(local, DIRECTORY)).toEqual(['beheer@meander.example']);
    expect(incidentEmailRecipients(incident({ audienceIds: [] }), DIRECTORY)).toEqual([]);
  });

  it('a confidential incident: only its (restricted) audience', () => {
    const leak = incident({ possibleDataLeak: true, audienceIds: ['org-vp', 'org-lev', 'org-rso'] });
    expect(incidentEmailRecipients(leak, DIRECTORY)).toEqual(['support@vroedsoft.example', 'beheer@meander.example', 'noor@rso.example']);
  });

  it('nobody opted in: no e-mails at all', () => {
    const directory = { ...DIRECTORY, contacts: DIRECTORY.contacts.map(({ emailAlerts: _e, ...c }) => c) };
    expect(incidentEmails(incident(), FILED, directory)).toEqual([]);
  });
});

describe('incidentEmails', () => {
  it('one message per recipient, each addressed to that recipient only, with the same Dutch subject and text', () => {
    const emails = incidentEmails(incident(), FILED, DIRECTORY);
    expect(emails.map((e) => e.to)).toEqual(['desk@gtk.example', 'support@vroedsoft.example']);
    for (const e of emails) {
      expect(e.subject).toBe('[Ketenbot] INC-2026-0001: XIS stuurt geen berichten — Nieuw');
      expect(e.text).toBe(emails[0]!.text);
    }
  });

  it('the body: what happened, the description and the facts of the card', () => {
    const [email] = incidentEmails(incident(), FILED, DIRECTORY);
    const lines = email!.text.split('\n');
    expect(lines[0]).toBe('INC-2026-0001: XIS stuurt geen berichten');
    expect(lines).toContain('2026-01-14 10:05 · gemeld door Anna Meander');
    expect(lines).toContain('Sinds 9 uur komen er geen overdrachten aan bij de kraamzorg.');
    expect(lines).toEqual(expect.arrayContaining([
      'Status: Nieuw',
      'Coördinatielaag: GtK',
      'Waarom: 1 zorgaanbieder via 1 GtK → RivierenNet (GtK)',
      'Coördinatie: RivierenNet (GtK)',
      'Impact: Geen uitwisseling mogelijk',
      'Applicaties: Vroedsoft XIS',
      'Organisaties: Verloskundigenpraktijk De Meander',
      'Begonnen: 2026-01-14 10:00',
    ]));
    expect(email!.text).not.toMatch(/Vertrouwelijk/);
  });

  it.each([
    ['one GtK, no care provider', { kind: 'one-gtk', providers: 0, gtk: 'RivierenNet (GtK)' }, 'GtK RivierenNet (GtK) → eigen beheer van RivierenNet (GtK)'],
    ['one GtK, one care provider', { kind: 'one-gtk', providers: 1, gtk: 'RivierenNet (GtK)' }, '1 zorgaanbieder via 1 GtK → RivierenNet (GtK)'],
    ['one GtK, two care providers', { kind: 'one-gtk', providers: 2, gtk: 'RivierenNet (GtK)' }, '2 zorgaanbieders via 1 GtK → RivierenNet (GtK)'],
    ['several GtKs, one care provider', { kind: 'several-gtks', providers: 1, gtks: 2 }, "1 zorgaanbieder via 2 GtK's → Twiin ketenregie"],
    ['several GtKs, two care providers', { kind: 'several-gtks', providers: 2, gtks: 3 }, "2 zorgaanbieders via 3 GtK's → Twiin ketenregie"],
    ['escalated: the layer it came from', { kind: 'escalated', from: 'local', coordinator: 'RivierenNet (GtK)' }, 'Geëscaleerd (was: Lokaal) → RivierenNet (GtK)'],
  ] as Array<[string, Incident['reason'], string]>)('the reason in words: %s', (_name, reason, text) => {
    const [email] = incidentEmails(incident({ reason }), FILED, DIRECTORY);
    expect(email!.text.split('\n')).toContain(`Waarom: ${text}`);
  });

  it('a later change: its timeline entry, the new status, the owner and the resolution', () => {
    const resolved: TimelineEntry = { at: '2026-01-14T10:30:00.000Z', kind: 'resolved', actor: { id: 'slack:UBERT', name: 'Bert RivierenNet' }, text: 'Certificaat vernieuwd.' };
    const i = incident({ status: 'resolved', owner: { id: 'slack:UBERT', name: 'Bert RivierenNet' }, resolution: 'Certificaat vernieuwd.', resolvedAt: resolved.at, timeline: [FILED, resolved] });
    const [email] = incidentEmails(i, resolved, DIRECTORY);
    expect(email!.subject).toBe('[Ketenbot] INC-2026-0001: XIS stuurt geen berichten — Opgelost');
    expect(email!.text).toContain('2026-01-14 11:30 · opgelost door Bert RivierenNet: Certificaat vernieuwd.');
    expect(email!.text).toContain('Status: Opgelost');
    expect(email!.text).toContain('Eigenaar: Bert RivierenNet');
    expect(email!.text).toContain('Oplossing: Certificaat vernieuwd.');
  });

  it('a confidential incident: number, application, state, the confidentiality line and how to open it; no free text at all', () => {
    const update: TimelineEntry = { at: '2026-01-14T10:30:00.000Z', kind: 'update', actor: { id: 'slack:UTIM', name: 'Tim Vroedsoft' }, text: 'Dossier van de verkeerde cliënt zichtbaar bij de praktijk.' };
    const leak = incident({ possibleDataLeak: true, audienceIds: ['org-vp', 'org-lev', 'org-rso'], status: 'in-progress', timeline: [FILED, update], resolution: 'Autorisatie ingetrokken.' });
    const emails = incidentEmails(leak, update, DIRECTORY);
    expect(emails).toHaveLength(3);
    const email = emails[0]!;
    expect(email.subject).toBe('[Ketenbot] INC-2026-0001: Vroedsoft XIS — In behandeling · Vertrouwelijk');
    expect(email.text).toBe([
      'INC-2026-0001: Vroedsoft XIS',
      '',
      'Vertrouwelijk: mogelijk datalek. Alleen zichtbaar voor Verloskundigenpraktijk De Meander, Vroedsoft B.V., RSO Rivierenland. Niet delen in andere kanalen.',
      '',
      'Status: In behandeling',
      'Applicaties: Vroedsoft XIS',
      '',
      'Open het in de chat met Ketenbot (Teams of Slack): typ "incident INC-2026-0001".',
      '',
    ].join('\n'));
    for (const free of [leak.title, leak.description, 'verkeerde cliënt', 'Autorisatie ingetrokken']) {
      expect(email.subject).not.toContain(free);
      expect(email.text).not.toContain(free);
    }
  });

  it('a confidential incident titled with a patient\'s name: no e-mail subject or body names her', () => {
    const leak = incident({ possibleDataLeak: true, title: 'Uitslag van mevrouw Jansen', description: 'Uitslag van mevrouw Jansen (geboren 12-03-1990) bij verkeerde praktijk.', audienceIds: ['org-vp', 'org-lev', 'org-rso'] });
    const emails = incidentEmails(leak, FILED, DIRECTORY);
    expect(emails.map((e) => e.to)).toEqual(['support@vroedsoft.example', 'beheer@meander.example', 'noor@rso.example']);
    for (const email of emails) {
      expect(email.subject).not.toContain('Jansen');
      expect(email.text).not.toContain('Jansen');
      expect(email.text).not.toContain('1990');
    }
  });

  it('a title with a line break cannot add a mail header', () => {
    const [email] = incidentEmails(incident({ title: 'XIS\r\nBcc: iedereen@example.org' }), FILED, DIRECTORY);
    expect(email!.subject).toBe('[Ketenbot] INC-2026-0001: XIS Bcc: iedereen@example.org — Nieuw');
  });
});
