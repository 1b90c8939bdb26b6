import { describe, expect, it } from 'vitest';
import { translator } from '../../../../cards/i18n/translate.ts';
import { newsCard } from '../../../../cards/views/news-cards.ts';
import type { ChannelLink } from '../../../../core/domain/access/channel-link.ts';
import type { Person } from '../../../../core/domain/access/types.ts';
import type { DirectoryDocument } from '../../../../core/domain/directory/types.ts';
import {
  auditActionsOf, chainServices, channelLink, countRows, deliveryRows, noticesAbout, person, SAMPLE_DIRECTORY, sendPendingPosts, succeeded,
} from '../../../support/chain-services.ts';
import { databasePerTest } from '../../../support/databases.ts';

/**
 * NewsService (issue 8 point 6, regional and national communication) as composeServices builds it,
 * on SQLite with the sample directory and channel links: who may speak for whom, the audience,
 * validation, one notice through the outbox, corrections in place.
 */

const RSO = 'org-rso-rivierenland';
const MEANDER = 'org-vp-de-meander';
const LINDENDAEL = 'org-ziekenhuis-lindendael';
const RIVIERENNET = 'org-gtk-rivierennet';
const HELMGRAS = 'org-vp-helmgras';
const WESTLINK = 'org-gtk-westlink';
const VROEDSOFT = 'org-lev-vroedsoft';
const TWIIN = 'org-twiin-ketenregie';
/** A second RSO, added to a copy of the sample for the "another RSO" cases. */
const RSO_NOORDKUST = 'org-rso-noordkust';

const MINUTE = 60_000;
/** Wednesday 14 January 2026, 10:00 in Amsterdam (CET). */
const WED_10 = '2026-01-14T10:00:00+01:00';

/** Administrator of the Rivierenland RSO: speaks for the region. */
const roos = person('slack', 'UROOS', 'Roos RSO', [RSO], [{ role: 'administrator', organisationId: RSO }]);
/** A second administrator of the same RSO. */
const ruben = person('teams', 'ruben-aad', 'Ruben RSO', [RSO], [{ role: 'administrator', organisationId: RSO }]);
/** Chain coordinator: speaks nationally. */
const chris = person('teams', 'chris-aad', 'Chris Ketenregie', [TWIIN], [{ role: 'chain-coordinator' }]);
/** Administrator of the (added) Noordkust RSO. */
const nina = person('slack', 'UNINA', 'Nina RSO Noordkust', [RSO_NOORDKUST], [{ role: 'administrator', organisationId: RSO_NOORDKUST }]);
const anna = person('slack', 'UANNA', 'Anna Meander', [MEANDER], [{ role: 'care-professional', organisationId: MEANDER }]);
const mia = person('slack', 'UMIA', 'Mia Meander beheer', [MEANDER], [{ role: 'administrator', organisationId: MEANDER }]);
const rita = person('slack', 'URITA', 'Rita RSO', [RSO], [{ role: 'servicedesk-agent', organisationId: RSO }]);
const carl = person('slack', 'UCARL', 'Carl RSO', [RSO], [{ role: 'care-professional', organisationId: RSO }]);
const tess = person('teams', 'tess-aad', 'Tess Twiin beheer', [TWIIN], [{ role: 'administrator', organisationId: TWIIN }]);

/** Rivierenland: RSO, Meander, Lindendael, RivierenNet (two active, one old); Noordkust: Helmgras, WestLink; no region: Twiin, Vroedsoft. */
const LINKS: ChannelLink[] = [
  channelLink('l-rso', RSO, 'slack', 'C-RSO'),
  channelLink('l-meander', MEANDER, 'slack', 'C-MEANDER'),
  channelLink('l-lindendael', LINDENDAEL, 'teams', '19:lindendael@thread.tacv2'),
  channelLink('l-rivierennet-1', RIVIERENNET, 'slack', 'C-RIVIERENNET'),
  channelLink('l-rivierennet-2', RIVIERENNET, 'teams', '19:rivierennet@thread.tacv2'),
  channelLink('l-rivierennet-old', RIVIERENNET, 'slack', 'C-RIVIERENNET-OUD', false),
  channelLink('l-helmgras', HELMGRAS, 'slack', 'C-HELMGRAS'),
  channelLink('l-westlink', WESTLINK, 'slack', 'C-WESTLINK'),
  channelLink('l-twiin', TWIIN, 'teams', '19:twiin@thread.tacv2'),
  channelLink('l-vroedsoft', VROEDSOFT, 'slack', 'C-VROEDSOFT'),
];
const REGION_LINKS = ['l-lindendael', 'l-meander', 'l-rivierennet-1', 'l-rivierennet-2', 'l-rso'];
const ALL_ACTIVE_LINKS = LINKS.filter((l) => l.active).map((l) => l.id).sort();

/** The sample with a second RSO (Noordkust), so "another RSO" can be tried. */
function sampleWithSecondRso(): DirectoryDocument {
  const rso = SAMPLE_DIRECTORY.organisations.find((o) => o.id === RSO)!;
  return { ...SAMPLE_DIRECTORY, organisations: [...SAMPLE_DIRECTORY.organisations, { ...rso, id: RSO_NOORDKUST, name: 'RSO Noordkust', region: 'Noordkust', desk: { ...rso.desk, name: 'Regionale helpdesk RSO Noordkust' } }] };
}

const nl = translator('nl');
const TITLE = 'Nieuwe versie verwijsindex';
const TEXT = 'Op 1 februari gaat de nieuwe versie van de verwijsindex live. Meer informatie volgt.';

describe('NewsService (SQLite, sample directory)', () => {
  const databases = databasePerTest('sqlite');

  async function setup(options: { links?: ChannelLink[]; directory?: DirectoryDocument } = {}) {
    const db = await databases.open();
    const { clock, services } = await chainServices(db, { start: WED_10, links: options.links ?? LINKS, directory: options.directory });
    const service = services.news;
    const directory = await services.directory.load();
    const noticesOf = (newsId: string) => noticesAbout(db, newsId);
    const deliveriesOf = (noticeId: string) => deliveryRows(db, noticeId);
    const counts = async () => ({
      news: await countRows(db, 'news'),
      notices: await countRows(db, 'notice'),
      deliveries: await countRows(db, 'delivery'),
      newsAudit: await countRows(db, 'audit_log', "subject_type = 'news'"),
    });
    const auditActions = (newsId: string) => auditActionsOf(db, 'news', newsId);
    const sendPosts = () => sendPendingPosts(services, clock);
    const post = async (who: Person, title = TITLE, text = TEXT) => succeeded(await service.post(who, title, text));
    return { db, clock, services, service, directory, noticesOf, deliveriesOf, counts, auditActions, sendPosts, post };
  }

  // -------------------------------------------------------------------------------------------
  describe('who speaks for whom', () => {
    it('an RSO administrator speaks for its region; its audience is the RSO and every organisation in "Rivierenland"', async () => {
      const { service, directory } = await setup();
      const speaker = service.senderFor(roos, directory);
      expect(speaker?.scope).toBe('region');
      expect(speaker?.sender.id).toBe(RSO);
      const expected = [RSO, ...SAMPLE_DIRECTORY.organisations.filter((o) => o.region === 'Rivierenland' && o.id !== RSO).map((o) => o.id)];
      expect(expected.sort()).toEqual([
        'org-gtk-rivierennet', 'org-jgz-betuwe-maas', 'org-kz-ooievaarsnest', 'org-rso-rivierenland',
        'org-sint-amandus-gasthuis', 'org-vp-de-meander', 'org-vp-waaloever', 'org-ziekenhuis-lindendael',
      ]);
      const audience = service.audienceOf(directory, 'region', speaker!.sender);
      expect(audience[0]).toBe(RSO);
      expect([...audience].sort()).toEqual(expected.sort());
      expect(new Set(audience).size).toBe(audience.length);
    });

    it('a chain coordinator speaks nationally for chain coordination; the audience is every organisation', async () => {
      const { service, directory } = await setup();
      const speaker = service.senderFor(chris, directory);
      expect(speaker).toMatchObject({ scope: 'national', sender: { id: TWIIN } });
      expect([...service.audienceOf(directory, 'national', speaker!.sender)].sort()).toEqual(SAMPLE_DIRECTORY.organisations.map((o) => o.id).sort());
    });

    it.each([
      ['a care professional', anna],
      ['an administrator of a care provider', mia],
      ['a servicedesk agent of the RSO', rita],
      ['a care professional of the RSO', carl],
      ['an administrator of chain coordination (not a chain coordinator)', tess],
    ])('%s speaks for no one', async (_name, who) => {
      const { service, directory } = await setup();
      expect(service.senderFor(who, directory)).toBeUndefined();
    });
  });

  // -------------------------------------------------------------------------------------------
  describe('post', () => {
    it('an RSO administrator: stored for the region, ONE notice with a post per active channel in Rivierenland', async () => {
      const { post, service, noticesOf, deliveriesOf, auditActions, services } = await setup();
      const item = await post(roos, `  ${TITLE}  `, `  ${TEXT}\n`);
      expect(item).toMatchObject({
        id: 'NWS-2026-0001', title: TITLE, text: TEXT, scope: 'region', senderId: RSO, region: 'Rivierenland', status: 'published',
        createdBy: { id: roos.id, name: 'Roos RSO' }, createdAt: '2026-01-14T09:00:00.000Z',
      });
      expect([...item.audienceIds].sort()).toEqual(service.audienceOf(await services.directory.load(), 'region', (await services.directory.load()).organisations.find((o) => o.id === RSO)!).sort());
      expect(item.audienceIds).not.toContain(HELMGRAS);
      expect(item.noticeId).toBeDefined();
      expect(await service.get(item.id)).toEqual(item);
      expect(await auditActions(item.id)).toEqual(['news.post', 'news.posted']);

      const notices = await noticesOf(item.id);
      expect(notices).toHaveLength(1);
      expect(notices[0]).toMatchObject({ id: item.noticeId, kind: 'news', version: 1 });
      // The channel card is the Dutch news card.
      expect(notices[0]!.card).toEqual(newsCard(nl, item, await services.directory.load()));
      expect(notices[0]!.card.title).toBe(TITLE);
      expect(notices[0]!.card.subtitle).toBe('NWS-2026-0001 · RSO Rivierenland · de organisaties in regio Rivierenland');
      expect(notices[0]!.card.badge).toBeUndefined();
      expect(notices[0]!.card.actions).toEqual([]);

      const rows = await deliveriesOf(item.noticeId!);
      expect(rows.map((r) => r.link_id).sort()).toEqual(REGION_LINKS);
      expect(rows.every((r) => r.operation === 'post' && r.status === 'pending')).toBe(true);
      // Nothing for Noordkust, for organisations without a region, or for the deactivated channel.
      for (const other of ['l-helmgras', 'l-westlink', 'l-twiin', 'l-vroedsoft', 'l-rivierennet-old']) expect(rows.map((r) => r.link_id)).not.toContain(other);
      // The delivery report has one line per channel.
      expect((await services.outbox.report(item.noticeId)).map((r) => r.linkId).sort()).toEqual(REGION_LINKS);
    });

    it('a chain coordinator: national, to every active channel', async () => {
      const { post, noticesOf, deliveriesOf } = await setup();
      const item = await post(chris);
      expect(item).toMatchObject({ id: 'NWS-2026-0001', scope: 'national', senderId: TWIIN, status: 'published', createdBy: { id: chris.id, name: 'Chris Ketenregie' } });
      expect(item).not.toHaveProperty('region');
      expect([...item.audienceIds].sort()).toEqual(SAMPLE_DIRECTORY.organisations.map((o) => o.id).sort());
      const notices = await noticesOf(item.id);
      expect(notices).toHaveLength(1);
      expect(notices[0]!.card.subtitle).toBe('NWS-2026-0001 · Twiin ketenregie · alle organisaties (landelijk)');
      expect((await deliveriesOf(item.noticeId!)).map((r) => r.link_id).sort()).toEqual(ALL_ACTIVE_LINKS);
    });

    it('numbers the items per year, one after the other; recent lists the newest first', async () => {
      const { post, clock, service } = await setup();
      const first = await post(roos, 'Eerste');
      clock.advance(MINUTE);
      const second = await post(chris, 'Tweede');
      clock.advance(MINUTE);
      const third = await post(ruben, 'Derde');
      expect([first.id, second.id, third.id]).toEqual(['NWS-2026-0001', 'NWS-2026-0002', 'NWS-2026-0003']);
      expect((await service.recent()).map((n) => n.title)).toEqual(['Derde', 'Tweede', 'Eerste']);
      expect((await service.recent(2)).map((n) => n.id)).toEqual(['NWS-2026-0003', 'NWS-2026-0002']);
    });

    it('without any linked channel in scope: stored, no notice', async () => {
      const { post, counts } = await setup({ links: LINKS.filter((l) => !REGION_LINKS.includes(l.id)) });
      const item = await post(roos);
      expect(item.noticeId).toBeUndefined();
      expect(await counts()).toEqual({ news: 1, notices: 0, deliveries: 0, newsAudit: 1 });
    });

    it.each([
      ['a care professional', anna],
      ['an administrator of a non-RSO organisation', mia],
      ['a servicedesk agent of the RSO', rita],
      ['an administrator of chain coordination', tess],
    ])('%s → forbidden, nothing stored or posted', async (_name, who) => {
      const { service, counts } = await setup();
      expect(await service.post(who, TITLE, TEXT)).toEqual({ ok: false, problem: { code: 'forbidden' } });
      // Forbidden comes before validation.
      expect(await service.post(who, '', '')).toEqual({ ok: false, problem: { code: 'forbidden' } });
      expect(await counts()).toEqual({ news: 0, notices: 0, deliveries: 0, newsAudit: 0 });
    });
  });

  // -------------------------------------------------------------------------------------------
  describe('validation', () => {
    it.each([
      ['an empty title', '   ', TEXT, { title: { code: 'required' } }],
      ['an empty text', TITLE, '', { text: { code: 'required' } }],
      ['both empty', '', ' \n ', { title: { code: 'required' }, text: { code: 'required' } }],
      ['a title too long', 'x'.repeat(201), TEXT, { title: { code: 'too-long', max: 200 } }],
      ['a text too long', TITLE, 'x'.repeat(4001), { text: { code: 'too-long', max: 4000 } }],
      ['a BSN in the text', TITLE, 'Dossier van BSN 123 456 782 is bijgewerkt', { text: { code: 'citizen-service-number', found: '123 456 782' } }],
      ['a BSN in the title', 'Cliënt 123456782', TEXT, { title: { code: 'citizen-service-number', found: '123456782' } }],
    ] as Array<[string, string, string, Record<string, unknown>]>)('%s → that problem, nothing stored or posted', async (_name, title, text, fields) => {
      const { service, counts } = await setup();
      expect(service.check(title, text)).toEqual(fields);
      expect(await service.post(roos, title, text)).toEqual({ ok: false, problem: { code: 'invalid', fields } });
      expect(await service.post(chris, title, text)).toEqual({ ok: false, problem: { code: 'invalid', fields } });
      expect(await counts()).toEqual({ news: 0, notices: 0, deliveries: 0, newsAudit: 0 });
    });

    it('the limits themselves (after trimming) and a nine-digit number failing the 11-test are fine', async () => {
      const { service } = await setup();
      expect(service.check(` ${'x'.repeat(200)} `, `${'y'.repeat(4000)}\n`)).toEqual({});
      expect(service.check(TITLE, 'Foutcode 123456789 bij verzenden')).toEqual({});
      expect((await service.post(roos, 'x'.repeat(200), 'y'.repeat(4000))).ok).toBe(true);
    });
  });

  // -------------------------------------------------------------------------------------------
  describe('edit', () => {
    it('the sender corrects: the same notice revised in place, an update per sent channel and the Dutch note in each thread', async () => {
      const { post, service, clock, sendPosts, noticesOf, deliveriesOf, auditActions, services } = await setup();
      const item = await post(roos);
      await sendPosts();
      clock.advance(5 * MINUTE);
      const edited = succeeded(await service.edit(roos, item.id, ' Nieuwe versie verwijsindex (gewijzigd) ', ' Het wordt 8 februari. '));
      expect(edited).toEqual({ ...item, title: 'Nieuwe versie verwijsindex (gewijzigd)', text: 'Het wordt 8 februari.', status: 'edited', updatedAt: '2026-01-14T09:05:00.000Z' });
      expect(await service.get(item.id)).toEqual(edited);
      expect(await auditActions(item.id)).toEqual(['news.post', 'news.posted', 'news.edit']);

      const notices = await noticesOf(item.id);
      expect(notices).toHaveLength(1);
      expect(notices[0]).toMatchObject({ id: item.noticeId, version: 2 });
      expect(notices[0]!.card).toEqual(newsCard(nl, edited, await services.directory.load()));
      expect(notices[0]!.card.badge).toEqual({ text: 'Gecorrigeerd', tone: 'accent' });
      expect(notices[0]!.card.title).toBe('Nieuwe versie verwijsindex (gewijzigd)');

      const rows = await deliveriesOf(item.noticeId!);
      for (const linkId of REGION_LINKS) {
        const mine = rows.filter((r) => r.link_id === linkId);
        expect(mine.map((r) => [r.operation, r.status]).sort(), linkId).toEqual([['post', 'sent'], ['reply', 'pending'], ['update', 'pending']]);
        expect(mine.find((r) => r.operation === 'reply')?.text).toBe('NWS-2026-0001: gecorrigeerd');
      }
      expect(rows.map((r) => r.link_id)).not.toContain('l-helmgras');
    });

    it('another administrator of the same RSO may correct it too (the sender is the organisation)', async () => {
      const { post, service } = await setup();
      const item = await post(roos);
      expect(succeeded(await service.edit(ruben, item.id, TITLE, 'Aangevuld door Ruben')).status).toBe('edited');
    });

    it('looks the item up however it is typed', async () => {
      const { post, service } = await setup();
      const item = await post(roos);
      for (const typed of ['NWS-2026-0001', 'nws-2026-1', ' nws20261 ', 'NWS-2026-001']) expect((await service.get(typed))?.id, typed).toBe(item.id);
      expect(succeeded(await service.edit(roos, 'nws-2026-1', TITLE, 'Anders')).id).toBe(item.id);
    });

    it.each([
      ['a chain coordinator, on regional news', chris],
      ['an administrator of another RSO', nina],
      ['an administrator of a non-RSO organisation', mia],
      ['a care professional', anna],
    ])('%s → forbidden, nothing changed', async (_name, who) => {
      const { post, service, noticesOf, deliveriesOf } = await setup({ directory: sampleWithSecondRso() });
      const item = await post(roos);
      expect(await service.edit(who, item.id, 'Overgenomen', 'Anders')).toEqual({ ok: false, problem: { code: 'forbidden' } });
      expect(await service.get(item.id)).toEqual(item);
      expect((await noticesOf(item.id))[0]!.version).toBe(1);
      expect((await deliveriesOf(item.noticeId!)).every((r) => r.operation === 'post')).toBe(true);
    });

    it('an RSO administrator cannot correct national news', async () => {
      const { post, service } = await setup();
      const item = await post(chris);
      expect(await service.edit(roos, item.id, TITLE, 'Anders')).toEqual({ ok: false, problem: { code: 'forbidden' } });
      expect(succeeded(await service.edit(chris, item.id, TITLE, 'Anders')).status).toBe('edited');
    });

    it('invalid corrections change nothing; an unknown id is not found', async () => {
      const { post, service, noticesOf } = await setup();
      const item = await post(roos);
      expect(await service.edit(roos, item.id, '', 'BSN 123 456 782')).toEqual({
        ok: false, problem: { code: 'invalid', fields: { title: { code: 'required' }, text: { code: 'citizen-service-number', found: '123 456 782' } } },
      });
      expect(await service.get(item.id)).toEqual(item);
      expect((await noticesOf(item.id))[0]!.version).toBe(1);
      expect(await service.edit(roos, 'NWS-2026-0099', TITLE, TEXT)).toEqual({ ok: false, problem: { code: 'not-found', id: 'NWS-2026-0099' } });
    });

    it('news stored without a notice (no channels) is corrected without touching the outbox', async () => {
      const { post, service, counts } = await setup({ links: [] });
      const item = await post(roos);
      expect(succeeded(await service.edit(roos, item.id, TITLE, 'Anders')).status).toBe('edited');
      expect(await counts()).toMatchObject({ news: 1, notices: 0, deliveries: 0 });
    });
  });
});
