import { describe, expect, it } from 'vitest';
import type { Layer } from '../../../../core/domain/incidents/coordination-layer.ts';
import type { Incident } from '../../../../core/domain/incidents/types.ts';
import type { Maintenance, MaintenanceStatus } from '../../../../core/domain/maintenance/types.ts';
import { computeDigest, incidentConcerns, percentile, type Digest } from '../../../../core/domain/reports/digest.ts';
import { daysOf, lastCompletePeriod, type ReportPeriod } from '../../../../core/domain/reports/report-period.ts';

/**
 * computeDigest on a fixed, hand-made set of incidents and maintenance around week 47 of 2026
 * (Monday 16 – Sunday 22 November, CET): every number worked out by hand.
 */

const R = 'org-gtk-rivierennet';
const M = 'org-vp-de-meander';
const W = 'org-vp-waaloever';
const V = 'org-lev-vroedsoft';
const T = 'org-twiin-ketenregie';
const ZAB = 'org-gv-zorgadresboek';
const RSO = 'org-rso-rivierenland';

const WEEK = lastCompletePeriod('week', new Date('2026-11-23T07:00:00.000Z'));
const DAY = lastCompletePeriod('day', new Date('2026-11-23T07:00:00.000Z'));

function incident(id: string, layer: Layer, o: Partial<Incident> & { createdAt: string }): Incident {
  return {
    id, title: `Titel ${id}`, description: `Omschrijving ${id}`, applicationIds: ['app-rivierennet'], organisationIds: [M, W], impact: 'degraded',
    startedAt: o.createdAt, possibleDataLeak: false, status: 'new', layer, coordinatorId: R, partnerIds: [], reason: { kind: 'one-gtk', providers: 2, gtk: 'RivierenNet' },
    audienceIds: [R], reporter: { id: 'slack:UANNA', name: 'Anna', platform: 'slack', userId: 'UANNA', organisationId: M },
    timeline: [], updatedAt: o.createdAt, ...o,
  };
}

/** The set (times UTC; the week runs 2026-11-15T23:00Z – 2026-11-22T23:00Z). */
const INCIDENTS: Incident[] = [
  // Monday 09:00 local: taken after 10 min, resolved after 120, closed on Tuesday.
  incident('A', 'gtk', { createdAt: '2026-11-16T08:00:00.000Z', takenAt: '2026-11-16T08:10:00.000Z', resolvedAt: '2026-11-16T10:00:00.000Z', closedAt: '2026-11-17T09:00:00.000Z', status: 'closed' }),
  // Sunday 23:59 local: the last minute of the week, untouched.
  incident('B', 'chain', { createdAt: '2026-11-22T22:59:00.000Z', applicationIds: ['app-rivierennet', 'app-vroedsoft-xis'], coordinatorId: T, audienceIds: [T, R, V] }),
  // Monday 00:00 local of the next week: not in this week at all.
  incident('C', 'gtk', { createdAt: '2026-11-22T23:00:00.000Z' }),
  // Sunday 23:59 of the week before; taken (31 min) and resolved (361 min) in this week.
  incident('D', 'gtk', { createdAt: '2026-11-15T22:59:00.000Z', takenAt: '2026-11-15T23:30:00.000Z', resolvedAt: '2026-11-16T05:00:00.000Z', status: 'resolved' }),
  // The week before, taken then, still open.
  incident('E', 'gtk', { createdAt: '2026-11-10T10:00:00.000Z', takenAt: '2026-11-10T11:00:00.000Z', status: 'in-progress' }),
  // The week before, resolved then (not closed).
  incident('F', 'gtk', { createdAt: '2026-11-12T10:00:00.000Z', takenAt: '2026-11-12T10:30:00.000Z', resolvedAt: '2026-11-13T10:00:00.000Z', status: 'resolved' }),
  // A possible data leak: RivierenNet is named as a party but is not in the audience.
  incident('G', 'local', {
    createdAt: '2026-11-18T12:00:00.000Z', possibleDataLeak: true, organisationIds: [M, R], coordinatorId: M, partnerIds: [V, RSO], audienceIds: [M, V, RSO],
    applicationIds: ['app-vroedsoft-xis'], reason: { kind: 'confidential' }, takenAt: '2026-11-18T12:05:00.000Z', resolvedAt: '2026-11-19T12:00:00.000Z', status: 'resolved',
  }),
  // A common facility: RivierenNet as partner only. Taken after 45 min, resolved after 4980 min (3 days 11 h).
  incident('H', 'common-facility', {
    createdAt: '2026-11-19T09:00:00.000Z', applicationIds: ['app-zorgadresboek'], organisationIds: [M], coordinatorId: T, partnerIds: [R], audienceIds: [T, ZAB],
    takenAt: '2026-11-19T09:45:00.000Z', resolvedAt: '2026-11-22T20:00:00.000Z', status: 'resolved',
  }),
  // Friday: taken after 20 min, resolved the Monday after (still open at the end of the week).
  incident('I', 'gtk', { createdAt: '2026-11-20T14:00:00.000Z', takenAt: '2026-11-20T14:20:00.000Z', resolvedAt: '2026-11-23T10:00:00.000Z', status: 'resolved' }),
  // Not RivierenNet's at all.
  incident('J', 'local', { createdAt: '2026-11-17T07:00:00.000Z', organisationIds: [W], coordinatorId: W, audienceIds: [W], reason: { kind: 'one-provider', provider: 'Waaloever' } }),
  // Saturday: taken after 3 min, closed without being resolved.
  incident('K', 'gtk', { createdAt: '2026-11-21T10:00:00.000Z', takenAt: '2026-11-21T10:03:00.000Z', closedAt: '2026-11-21T12:00:00.000Z', status: 'closed' }),
  // Filed two weeks ago, taken in this week (2340 min), resolved after it.
  incident('L', 'gtk', { createdAt: '2026-11-14T10:00:00.000Z', takenAt: '2026-11-16T01:00:00.000Z', resolvedAt: '2026-11-23T08:00:00.000Z', status: 'resolved' }),
  // Sunday evening, local layer of RivierenNet itself; taken at Monday 00:00 (the next week).
  incident('M', 'local', { createdAt: '2026-11-22T20:00:00.000Z', applicationIds: ['app-vroedsoft-xis'], organisationIds: [R], takenAt: '2026-11-22T23:00:00.000Z', status: 'in-progress' }),
];

function maintenance(id: string, status: MaintenanceStatus, startsAt: string, endsAt: string, audienceIds: string[] = [R]): Maintenance {
  return {
    id, applicationIds: ['app-rivierennet'], startsAt, endsAt, impact: 'degraded', description: `Onderhoud ${id}`, contact: 'Servicedesk', status,
    administratorIds: [R], audienceIds, createdBy: { id: 'cli', name: 'cli' }, timeline: [], createdAt: '2026-11-01T10:00:00.000Z', updatedAt: '2026-11-01T10:00:00.000Z',
  };
}

const MAINTENANCE: Maintenance[] = [
  maintenance('m1-done-in-week', 'done', '2026-11-18T19:00:00.000Z', '2026-11-18T22:00:00.000Z'),
  maintenance('m2-done-at-end', 'done', '2026-11-22T21:00:00.000Z', '2026-11-22T23:00:00.000Z'),
  maintenance('m3-done-before', 'done', '2026-11-15T20:00:00.000Z', '2026-11-15T22:30:00.000Z'),
  maintenance('m4-cancelled-in-week', 'cancelled', '2026-11-19T19:00:00.000Z', '2026-11-19T21:00:00.000Z'),
  maintenance('m5-planned-next-week', 'planned', '2026-11-24T19:00:00.000Z', '2026-11-24T21:00:00.000Z'),
  maintenance('m6-running-over-the-border', 'running', '2026-11-22T22:00:00.000Z', '2026-11-23T02:00:00.000Z'),
  maintenance('m7-planned-last-minute-next-week', 'planned', '2026-11-29T22:59:00.000Z', '2026-11-30T01:00:00.000Z'),
  maintenance('m8-planned-week-after-next', 'planned', '2026-11-29T23:00:00.000Z', '2026-11-30T01:00:00.000Z'),
  maintenance('m9-cancelled-next-week', 'cancelled', '2026-11-25T19:00:00.000Z', '2026-11-25T21:00:00.000Z'),
  maintenance('m10-other-audience', 'planned', '2026-11-24T19:00:00.000Z', '2026-11-24T21:00:00.000Z', [M]),
  maintenance('m11-done-other-audience', 'done', '2026-11-18T19:00:00.000Z', '2026-11-18T22:00:00.000Z', [M]),
  maintenance('m12-planned-monday-morning', 'planned', '2026-11-23T05:00:00.000Z', '2026-11-23T06:00:00.000Z'),
];

const digest = (organisationId: string, period: ReportPeriod, incidents = INCIDENTS, m = MAINTENANCE): Digest =>
  computeDigest({ organisationId, period, incidents, maintenance: m, days: daysOf(period), deliveriesFailed: 4, kbUnanswered: 7 });

describe('computeDigest: the week of RivierenNet', () => {
  it('every number exact', () => {
    expect(digest(R, WEEK)).toEqual({
      organisationId: R,
      period: WEEK,
      incidents: {
        // A, B, H, I, K, M (not C: next week; not D: the week before; not G: confidential; not J).
        opened: 6,
        // A, D, H (F before, I and L after).
        resolved: 3,
        // B, E, I, L, M.
        open: 5,
        openedByLayer: { gtk: 3, chain: 1, 'common-facility': 1, local: 1 },
        openedByApplication: { 'app-rivierennet': 4, 'app-vroedsoft-xis': 2, 'app-zorgadresboek': 1 },
        // Taken in the week: K 3, A 10, I 20, D 31, H 45, L 2340 (not M: taken at the border; not E, F).
        takeMinutes: { count: 6, median: 20, p90: 2340 },
        // Resolved in the week: A 120, D 361, H 4980.
        resolveMinutes: { count: 3, median: 361, p90: 4980 },
        perDay: [
          { day: '2026-11-16', byLayer: { gtk: 1 } },
          { day: '2026-11-17', byLayer: {} },
          { day: '2026-11-18', byLayer: {} },
          { day: '2026-11-19', byLayer: { 'common-facility': 1 } },
          { day: '2026-11-20', byLayer: { gtk: 1 } },
          { day: '2026-11-21', byLayer: { gtk: 1 } },
          { day: '2026-11-22', byLayer: { chain: 1, local: 1 } },
        ],
      },
      // Done: m1. Coming next week: m5, m7, m12.
      maintenance: { done: 1, coming: 3 },
      deliveriesFailed: 4,
      kbUnanswered: 7,
    });
  });

  it('the per-day series adds up to the number opened', () => {
    const d = digest(R, WEEK);
    const total = d.incidents.perDay.reduce((n, x) => n + Object.values(x.byLayer).reduce((a, b) => a + b, 0), 0);
    expect(total).toBe(d.incidents.opened);
    expect(Object.values(d.incidents.openedByLayer).reduce((a, b) => a + b, 0)).toBe(d.incidents.opened);
  });

  it('the day (Sunday 22 November) of the same set', () => {
    expect(digest(R, DAY)).toEqual({
      organisationId: R,
      period: DAY,
      incidents: {
        opened: 2, // B, M
        resolved: 1, // H
        open: 5,
        openedByLayer: { chain: 1, local: 1 },
        openedByApplication: { 'app-rivierennet': 1, 'app-vroedsoft-xis': 2 },
        takeMinutes: { count: 0, median: null, p90: null },
        resolveMinutes: { count: 1, median: 4980, p90: 4980 },
        perDay: [{ day: '2026-11-22', byLayer: { chain: 1, local: 1 } }],
      },
      // Nothing ended on Sunday; m12 (Monday 06:00 local) is the only one planned on Monday.
      maintenance: { done: 0, coming: 1 },
      deliveriesFailed: 4,
      kbUnanswered: 7,
    });
  });

  it('no data: zeros, nulls, seven empty days', () => {
    const d = digest(R, WEEK, [], []);
    expect(d.incidents).toEqual({
      opened: 0, resolved: 0, open: 0, openedByLayer: {}, openedByApplication: {},
      takeMinutes: { count: 0, median: null, p90: null }, resolveMinutes: { count: 0, median: null, p90: null },
      perDay: daysOf(WEEK).map((x) => ({ day: x.day, byLayer: {} })),
    });
    expect(d.maintenance).toEqual({ done: 0, coming: 0 });
  });

  it('holds counts and times only: no title, description or other free text of an incident or maintenance', () => {
    const json = JSON.stringify(digest(R, WEEK));
    for (const i of INCIDENTS) {
      expect(json).not.toContain(i.title);
      expect(json).not.toContain(i.description);
    }
    for (const m of MAINTENANCE) expect(json).not.toContain(m.description);
    expect(json).not.toContain('Anna');
  });
});

describe('computeDigest: the confidential incident counts only for its audience', () => {
  const G = INCIDENTS.find((i) => i.id === 'G')!;

  it.each([
    [M, 1], [V, 1], [RSO, 1],
    // Named as a party, or chain coordination, but not in the audience: nothing.
    [R, 0], [T, 0], [W, 0],
  ])('%s → opened %i', (org, n) => {
    const d = digest(org, WEEK, [G], []);
    expect(d.incidents.opened).toBe(n);
    expect(d.incidents.resolved).toBe(n);
    expect(d.incidents.takeMinutes).toEqual(n ? { count: 1, median: 5, p90: 5 } : { count: 0, median: null, p90: null });
    expect(d.incidents.resolveMinutes).toEqual(n ? { count: 1, median: 1440, p90: 1440 } : { count: 0, median: null, p90: null });
    expect(d.incidents.perDay[2]).toEqual({ day: '2026-11-18', byLayer: n ? { local: 1 } : {} });
  });

  it('looked at by someone not linked to the organisation (chain coordination asking for it): not counted at all', () => {
    const d = computeDigest({ organisationId: M, period: WEEK, incidents: [G], maintenance: [], days: daysOf(WEEK), deliveriesFailed: 0, kbUnanswered: 0, includeConfidential: false });
    expect(d.incidents.opened).toBe(0);
    expect(d.incidents.openedByApplication).toEqual({});
    expect(d.incidents.resolveMinutes.count).toBe(0);
  });

  it('the same incident without the data-leak flag counts for every party', () => {
    const open = { ...G, possibleDataLeak: false };
    for (const org of [M, V, RSO, R]) expect(digest(org, WEEK, [open], []).incidents.opened).toBe(1);
    expect(digest(T, WEEK, [open], []).incidents.opened).toBe(0);
  });
});

describe('incidentConcerns (linking = seeing)', () => {
  const base = incident('X', 'chain', { createdAt: '2026-11-18T10:00:00.000Z', organisationIds: [M], coordinatorId: T, partnerIds: [ZAB], audienceIds: [V] });
  it.each([[M, true], [T, true], [ZAB, true], [V, true], [R, false], [W, false]])('%s → %s', (org, expected) => {
    expect(incidentConcerns(base, org)).toBe(expected);
  });
  it('a possible data leak: the audience only', () => {
    const leak = { ...base, possibleDataLeak: true };
    expect([M, T, ZAB, V].map((org) => incidentConcerns(leak, org))).toEqual([false, false, false, true]);
  });
});

describe('computeDigest: maintenance borders', () => {
  it('done counts by the end of the window in the period; coming by the start in the next period; cancelled never', () => {
    const d = digest(R, WEEK, []);
    expect(d.maintenance).toEqual({ done: 1, coming: 3 });
    // The week before: m3 ended in it; of this week's, only m6 (running, started Sunday 23:00 local) is
    // still active — m1/m2 are done, m4 is cancelled.
    const before = lastCompletePeriod('week', new Date('2026-11-16T07:00:00.000Z'));
    expect(digest(R, before, []).maintenance).toEqual({ done: 1, coming: 1 });
  });

  it('the extended state counts as coming', () => {
    const m = [maintenance('x', 'extended', '2026-11-24T19:00:00.000Z', '2026-11-24T23:00:00.000Z')];
    expect(digest(R, WEEK, [], m).maintenance).toEqual({ done: 0, coming: 1 });
  });

  // The next period is the next local day / week, which is an hour shorter or longer than the
  // reported one when summer time starts or ends in it. The product takes "the same length again".
  it('BUG: week 13 of 2026 (167 h) — maintenance on Sunday 5 April 23:30 CEST (still next week) is not counted as coming', () => {
    const w13 = lastCompletePeriod('week', new Date('2026-03-30T06:00:00.000Z'));
    expect(w13.to).toBe('2026-03-29T22:00:00.000Z');
    const m = [maintenance('x', 'planned', '2026-04-05T21:30:00.000Z', '2026-04-05T23:00:00.000Z')];
    expect(digest(R, w13, [], m).maintenance.coming).toBe(1);
  });

  it('BUG: Saturday 24 October 2026 — maintenance on Sunday 25 October 23:30 CET (the 25-hour next day) is not counted as coming', () => {
    const sat = lastCompletePeriod('day', new Date('2026-10-25T06:00:00.000Z'));
    expect(sat).toMatchObject({ firstDay: '2026-10-24', to: '2026-10-24T22:00:00.000Z' });
    const m = [maintenance('x', 'planned', '2026-10-25T22:30:00.000Z', '2026-10-25T23:30:00.000Z')];
    expect(digest(R, sat, [], m).maintenance.coming).toBe(1);
  });

  it('BUG: Saturday 28 March 2026 — maintenance on Monday 30 March 00:30 CEST (after the 23-hour next day) is counted as coming', () => {
    const sat = lastCompletePeriod('day', new Date('2026-03-29T06:00:00.000Z'));
    expect(sat).toMatchObject({ firstDay: '2026-03-28', to: '2026-03-28T23:00:00.000Z' });
    const m = [maintenance('x', 'planned', '2026-03-29T22:30:00.000Z', '2026-03-29T23:30:00.000Z')];
    expect(digest(R, sat, [], m).maintenance.coming).toBe(0);
  });
});

describe('percentile (nearest rank)', () => {
  it.each<[number[], number, number | null]>([
    [[], 50, null],
    [[], 90, null],
    [[7], 50, 7],
    [[7], 90, 7],
    [[7], 0, 7],
    [[7], 100, 7],
    [[1, 2], 50, 1],
    [[2, 1], 90, 2],
    [[3, 1, 2], 50, 2],
    [[4, 1, 3, 2], 50, 2],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50, 5],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90, 9],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 90, 10],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 91, 10],
    [[10, 20, 30], 0, 10],
    [[10, 20, 30], 100, 30],
    [[5, 5, 5, 1], 50, 5],
    [[100, 2, 30], 50, 30],
  ])('%j p%i → %s', (values, p, expected) => {
    expect(percentile(values, p)).toBe(expected);
  });

  it('sorts numerically, not as text, and leaves its input alone', () => {
    const values = [100, 9, 20];
    expect(percentile(values, 50)).toBe(20);
    expect(values).toEqual([100, 9, 20]);
  });

  it('minutes are rounded to the nearest whole minute', () => {
    const i = incident('S', 'gtk', { createdAt: '2026-11-17T10:00:00.000Z', takenAt: '2026-11-17T10:01:30.000Z', resolvedAt: '2026-11-17T10:02:29.000Z', status: 'resolved' });
    const d = digest(R, WEEK, [i], []);
    expect(d.incidents.takeMinutes).toEqual({ count: 1, median: 2, p90: 2 });
    expect(d.incidents.resolveMinutes).toEqual({ count: 1, median: 2, p90: 2 });
  });
});
