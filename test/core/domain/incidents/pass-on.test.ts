import { describe, expect, it } from 'vitest';
import { translator, type MessageKey, type Params } from '../../../../cards/i18n/translate.ts';
import { incidentCard, incidentThreadNote } from '../../../../cards/views/incident-cards.ts';
import type { Platform } from '../../../../core/conversation/inbound.ts';
import type { ChannelLink } from '../../../../core/domain/access/channel-link.ts';
import type { Person } from '../../../../core/domain/access/types.ts';
import type { PersonNotifier } from '../../../../core/domain/incidents/incident-notifier.ts';
import { IncidentService, type IncidentMailer } from '../../../../core/domain/incidents/incident-service.ts';
import { canPassOn, passOnTargets } from '../../../../core/domain/incidents/pass-on.ts';
import type { Incident, IncidentDraft, TimelineEntry } from '../../../../core/domain/incidents/types.ts';
import { chainServices, channelLink, countRows, deliveryRows, noticesAbout, person, SAMPLE_DIRECTORY, sendPendingPosts, succeeded } from '../../../support/chain-services.ts';
import { databasePerTest } from '../../../support/databases.ts';

/**
 * Passing a local incident on (seed 004): the rules (which desks, who may) and IncidentService.passOn
 * against the real repositories, Announcer and outbox on SQLite with the sample directory. And
 * IncidentService.alerted: who a draft's card would go to, by the rules filing uses.
 */

const MEANDER = 'org-vp-de-meander';
const LINDENDAEL = 'org-ziekenhuis-lindendael';
const RIVIERENNET = 'org-gtk-rivierennet';
const GEBOORTENET = 'org-gtk-geboortenet';
const VROEDSOFT = 'org-lev-vroedsoft';
const MEDICURA = 'org-lev-medicura';
const TWIIN = 'org-twiin-ketenregie';
const WED_10 = '2026-01-14T10:00:00+01:00';

const anna = person('slack', 'UANNA', 'Anna Meander', [MEANDER], [{ role: 'care-professional', organisationId: MEANDER }]);
const dina = person('teams', 'dina-aad', 'Dina Servicedesk', [MEANDER], [{ role: 'servicedesk-agent', organisationId: MEANDER }]);
const bert = person('slack', 'UBERT', 'Bert RivierenNet', [RIVIERENNET], [{ role: 'servicedesk-agent', organisationId: RIVIERENNET }]);
const sanne = person('slack', 'USANNE', 'Sanne Vroedsoft', [VROEDSOFT], [{ role: 'service-manager', organisationId: VROEDSOFT }]);
const chris = person('teams', 'chris-aad', 'Chris Ketenregie', [TWIIN], [{ role: 'chain-coordinator' }]);
const stranger = person('slack', 'UNEW', 'Nina Nieuw', [], []);

const LINKS: ChannelLink[] = [
  channelLink('l-meander', MEANDER, 'slack', 'C-MEANDER'),
  channelLink('l-vroedsoft', VROEDSOFT, 'slack', 'C-VROEDSOFT'),
  channelLink('l-rivierennet', RIVIERENNET, 'teams', '19:rivierennet@thread.tacv2'),
  channelLink('l-twiin', TWIIN, 'teams', '19:twiin@thread.tacv2'),
];

const xisFault = (o: Partial<IncidentDraft> = {}): IncidentDraft => ({
  title: 'XIS stuurt geen overdracht',
  description: 'Sinds 9 uur blijven overdrachten in de wachtrij van Vroedsoft XIS staan.',
  applicationIds: ['app-vroedsoft-xis'],
  organisationIds: [MEANDER],
  impact: 'degraded',
  startedAt: '2026-01-14T09:00:00+01:00',
  possibleDataLeak: false,
  ...o,
});

const nl = translator('nl');

class Recorder implements PersonNotifier, IncidentMailer {
  readonly told: Array<{ to: string; key: MessageKey; params?: Params }> = [];
  readonly mailed: string[] = [];
  async notifyPerson(to: { platform: Platform; userId: string }, message: { key: MessageKey; params?: Params }): Promise<void> {
    this.told.push({ to: `${to.platform}:${to.userId}`, key: message.key, ...(message.params ? { params: message.params } : {}) });
  }
  async incidentChanged(_incident: Incident, entry: TimelineEntry): Promise<void> {
    this.mailed.push(entry.kind);
  }
}

describe('passOnTargets (pure, sample directory)', () => {
  const at = (coordinatorId: string, applicationIds: string[]) => passOnTargets(SAMPLE_DIRECTORY, { coordinatorId, applicationIds });

  it('a midwifery practice and its XIS: the XIS supplier, and the practice\'s own GtK', () => {
    expect(at(MEANDER, ['app-vroedsoft-xis'])).toEqual([{ organisationId: VROEDSOFT, as: 'supplier' }, { organisationId: RIVIERENNET, as: 'gtk' }]);
  });

  it('a hospital on two GtKs, its EPD: the supplier and both own GtKs (nothing says which)', () => {
    expect(at(LINDENDAEL, ['app-medicura-epd'])).toEqual([{ organisationId: MEDICURA, as: 'supplier' }, { organisationId: RIVIERENNET, as: 'gtk' }, { organisationId: GEBOORTENET, as: 'gtk' }]);
  });

  it('a GtK application: its GtK service provider is the GtK to go to, not a "supplier"', () => {
    expect(at(LINDENDAEL, ['app-geboortenet'])).toEqual([{ organisationId: GEBOORTENET, as: 'gtk' }]);
  });

  it('no application: only the own GtK; a coordinator that is no care provider and administers the application: nothing', () => {
    expect(at(MEANDER, [])).toEqual([{ organisationId: RIVIERENNET, as: 'gtk' }]);
    expect(at(VROEDSOFT, ['app-vroedsoft-xis'])).toEqual([]);
  });
});

describe('IncidentService.passOn (SQLite, sample directory)', () => {
  const databases = databasePerTest('sqlite');

  async function setup() {
    const db = await databases.open();
    const { clock, services } = await chainServices(db, { start: WED_10, links: LINKS });
    const recorder = new Recorder();
    const service = new IncidentService({
      incidents: services.incidentRepository, directory: services.directory, announcer: services.announcer, notifier: recorder, mailer: recorder, clock,
      presenter: { channelCard: (i, d) => incidentCard(nl, i, d), threadNote: (i, e) => incidentThreadNote(nl, i, e) },
    });
    const file = async (d = xisFault(), who: Person = anna) => succeeded(await service.file(who, MEANDER, d));
    const channelsWithPosts = async (id: string) => {
      const notices = await noticesAbout(db, id);
      const rows = (await Promise.all(notices.map((n) => deliveryRows(db, n.id)))).flat();
      return rows.filter((r) => r.operation === 'post').map((r) => r.channel_id).sort();
    };
    return { db, clock, services, service, recorder, file, channelsWithPosts };
  }

  it('the practice\'s servicedesk passes it on to the supplier: its channel gets the card, the layer stays local, the timeline and the reporter say who and to whom', async () => {
    const { db, service, recorder, file, channelsWithPosts, services, clock } = await setup();
    const filed = await file();
    expect(filed).toMatchObject({ layer: 'local', coordinatorId: MEANDER, audienceIds: [MEANDER] });
    await sendPendingPosts(services, clock);
    const result = succeeded(await service.passOn(dina, filed.id, { kind: 'supplier' }));
    expect(result.added).toEqual([VROEDSOFT]);
    expect(result.incident).toMatchObject({ layer: 'local', coordinatorId: MEANDER, audienceIds: [MEANDER, VROEDSOFT], passedOn: [{ organisationId: VROEDSOFT, as: 'supplier', by: { id: dina.id, name: 'Dina Servicedesk' } }] });
    expect(result.incident.timeline.at(-1)).toMatchObject({ kind: 'passed-on', actor: { id: dina.id, name: 'Dina Servicedesk' }, text: 'Vroedsoft B.V.', organisationIds: [VROEDSOFT] });
    expect(await channelsWithPosts(filed.id)).toEqual(['C-MEANDER', 'C-VROEDSOFT']);
    // The first card is updated in place with a note in its thread.
    const ops = (await deliveryRows(db, filed.noticeId!)).map((r) => [r.operation, r.text]);
    expect(ops).toEqual(expect.arrayContaining([['update', null], ['reply', `${filed.id}: doorgezet door Dina Servicedesk naar Vroedsoft B.V.`]]));
    expect(recorder.told.at(-1)).toMatchObject({ to: anna.id, key: 'incident.personal.passed-on', params: { id: filed.id, actor: 'Dina Servicedesk', text: 'Vroedsoft B.V.' } });
    expect(recorder.mailed).toContain('passed-on');
    // The supplier's staff may now see and handle it.
    expect(succeeded(await service.take(sanne, filed.id)).owner?.name).toBe('Sanne Vroedsoft');
  });

  it('twice to the same desk is once: nothing changes, nothing is posted; the other kind still goes', async () => {
    const { db, service, file, channelsWithPosts } = await setup();
    const filed = await file();
    succeeded(await service.passOn(dina, filed.id, { kind: 'supplier' }));
    const before = { notices: await countRows(db, 'notice'), deliveries: await countRows(db, 'delivery'), audit: await countRows(db, 'audit_log', "subject_type = 'incident'") };
    const again = succeeded(await service.passOn(dina, filed.id, { organisationId: VROEDSOFT }));
    expect(again.added).toEqual([]);
    expect(again.already.map((p) => p.organisationId)).toEqual([VROEDSOFT]);
    expect({ notices: await countRows(db, 'notice'), deliveries: await countRows(db, 'delivery'), audit: await countRows(db, 'audit_log', "subject_type = 'incident'") }).toEqual(before);
    expect(succeeded(await service.passOn(chris, filed.id, { kind: 'gtk' })).added).toEqual([RIVIERENNET]);
    expect(await channelsWithPosts(filed.id)).toEqual(['19:rivierennet@thread.tacv2', 'C-MEANDER', 'C-VROEDSOFT']);
  });

  it('who may not: the reporter (care professional), someone who cannot see it, the supplier itself', async () => {
    const { service, file } = await setup();
    const filed = await file();
    expect(await service.passOn(anna, filed.id, { kind: 'supplier' })).toEqual({ ok: false, problem: { code: 'cannot-pass-on', id: filed.id, coordinatorId: MEANDER } });
    expect(await service.passOn(bert, filed.id, { kind: 'gtk' })).toEqual({ ok: false, problem: { code: 'not-found', id: filed.id } });
    expect(await service.passOn(stranger, filed.id, { kind: 'gtk' })).toEqual({ ok: false, problem: { code: 'not-found', id: filed.id } });
    succeeded(await service.passOn(dina, filed.id, { kind: 'supplier' }));
    // Vroedsoft sees it now, but the coordination is the practice's.
    expect(await service.passOn(sanne, filed.id, { kind: 'gtk' })).toEqual({ ok: false, problem: { code: 'cannot-pass-on', id: filed.id, coordinatorId: MEANDER } });
    const stored = succeeded(await service.get(dina, filed.id));
    expect(canPassOn(dina, stored) && !canPassOn(sanne, stored) && canPassOn(chris, stored)).toBe(true);
  });

  it('when not: resolved or closed, not local, confidential, no such desk', async () => {
    const { service, file } = await setup();
    const closed = await file();
    succeeded(await service.resolve(dina, closed.id, 'Wachtrij geleegd.'));
    expect(await service.passOn(dina, closed.id, { kind: 'supplier' })).toEqual({ ok: false, problem: { code: 'wrong-status', id: closed.id, status: 'resolved' } });
    succeeded(await service.confirm(anna, closed.id));
    expect(await service.passOn(dina, closed.id, { kind: 'supplier' })).toEqual({ ok: false, problem: { code: 'wrong-status', id: closed.id, status: 'closed' } });

    const gtk = await file(xisFault({ organisationIds: [MEANDER, 'org-vp-waaloever'], applicationIds: ['app-rivierennet'] }));
    expect(gtk.layer).toBe('gtk');
    expect(await service.passOn(chris, gtk.id, { kind: 'supplier' })).toEqual({ ok: false, problem: { code: 'not-local', id: gtk.id, layer: 'gtk' } });

    const leak = await file(xisFault({ possibleDataLeak: true }));
    expect(await service.passOn(dina, leak.id, { kind: 'gtk' })).toEqual({ ok: false, problem: { code: 'confidential', id: leak.id } });

    const open = await file();
    expect(await service.passOn(dina, open.id, { organisationId: MEDICURA })).toEqual({ ok: false, problem: { code: 'no-pass-on-target', id: open.id, coordinatorId: MEANDER } });
    const noApp = await file(xisFault({ applicationIds: [] }));
    expect(await service.passOn(dina, noApp.id, { kind: 'supplier' })).toEqual({ ok: false, problem: { code: 'no-pass-on-target', id: noApp.id, coordinatorId: MEANDER, kind: 'supplier' } });
  });
});

describe('IncidentService.alerted: who a draft would alert, by the rules filing uses', () => {
  const databases = databasePerTest('sqlite');

  it.each<[string, Person, Partial<IncidentDraft>]>([
    ['local', anna, {}],
    ['chain: two providers, two applications', anna, { organisationIds: [MEANDER, 'org-vp-waaloever'], applicationIds: ['app-rivierennet', 'app-vroedsoft-xis'] }],
    ['a possible data leak', anna, { possibleDataLeak: true }],
    ['an organisation only claimed', stranger, { organisationIds: [MEANDER, 'org-vp-waaloever'], applicationIds: ['app-rivierennet', 'app-vroedsoft-xis'] }],
  ])('%s: the same organisations as the filed incident', async (_name, who, change) => {
    const db = await databases.open();
    const { clock, services } = await chainServices(db, { start: WED_10, links: LINKS });
    const recorder = new Recorder();
    const service = new IncidentService({
      incidents: services.incidentRepository, directory: services.directory, announcer: services.announcer, notifier: recorder, clock,
      presenter: { channelCard: (i, d) => incidentCard(nl, i, d), threadNote: (i, e) => incidentThreadNote(nl, i, e) },
    });
    const draft = xisFault(change);
    const plan = await service.alerted(who, MEANDER, draft);
    if ('problem' in plan) throw new Error(JSON.stringify(plan.problem));
    const filed = succeeded(await service.file(who, MEANDER, draft));
    expect(plan.audienceIds).toEqual(filed.audienceIds);
    expect(plan.heldAudienceIds).toEqual(filed.heldAudienceIds ?? []);
    expect(plan.withChannel.sort()).toEqual([...new Set((await services.announcer.targets(filed.audienceIds)).map((t) => t.organisationId))].sort());
  });
});
