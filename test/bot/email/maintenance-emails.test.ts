import { describe, expect, it } from 'vitest';
import { maintenanceEmails, sentence } from '../../../bot/email/maintenance-emails.ts';
import type { DirectoryDocument, Organisation } from '../../../core/domain/directory/types.ts';
import type { Maintenance, MaintenanceEvent } from '../../../core/domain/maintenance/types.ts';

const desk = { name: 'Servicedesk', hours: '24x7' as const };
const org = (id: string, name: string, kind: Organisation['kind']): Organisation => ({ id, name, kind, gtkServiceProviderIds: [], desk });
const DIRECTORY: DirectoryDocument = {
  organisations: [org('org-lev', 'Vroedsoft B.V.', 'supplier'), org('org-vp', 'Verloskundigenpraktijk De Meander', 'care-provider')],
  applications: [{ id: 'app-xis', name: 'Vroedsoft XIS', kind: 'source-system', administratorId: 'org-lev', usedBy: ['org-vp'] }],
  contacts: [{ id: 'c-vp', organisationId: 'org-vp', name: 'Praktijkmanager', role: 'beheer', email: 'beheer@meander.example', emailAlerts: true }],
};
const actor = { id: 'teams:beheer', name: 'Joost Vroedsoft' };
const maintenance = (timeline: MaintenanceEvent[]): Maintenance => ({
  id: 'MNT-2026-0003', applicationIds: ['app-xis'], startsAt: '2026-01-20T19:00:00.000Z', endsAt: '2026-01-20T21:00:00.000Z', impact: 'degraded',
  description: 'Database-upgrade van Vroedsoft XIS.', contact: 'Servicedesk Vroedsoft, 030 123 4567', status: 'planned',
  administratorIds: ['org-lev'], audienceIds: ['org-lev', 'org-vp'], createdBy: actor, timeline, createdAt: '2026-01-14T09:00:00.000Z', updatedAt: '2026-01-14T09:00:00.000Z',
});

describe('maintenance e-mails: the status line starts with a capital', () => {
  it.each<[MaintenanceEvent, string]>([
    [{ at: '2026-01-19T19:00:00.000Z', kind: 'reminder-24h', actor, text: '2026-01-20T19:00:00.000Z' }, 'Herinnering: begint over 24 uur (2026-01-20 20:00)'],
    [{ at: '2026-01-20T18:00:00.000Z', kind: 'reminder-1h', actor, text: '2026-01-20T19:00:00.000Z' }, 'Herinnering: begint binnen het uur (2026-01-20 20:00)'],
    [{ at: '2026-01-20T19:00:00.000Z', kind: 'started', actor }, 'Het onderhoud is begonnen'],
    [{ at: '2026-01-20T21:00:00.000Z', kind: 'ended', actor }, 'Het onderhoud is afgerond'],
    [{ at: '2026-01-14T09:00:00.000Z', kind: 'scheduled', actor }, 'Aangekondigd door Joost Vroedsoft'],
  ])('%j → %s', (event, line) => {
    const [email] = maintenanceEmails(maintenance([event]), event, DIRECTORY);
    const lines = email!.text.split('\n');
    expect(lines[2]).toBe(line);
    expect(email!.to).toBe('beheer@meander.example');
  });

  it('sentence() leaves a capital, a digit or an empty text alone', () => {
    expect(sentence('Al hoofdletter')).toBe('Al hoofdletter');
    expect(sentence('2026-01-20 · gemeld')).toBe('2026-01-20 · gemeld');
    expect(sentence('')).toBe('');
    expect(sentence('ééntje')).toBe('Ééntje');
  });
});
