import { describe, expect, it } from 'vitest';
import type { DeliveryTarget } from '../../../../core/delivery/delivery.ts';
import type { Person, RoleGrant } from '../../../../core/domain/access/types.ts';
import type { Layer } from '../../../../core/domain/incidents/coordination-layer.ts';
import type { Incident } from '../../../../core/domain/incidents/types.ts';
import type { Maintenance, MaintenanceStatus } from '../../../../core/domain/maintenance/types.ts';
import { daysOf } from '../../../../core/domain/reports/report-period.ts';
import { databasePerTest } from '../../../support/databases.ts';
import { servicesWithDemoData } from '../../../support/demo-data.ts';

/**
 * ReportService on SQLite with the demo directory and a fixed data set in week 47 of 2026
 * (Monday 16 – Sunday 22 November; the clock stands at Monday 23 November 08:00 CET): incidents
 * and maintenance in their repositories, delivery rows in the outbox, knowledge-base events.
 */

const R = 'org-gtk-rivierennet';
const M = 'org-vp-de-meander';
const W = 'org-vp-waaloever';
const V = 'org-lev-vroedsoft';
const T = 'org-twiin-ketenregie';
const RSO = 'org-rso-rivierenland';
const NOW = '2026-11-23T07:00:00.000Z';

function person(userId: string, organisationIds: string[], roles: RoleGrant[]): Person {
  return { id: `local:${userId}`, platform: 'local', userId, displayName: userId, organisationIds, roles };
}
const bert = person('bert', [R], [{ role: 'servicedesk-agent', organisationId: R }]);
const roleOnly = person('rolf', [], [{ role: 'administrator', organisationId: V }]);
const chris = person('chris', [T], [{ role: 'chain-coordinator' }]);
const chainOnly = person('kees', [], [{ role: 'chain-coordinator' }]);
const stranger = person('stranger', [], []);

function incident(layer: Layer, o: Partial<Incident> & { createdAt: string }): Omit<Incident, 'id'> {
  return {
    title: 'Overdracht komt niet aan', description: 'Sinds vanochtend komen overdrachten niet aan.', applicationIds: ['app-rivierennet'], organisationIds: [M, W], impact: 'degraded',
    startedAt: o.createdAt, possibleDataLeak: false, status: 'new', layer, coordinatorId: R, partnerIds: [], reason: { kind: 'one-gtk', providers: 2, gtk: 'RivierenNet' },
    audienceIds: [R], reporter: { id: 'slack:UANNA', name: 'Anna', platform: 'slack', userId: 'UANNA', organisationId: M },
    timeline: [], updatedAt: o.createdAt, ...o,
  };
}

function maintenance(status: MaintenanceStatus, startsAt: string, endsAt: string, audienceIds: string[] = [R, M]): Omit<Maintenance, 'id'> {
  return {
    applicationIds: ['app-rivierennet'], startsAt, endsAt, impact: 'degraded', description: 'Upgrade', contact: 'Servicedesk', status,
    administratorIds: [R], audienceIds, createdBy: { id: 'cli', name: 'cli' }, timeline: [], createdAt: '2026-11-01T10:00:00.000Z', updatedAt: '2026-11-01T10:00:00.000Z',
  };
}

const target = (linkId: string, organisationId: string): DeliveryTarget => ({ linkId, organisationId, platform: 'slack', channelId: `C-${linkId}`, teamId: 'T1' });

describe('ReportService (SQLite, demo directory, week 47 of 2026)', () => {
  const databases = databasePerTest('sqlite');

  async function setup() {
    const db = await databases.open();
    const { services, clock } = await servicesWithDemoData(db, new Date(NOW));
    const audit = (id: string) => ({ at: NOW, actor: 'test', action: 'test.create', subjectType: 'test', subjectId: id });
    const add = (i: Omit<Incident, 'id'>) => services.incidentRepository.create(i, Number(i.createdAt.slice(0, 4)), audit);
    const addMaintenance = (m: Omit<Maintenance, 'id'>) => services.maintenanceRepository.create(m, 2026, audit);
    /** A notice with post rows to the targets, made at `at`; then each row's final state. */
    const deliveries = async (noticeId: string, at: string, rows: Array<[DeliveryTarget, 'dead' | 'uncertain' | 'sent' | 'retrying' | 'pending']>) => {
      await services.outbox.publish({ id: noticeId, kind: 'incident', subjectId: 'INC-x', version: 1, card: { kind: 'x', title: 'x', blocks: [], fallbackText: 'x' }, createdAt: at, updatedAt: at }, rows.map((r) => r[0]));
      for (const [t, status] of rows) {
        const d = await services.outbox.post(noticeId, t.linkId);
        if (!d) throw new Error('no row');
        if (status === 'dead') await services.outbox.markDead(d.id, 'gone');
        if (status === 'uncertain') await services.outbox.markUncertain(d.id, 'timeout');
        if (status === 'sent') await services.outbox.markSent(d.id, 'm1', clock.now());
        if (status === 'retrying') await services.outbox.markRetry(d.id, clock.now(), 'busy');
      }
    };
    return { db, clock, services, add, addMaintenance, deliveries };
  }

  async function withData() {
    const s = await setup();
    const { add, addMaintenance, deliveries } = s;
    // Stored in filing order so the numbers follow the times.
    await add(incident('local', { createdAt: '2026-11-05T10:00:00.000Z', organisationIds: [R], closedAt: '2026-11-06T10:00:00.000Z', status: 'closed' })); // closed before the week
    await add(incident('gtk', { createdAt: '2026-11-10T10:00:00.000Z' })); // before the week, still open
    await add(incident('gtk', { createdAt: '2026-11-16T08:00:00.000Z', takenAt: '2026-11-16T08:10:00.000Z', resolvedAt: '2026-11-16T10:00:00.000Z', closedAt: '2026-11-17T09:00:00.000Z', status: 'closed' }));
    await add(incident('local', { createdAt: '2026-11-17T07:00:00.000Z', organisationIds: [W], coordinatorId: W, audienceIds: [W], reason: { kind: 'one-provider', provider: 'Waaloever' } })); // not RivierenNet's
    await add(incident('chain', {
      createdAt: '2026-11-18T09:00:00.000Z', applicationIds: ['app-rivierennet', 'app-vroedsoft-xis'], coordinatorId: T, audienceIds: [T, R, V],
      takenAt: '2026-11-18T10:00:00.000Z', resolvedAt: '2026-11-19T09:00:00.000Z', status: 'resolved',
    }));
    await add(incident('local', {
      createdAt: '2026-11-19T12:00:00.000Z', possibleDataLeak: true, organisationIds: [M, R], coordinatorId: M, partnerIds: [V, RSO], audienceIds: [M, V, RSO], reason: { kind: 'confidential' },
    })); // confidential: RivierenNet is not in the audience
    await add(incident('gtk', { createdAt: '2026-11-20T14:00:00.000Z', takenAt: '2026-11-20T14:20:00.000Z', status: 'in-progress' }));
    await add(incident('gtk', { createdAt: '2026-11-22T23:00:00.000Z' })); // Monday 00:00: this week

    await addMaintenance(maintenance('done', '2026-11-18T19:00:00.000Z', '2026-11-18T22:00:00.000Z'));
    await addMaintenance(maintenance('cancelled', '2026-11-19T19:00:00.000Z', '2026-11-19T22:00:00.000Z'));
    await addMaintenance(maintenance('planned', '2026-11-25T19:00:00.000Z', '2026-11-25T22:00:00.000Z'));
    await addMaintenance(maintenance('planned', '2026-11-26T19:00:00.000Z', '2026-11-26T22:00:00.000Z', [V]));

    const r1 = target('l-r1', R);
    const r2 = target('l-r2', R);
    const v1 = target('l-v1', V);
    await deliveries('n-in-week', '2026-11-17T10:00:00.000Z', [[r1, 'dead'], [r2, 'uncertain'], [v1, 'dead']]);
    await deliveries('n-in-week-ok', '2026-11-19T10:00:00.000Z', [[r1, 'retrying'], [r2, 'sent'], [v1, 'pending']]);
    await deliveries('n-first-minute', '2026-11-15T23:00:00.000Z', [[r1, 'dead']]);
    await deliveries('n-before', '2026-11-15T22:59:59.999Z', [[r1, 'dead'], [r2, 'uncertain']]);
    await deliveries('n-after', '2026-11-22T23:00:00.000Z', [[r1, 'dead']]);

    await s.services.kbEvents.record([
      { at: '2026-11-15T22:59:59.999Z', kind: 'unanswered', query: 'voor de week', language: 'nl' },
      { at: '2026-11-15T23:00:00.000Z', kind: 'unanswered', query: 'eerste minuut', language: 'nl' },
      { at: '2026-11-19T10:00:00.000Z', kind: 'unanswered', query: 'how do I', language: 'en' },
      { at: '2026-11-22T22:59:59.999Z', kind: 'unanswered', query: 'laatste minuut', language: 'nl' },
      { at: '2026-11-22T23:00:00.000Z', kind: 'unanswered', query: 'na de week', language: 'nl' },
      { at: '2026-11-19T10:00:00.000Z', kind: 'not-helped', entryId: 'kb-1', language: 'nl' },
      { at: '2026-11-19T10:00:00.000Z', kind: 'view', entryId: 'kb-1', language: 'nl' },
    ]);
    return s;
  }

  it('period(): the last complete day and week by the service clock', async () => {
    const { services, clock } = await setup();
    expect(services.reports.period('week')).toMatchObject({ kind: 'week', key: '2026-W47', from: '2026-11-15T23:00:00.000Z', to: '2026-11-22T23:00:00.000Z' });
    expect(services.reports.period('day')).toMatchObject({ kind: 'day', key: '2026-11-22', from: '2026-11-21T23:00:00.000Z', to: '2026-11-22T23:00:00.000Z' });
    clock.current = new Date('2026-11-22T22:59:00.000Z'); // Sunday 23:59 local
    expect(services.reports.period('week').key).toBe('2026-W46');
    expect(services.reports.period('day').key).toBe('2026-11-21');
  });

  it('digest of RivierenNet for the week: every number exact, failed deliveries of its channels, unanswered questions', async () => {
    const { services } = await withData();
    const period = services.reports.period('week');
    expect(await services.reports.digest(R, period)).toEqual({
      organisationId: R,
      period,
      incidents: {
        // Filed 16, 18 and 20 November (not the confidential one, not Waaloever's, not Monday 00:00).
        opened: 3,
        resolved: 2,
        // The one from before the week and the one of 20 November.
        open: 2,
        openedByLayer: { gtk: 2, chain: 1 },
        openedByApplication: { 'app-rivierennet': 3, 'app-vroedsoft-xis': 1 },
        takeMinutes: { count: 3, median: 20, p90: 60 },
        resolveMinutes: { count: 2, median: 120, p90: 1440 },
        perDay: daysOf(period).map((d) => ({ day: d.day, byLayer: ({ '2026-11-16': { gtk: 1 }, '2026-11-18': { chain: 1 }, '2026-11-20': { gtk: 1 } } as Record<string, Record<string, number>>)[d.day] ?? {} })),
      },
      maintenance: { done: 1, coming: 1 },
      // l-r1 dead and l-r2 uncertain on 17 November, l-r1 dead at the first instant of the week.
      deliveriesFailed: 3,
      // The first and the last instant of the week, and one in between.
      kbUnanswered: 3,
    });
  });

  it('digest of Vroedsoft and Meander: their own deliveries; the confidential incident for its audience only', async () => {
    const { services } = await withData();
    const period = services.reports.period('week');
    const v = await services.reports.digest(V, period);
    expect(v.deliveriesFailed).toBe(1);
    // The chain incident (audience) and the confidential one (audience).
    expect(v.incidents.opened).toBe(2);
    expect(v.incidents.openedByLayer).toEqual({ chain: 1, local: 1 });
    expect(v.maintenance).toEqual({ done: 0, coming: 1 });
    const m = await services.reports.digest(M, period);
    expect(m.deliveriesFailed).toBe(0);
    // Named in three non-confidential ones of the week and in the confidential audience.
    expect(m.incidents.opened).toBe(4);
    expect(m.maintenance).toEqual({ done: 1, coming: 1 });
    const w = await services.reports.digest(W, period);
    // Waaloever is named in the RivierenNet ones and has its own local one; not in the confidential one.
    expect(w.incidents.opened).toBe(4);
    expect(w.incidents.openedByLayer).toEqual({ gtk: 2, chain: 1, local: 1 });
  });

  it('the day report (Sunday 22 November): nothing filed, what is still open, nothing failed that day', async () => {
    const { services } = await withData();
    const period = services.reports.period('day');
    const d = await services.reports.digest(R, period);
    expect(d.incidents).toMatchObject({ opened: 0, resolved: 0, open: 2, takeMinutes: { count: 0, median: null, p90: null } });
    // The chart of a day report shows the 7 days ending with it: here the same days as last week's report.
    expect(d.incidents.perDay.map((x) => x.day)).toEqual(['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20', '2026-11-21', '2026-11-22']);
    expect(d.incidents.perDay.at(-1)).toEqual({ day: '2026-11-22', byLayer: {} });
    expect(d.incidents.perDay).toEqual((await services.reports.digest(R, services.reports.period('week'))).incidents.perDay);
    expect(d.deliveriesFailed).toBe(0);
    expect(d.kbUnanswered).toBe(1);
  });

  it('incidentsFor: the incidents of the week that concern the organisation, oldest first (open ones from before included)', async () => {
    const { services } = await withData();
    const list = await services.reports.incidentsFor(R, services.reports.period('week'));
    expect(list.map((i) => [i.id, i.createdAt])).toEqual([
      ['INC-2026-0002', '2026-11-10T10:00:00.000Z'],
      ['INC-2026-0003', '2026-11-16T08:00:00.000Z'],
      ['INC-2026-0005', '2026-11-18T09:00:00.000Z'],
      ['INC-2026-0007', '2026-11-20T14:00:00.000Z'],
    ]);
  });

  describe('organisationFor', () => {
    it.each<[string, Person, string | undefined, unknown]>([
      ['their own organisation', bert, undefined, { ok: true, organisationId: R }],
      ['their own, asked with blanks', bert, '   ', { ok: true, organisationId: R }],
      ['their own by id', bert, R, { ok: true, organisationId: R }],
      ['their own by full name, any case', bert, 'rivierennet zorguitwisseling (gtk)', { ok: true, organisationId: R }],
      ['their own by part of the name', bert, 'RivierenNet', { ok: true, organisationId: R }],
      ['a role grant without a link counts as their own', roleOnly, undefined, { ok: true, organisationId: V }],
      ['an organisation they are not linked to, by id → forbidden', bert, V, { ok: false, problem: { code: 'forbidden', organisationId: V } }],
      ['an organisation they are not linked to, by name → forbidden', bert, 'Twiin', { ok: false, problem: { code: 'forbidden', organisationId: T } }],
      ['someone linked nowhere asking for one → forbidden', stranger, 'Twiin', { ok: false, problem: { code: 'forbidden', organisationId: T } }],
      ['an unknown organisation → unknown-organisation (trimmed)', bert, '  Bestaat Niet ', { ok: false, problem: { code: 'unknown-organisation', query: 'Bestaat Niet' } }],
      ['an unknown organisation before the permission check, for a stranger too', stranger, 'Bestaat niet', { ok: false, problem: { code: 'unknown-organisation', query: 'Bestaat niet' } }],
      ['a chain coordinator: any organisation', chris, V, { ok: true, organisationId: V }],
      ['a chain coordinator: by name', chris, 'Vroedsoft', { ok: true, organisationId: V }],
      ['a chain coordinator: their own', chris, undefined, { ok: true, organisationId: T }],
      ['a chain coordinator linked nowhere: chain coordination', chainOnly, undefined, { ok: true, organisationId: T }],
      ['a chain coordinator linked nowhere: any organisation', chainOnly, 'org-vp-helmgras', { ok: true, organisationId: 'org-vp-helmgras' }],
      ['someone linked nowhere, no organisation asked → no-organisation', stranger, undefined, { ok: false, problem: { code: 'no-organisation' } }],
    ])('%s', async (_name, who, query, expected) => {
      const { services } = await setup();
      expect(await services.reports.organisationFor(who, query)).toEqual(expected);
    });
  });
});
