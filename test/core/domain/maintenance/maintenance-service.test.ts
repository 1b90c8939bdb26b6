import { describe, expect, it } from 'vitest';
import { translator } from '../../../../cards/i18n/translate.ts';
import { maintenanceThreadNote } from '../../../../cards/views/maintenance-cards.ts';
import type { ChannelLink } from '../../../../core/domain/access/channel-link.ts';
import type { Person } from '../../../../core/domain/access/types.ts';
import { normaliseMaintenanceId } from '../../../../core/domain/maintenance/maintenance-service.ts';
import type { MaintenanceDraft } from '../../../../core/domain/maintenance/types.ts';
import {
  auditActionsOf, chainServices, channelLink, countRows, deliveryRows, noticesAbout, person, SAMPLE_DIRECTORY, sendPendingPosts, succeeded, type DeliveryRowView,
} from '../../../support/chain-services.ts';
import { databasePerTest } from '../../../support/databases.ts';

/**
 * MaintenanceService (issue 8, points 1–3) against the real repositories on SQLite: the sample
 * directory, alert channels for some organisations, the real Announcer and outbox and the Dutch
 * presenter of compose-services. Validation, rights, audience, posting, and the clock's timeline.
 */

const MEDICURA = 'org-lev-medicura';
const PANORAMA = 'org-lev-panorama';
const LINDENDAEL = 'org-ziekenhuis-lindendael';
const AMANDUS = 'org-sint-amandus-gasthuis';
const DUINZICHT = 'org-ziekenhuis-duinzicht';
const TWIIN = 'org-twiin-ketenregie';
const RSO = 'org-rso-rivierenland';
const ZORGADRESBOEK = 'org-gv-zorgadresboek';
const WESTLINK = 'org-gtk-westlink';
const MEANDER = 'org-vp-de-meander';

const EPD = 'app-medicura-epd';
const VIEWER = 'app-panorama-viewer';
const ZAB = 'app-zorgadresboek';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Wednesday 14 January 2026, 10:00 in Amsterdam (CET). */
const WED_10 = '2026-01-14T10:00:00+01:00';
/** The window most tests use: Saturday 17 January 2026, 20:00–22:00 in Amsterdam. */
const START = '2026-01-17T20:00:00+01:00';
const END = '2026-01-17T22:00:00+01:00';
const START_MS = Date.parse(START);
const END_MS = Date.parse(END);

// ---------------------------------------------------------------------------------------------
// People

/** Administrator of Medicura (administers app-medicura-epd). */
const marja = person('slack', 'UMARJA', 'Marja Medicura', [MEDICURA], [{ role: 'administrator', organisationId: MEDICURA }]);
/** Administrator of Panorama only. */
const piet = person('slack', 'UPIET', 'Piet Panorama', [PANORAMA], [{ role: 'administrator', organisationId: PANORAMA }]);
/** Administrator of both Medicura and Panorama. */
const dubbel = person('teams', 'dubbel-aad', 'Daan Dubbel', [MEDICURA, PANORAMA], [{ role: 'administrator', organisationId: MEDICURA }, { role: 'administrator', organisationId: PANORAMA }]);
/** Chain coordinator at Twiin. */
const chris = person('teams', 'chris-aad', 'Chris Ketenregie', [TWIIN], [{ role: 'chain-coordinator' }]);
/** Care professional at Medicura. */
const carla = person('slack', 'UCARLA', 'Carla Medicura', [MEDICURA], [{ role: 'care-professional', organisationId: MEDICURA }]);
/** Servicedesk agent at Medicura: staff, but no administrator. */
const sven = person('slack', 'USVEN', 'Sven Servicedesk', [MEDICURA], [{ role: 'servicedesk-agent', organisationId: MEDICURA }]);

// ---------------------------------------------------------------------------------------------
// Channels: Medicura, Lindendael, Amandus (Teams), Twiin, RSO and Panorama have alert channels;
// Duinzicht has none, Lindendael also has an old deactivated one.

const LINKS: ChannelLink[] = [
  channelLink('l-medicura', MEDICURA, 'slack', 'C-MEDICURA'),
  channelLink('l-lindendael', LINDENDAEL, 'slack', 'C-LINDENDAEL'),
  channelLink('l-lindendael-old', LINDENDAEL, 'slack', 'C-LINDENDAEL-OUD', false),
  channelLink('l-amandus', AMANDUS, 'teams', '19:amandus@thread.tacv2'),
  channelLink('l-twiin', TWIIN, 'teams', '19:twiin@thread.tacv2'),
  channelLink('l-rso', RSO, 'slack', 'C-RSO'),
  channelLink('l-panorama', PANORAMA, 'slack', 'C-PANORAMA'),
  channelLink('l-meander', MEANDER, 'slack', 'C-MEANDER'),
];
/** The channels of an EPD notice: Medicura (administrator), Lindendael and Amandus (users). */
const EPD_LINKS = ['l-amandus', 'l-lindendael', 'l-medicura'];

// ---------------------------------------------------------------------------------------------

function draft(overrides: Partial<MaintenanceDraft> = {}): MaintenanceDraft {
  return {
    applicationIds: [EPD],
    startsAt: START,
    endsAt: END,
    impact: 'no-exchange',
    description: 'Upgrade van de koppelserver naar versie 5.0; berichten worden daarna alsnog afgeleverd.',
    contact: 'Marja Medicura, 030 123 4567',
    ...overrides,
  };
}

const nl = translator('nl');
const version = (r: DeliveryRowView) => Number(r.idempotency_key.split(':').at(-1));

describe('MaintenanceService (SQLite, sample directory)', () => {
  const databases = databasePerTest('sqlite');

  async function setup(options: { start?: string } = {}) {
    const db = await databases.open();
    const { clock, services } = await chainServices(db, { start: options.start ?? WED_10, links: LINKS });
    const service = services.maintenance;
    const directory = await services.directory.load();
    const noticesOf = (maintenanceId: string) => noticesAbout(db, maintenanceId);
    const deliveriesOf = (noticeId: string) => deliveryRows(db, noticeId);
    const counts = async () => ({
      maintenance: await countRows(db, 'maintenance'),
      notices: await countRows(db, 'notice'),
      deliveries: await countRows(db, 'delivery'),
      audit: await countRows(db, 'audit_log', "subject_type = 'maintenance'"),
    });
    const auditActions = (id: string) => auditActionsOf(db, 'maintenance', id);
    const sendPosts = () => sendPendingPosts(services, clock);
    const schedule = async (who: Person, d: MaintenanceDraft = draft()) => succeeded(await service.schedule(who, d));
    const stored = async (id: string) => {
      const m = await services.maintenanceRepository.get(id);
      if (!m) throw new Error(`${id} not stored`);
      return m;
    };
    return { db, clock, services, service, directory, noticesOf, deliveriesOf, counts, auditActions, sendPosts, schedule, stored };
  }

  // -------------------------------------------------------------------------------------------
  describe('check: a problem per field, nothing stored', () => {
    it('everything wrong at once → every field named; nothing stored, posted or audited', async () => {
      const { service, counts } = await setup();
      const outcome = await service.schedule(marja, {
        applicationIds: [EPD, 'app-bestaat-niet'],
        startsAt: '2026-01-13T20:00:00+01:00',
        endsAt: '2026-01-13T19:00:00+01:00',
        impact: 'kapot' as MaintenanceDraft['impact'],
        description: '   ',
        contact: '',
      });
      expect(outcome).toEqual({
        ok: false,
        problem: {
          code: 'invalid',
          fields: {
            applications: { code: 'unknown', ids: ['app-bestaat-niet'] },
            startsAt: { code: 'in-the-past' },
            endsAt: { code: 'end-before-start' },
            impact: { code: 'required' },
            description: { code: 'required' },
            contact: { code: 'required' },
          },
        },
      });
      expect(await counts()).toEqual({ maintenance: 0, notices: 0, deliveries: 0, audit: 0 });
    });

    it.each([
      ['the end before the start', { endsAt: '2026-01-17T19:59:00+01:00' }, { endsAt: { code: 'end-before-start' } }],
      ['the end equal to the start', { endsAt: START }, { endsAt: { code: 'end-before-start' } }],
      ['a start in the past (end still ahead)', { startsAt: '2026-01-14T09:58:00+01:00' }, { startsAt: { code: 'in-the-past' } }],
      ['the whole window in the past', { startsAt: '2026-01-13T20:00:00+01:00', endsAt: '2026-01-13T22:00:00+01:00' }, { startsAt: { code: 'in-the-past' }, endsAt: { code: 'in-the-past' } }],
      ['an unreadable start', { startsAt: 'zaterdagavond' }, { startsAt: { code: 'invalid' } }],
      ['an unreadable end', { endsAt: 'invalid' }, { endsAt: { code: 'invalid' } }],
      ['no application', { applicationIds: [] }, { applications: { code: 'required' } }],
      ['only unknown applications', { applicationIds: ['app-x', 'app-y'] }, { applications: { code: 'unknown', ids: ['app-x', 'app-y'] } }],
      ['no impact', { impact: '' as MaintenanceDraft['impact'] }, { impact: { code: 'required' } }],
      ['an empty description', { description: '\n  ' }, { description: { code: 'required' } }],
      ['an empty contact', { contact: ' ' }, { contact: { code: 'required' } }],
      ['a description too long', { description: 'x'.repeat(4001) }, { description: { code: 'too-long', max: 4000 } }],
      ['a contact too long', { contact: 'x'.repeat(301) }, { contact: { code: 'too-long', max: 300 } }],
      ['a BSN in the description', { description: 'Test met dossier van BSN 123 456 782 na de upgrade' }, { description: { code: 'citizen-service-number', found: '123 456 782' } }],
      ['a BSN in the contact', { contact: 'Marja (zie 123456782)' }, { contact: { code: 'citizen-service-number', found: '123456782' } }],
    ] as Array<[string, Partial<MaintenanceDraft>, Record<string, unknown>]>)('%s → that field only; nothing stored', async (_name, change, fields) => {
      const { service, counts } = await setup();
      expect(await service.schedule(marja, draft(change))).toEqual({ ok: false, problem: { code: 'invalid', fields } });
      expect(await counts()).toEqual({ maintenance: 0, notices: 0, deliveries: 0, audit: 0 });
    });

    it('a start up to a minute ago (the form took a while), a description at the maximum and a nine-digit number failing the 11-test are fine', async () => {
      const { service } = await setup();
      expect(service.check(draft({ startsAt: '2026-01-14T09:59:00+01:00' }), SAMPLE_DIRECTORY, new Date(WED_10))).toEqual({});
      expect(service.check(draft({ description: 'x'.repeat(4000), contact: 'y'.repeat(300) }), SAMPLE_DIRECTORY, new Date(WED_10))).toEqual({});
      expect((await service.schedule(marja, draft({ description: 'Foutcode 123456789 verdwijnt na de upgrade' }))).ok).toBe(true);
    });
  });

  // -------------------------------------------------------------------------------------------
  describe('rights', () => {
    it('mayAnnounce: administrators of any organisation and chain coordinators, not care professionals or other staff', async () => {
      const { service } = await setup();
      expect([marja, piet, dubbel, chris].map((p) => service.mayAnnounce(p))).toEqual([true, true, true, true]);
      expect([carla, sven].map((p) => service.mayAnnounce(p))).toEqual([false, false]);
    });

    it('the administrator of the administering organisation may schedule; stored with her as creator and Medicura as administrator', async () => {
      const { schedule, stored, auditActions } = await setup();
      const m = await schedule(marja, draft({ description: '  Upgrade koppelserver  ', contact: ' Marja ' }));
      expect(m).toMatchObject({
        id: 'MNT-2026-0001', status: 'planned', applicationIds: [EPD], administratorIds: [MEDICURA],
        startsAt: '2026-01-17T19:00:00.000Z', endsAt: '2026-01-17T21:00:00.000Z', impact: 'no-exchange',
        description: 'Upgrade koppelserver', contact: 'Marja',
        createdBy: { id: marja.id, name: 'Marja Medicura' }, createdAt: '2026-01-14T09:00:00.000Z',
        timeline: [{ at: '2026-01-14T09:00:00.000Z', kind: 'scheduled', actor: { id: marja.id, name: 'Marja Medicura' } }],
      });
      expect(await stored(m.id)).toEqual(m);
      expect(await auditActions(m.id)).toEqual(['maintenance.schedule', 'maintenance.posted']);
    });

    it('an administrator of another organisation is forbidden (naming the organisation she lacks); nothing stored', async () => {
      const { service, counts } = await setup();
      expect(await service.schedule(piet, draft())).toEqual({ ok: false, problem: { code: 'forbidden', neededRole: 'administrator', organisationId: MEDICURA } });
      expect(await counts()).toEqual({ maintenance: 0, notices: 0, deliveries: 0, audit: 0 });
    });

    it('two applications of two administrators: an administrator of one is forbidden, of both may', async () => {
      const { service, schedule } = await setup();
      expect(await service.schedule(marja, draft({ applicationIds: [EPD, VIEWER] }))).toEqual({ ok: false, problem: { code: 'forbidden', neededRole: 'administrator', organisationId: PANORAMA } });
      expect((await schedule(dubbel, draft({ applicationIds: [EPD, VIEWER] }))).administratorIds).toEqual([MEDICURA, PANORAMA]);
    });

    it('a chain coordinator may schedule on any application', async () => {
      const { schedule } = await setup();
      const m = await schedule(chris, draft({ applicationIds: [ZAB] }));
      expect(m).toMatchObject({ administratorIds: [ZORGADRESBOEK], createdBy: { id: chris.id, name: 'Chris Ketenregie' } });
    });

    it('a care professional or a servicedesk agent of the administering organisation is forbidden', async () => {
      const { service, counts } = await setup();
      for (const who of [carla, sven]) {
        expect(await service.schedule(who, draft()), who.displayName).toEqual({ ok: false, problem: { code: 'forbidden', neededRole: 'administrator', organisationId: MEDICURA } });
      }
      expect(await counts()).toEqual({ maintenance: 0, notices: 0, deliveries: 0, audit: 0 });
    });

    it('edit, extend and cancel need the same rights', async () => {
      const { schedule, service, stored } = await setup();
      const m = await schedule(marja);
      const forbidden = { ok: false, problem: { code: 'forbidden', neededRole: 'administrator', organisationId: MEDICURA } };
      for (const who of [piet, carla]) {
        expect(await service.edit(who, m.id, draft({ description: 'Anders' }))).toEqual(forbidden);
        expect(await service.extend(who, m.id, '2026-01-17T23:00:00+01:00')).toEqual(forbidden);
        expect(await service.cancel(who, m.id)).toEqual(forbidden);
      }
      expect(await stored(m.id)).toEqual(m);
      // Adding an application of another administrator needs that administrator's role too.
      expect(await service.edit(marja, m.id, draft({ applicationIds: [EPD, VIEWER] }))).toEqual({ ok: false, problem: { code: 'forbidden', neededRole: 'administrator', organisationId: PANORAMA } });
    });
  });

  // -------------------------------------------------------------------------------------------
  describe('audience and posting', () => {
    it('audienceOf: the administering organisation and every organisation using the application', async () => {
      const { service, directory } = await setup();
      expect(service.audienceOf(directory, [EPD])).toEqual([MEDICURA, LINDENDAEL, AMANDUS, DUINZICHT]);
    });

    it('a common facility adds national chain coordination (Twiin), not the national helpdesk', async () => {
      const { service, directory } = await setup();
      const zab = directory.applications.find((a) => a.id === ZAB)!;
      const audience = service.audienceOf(directory, [ZAB]);
      expect(audience).toEqual([ZORGADRESBOEK, ...zab.usedBy, TWIIN]);
      expect(audience).not.toContain('org-lhdz');
      // Several applications: each organisation once.
      const both = service.audienceOf(directory, [EPD, ZAB]);
      expect(new Set(both).size).toBe(both.length);
      expect(both).toEqual(expect.arrayContaining([MEDICURA, ZORGADRESBOEK, TWIIN, DUINZICHT]));
    });

    it('ONE notice with one post per active channel of the audience; the Dutch card says Gepland', async () => {
      const { schedule, noticesOf, deliveriesOf } = await setup();
      const m = await schedule(marja);
      expect(m.audienceIds).toEqual([MEDICURA, LINDENDAEL, AMANDUS, DUINZICHT]);
      const notices = await noticesOf(m.id);
      expect(notices).toHaveLength(1);
      expect(notices[0]).toMatchObject({ id: m.noticeId, kind: 'maintenance', version: 1 });
      const card = notices[0]!.card;
      expect(card.title).toBe('MNT-2026-0001: Onderhoud Medicura EPD');
      expect(card.subtitle).toBe('2026-01-17 20:00 – 2026-01-17 22:00');
      expect(card.badge).toEqual({ text: 'Gepland', tone: 'accent' });
      // Channel cards carry no buttons.
      expect(card.actions).toEqual([]);

      const rows = await deliveriesOf(m.noticeId!);
      expect(rows.map((r) => [r.link_id, r.organisation_id, r.operation, r.status]).sort()).toEqual([
        ['l-amandus', AMANDUS, 'post', 'pending'],
        ['l-lindendael', LINDENDAEL, 'post', 'pending'],
        ['l-medicura', MEDICURA, 'post', 'pending'],
      ]);
      // Not the deactivated channel, nor organisations outside the audience.
      expect(rows.map((r) => r.link_id)).not.toContain('l-lindendael-old');
    });

    it('a common facility: the card goes to Twiin too', async () => {
      const { schedule, deliveriesOf } = await setup();
      const m = await schedule(chris, draft({ applicationIds: [ZAB] }));
      // Zorgadresboek itself has no channel; Lindendael, Amandus, Meander use it, Twiin coordinates.
      expect((await deliveriesOf(m.noticeId!)).map((r) => r.link_id).sort()).toEqual(['l-amandus', 'l-lindendael', 'l-meander', 'l-twiin']);
    });

    it('an audience without any channel: stored, but no notice and no noticeId', async () => {
      const { counts, service, auditActions } = await setup();
      const westlinkAdmin = person('slack', 'UWEST', 'Wim WestLink', [WESTLINK], [{ role: 'administrator', organisationId: WESTLINK }]);
      const m = succeeded(await service.schedule(westlinkAdmin, draft({ applicationIds: ['app-westlink'] })));
      expect(m).not.toHaveProperty('noticeId');
      expect(await counts()).toMatchObject({ maintenance: 1, notices: 0, deliveries: 0 });
      expect(await auditActions(m.id)).toEqual(['maintenance.schedule']);
    });

    it('numbers follow each other per year (Dutch year)', async () => {
      const { schedule, clock } = await setup();
      expect((await schedule(marja)).id).toBe('MNT-2026-0001');
      expect((await schedule(marja)).id).toBe('MNT-2026-0002');
      clock.set('2027-01-01T00:30:00+01:00'); // still 2026 in UTC
      expect((await schedule(marja, draft({ startsAt: '2027-01-02T20:00:00+01:00', endsAt: '2027-01-02T22:00:00+01:00' }))).id).toBe('MNT-2027-0001');
    });

    it('get normalises the id; active lists planned and running, soonest first', async () => {
      const { schedule, service } = await setup();
      const later = await schedule(marja, draft({ startsAt: '2026-01-20T20:00:00+01:00', endsAt: '2026-01-20T22:00:00+01:00' }));
      const sooner = await schedule(marja);
      const cancelled = await schedule(marja, draft({ startsAt: '2026-01-15T20:00:00+01:00', endsAt: '2026-01-15T22:00:00+01:00' }));
      succeeded(await service.cancel(marja, cancelled.id));
      expect(normaliseMaintenanceId('mnt-2026-2')).toBe('MNT-2026-0002');
      expect((await service.get('mnt2026-2'))?.id).toBe(sooner.id);
      expect((await service.active()).map((m) => m.id)).toEqual([sooner.id, later.id]);
    });
  });

  // -------------------------------------------------------------------------------------------
  describe('the clock', () => {
    it('reminders 24 h and 1 h before, Bezig at the start, Afgerond at the end: each exactly once, each revising the same notice with a Dutch note', async () => {
      const { schedule, service, clock, stored, noticesOf, deliveriesOf, sendPosts, auditActions } = await setup();
      const m = await schedule(marja);
      await sendPosts();
      const at = (ms: number) => clock.set(ms);
      const sweep = async (ms: number) => {
        at(ms);
        return service.sweep();
      };

      expect(await sweep(START_MS - DAY - 1)).toEqual([]);
      expect(await sweep(START_MS - DAY)).toEqual([{ id: m.id, kind: 'reminder-24h' }]);
      expect(await service.sweep()).toEqual([]);
      expect(await sweep(START_MS - 2 * HOUR)).toEqual([]);
      expect(await sweep(START_MS - HOUR - 1)).toEqual([]);
      expect(await sweep(START_MS - HOUR)).toEqual([{ id: m.id, kind: 'reminder-1h' }]);
      expect(await service.sweep()).toEqual([]);
      expect((await stored(m.id)).status).toBe('planned');
      expect(await sweep(START_MS - 1)).toEqual([]);
      expect(await sweep(START_MS)).toEqual([{ id: m.id, kind: 'started' }]);
      expect(await service.sweep()).toEqual([]);
      expect((await stored(m.id)).status).toBe('running');
      expect((await noticesOf(m.id))[0]!.card.badge).toEqual({ text: 'Bezig', tone: 'warning' });
      expect(await sweep(START_MS + HOUR)).toEqual([]);
      expect(await sweep(END_MS - 1)).toEqual([]);
      expect(await sweep(END_MS)).toEqual([{ id: m.id, kind: 'ended' }]);
      expect(await service.sweep()).toEqual([]);
      expect(await sweep(END_MS + 30 * DAY)).toEqual([]);

      const done = await stored(m.id);
      expect(done.status).toBe('done');
      expect(done.timeline.map((e) => [e.kind, e.at, e.actor.id])).toEqual([
        ['scheduled', '2026-01-14T09:00:00.000Z', marja.id],
        ['reminder-24h', '2026-01-16T19:00:00.000Z', 'system'],
        ['reminder-1h', '2026-01-17T18:00:00.000Z', 'system'],
        ['started', '2026-01-17T19:00:00.000Z', 'system'],
        ['ended', '2026-01-17T21:00:00.000Z', 'system'],
      ]);
      expect(await auditActions(m.id)).toEqual(['maintenance.schedule', 'maintenance.posted', 'maintenance.reminder-24h', 'maintenance.reminder-1h', 'maintenance.started', 'maintenance.ended']);
      expect(await service.active()).toEqual([]);

      // Still ONE notice, revised four times; the card shows Afgerond.
      const notices = await noticesOf(m.id);
      expect(notices).toHaveLength(1);
      expect(notices[0]).toMatchObject({ id: m.noticeId, version: 5 });
      expect(notices[0]!.card.badge).toEqual({ text: 'Afgerond', tone: 'good' });

      const notes = done.timeline.slice(1).map((e) => maintenanceThreadNote(nl, done, e));
      expect(notes).toEqual([
        'MNT-2026-0001: herinnering: begint over 24 uur (2026-01-17 20:00)',
        'MNT-2026-0001: herinnering: begint binnen het uur (2026-01-17 20:00)',
        'MNT-2026-0001: het onderhoud is begonnen',
        'MNT-2026-0001: het onderhoud is afgerond',
      ]);
      const rows = await deliveriesOf(m.noticeId!);
      for (const linkId of EPD_LINKS) {
        const mine = rows.filter((r) => r.link_id === linkId);
        expect(mine.filter((r) => r.operation === 'post').map((r) => r.status), linkId).toEqual(['sent']);
        const updates = mine.filter((r) => r.operation === 'update').sort((a, b) => version(a) - version(b));
        expect(updates.map((r) => [version(r), r.status]), linkId).toEqual([[2, 'superseded'], [3, 'superseded'], [4, 'superseded'], [5, 'pending']]);
        const replies = mine.filter((r) => r.operation === 'reply').sort((a, b) => version(a) - version(b));
        expect(replies.map((r) => r.text), linkId).toEqual(notes);
      }
    });

    it('after a long pause past the end it goes straight to Afgerond: no stale reminders, no separate start', async () => {
      const { schedule, service, clock, stored, noticesOf, deliveriesOf } = await setup();
      const m = await schedule(marja);
      clock.set(END_MS + 2 * DAY);
      expect(await service.sweep()).toEqual([{ id: m.id, kind: 'ended' }]);
      expect(await service.sweep()).toEqual([]);
      const done = await stored(m.id);
      expect(done.status).toBe('done');
      expect(done.timeline.map((e) => e.kind)).toEqual(['scheduled', 'ended']);
      expect((await noticesOf(m.id))[0]).toMatchObject({ version: 2 });
      // The posts had not gone out yet: one note per channel, the post carries the final card.
      expect((await deliveriesOf(m.noticeId!)).filter((r) => r.operation === 'reply').map((r) => r.text)).toEqual(EPD_LINKS.map(() => 'MNT-2026-0001: het onderhoud is afgerond'));
    });

    it('a pause over the 24-hour mark only gives the 1-hour reminder; a pause over the start only gives Bezig', async () => {
      const { schedule, service, clock, stored } = await setup();
      const a = await schedule(marja);
      clock.set(START_MS - 30 * MINUTE);
      expect(await service.sweep()).toEqual([{ id: a.id, kind: 'reminder-1h' }]);
      clock.set(START_MS + 30 * MINUTE);
      expect(await service.sweep()).toEqual([{ id: a.id, kind: 'started' }]);
      expect((await stored(a.id)).timeline.map((e) => e.kind)).toEqual(['scheduled', 'reminder-1h', 'started']);
    });

    it('postponed after the 24-hour reminder: the reminders come again before the new start', async () => {
      // PRODUCT BUG: sweep() decides with had('reminder-24h') / had('reminder-1h') over the whole
      // timeline, so once a reminder went out for the old window, a window moved days later (edit)
      // never gets its 24-hour (nor, after a 1-hour reminder, its 1-hour) reminder.
      const { schedule, service, clock } = await setup();
      const m = await schedule(marja);
      clock.set(START_MS - DAY);
      expect(await service.sweep()).toEqual([{ id: m.id, kind: 'reminder-24h' }]);
      clock.advance(MINUTE);
      succeeded(await service.edit(marja, m.id, draft({ startsAt: '2026-01-24T20:00:00+01:00', endsAt: '2026-01-24T22:00:00+01:00' })));
      clock.set(Date.parse('2026-01-23T20:00:00+01:00'));
      expect(await service.sweep()).toEqual([{ id: m.id, kind: 'reminder-24h' }]);
    });

    it('several notices in one sweep each get their own step', async () => {
      const { schedule, service, clock } = await setup();
      const first = await schedule(marja);
      const second = await schedule(marja, draft({ startsAt: '2026-01-18T20:00:00+01:00', endsAt: '2026-01-18T22:00:00+01:00' }));
      clock.set(START_MS);
      expect((await service.sweep()).sort((x, y) => x.id.localeCompare(y.id))).toEqual([{ id: first.id, kind: 'started' }, { id: second.id, kind: 'reminder-24h' }]);
    });

    it('maintenance scheduled less than 24 hours ahead gets no "begint over 24 uur" reminder', async () => {
      // PRODUCT BUG: sweep() sends 'reminder-24h' whenever now >= start − 24 h and none was sent, also
      // when the notice was announced a moment ago for a start 5 hours ahead: the channels then read
      // "herinnering: begint over 24 uur" for work that starts in 5 hours (and again "over 1 uur" later).
      const { schedule, service, clock, stored } = await setup();
      const m = await schedule(marja, draft({ startsAt: '2026-01-14T15:00:00+01:00', endsAt: '2026-01-14T16:00:00+01:00' }));
      clock.advance(MINUTE);
      const first = await service.sweep();
      expect(first.map((d) => d.kind)).not.toContain('reminder-24h');
      expect((await stored(m.id)).timeline.map((e) => e.kind)).not.toContain('reminder-24h');
    });
  });

  // -------------------------------------------------------------------------------------------
  describe('extend, cancel, edit', () => {
    it('extended while running → Verlengd; the clock keeps it running past the old end and ends it at the new one', async () => {
      const { schedule, service, clock, stored, noticesOf, deliveriesOf, sendPosts } = await setup();
      const m = await schedule(marja);
      await sendPosts();
      clock.set(START_MS);
      expect(await service.sweep()).toEqual([{ id: m.id, kind: 'started' }]);
      clock.set(END_MS - 10 * MINUTE);
      const extended = succeeded(await service.extend(marja, m.id, '2026-01-17T23:30:00+01:00'));
      expect(extended).toMatchObject({ status: 'extended', endsAt: '2026-01-17T22:30:00.000Z' });
      expect(extended.timeline.at(-1)).toEqual({ at: '2026-01-17T20:50:00.000Z', kind: 'extended', actor: { id: marja.id, name: 'Marja Medicura' }, text: '2026-01-17T22:30:00.000Z' });
      const card = (await noticesOf(m.id))[0]!.card;
      expect(card.badge).toEqual({ text: 'Verlengd', tone: 'attention' });
      expect(card.subtitle).toBe('2026-01-17 20:00 – 2026-01-17 23:30');
      expect((await deliveriesOf(m.noticeId!)).filter((r) => r.operation === 'reply' && r.link_id === 'l-medicura').map((r) => r.text).at(-1))
        .toBe('MNT-2026-0001: verlengd door Marja Medicura tot 2026-01-17 23:30');

      // An earlier or equal end is no extension.
      const notLater = { ok: false, problem: { code: 'invalid', fields: { endsAt: { code: 'not-later', current: '2026-01-17T22:30:00.000Z' } } } };
      expect(await service.extend(marja, m.id, '2026-01-17T23:00:00+01:00')).toEqual(notLater);
      expect(await service.extend(marja, m.id, '2026-01-17T23:30:00+01:00')).toEqual(notLater);
      expect(await service.extend(marja, m.id, 'morgen')).toEqual({ ok: false, problem: { code: 'invalid', fields: { endsAt: { code: 'invalid' } } } });

      clock.set(END_MS);
      expect(await service.sweep()).toEqual([]);
      clock.set(Date.parse('2026-01-17T23:29:59+01:00'));
      expect(await service.sweep()).toEqual([]);
      expect((await stored(m.id)).status).toBe('extended');
      clock.set(Date.parse('2026-01-17T23:30:00+01:00'));
      expect(await service.sweep()).toEqual([{ id: m.id, kind: 'ended' }]);
      expect((await stored(m.id)).status).toBe('done');
      expect((await stored(m.id)).timeline.map((e) => e.kind)).toEqual(['scheduled', 'started', 'extended', 'ended']);
      expect((await noticesOf(m.id))).toHaveLength(1);
    });

    it('extended before the start: still Gepland, with the later end', async () => {
      const { schedule, service } = await setup();
      const m = await schedule(marja);
      const extended = succeeded(await service.extend(chris, m.id, '2026-01-18T01:00:00+01:00'));
      expect(extended).toMatchObject({ status: 'planned', endsAt: '2026-01-18T00:00:00.000Z' });
    });

    it('cancelled → Geannuleerd with the reason in the thread; the clock leaves it alone; no second cancel', async () => {
      const { schedule, service, clock, stored, noticesOf, deliveriesOf, sendPosts } = await setup();
      const m = await schedule(marja);
      await sendPosts();
      clock.advance(HOUR);
      const cancelled = succeeded(await service.cancel(marja, m.id, '  Upgrade uitgesteld  '));
      expect(cancelled.status).toBe('cancelled');
      expect(cancelled.timeline.at(-1)).toEqual({ at: '2026-01-14T10:00:00.000Z', kind: 'cancelled', actor: { id: marja.id, name: 'Marja Medicura' }, text: 'Upgrade uitgesteld' });
      const [notice] = await noticesOf(m.id);
      expect(notice).toMatchObject({ version: 2 });
      expect(notice!.card.badge).toEqual({ text: 'Geannuleerd', tone: 'default' });
      const rows = await deliveriesOf(m.noticeId!);
      expect(rows.filter((r) => r.operation === 'update').map((r) => r.link_id).sort()).toEqual(EPD_LINKS);
      expect(rows.filter((r) => r.operation === 'reply').map((r) => r.text)).toEqual(EPD_LINKS.map(() => 'MNT-2026-0001: geannuleerd door Marja Medicura: Upgrade uitgesteld'));

      for (const ms of [START_MS - DAY, START_MS - HOUR, START_MS, END_MS, END_MS + DAY]) {
        clock.set(ms);
        expect(await service.sweep()).toEqual([]);
      }
      expect((await stored(m.id)).timeline.map((e) => e.kind)).toEqual(['scheduled', 'cancelled']);
      expect(await service.cancel(marja, m.id)).toEqual({ ok: false, problem: { code: 'wrong-status', id: m.id, status: 'cancelled' } });
      expect(await service.extend(marja, m.id, '2026-01-18T01:00:00+01:00')).toEqual({ ok: false, problem: { code: 'wrong-status', id: m.id, status: 'cancelled' } });
      expect(await service.active()).toEqual([]);
    });

    it('a cancel reason with a BSN is refused; unknown ids are not found', async () => {
      const { schedule, service, stored } = await setup();
      const m = await schedule(marja);
      expect(await service.cancel(marja, m.id, 'Zie dossier 123456782')).toEqual({ ok: false, problem: { code: 'invalid', fields: { description: { code: 'citizen-service-number', found: '123456782' } } } });
      expect((await stored(m.id)).status).toBe('planned');
      for (const outcome of [await service.cancel(marja, 'MNT-2026-0099'), await service.extend(marja, 'MNT-2026-0099', END), await service.edit(marja, 'MNT-2026-0099', draft())]) {
        expect(outcome).toEqual({ ok: false, problem: { code: 'not-found', id: 'MNT-2026-0099' } });
      }
    });

    it('a done notice cannot be changed', async () => {
      const { schedule, service, clock } = await setup();
      const m = await schedule(marja);
      clock.set(END_MS);
      await service.sweep();
      clock.advance(MINUTE);
      expect(await service.extend(marja, m.id, '2026-01-18T01:00:00+01:00')).toEqual({ ok: false, problem: { code: 'wrong-status', id: m.id, status: 'done' } });
      expect(await service.cancel(marja, m.id)).toEqual({ ok: false, problem: { code: 'wrong-status', id: m.id, status: 'done' } });
    });

    it('edit: the same notice, its card changed, a note in the thread; invalid edits change nothing', async () => {
      const { schedule, service, clock, stored, noticesOf, deliveriesOf, sendPosts } = await setup();
      const m = await schedule(marja);
      await sendPosts();
      clock.advance(HOUR);
      expect(await service.edit(marja, m.id, draft({ endsAt: '2026-01-17T19:00:00+01:00' }))).toEqual({ ok: false, problem: { code: 'invalid', fields: { endsAt: { code: 'end-before-start' } } } });
      expect(await stored(m.id)).toEqual(m);

      const edited = succeeded(await service.edit(marja, m.id, draft({ impact: 'hindrance', description: 'Alleen de archieffunctie is even traag', startsAt: '2026-01-17T21:00:00+01:00', endsAt: '2026-01-17T23:00:00+01:00' })));
      expect(edited).toMatchObject({ id: m.id, impact: 'hindrance', description: 'Alleen de archieffunctie is even traag', startsAt: '2026-01-17T20:00:00.000Z', endsAt: '2026-01-17T22:00:00.000Z', status: 'planned', noticeId: m.noticeId });
      expect(edited.timeline.at(-1)).toEqual({ at: '2026-01-14T10:00:00.000Z', kind: 'edited', actor: { id: marja.id, name: 'Marja Medicura' } });
      const notices = await noticesOf(m.id);
      expect(notices).toHaveLength(1);
      expect(notices[0]).toMatchObject({ id: m.noticeId, version: 2 });
      expect(notices[0]!.card.subtitle).toBe('2026-01-17 21:00 – 2026-01-17 23:00');
      expect(JSON.stringify(notices[0]!.card)).toContain('Alleen hinder');
      expect(JSON.stringify(notices[0]!.card)).toContain('Alleen de archieffunctie is even traag');
      const rows = await deliveriesOf(m.noticeId!);
      expect(rows.filter((r) => r.operation === 'update').map((r) => r.link_id).sort()).toEqual(EPD_LINKS);
      expect(rows.filter((r) => r.operation === 'reply').map((r) => r.text)).toEqual(EPD_LINKS.map(() => 'MNT-2026-0001: gewijzigd door Marja Medicura'));
      // The clock follows the new window.
      clock.set(START_MS);
      expect(await service.sweep()).toEqual([{ id: m.id, kind: 'reminder-1h' }]);
      clock.set(Date.parse('2026-01-17T21:00:00+01:00'));
      expect(await service.sweep()).toEqual([{ id: m.id, kind: 'started' }]);
    });

    it('edit sets the status: a later end while running → Verlengd; a start moved into the future → Gepland again; otherwise unchanged', async () => {
      const { schedule, service, clock, stored } = await setup();
      const m = await schedule(marja);
      clock.advance(MINUTE);
      // Before the start, a later end: still planned.
      expect(succeeded(await service.edit(marja, m.id, draft({ endsAt: '2026-01-17T22:30:00+01:00' }))).status).toBe('planned');
      clock.set(START_MS);
      expect(await service.sweep()).toEqual([{ id: m.id, kind: 'started' }]);
      // Running, same end (another field changed): still running.
      expect(succeeded(await service.edit(marja, m.id, draft({ endsAt: '2026-01-17T22:30:00+01:00', impact: 'hindrance' }))).status).toBe('running');
      // Running, a later end: extended.
      expect(succeeded(await service.edit(marja, m.id, draft({ endsAt: '2026-01-17T23:00:00+01:00' })))).toMatchObject({ status: 'extended', endsAt: '2026-01-17T22:00:00.000Z' });
      expect((await stored(m.id)).status).toBe('extended');
      // The start moved to next week: planned again.
      expect(succeeded(await service.edit(marja, m.id, draft({ startsAt: '2026-01-24T20:00:00+01:00', endsAt: '2026-01-24T22:00:00+01:00' })))).toMatchObject({ status: 'planned', startsAt: '2026-01-24T19:00:00.000Z' });
      expect((await stored(m.id)).status).toBe('planned');
    });

    it('edit adding an application widens the audience: the new organisations’ channels get the card, the old channels an update', async () => {
      const { schedule, service, clock, stored, noticesOf, deliveriesOf, sendPosts } = await setup();
      const m = await schedule(marja);
      await sendPosts();
      clock.advance(MINUTE);
      const edited = succeeded(await service.edit(chris, m.id, draft({ applicationIds: [EPD, VIEWER] })));
      expect(edited.administratorIds).toEqual([MEDICURA, PANORAMA]);
      expect(edited.audienceIds).toEqual(expect.arrayContaining([MEDICURA, LINDENDAEL, AMANDUS, DUINZICHT, PANORAMA, MEANDER]));
      expect((await stored(m.id)).audienceIds).toEqual(edited.audienceIds);

      const all = (await noticesOf(m.id)).flatMap((n) => n.id);
      const everyRow = (await Promise.all(all.map((id) => deliveriesOf(id)))).flat();
      // Panorama and De Meander (viewer users) get the card posted; the old channels get it updated.
      expect(everyRow.filter((r) => r.operation === 'post').map((r) => r.link_id).sort()).toEqual(['l-amandus', 'l-lindendael', 'l-meander', 'l-medicura', 'l-panorama']);
      expect(everyRow.filter((r) => r.operation === 'update').map((r) => r.link_id).sort()).toEqual(EPD_LINKS);
      for (const n of await noticesOf(m.id)) expect(n.card.title).toBe('MNT-2026-0001: Onderhoud Medicura EPD, Panorama Geboortezorgviewer');
    });

    it('after the audience was widened, the start also updates the card in the newly added channels', async () => {
      // PRODUCT BUG: apply() posts the card to the added organisations as a NEW notice but keeps only
      // the first noticeId, so every later transition (reminders, Bezig, Afgerond, cancel) revises only
      // the original channels; Panorama's and De Meander's card stays "Gepland" for good.
      const { schedule, service, clock, noticesOf, deliveriesOf, sendPosts } = await setup();
      const m = await schedule(marja);
      clock.advance(MINUTE);
      succeeded(await service.edit(chris, m.id, draft({ applicationIds: [EPD, VIEWER] })));
      await sendPosts();
      clock.set(START_MS);
      expect(await service.sweep()).toEqual([{ id: m.id, kind: 'started' }]);
      const everyRow = (await Promise.all((await noticesOf(m.id)).map((n) => deliveriesOf(n.id)))).flat();
      const started = everyRow.filter((r) => r.operation === 'reply' && r.text === 'MNT-2026-0001: het onderhoud is begonnen').map((r) => r.link_id).sort();
      expect(started).toEqual(['l-amandus', 'l-lindendael', 'l-meander', 'l-medicura', 'l-panorama']);
      for (const n of await noticesOf(m.id)) expect(n.card.badge?.text).toBe('Bezig');
    });
  });
});

