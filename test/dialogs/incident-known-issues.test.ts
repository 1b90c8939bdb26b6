import { describe, expect, it } from 'vitest';
import type { IncidentRepository } from '../../core/domain/incidents/incident-repository.ts';
import type { Incident, IncidentStatus } from '../../core/domain/incidents/types.ts';
import { incidentKnownIssues } from '../../dialogs/incident-known-issues.ts';

/**
 * The incidents the decision tree and knowledge-base answers show for an application: only open
 * ones announced in the chain anyway — never a local incident (it stays with its organisation) nor
 * a confidential one (a possible data leak).
 */

const EPD = 'app-medicura-epd';
const FILED_AT = '2025-03-03T08:00:00.000Z';

function incident(n: number, overrides: Partial<Incident> = {}): Incident {
  return {
    id: `INC-2025-${String(n).padStart(4, '0')}`,
    title: `Storing ${n}`,
    description: 'Berichten komen niet aan.',
    applicationIds: [EPD],
    organisationIds: ['org-sint-amandus-gasthuis', 'org-ziekenhuis-duinzicht'],
    impact: 'degraded',
    startedAt: FILED_AT,
    possibleDataLeak: false,
    status: 'new',
    layer: 'chain',
    coordinatorId: 'org-twiin-ketenregie',
    partnerIds: [],
    reason: { kind: 'several-gtks', providers: 2, gtks: 2 },
    audienceIds: ['org-twiin-ketenregie', 'org-lev-medicura'],
    reporter: { id: 'local:noor', name: 'Noor', platform: 'local', userId: 'noor', organisationId: 'org-sint-amandus-gasthuis' },
    timeline: [{ at: FILED_AT, kind: 'filed', actor: { id: 'local:noor', name: 'Noor' } }],
    createdAt: FILED_AT,
    updatedAt: FILED_AT,
    ...overrides,
  };
}

/** Only list() is used; it filters on status like the real repository. */
function repository(incidents: Incident[]): IncidentRepository {
  const unused = () => Promise.reject(new Error('not used'));
  return {
    create: unused,
    get: unused,
    update: unused,
    list: async (filter: { statuses?: IncidentStatus[] }) => incidents.filter((i) => !filter.statuses || filter.statuses.includes(i.status)),
  };
}

describe('incidentKnownIssues', () => {
  const INCIDENTS = [
    incident(1), // chain, new: shown
    incident(2, { status: 'in-progress', layer: 'gtk', coordinatorId: 'org-gtk-westlink', reason: { kind: 'one-gtk', providers: 2, gtk: 'WestLink' } }), // shown
    incident(3, { layer: 'local', coordinatorId: 'org-sint-amandus-gasthuis', organisationIds: ['org-sint-amandus-gasthuis'], audienceIds: ['org-sint-amandus-gasthuis'], reason: { kind: 'one-provider', provider: 'Sint Amandus Gasthuis' } }), // local: not shown
    incident(4, { possibleDataLeak: true, layer: 'local', coordinatorId: 'org-sint-amandus-gasthuis', reason: { kind: 'confidential' } }), // confidential: not shown
    incident(5, { status: 'resolved' }), // not open
    incident(6, { status: 'closed' }), // not open
    incident(7, { applicationIds: ['app-panorama-viewer'] }), // another application
  ];

  it('only open, non-local, non-confidential incidents on the application, with status and impact in the user\'s language', async () => {
    const source = incidentKnownIssues(repository(INCIDENTS));
    expect(await source.forApplication(EPD, new Date(FILED_AT), 'nl')).toEqual([
      { kind: 'incident', applicationId: EPD, title: 'INC-2025-0001: Storing 1', detail: 'Nieuw · Verminderde uitwisseling' },
      { kind: 'incident', applicationId: EPD, title: 'INC-2025-0002: Storing 2', detail: 'In behandeling · Verminderde uitwisseling' },
    ]);
    expect((await source.forApplication(EPD, new Date(FILED_AT), 'en')).map((i) => i.detail)).toEqual(['New · Degraded exchange', 'In progress · Degraded exchange']);
  });
});
