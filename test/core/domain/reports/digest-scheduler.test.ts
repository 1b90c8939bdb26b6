import { describe, expect, it } from 'vitest';
import { composeServices } from '../../../../bot/compose-services.ts';
import { createLogger } from '../../../../bot/logger.ts';
import { translator } from '../../../../cards/i18n/translate.ts';
import type { CardView } from '../../../../cards/views/card-view.ts';
import type { ChannelLink } from '../../../../core/domain/access/channel-link.ts';
import type { IncidentDraft } from '../../../../core/domain/incidents/types.ts';
import type { DigestFrequency } from '../../../../core/domain/reports/digest-settings.ts';
import { openDatabase } from '../../../../storage/data-source.ts';
import { chainServices, channelLink, orgName, person, queryRows, succeeded } from '../../../support/chain-services.ts';
import { databasePerTest } from '../../../support/databases.ts';
import { ManualClock } from '../../../support/manual-clock.ts';

/**
 * The scheduled digests (issue 9 point 1, and "posted once per period, also across a restart" of
 * point 4): DigestScheduler.sweep through composeServices on a real SQLite file with the sample
 * directory, channel links with different settings, incidents filed through the real service, and
 * the notice / delivery rows the outbox keeps. All times Europe/Amsterdam, January 2026 (CET, UTC+1).
 */

const MEANDER = 'org-vp-de-meander';
const WAALOEVER = 'org-vp-waaloever';
const RIVIERENNET = 'org-gtk-rivierennet';
const VROEDSOFT = 'org-lev-vroedsoft';

const nl = translator('nl');

// Local times (CET, UTC+1). 12 January 2026 is a Monday; ISO week 2026-W03 is Monday 12 – Sunday 18 January.
const MON_12_0900 = '2026-01-12T09:00:00+01:00';
const TUE_13_1000 = '2026-01-13T10:00:00+01:00';
const TUE_13_1030 = '2026-01-13T10:30:00+01:00';
const TUE_13_1100 = '2026-01-13T11:00:00+01:00';
const TUE_13_1400 = '2026-01-13T14:00:00+01:00';
const WED_14_0700 = '2026-01-14T07:00:00+01:00';
const WED_14_0759 = '2026-01-14T07:59:00+01:00';
const WED_14_0800 = '2026-01-14T08:00:00+01:00';
const WED_14_2359 = '2026-01-14T23:59:00+01:00';
const THU_15_0000 = '2026-01-15T00:00:00+01:00';
const THU_15_0759 = '2026-01-15T07:59:00+01:00';
const THU_15_0800 = '2026-01-15T08:00:00+01:00';
const SUN_18_2000 = '2026-01-18T20:00:00+01:00';
const MON_19_0759 = '2026-01-19T07:59:00+01:00';
const MON_19_0800 = '2026-01-19T08:00:00+01:00';
const MON_19_1700 = '2026-01-19T17:00:00+01:00';
const TUE_20_0759 = '2026-01-20T07:59:00+01:00';
const TUE_20_0800 = '2026-01-20T08:00:00+01:00';

const anna = person('slack', 'UANNA', 'Anna Meander', [MEANDER], [{ role: 'care-professional', organisationId: MEANDER }]);
const bert = person('slack', 'UBERT', 'Bert RivierenNet', [RIVIERENNET], [{ role: 'servicedesk-agent', organisationId: RIVIERENNET }]);

/**
 * Four channels of De Meander (daily, weekly, set to off after being daily, never set), an old
 * deactivated one set to daily, RivierenNet daily on Teams, Vroedsoft weekly, Waaloever never set.
 */
const LINKS: ChannelLink[] = [
  channelLink('l-meander-dag', MEANDER, 'slack', 'C-MEANDER-DAG'),
  channelLink('l-meander-week', MEANDER, 'slack', 'C-MEANDER-WEEK'),
  channelLink('l-meander-uit', MEANDER, 'slack', 'C-MEANDER-UIT'),
  channelLink('l-meander-nooit', MEANDER, 'slack', 'C-MEANDER-NOOIT'),
  channelLink('l-meander-oud', MEANDER, 'slack', 'C-MEANDER-OUD', false),
  channelLink('l-rivierennet', RIVIERENNET, 'teams', '19:rivierennet@thread.tacv2'),
  channelLink('l-vroedsoft', VROEDSOFT, 'slack', 'C-VROEDSOFT'),
  channelLink('l-waaloever', WAALOEVER, 'slack', 'C-WAALOEVER'),
];
const SETTINGS: Array<[string, DigestFrequency]> = [
  ['l-meander-dag', 'daily'],
  ['l-meander-week', 'weekly'],
  ['l-meander-uit', 'daily'],
  ['l-meander-uit', 'off'],
  ['l-meander-oud', 'daily'],
  ['l-rivierennet', 'daily'],
  ['l-vroedsoft', 'weekly'],
];

const ago = (at: string, minutes: number) => new Date(Date.parse(at) - minutes * 60_000).toISOString();
/** Two providers on one GtK application (coordinated by RivierenNet): concerns Meander, Waaloever and RivierenNet. */
const gtkDraft = (at: string): IncidentDraft => ({
  title: 'Overdracht komt niet aan', description: 'Overdrachten komen niet aan bij de ontvanger.',
  applicationIds: ['app-rivierennet'], organisationIds: [MEANDER, WAALOEVER], impact: 'degraded', startedAt: ago(at, 30), possibleDataLeak: false,
});
/** One provider (De Meander) on Vroedsoft's application: its own management (local), so not RivierenNet's. */
const localDraft = (at: string): IncidentDraft => ({
  title: 'Vroedsoft XIS traag', description: 'Het XIS reageert traag bij het openen van dossiers.',
  applicationIds: ['app-vroedsoft-xis'], organisationIds: [MEANDER], impact: 'hindrance', startedAt: ago(at, 30), possibleDataLeak: false,
});

interface ReportNotice { id: string; subjectId: string; version: number; card: CardView }
interface DeliveryRowView { notice_id: string; link_id: string; organisation_id: string; channel_id: string; operation: string; status: string }

const facts = (card: CardView): Record<string, string> => Object.fromEntries(card.blocks.flatMap((b) => (b.type === 'facts' ? b.facts.map((f) => [f.label, f.value]) : [])));
const sorted = <T extends { linkId: string; kind: string }>(xs: T[]) => [...xs].sort((a, b) => a.kind.localeCompare(b.kind) || a.linkId.localeCompare(b.linkId));
const dayTitle = (day: string) => nl('report.period.day', { day });
const weekTitle = (week: string, from: string, to: string) => nl('report.period.week', { week, from, to });

describe('DigestScheduler (SQLite, sample directory)', () => {
  const databases = databasePerTest('sqlite');

  async function setup(start = MON_12_0900, settings = SETTINGS, publicUrl?: string) {
    const db = await databases.open();
    const { clock, services } = await chainServices(db, { start, links: LINKS, compose: publicUrl ? { publicUrl } : {} });
    for (const [linkId, frequency] of settings) await services.digestSettings.setFrequency(linkId, frequency, 'test', clock.now().toISOString());
    const reports = async (): Promise<ReportNotice[]> =>
      (await queryRows<{ id: string; subject_id: string; version: number; card: string }>(db, "SELECT id, subject_id, version, card FROM notice WHERE kind = 'report' ORDER BY created_at, id"))
        .map((n) => ({ id: n.id, subjectId: n.subject_id, version: Number(n.version), card: JSON.parse(n.card) as CardView }));
    const reportDeliveries = () =>
      queryRows<DeliveryRowView>(db, "SELECT d.notice_id, d.link_id, d.organisation_id, d.channel_id, d.operation, d.status FROM delivery d JOIN notice n ON n.id = d.notice_id WHERE n.kind = 'report' ORDER BY d.link_id, n.subject_id");
    /** The report notices, each with the links it was delivered to. */
    const posts = async () => {
      const deliveries = await reportDeliveries();
      return (await reports()).map((n) => ({ subjectId: n.subjectId, links: deliveries.filter((d) => d.notice_id === n.id).map((d) => d.link_id) }));
    };
    const sweepAt = async (at: string) => {
      clock.set(at);
      return sorted(await services.digests.sweep());
    };
    return { db, clock, services, reports, reportDeliveries, posts, sweepAt };
  }

  type Setup = Awaited<ReturnType<typeof setup>>;

  /**
   * Incidents: D (GtK) on Monday 12th 09:00, still open; A (GtK) Tuesday 13th 10:00, taken 10:30 and
   * resolved 11:00 by RivierenNet; B (local, Vroedsoft app) Tuesday 13th 14:00; C (GtK) Wednesday 14th 07:00.
   */
  async function fileIncidents(s: Setup) {
    const { clock, services } = s;
    clock.set(MON_12_0900);
    const d = succeeded(await services.incidents.file(anna, MEANDER, gtkDraft(MON_12_0900)));
    clock.set(TUE_13_1000);
    const a = succeeded(await services.incidents.file(anna, MEANDER, gtkDraft(TUE_13_1000)));
    clock.set(TUE_13_1030);
    succeeded(await services.incidents.take(bert, a.id));
    clock.set(TUE_13_1100);
    succeeded(await services.incidents.resolve(bert, a.id, 'Certificaat vernieuwd'));
    clock.set(TUE_13_1400);
    const b = succeeded(await services.incidents.file(anna, MEANDER, localDraft(TUE_13_1400)));
    clock.set(WED_14_0700);
    const c = succeeded(await services.incidents.file(anna, MEANDER, gtkDraft(WED_14_0700)));
    return { a, b, c, d };
  }

  describe('daily', () => {
    it('before 08:00 nothing; at 08:00 exactly one post of yesterday\'s report into each daily channel only, with the numbers of that day', async () => {
      const s = await setup();
      await fileIncidents(s);
      expect(await s.sweepAt(WED_14_0759)).toEqual([]);
      expect(await s.reports()).toEqual([]);

      expect(await s.sweepAt(WED_14_0800)).toEqual([
        { linkId: 'l-meander-dag', kind: 'day', key: '2026-01-13' },
        { linkId: 'l-rivierennet', kind: 'day', key: '2026-01-13' },
      ]);
      expect(await s.posts()).toEqual(expect.arrayContaining([
        { subjectId: `${MEANDER}:2026-01-13`, links: ['l-meander-dag'] },
        { subjectId: `${RIVIERENNET}:2026-01-13`, links: ['l-rivierennet'] },
      ]));
      expect(await s.posts()).toHaveLength(2);
      const deliveries = await s.reportDeliveries();
      expect(deliveries.map((d) => [d.link_id, d.organisation_id, d.channel_id, d.operation, d.status])).toEqual([
        ['l-meander-dag', MEANDER, 'C-MEANDER-DAG', 'post', 'pending'],
        ['l-rivierennet', RIVIERENNET, '19:rivierennet@thread.tacv2', 'post', 'pending'],
      ]);

      const [meander, rivierennet] = ['l-meander-dag', 'l-rivierennet'].map((l) => {
        const noticeId = deliveries.find((d) => d.link_id === l)!.notice_id;
        return s.reports().then((ns) => ns.find((n) => n.id === noticeId)!);
      });
      const m = await meander!;
      expect(m.version).toBe(1);
      expect(m.card.kind).toBe('report');
      expect(m.card.title).toBe(nl('report.title', { organisation: orgName(MEANDER) }));
      expect(m.card.subtitle).toBe(dayTitle('2026-01-13'));
      // Tuesday 13th for De Meander: A and B filed, A resolved, B and D (from Monday) still open at midnight; C (Wednesday) not counted.
      expect(facts(m.card)).toMatchObject({
        [nl('report.fact.opened')]: '2',
        [nl('report.fact.resolved')]: '1',
        [nl('report.fact.open')]: '2',
        [nl('report.fact.take')]: nl('report.fact.times', { median: nl('report.duration.minutes', { minutes: 30 }), p90: nl('report.duration.minutes', { minutes: 30 }), count: 1 }),
        [nl('report.fact.resolve')]: nl('report.fact.times', { median: nl('report.duration.hours', { hours: 1, minutes: '00' }), p90: nl('report.duration.hours', { hours: 1, minutes: '00' }), count: 1 }),
      });
      const r = await rivierennet!;
      expect(r.card.title).toBe(nl('report.title', { organisation: orgName(RIVIERENNET) }));
      expect(r.card.subtitle).toBe(dayTitle('2026-01-13'));
      // RivierenNet coordinates the GtK incidents only: A filed and resolved, D open.
      expect(facts(r.card)).toMatchObject({ [nl('report.fact.opened')]: '1', [nl('report.fact.resolved')]: '1', [nl('report.fact.open')]: '1' });
      expect(m.card.fallbackText).toContain(orgName(MEANDER));
    });

    it('a second sweep that day, and a sweep after a restart (new services on the same database file), post nothing more for that period', async () => {
      const s = await setup();
      expect(await s.sweepAt(WED_14_0800)).toHaveLength(2);
      const before = await s.posts();

      expect(await s.sweepAt(WED_14_0800)).toEqual([]);
      expect(await s.sweepAt(WED_14_2359)).toEqual([]);

      // The bot restarts: a new DataSource, new services and a new scheduler on the same file.
      const restarted = await openDatabase(s.db.url);
      try {
        const clock = new ManualClock(WED_14_2359);
        const again = composeServices(restarted, clock, createLogger('silent', false));
        expect(await again.digests.sweep()).toEqual([]);
        clock.set('2026-01-14T12:00:00+01:00');
        expect(await again.digests.sweep()).toEqual([]);
      } finally {
        await restarted.destroy();
      }
      expect(await s.posts()).toEqual(before);
      expect(await s.reportDeliveries()).toHaveLength(2);
    });

    it('two sweeps at the same moment still post once per channel', async () => {
      const s = await setup();
      s.clock.set(WED_14_0800);
      const [one, two] = await Promise.all([s.services.digests.sweep(), s.services.digests.sweep()]);
      expect(sorted([...one, ...two])).toEqual([
        { linkId: 'l-meander-dag', kind: 'day', key: '2026-01-13' },
        { linkId: 'l-rivierennet', kind: 'day', key: '2026-01-13' },
      ]);
      expect((await s.reportDeliveries()).map((d) => d.link_id)).toEqual(['l-meander-dag', 'l-rivierennet']);
    });

    it('the next day at 08:00 a new one (and not a minute earlier, nor at midnight)', async () => {
      const s = await setup();
      await fileIncidents(s);
      await s.sweepAt(WED_14_0800);
      expect(await s.sweepAt(THU_15_0000)).toEqual([]);
      expect(await s.sweepAt(THU_15_0759)).toEqual([]);
      expect(await s.sweepAt(THU_15_0800)).toEqual([
        { linkId: 'l-meander-dag', kind: 'day', key: '2026-01-14' },
        { linkId: 'l-rivierennet', kind: 'day', key: '2026-01-14' },
      ]);
      const posts = await s.posts();
      expect(posts.map((p) => p.subjectId)).toEqual(expect.arrayContaining([`${MEANDER}:2026-01-14`, `${RIVIERENNET}:2026-01-14`]));
      expect(posts).toHaveLength(4);
      const meander = (await s.reports()).find((n) => n.subjectId === `${MEANDER}:2026-01-14`)!;
      expect(meander.card.subtitle).toBe(dayTitle('2026-01-14'));
      // Wednesday 14th: C filed; B, C and D open at midnight.
      expect(facts(meander.card)).toMatchObject({ [nl('report.fact.opened')]: '1', [nl('report.fact.resolved')]: '0', [nl('report.fact.open')]: '3' });
      expect(await s.sweepAt(THU_15_0800)).toEqual([]);
    });

    it('a bot that was down at 08:00 posts later that day, but a missed day is not posted the day after', async () => {
      const s = await setup();
      expect(await s.sweepAt('2026-01-14T15:00:00+01:00')).toHaveLength(2);
      // Down all of Thursday: on Friday only Thursday's report.
      expect(await s.sweepAt('2026-01-16T08:05:00+01:00')).toEqual([
        { linkId: 'l-meander-dag', kind: 'day', key: '2026-01-15' },
        { linkId: 'l-rivierennet', kind: 'day', key: '2026-01-15' },
      ]);
      expect((await s.reports()).map((n) => n.subjectId).filter((x) => x.includes('2026-01-14'))).toEqual([]);
    });
  });

  describe('weekly', () => {
    it('Monday 08:00 posts last week\'s report into the weekly channels only (the daily ones get the day report)', async () => {
      const s = await setup();
      await fileIncidents(s);
      expect(await s.sweepAt(SUN_18_2000)).toEqual([
        { linkId: 'l-meander-dag', kind: 'day', key: '2026-01-17' },
        { linkId: 'l-rivierennet', kind: 'day', key: '2026-01-17' },
      ]);
      expect(await s.sweepAt(MON_19_0759)).toEqual([]);
      expect(await s.sweepAt(MON_19_0800)).toEqual([
        { linkId: 'l-meander-dag', kind: 'day', key: '2026-01-18' },
        { linkId: 'l-rivierennet', kind: 'day', key: '2026-01-18' },
        { linkId: 'l-meander-week', kind: 'week', key: '2026-W03' },
        { linkId: 'l-vroedsoft', kind: 'week', key: '2026-W03' },
      ]);
      const weekly = (await s.posts()).filter((p) => p.subjectId.endsWith('2026-W03'));
      expect(weekly).toEqual(expect.arrayContaining([
        { subjectId: `${MEANDER}:2026-W03`, links: ['l-meander-week'] },
        { subjectId: `${VROEDSOFT}:2026-W03`, links: ['l-vroedsoft'] },
      ]));
      expect(weekly).toHaveLength(2);
      const meander = (await s.reports()).find((n) => n.subjectId === `${MEANDER}:2026-W03`)!;
      expect(meander.card.title).toBe(nl('report.title', { organisation: orgName(MEANDER) }));
      expect(meander.card.subtitle).toBe(weekTitle('2026-W03', '2026-01-12', '2026-01-18'));
      // Week 12–18 January for De Meander: A, B, C, D filed; A resolved; B, C, D still open.
      expect(facts(meander.card)).toMatchObject({ [nl('report.fact.opened')]: '4', [nl('report.fact.resolved')]: '1', [nl('report.fact.open')]: '3' });
      // The week card lists the seven days.
      const list = meander.card.blocks.find((b) => b.type === 'list');
      expect(list && list.type === 'list' ? list.items.map((i) => i.title) : []).toEqual(['2026-01-12', '2026-01-13', '2026-01-14', '2026-01-15', '2026-01-16', '2026-01-17', '2026-01-18']);
      const vroedsoft = (await s.reports()).find((n) => n.subjectId === `${VROEDSOFT}:2026-W03`)!;
      // B is De Meander's own (local) incident: Vroedsoft, a supplier, is not concerned; a quiet week is still posted, with zeros.
      expect(facts(vroedsoft.card)).toMatchObject({ [nl('report.fact.opened')]: '0', [nl('report.fact.resolved')]: '0', [nl('report.fact.open')]: '0' });

      // Later on Monday, and Tuesday before 08:00: nothing more for the week.
      expect(await s.sweepAt(MON_19_1700)).toEqual([]);
      expect(await s.sweepAt(TUE_20_0759)).toEqual([]);
      expect(await s.sweepAt(TUE_20_0800)).toEqual([
        { linkId: 'l-meander-dag', kind: 'day', key: '2026-01-19' },
        { linkId: 'l-rivierennet', kind: 'day', key: '2026-01-19' },
      ]);
      expect((await s.reportDeliveries()).filter((d) => d.link_id === 'l-meander-week' || d.link_id === 'l-vroedsoft')).toHaveLength(2);
    });

    it('the bot was down on Monday: Tuesday 07:59 still posts last week\'s report (and no day report yet); a restart afterwards posts nothing more', async () => {
      const s = await setup();
      expect(await s.sweepAt(TUE_20_0759)).toEqual([
        { linkId: 'l-meander-week', kind: 'week', key: '2026-W03' },
        { linkId: 'l-vroedsoft', kind: 'week', key: '2026-W03' },
      ]);
      const meander = (await s.reports()).find((n) => n.subjectId === `${MEANDER}:2026-W03`)!;
      expect(meander.card.subtitle).toBe(weekTitle('2026-W03', '2026-01-12', '2026-01-18'));

      const restarted = await openDatabase(s.db.url);
      try {
        const again = composeServices(restarted, new ManualClock(TUE_20_0759), createLogger('silent', false));
        expect(await again.digests.sweep()).toEqual([]);
      } finally {
        await restarted.destroy();
      }
      expect(await s.sweepAt(TUE_20_0800)).toEqual([
        { linkId: 'l-meander-dag', kind: 'day', key: '2026-01-19' },
        { linkId: 'l-rivierennet', kind: 'day', key: '2026-01-19' },
      ]);
      expect((await s.posts()).filter((p) => p.subjectId.endsWith('W03'))).toHaveLength(2);
    });

    it('the bot was down until Tuesday 08:00: last week\'s report is no longer posted', async () => {
      const s = await setup();
      expect(await s.sweepAt(TUE_20_0800)).toEqual([
        { linkId: 'l-meander-dag', kind: 'day', key: '2026-01-19' },
        { linkId: 'l-rivierennet', kind: 'day', key: '2026-01-19' },
      ]);
      expect(await s.sweepAt('2026-01-21T08:00:00+01:00')).toEqual([
        { linkId: 'l-meander-dag', kind: 'day', key: '2026-01-20' },
        { linkId: 'l-rivierennet', kind: 'day', key: '2026-01-20' },
      ]);
      expect((await s.posts()).filter((p) => p.subjectId.includes('-W'))).toEqual([]);
    });

    it('the next Monday a new week report', async () => {
      const s = await setup();
      await s.sweepAt(MON_19_0800);
      expect((await s.sweepAt('2026-01-26T08:00:00+01:00')).filter((p) => p.kind === 'week')).toEqual([
        { linkId: 'l-meander-week', kind: 'week', key: '2026-W04' },
        { linkId: 'l-vroedsoft', kind: 'week', key: '2026-W04' },
      ]);
    });

    it('in summer time too: Monday 30 March 2026 (the day after the switch) 08:00 CEST posts week 13', async () => {
      const s = await setup('2026-03-20T09:00:00+01:00');
      expect(await s.sweepAt('2026-03-30T07:59:00+02:00')).toEqual([]);
      expect((await s.sweepAt('2026-03-30T08:00:00+02:00')).filter((p) => p.kind === 'week')).toEqual([
        { linkId: 'l-meander-week', kind: 'week', key: '2026-W13' },
        { linkId: 'l-vroedsoft', kind: 'week', key: '2026-W13' },
      ]);
      const meander = (await s.reports()).find((n) => n.subjectId === `${MEANDER}:2026-W13`)!;
      expect(meander.card.subtitle).toBe(weekTitle('2026-W13', '2026-03-23', '2026-03-29'));
    });
  });

  describe('settings', () => {
    it('channels set to off or never set, and a deactivated channel, get nothing, day or week; with no setting anywhere nothing is posted at all', async () => {
      const s = await setup(MON_12_0900, []);
      expect(await s.sweepAt(MON_19_0800)).toEqual([]);
      expect(await s.sweepAt(TUE_20_0800)).toEqual([]);
      expect(await s.reports()).toEqual([]);
    });

    it('two channels of one organisation with different settings each get only their own kind, and off / never-set / deactivated Meander channels nothing', async () => {
      const s = await setup();
      await s.sweepAt(MON_19_0800);
      await s.sweepAt(TUE_20_0800);
      const meander = (await s.reportDeliveries()).filter((d) => d.organisation_id === MEANDER);
      const byLink = (l: string) => meander.filter((d) => d.link_id === l).length;
      expect({ dag: byLink('l-meander-dag'), week: byLink('l-meander-week'), uit: byLink('l-meander-uit'), nooit: byLink('l-meander-nooit'), oud: byLink('l-meander-oud') })
        .toEqual({ dag: 2, week: 1, uit: 0, nooit: 0, oud: 0 });
      expect((await s.reportDeliveries()).filter((d) => d.organisation_id === WAALOEVER)).toEqual([]);
    });

    it('a setting changed between periods takes effect at the next period, and an earlier post is not repeated', async () => {
      const s = await setup();
      await s.sweepAt(WED_14_0800);
      await s.services.digestSettings.setFrequency('l-meander-dag', 'off', 'test', WED_14_0800);
      await s.services.digestSettings.setFrequency('l-meander-nooit', 'daily', 'test', WED_14_0800);
      // Switched on the same day: gets today's (Tuesday's) report at the next sweep; the one switched off gets no second.
      expect(await s.sweepAt('2026-01-14T09:00:00+01:00')).toEqual([{ linkId: 'l-meander-nooit', kind: 'day', key: '2026-01-13' }]);
      expect(await s.sweepAt(THU_15_0800)).toEqual([
        { linkId: 'l-meander-nooit', kind: 'day', key: '2026-01-14' },
        { linkId: 'l-rivierennet', kind: 'day', key: '2026-01-14' },
      ]);
      // Back on: it gets Wednesday's report (missed while off that morning), and Tuesday's is not posted again.
      await s.services.digestSettings.setFrequency('l-meander-dag', 'daily', 'test', THU_15_0800);
      expect(await s.sweepAt('2026-01-15T09:00:00+01:00')).toEqual([{ linkId: 'l-meander-dag', kind: 'day', key: '2026-01-14' }]);
      expect((await s.reportDeliveries()).filter((d) => d.link_id === 'l-meander-dag')).toHaveLength(2);
    });
  });

  it('with a public URL the chart is rendered and stored once per digest, not again on every later round', async () => {
    const { db, sweepAt } = await setup(MON_12_0900, SETTINGS, 'https://ketenbot.example.org');
    const images = async () => Number(((await db.dataSource.query('SELECT COUNT(*) AS n FROM report_image')) as Array<{ n: number }>)[0]!.n);
    const first = await sweepAt('2026-01-14T08:00:00+01:00');
    expect(first.length).toBeGreaterThan(0);
    const stored = await images();
    expect(stored).toBeGreaterThan(0);
    for (const minute of ['01', '02', '03', '30']) expect(await sweepAt(`2026-01-14T08:${minute}:00+01:00`)).toEqual([]);
    expect(await images()).toBe(stored);
  });
});
