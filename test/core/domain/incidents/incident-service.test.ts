import { describe, expect, it } from 'vitest';
import { translator, type MessageKey, type Params } from '../../../../cards/i18n/translate.ts';
import { incidentCard, incidentThreadNote } from '../../../../cards/views/incident-cards.ts';
import type { Platform } from '../../../../core/conversation/inbound.ts';
import type { ChannelLink } from '../../../../core/domain/access/channel-link.ts';
import type { Person } from '../../../../core/domain/access/types.ts';
import type { AuditEntry } from '../../../../core/domain/audit/audit-entry.ts';
import { coordinationLayer, isRouteProblem } from '../../../../core/domain/incidents/coordination-layer.ts';
import type { PersonNotifier } from '../../../../core/domain/incidents/incident-notifier.ts';
import type { IncidentRepository } from '../../../../core/domain/incidents/incident-repository.ts';
import { DEFAULT_INCIDENT_POLICY, IncidentService, type IncidentMailer, type IncidentOutcome, type IncidentPolicy } from '../../../../core/domain/incidents/incident-service.ts';
import type { Incident, IncidentDraft, IncidentStatus, TimelineEntry } from '../../../../core/domain/incidents/types.ts';
import {
  auditActionsOf, chainServices, channelLink, countRows, deliveryRows, noticesAbout, orgName, person, sendPendingPosts, succeeded, type DeliveryRowView,
} from '../../../support/chain-services.ts';
import { databasePerTest } from '../../../support/databases.ts';

/**
 * IncidentService against the real repositories on SQLite: the sample directory, channel links for
 * some organisations, the real Announcer and outbox, the Dutch presenter, and a recording notifier.
 */

const MEANDER = 'org-vp-de-meander';
const WAALOEVER = 'org-vp-waaloever';
const HELMGRAS = 'org-vp-helmgras';
const RIVIERENNET = 'org-gtk-rivierennet';
const VROEDSOFT = 'org-lev-vroedsoft';
const RSO = 'org-rso-rivierenland';
const TWIIN = 'org-twiin-ketenregie';
const ZORGADRESBOEK = 'org-gv-zorgadresboek';
const LINDENDAEL = 'org-ziekenhuis-lindendael';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Wednesday 14 January 2026, 10:00 in Amsterdam (CET). */
const WED_10 = '2026-01-14T10:00:00+01:00';

// ---------------------------------------------------------------------------------------------
// People (linking = seeing)

const anna = person('slack', 'UANNA', 'Anna Meander', [MEANDER], [{ role: 'care-professional', organisationId: MEANDER }]);
const mark = person('slack', 'UMARK', 'Mark Meander', [MEANDER], [{ role: 'care-professional', organisationId: MEANDER }]);
const dina = person('teams', 'dina-aad', 'Dina Servicedesk', [MEANDER], [{ role: 'servicedesk-agent', organisationId: MEANDER }]);
const bert = person('slack', 'UBERT', 'Bert RivierenNet', [RIVIERENNET], [{ role: 'servicedesk-agent', organisationId: RIVIERENNET }]);
const carla = person('slack', 'UCARLA', 'Carla RivierenNet', [RIVIERENNET], [{ role: 'care-professional', organisationId: RIVIERENNET }]);
const sanne = person('slack', 'USANNE', 'Sanne Vroedsoft', [VROEDSOFT], [{ role: 'service-manager', organisationId: VROEDSOFT }]);
const rita = person('slack', 'URITA', 'Rita RSO', [RSO], [{ role: 'servicedesk-agent', organisationId: RSO }]);
const tom = person('teams', 'tom-aad', 'Tom Twiin', [TWIIN], [{ role: 'servicedesk-agent', organisationId: TWIIN }]);
const chris = person('teams', 'chris-aad', 'Chris Ketenregie', [TWIIN], [{ role: 'chain-coordinator' }]);
const henk = person('slack', 'UHENK', 'Henk Helmgras', [HELMGRAS], [{ role: 'servicedesk-agent', organisationId: HELMGRAS }]);
const willem = person('slack', 'UWILLEM', 'Willem Waaloever', [WAALOEVER], [{ role: 'servicedesk-agent', organisationId: WAALOEVER }]);

// ---------------------------------------------------------------------------------------------
// Channels: some organisations have alert channels, Waaloever, Helmgras and Westlink have none.

const LINKS: ChannelLink[] = [
  channelLink('l-meander', MEANDER, 'slack', 'C-MEANDER'),
  channelLink('l-rivierennet-1', RIVIERENNET, 'slack', 'C-RIVIERENNET'),
  channelLink('l-rivierennet-2', RIVIERENNET, 'teams', '19:rivierennet@thread.tacv2'),
  channelLink('l-rivierennet-old', RIVIERENNET, 'slack', 'C-RIVIERENNET-OUD', false),
  channelLink('l-vroedsoft', VROEDSOFT, 'slack', 'C-VROEDSOFT'),
  channelLink('l-rso', RSO, 'slack', 'C-RSO'),
  channelLink('l-twiin', TWIIN, 'teams', '19:twiin@thread.tacv2'),
  channelLink('l-geboortenet', 'org-gtk-geboortenet', 'slack', 'C-GEBOORTENET'),
  channelLink('l-lindendael', LINDENDAEL, 'slack', 'C-LINDENDAEL'),
];

// ---------------------------------------------------------------------------------------------
// Drafts

function draft(overrides: Partial<IncidentDraft> = {}): IncidentDraft {
  return {
    title: 'Overdracht komt niet aan',
    description: 'Sinds vanochtend komen overdrachten niet aan bij de ontvanger.',
    applicationIds: ['app-rivierennet'],
    organisationIds: [MEANDER, WAALOEVER],
    impact: 'degraded',
    startedAt: '2026-01-14T09:30:00+01:00',
    possibleDataLeak: false,
    ...overrides,
  };
}
/** Two providers on one GtK application: coordinated by RivierenNet (gtk). */
const gtkDraft = (o: Partial<IncidentDraft> = {}) => draft(o);
/** Two providers, two applications: Twiin chain coordination, audience Twiin + RivierenNet + Vroedsoft. */
const chainDraft = (o: Partial<IncidentDraft> = {}) => draft({ applicationIds: ['app-rivierennet', 'app-vroedsoft-xis'], ...o });
/** One provider: its own management (local). */
const localDraft = (o: Partial<IncidentDraft> = {}) => draft({ organisationIds: [MEANDER], applicationIds: ['app-vroedsoft-xis'], ...o });

// ---------------------------------------------------------------------------------------------
// Test doubles

interface Told {
  to: { platform: Platform; userId: string };
  key: MessageKey;
  params: Params | undefined;
}

class RecordingNotifier implements PersonNotifier {
  readonly told: Told[] = [];
  async notifyPerson(to: { platform: Platform; userId: string }, message: { key: MessageKey; params?: Params }): Promise<void> {
    this.told.push({ to: { platform: to.platform, userId: to.userId }, key: message.key, params: message.params });
  }
}

/** Records which timeline entries the e-mail alerts were asked to send. */
class RecordingMailer implements IncidentMailer {
  readonly mailed: Array<{ id: string; kind: TimelineEntry['kind'] }> = [];
  async incidentChanged(incident: Incident, entry: TimelineEntry): Promise<void> {
    this.mailed.push({ id: incident.id, kind: entry.kind });
  }
}

/** The real repository, except that the next get() of one incident can be made to return an old copy (a stale read). */
class StaleReadRepository implements IncidentRepository {
  staleCopy: Incident | undefined;
  constructor(private readonly inner: IncidentRepository) {}
  create(incident: Omit<Incident, 'id'>, year: number, audit: (id: string) => AuditEntry) {
    return this.inner.create(incident, year, audit);
  }
  async get(id: string) {
    const stale = this.staleCopy;
    if (stale && stale.id === id) {
      this.staleCopy = undefined;
      return stale;
    }
    return this.inner.get(id);
  }
  update(incident: Incident, expectedUpdatedAt: string, audit: AuditEntry) {
    return this.inner.update(incident, expectedUpdatedAt, audit);
  }
  list(filter: { statuses?: IncidentStatus[]; createdFrom?: string; createdTo?: string }) {
    return this.inner.list(filter);
  }
}

const nl = translator('nl');

// ---------------------------------------------------------------------------------------------

describe('IncidentService (SQLite, sample directory)', () => {
  const databases = databasePerTest('sqlite');

  async function setup(options: { start?: string; policy?: IncidentPolicy } = {}) {
    const db = await databases.open();
    const { clock, services } = await chainServices(db, { start: options.start ?? WED_10, links: LINKS, compose: options.policy ? { incidentPolicy: options.policy } : {} });
    const notifier = new RecordingNotifier();
    const mailer = new RecordingMailer();
    const repository = new StaleReadRepository(services.incidentRepository);
    const service = new IncidentService({
      incidents: repository, directory: services.directory, announcer: services.announcer, notifier, mailer, clock,
      presenter: { channelCard: (i, d) => incidentCard(nl, i, d), threadNote: (i, e) => incidentThreadNote(nl, i, e) },
      ...(options.policy ? { policy: options.policy } : {}),
    });
    const directory = await services.directory.load();
    const noticesOf = (incidentId: string) => noticesAbout(db, incidentId);
    const deliveriesOf = (noticeId: string) => deliveryRows(db, noticeId);
    const counts = async () => ({
      incidents: await countRows(db, 'incident'),
      notices: await countRows(db, 'notice'),
      deliveries: await countRows(db, 'delivery'),
      incidentAudit: await countRows(db, 'audit_log', "subject_type = 'incident'"),
    });
    const auditActions = (incidentId: string) => auditActionsOf(db, 'incident', incidentId);
    const sendPosts = () => sendPendingPosts(services, clock);
    const file = async (who: Person, d: IncidentDraft, reporterOrganisationId = who.organisationIds[0]!) => succeeded(await service.file(who, reporterOrganisationId, d));
    const stored = async (id: string) => {
      const i = await services.incidentRepository.get(id);
      if (!i) throw new Error(`${id} not stored`);
      return i;
    };
    return { db, clock, services, service, notifier, mailer, repository, directory, noticesOf, deliveriesOf, counts, auditActions, sendPosts, file, stored };
  }

  // -------------------------------------------------------------------------------------------
  describe('file: validation', () => {
    it('reports a problem per field, and stores and posts nothing', async () => {
      const { service, counts, clock } = await setup();
      const outcome = await service.file(anna, MEANDER, {
        title: '   ',
        description: '',
        applicationIds: ['app-rivierennet', 'app-bestaat-niet'],
        organisationIds: [MEANDER, 'org-bestaat-niet'],
        impact: 'kapot' as IncidentDraft['impact'],
        startedAt: new Date(clock.ms + 6 * MINUTE).toISOString(),
        possibleDataLeak: false,
        sinceVersion: 'x'.repeat(101),
      });
      expect(outcome).toEqual({
        ok: false,
        problem: {
          code: 'invalid',
          fields: {
            title: { code: 'required' },
            description: { code: 'required' },
            applications: { code: 'unknown', ids: ['app-bestaat-niet'] },
            organisations: { code: 'unknown', ids: ['org-bestaat-niet'] },
            impact: { code: 'required' },
            startedAt: { code: 'in-the-future' },
            sinceVersion: { code: 'too-long', max: 100 },
          },
        },
      });
      expect(await counts()).toEqual({ incidents: 0, notices: 0, deliveries: 0, incidentAudit: 0 });
    });

    it.each([
      ['no organisation', { organisationIds: [] }, { organisations: { code: 'required' } }],
      ['a title too long', { title: 'x'.repeat(201) }, { title: { code: 'too-long', max: 200 } }],
      ['a description too long', { description: 'x'.repeat(4001) }, { description: { code: 'too-long', max: 4000 } }],
      ['an unreadable start', { startedAt: 'gisteren' }, { startedAt: { code: 'invalid' } }],
      ['a start more than 5 minutes ahead', { startedAt: '2026-01-14T10:05:01+01:00' }, { startedAt: { code: 'in-the-future' } }],
      ['a BSN in the description', { description: 'Patiënt met BSN 123 456 782 kan niet worden overgedragen' }, { description: { code: 'citizen-service-number', found: '123 456 782' } }],
      ['a BSN in the title', { title: 'Dossier 123456782 weg' }, { title: { code: 'citizen-service-number', found: '123456782' } }],
      ['a BSN with dots in the version', { sinceVersion: '1234.56.782' }, { sinceVersion: { code: 'citizen-service-number', found: '1234.56.782' } }],
      ['a BSN with non-breaking spaces in the description', { description: 'BSN 123\u00a0456\u00a0782 geeft fout' }, { description: { code: 'citizen-service-number', found: '123\u00a0456\u00a0782' } }],
      ['a BSN with tabs in the title', { title: 'Dossier 123\t456\t782 weg' }, { title: { code: 'citizen-service-number', found: '123\t456\t782' } }],
      ['a BSN with doubled spaces in the description', { description: 'BSN 123  456  782 geeft fout' }, { description: { code: 'citizen-service-number', found: '123  456  782' } }],
    ] as Array<[string, Partial<IncidentDraft>, Record<string, unknown>]>)('%s → that field only, nothing stored', async (_name, change, fields) => {
      const { service, counts } = await setup();
      expect(await service.file(anna, MEANDER, gtkDraft(change))).toEqual({ ok: false, problem: { code: 'invalid', fields } });
      expect(await counts()).toEqual({ incidents: 0, notices: 0, deliveries: 0, incidentAudit: 0 });
    });

    it('a start up to 5 minutes ahead (clock skew) and a nine-digit number failing the 11-test are fine', async () => {
      const { service } = await setup();
      const outcome = await service.file(anna, MEANDER, gtkDraft({ startedAt: '2026-01-14T10:05:00+01:00', description: 'Foutcode 123456789 bij verzenden' }));
      expect(outcome.ok).toBe(true);
    });
  });

  // -------------------------------------------------------------------------------------------
  describe('file: routing and posting', () => {
    it('stores the incident with the layer, coordinator and reason of the coordination rule', async () => {
      const { file, stored, directory, auditActions } = await setup();
      const d = chainDraft({ title: '  Overdracht faalt  ', sinceVersion: ' 4.2 ' });
      const incident = await file(anna, d);
      const route = coordinationLayer(directory, d.organisationIds, d.applicationIds);
      if (isRouteProblem(route)) throw new Error('route expected');

      expect(incident.id).toBe('INC-2026-0001');
      expect(incident).toMatchObject({
        title: 'Overdracht faalt', sinceVersion: '4.2', status: 'new',
        layer: 'chain', coordinatorId: TWIIN, partnerIds: [], reason: { kind: 'several-applications', providers: 2, applications: 2 },
        audienceIds: [TWIIN, RIVIERENNET, VROEDSOFT],
        reporter: { id: anna.id, name: 'Anna Meander', platform: 'slack', userId: 'UANNA', organisationId: MEANDER },
        startedAt: '2026-01-14T08:30:00.000Z', createdAt: '2026-01-14T09:00:00.000Z',
        timeline: [{ at: '2026-01-14T09:00:00.000Z', kind: 'filed', actor: { id: anna.id, name: 'Anna Meander' } }],
      });
      expect({ layer: incident.layer, coordinatorId: incident.coordinatorId, partnerIds: incident.partnerIds, reason: incident.reason })
        .toEqual({ layer: route.layer, coordinatorId: route.coordinatorId, partnerIds: route.partnerIds, reason: route.reason });
      expect(await stored(incident.id)).toEqual(incident);
      expect(await auditActions(incident.id)).toEqual(['incident.file', 'incident.posted']);
    });

    it('posts ONE notice with one delivery per active channel of the coordinator and the administrators of the applications', async () => {
      const { file, noticesOf, deliveriesOf, notifier } = await setup();
      const incident = await file(anna, chainDraft());
      const notices = await noticesOf(incident.id);
      expect(notices).toHaveLength(1);
      expect(notices[0]).toMatchObject({ id: incident.noticeId, kind: 'incident', version: 1 });
      expect(notices[0]!.card.title).toBe('INC-2026-0001: Overdracht komt niet aan');
      expect(notices[0]!.card.badge?.text).toBe('Nieuw');

      const rows = await deliveriesOf(incident.noticeId!);
      expect(rows.map((r) => [r.organisation_id, r.channel_id, r.operation, r.status]).sort()).toEqual([
        [VROEDSOFT, 'C-VROEDSOFT', 'post', 'pending'],
        [RIVIERENNET, '19:rivierennet@thread.tacv2', 'post', 'pending'],
        [RIVIERENNET, 'C-RIVIERENNET', 'post', 'pending'],
        [TWIIN, '19:twiin@thread.tacv2', 'post', 'pending'],
      ].sort());
      // The deactivated RivierenNet channel and the named providers' channels get nothing.
      expect(rows.map((r) => r.link_id)).not.toContain('l-rivierennet-old');
      expect(rows.map((r) => r.organisation_id)).not.toContain(MEANDER);
      // The reporter filed it themselves: no personal message.
      expect(notifier.told).toEqual([]);
    });

    it('a GtK incident goes to that GtK service provider', async () => {
      const { file, deliveriesOf } = await setup();
      const incident = await file(anna, gtkDraft());
      expect(incident).toMatchObject({ layer: 'gtk', coordinatorId: RIVIERENNET, audienceIds: [RIVIERENNET], reason: { kind: 'one-gtk', providers: 2 } });
      expect((await deliveriesOf(incident.noticeId!)).map((r) => r.link_id).sort()).toEqual(['l-rivierennet-1', 'l-rivierennet-2']);
    });

    it('a common facility: Twiin with the facility administrator', async () => {
      const { file, deliveriesOf } = await setup();
      const incident = await file(person('slack', 'ULIN', 'Lin Lindendael', [LINDENDAEL], []), draft({ organisationIds: [LINDENDAEL], applicationIds: ['app-zorgadresboek'] }));
      expect(incident).toMatchObject({ layer: 'common-facility', coordinatorId: TWIIN, partnerIds: [ZORGADRESBOEK], audienceIds: [TWIIN, ZORGADRESBOEK] });
      // The facility administrator has no channel: only Twiin's.
      expect((await deliveriesOf(incident.noticeId!)).map((r) => r.link_id)).toEqual(['l-twiin']);
    });

    it('a local incident only goes to the reporter organisation’s channels, not to the supplier of the application', async () => {
      const { file, deliveriesOf, noticesOf } = await setup();
      const incident = await file(anna, localDraft());
      expect(incident).toMatchObject({ layer: 'local', coordinatorId: MEANDER, audienceIds: [MEANDER], reason: { kind: 'one-provider', provider: orgName(MEANDER) } });
      expect(await noticesOf(incident.id)).toHaveLength(1);
      expect((await deliveriesOf(incident.noticeId!)).map((r) => [r.organisation_id, r.channel_id])).toEqual([[MEANDER, 'C-MEANDER']]);
    });

    it('an organisation without channels: stored, but no notice and no noticeId', async () => {
      const { file, stored, counts, auditActions } = await setup();
      const incident = await file(willem, draft({ organisationIds: [WAALOEVER], applicationIds: [] }));
      expect(incident).toMatchObject({ layer: 'local', coordinatorId: WAALOEVER, audienceIds: [WAALOEVER] });
      expect(incident).not.toHaveProperty('noticeId');
      expect(await stored(incident.id)).not.toHaveProperty('noticeId');
      expect(await counts()).toMatchObject({ incidents: 1, notices: 0, deliveries: 0 });
      expect(await auditActions(incident.id)).toEqual(['incident.file']);
    });

    it('numbers follow each other per year', async () => {
      const { file, clock } = await setup();
      expect((await file(anna, gtkDraft())).id).toBe('INC-2026-0001');
      expect((await file(anna, localDraft())).id).toBe('INC-2026-0002');
      clock.set('2027-01-01T00:30:00+01:00'); // 2026-12-31 23:30 UTC, but already 2027 in the Netherlands
      expect((await file(anna, gtkDraft({ startedAt: '2026-12-31T23:00:00Z' }))).id).toBe('INC-2027-0001');
      clock.set('2027-01-01T01:30:00+01:00');
      expect((await file(anna, gtkDraft({ startedAt: '2026-12-31T23:00:00Z' }))).id).toBe('INC-2027-0002');
    });
  });

  // -------------------------------------------------------------------------------------------
  describe('confidential (possible data leak)', () => {
    it('audience: the reporter organisation, the administrators of ALL affected applications (the supplier and the GtK) and the region’s RSO; never the chain coordinator’s channels', async () => {
      const { file, deliveriesOf, noticesOf } = await setup();
      const incident = await file(anna, chainDraft({ possibleDataLeak: true }));
      // Handled by the reporter's own organisation with the application administrators and the RSO, not by the chain layer.
      expect(incident).toMatchObject({ possibleDataLeak: true, layer: 'local', coordinatorId: MEANDER, partnerIds: [RIVIERENNET, VROEDSOFT, RSO], reason: { kind: 'confidential' }, audienceIds: [MEANDER, RIVIERENNET, VROEDSOFT, RSO] });
      expect(await noticesOf(incident.id)).toHaveLength(1);
      const rows = await deliveriesOf(incident.noticeId!);
      expect(rows.map((r) => r.channel_id).sort()).toEqual(['19:rivierennet@thread.tacv2', 'C-MEANDER', 'C-RIVIERENNET', 'C-RSO', 'C-VROEDSOFT']);
      expect(rows.map((r) => r.organisation_id)).not.toContain(TWIIN);
      // A named provider that did not report it gets nothing either.
      expect(rows.map((r) => r.organisation_id)).not.toContain(WAALOEVER);
    });

    it('a reporter in a region without an RSO: the first RSO in the directory is in the audience', async () => {
      const { file, deliveriesOf } = await setup();
      // Helmgras is in Noordkust, which has no RSO in the sample directory.
      const incident = await file(henk, draft({ organisationIds: [HELMGRAS], applicationIds: ['app-vroedsoft-xis'], possibleDataLeak: true }));
      expect(incident).toMatchObject({ layer: 'local', coordinatorId: HELMGRAS, partnerIds: [VROEDSOFT, RSO], reason: { kind: 'confidential' }, audienceIds: [HELMGRAS, VROEDSOFT, RSO] });
      expect((await deliveriesOf(incident.noticeId!)).map((r) => r.channel_id).sort()).toEqual(['C-RSO', 'C-VROEDSOFT']);
    });

    it('the channel card says "Vertrouwelijk" and names the audience', async () => {
      const { file, noticesOf } = await setup();
      const incident = await file(anna, chainDraft({ possibleDataLeak: true }));
      const [notice] = await noticesOf(incident.id);
      const json = JSON.stringify(notice!.card);
      expect(json).toContain('Vertrouwelijk');
      expect(notice!.card.badge).toEqual({ text: 'Nieuw · Vertrouwelijk', tone: 'attention' });
      expect(json).toContain(`Alleen zichtbaar voor ${orgName(MEANDER)}, ${orgName(RIVIERENNET)}, ${orgName(VROEDSOFT)}, ${orgName(RSO)}`);
    });

    it('an ordinary incident’s card does not', async () => {
      const { file, noticesOf } = await setup();
      const incident = await file(anna, chainDraft());
      expect(JSON.stringify((await noticesOf(incident.id))[0]!.card)).not.toContain('Vertrouwelijk');
    });

    it('get and listOpen hide it from people linked only to other organisations', async () => {
      const { file, service } = await setup();
      const secret = await file(anna, chainDraft({ possibleDataLeak: true }));
      const open = await file(anna, chainDraft({ title: 'Gewoon incident' }));

      // The reporter's organisation, the application administrators (supplier and GtK) and the RSO.
      for (const who of [anna, mark, sanne, bert, rita]) {
        expect((await service.get(who, secret.id)).ok, who.displayName).toBe(true);
        expect((await service.listOpen(who)).map((i) => i.id), who.displayName).toContain(secret.id);
      }
      // Chain coordination (the chain coordinator too), a named provider and an outsider see nothing, not even that it exists.
      for (const who of [tom, chris, willem, henk]) {
        expect(await service.get(who, secret.id), who.displayName).toEqual({ ok: false, problem: { code: 'not-found', id: secret.id } });
        expect((await service.listOpen(who)).map((i) => i.id), who.displayName).not.toContain(secret.id);
      }
      // A chain coordinator linked to an organisation of the audience does see it.
      const chrisAtRso = person('teams', 'chris-rso-aad', 'Chris RSO', [RSO], [{ role: 'chain-coordinator' }]);
      expect((await service.get(chrisAtRso, secret.id)).ok).toBe(true);
      // The ordinary one is visible to the organisations involved and the chain coordinator, not to an outsider.
      for (const who of [tom, chris, willem]) expect((await service.listOpen(who)).map((i) => i.id), who.displayName).toEqual([open.id]);
      expect((await service.listOpen(bert)).map((i) => i.id).sort()).toEqual([secret.id, open.id].sort());
      expect(await service.listOpen(henk)).toEqual([]);
      expect((await service.get(henk, open.id)).ok).toBe(false);
    });

    it('staff outside the audience cannot change it (not-found), staff of the supplier can', async () => {
      const { file, service, clock } = await setup();
      const secret = await file(anna, chainDraft({ possibleDataLeak: true }));
      clock.advance(MINUTE);
      // Chain coordination's staff, the chain coordinator and a named provider's staff are outside the audience.
      expect(await service.take(tom, secret.id)).toEqual({ ok: false, problem: { code: 'not-found', id: secret.id } });
      expect(await service.take(chris, secret.id)).toEqual({ ok: false, problem: { code: 'not-found', id: secret.id } });
      expect(await service.take(willem, secret.id)).toEqual({ ok: false, problem: { code: 'not-found', id: secret.id } });
      expect(succeeded(await service.take(sanne, secret.id)).owner).toEqual({ id: sanne.id, name: 'Sanne Vroedsoft' });
      // Staff of the RSO in the audience can handle it too.
      expect(succeeded(await service.addUpdate(rita, secret.id, 'RSO kijkt mee')).timeline.at(-1)).toMatchObject({ kind: 'update', actor: { id: rita.id } });
    });

    it('is never escalated into broader channels: escalate is refused, nothing posted elsewhere', async () => {
      const { file, service, clock, noticesOf } = await setup();
      const secret = await file(anna, localDraft({ possibleDataLeak: true }));
      expect(secret.audienceIds).toEqual([MEANDER, VROEDSOFT, RSO]);
      clock.advance(MINUTE);
      expect(await service.escalate(dina, secret.id)).toEqual({ ok: false, problem: { code: 'confidential', id: secret.id } });
      expect(await noticesOf(secret.id)).toHaveLength(1);
    });

    it('an outsider escalating a confidential incident at the top layer learns nothing (not-found)', async () => {
      const { file, service } = await setup();
      const secret = await file(anna, chainDraft({ possibleDataLeak: true }));
      expect(await service.escalate(henk, secret.id)).toEqual({ ok: false, problem: { code: 'not-found', id: secret.id } });
    });
  });

  // -------------------------------------------------------------------------------------------
  describe('lifecycle', () => {
    it('take: only support staff of the organisations the card is for (or a chain coordinator)', async () => {
      const { file, service, clock } = await setup();
      const incident = await file(anna, gtkDraft());
      clock.advance(MINUTE);
      // A care professional, even of the coordinating GtK, may not take it.
      expect(await service.take(carla, incident.id)).toEqual({ ok: false, problem: { code: 'forbidden', id: incident.id } });
      // The reporter (a care professional) and the staff of a named provider only see it.
      expect(await service.take(anna, incident.id)).toEqual({ ok: false, problem: { code: 'forbidden', id: incident.id } });
      expect(await service.take(willem, incident.id)).toEqual({ ok: false, problem: { code: 'forbidden', id: incident.id } });
      // An outsider does not even see it.
      expect(await service.take(henk, incident.id)).toEqual({ ok: false, problem: { code: 'not-found', id: incident.id } });
      expect(await service.take(bert, 'INC-2026-0099')).toEqual({ ok: false, problem: { code: 'not-found', id: 'INC-2026-0099' } });

      const taken = succeeded(await service.take(chris, 'inc-2026-1'));
      expect(taken).toMatchObject({ id: incident.id, status: 'in-progress', owner: { id: chris.id, name: 'Chris Ketenregie' }, takenAt: '2026-01-14T09:01:00.000Z' });
    });

    it('the whole way: take, update, resolve, confirm, reopen — one notice revised each time, the reporter told, the timeline in order', async () => {
      const { file, service, clock, noticesOf, deliveriesOf, sendPosts, notifier, stored, auditActions } = await setup();
      const incident = await file(anna, gtkDraft());
      await sendPosts();
      const noticeId = incident.noticeId!;
      const step = async (run: () => Promise<IncidentOutcome>) => {
        clock.advance(5 * MINUTE);
        return succeeded(await run());
      };

      const taken = await step(() => service.take(bert, incident.id));
      expect(taken).toMatchObject({ status: 'in-progress', owner: { id: bert.id, name: 'Bert RivierenNet' }, takenAt: '2026-01-14T09:05:00.000Z', updatedAt: '2026-01-14T09:05:00.000Z' });
      expect(await service.take(bert, incident.id)).toEqual({ ok: false, problem: { code: 'wrong-status', id: incident.id, status: 'in-progress' } });

      const updated = await step(() => service.addUpdate(bert, incident.id, '  Certificaat verlopen, we vernieuwen het  '));
      expect(updated.timeline.at(-1)).toEqual({ at: '2026-01-14T09:10:00.000Z', kind: 'update', actor: { id: bert.id, name: 'Bert RivierenNet' }, text: 'Certificaat verlopen, we vernieuwen het' });

      expect(await service.resolve(bert, incident.id, '   ')).toEqual({ ok: false, problem: { code: 'invalid', fields: { text: { code: 'required' } } } });
      expect(await service.addUpdate(bert, incident.id, '')).toEqual({ ok: false, problem: { code: 'invalid', fields: { text: { code: 'required' } } } });
      expect(await service.addUpdate(bert, incident.id, 'BSN 123 456 782 geeft fout')).toEqual({ ok: false, problem: { code: 'invalid', fields: { text: { code: 'citizen-service-number', found: '123 456 782' } } } });
      expect(await service.confirm(anna, incident.id)).toEqual({ ok: false, problem: { code: 'wrong-status', id: incident.id, status: 'in-progress' } });
      expect(await service.reopen(anna, incident.id)).toEqual({ ok: false, problem: { code: 'wrong-status', id: incident.id, status: 'in-progress' } });

      const resolved = await step(() => service.resolve(bert, incident.id, 'Certificaat vernieuwd'));
      expect(resolved).toMatchObject({ status: 'resolved', resolution: 'Certificaat vernieuwd', resolvedAt: '2026-01-14T09:15:00.000Z' });
      expect(await service.resolve(bert, incident.id, 'nog eens')).toEqual({ ok: false, problem: { code: 'wrong-status', id: incident.id, status: 'resolved' } });
      expect(await service.take(bert, incident.id)).toEqual({ ok: false, problem: { code: 'wrong-status', id: incident.id, status: 'resolved' } });
      // Only the reporter confirms.
      expect(await service.confirm(bert, incident.id)).toEqual({ ok: false, problem: { code: 'not-reporter', id: incident.id } });
      expect(await service.confirm(chris, incident.id)).toEqual({ ok: false, problem: { code: 'not-reporter', id: incident.id } });
      expect(await service.confirm(mark, incident.id)).toEqual({ ok: false, problem: { code: 'not-reporter', id: incident.id } });

      const closed = await step(() => service.confirm(anna, incident.id));
      expect(closed).toMatchObject({ status: 'closed', closedAt: '2026-01-14T09:20:00.000Z' });
      expect(await service.addUpdate(bert, incident.id, 'na sluiten')).toEqual({ ok: false, problem: { code: 'wrong-status', id: incident.id, status: 'closed' } });
      // A care professional who is not the reporter cannot reopen.
      expect(await service.reopen(mark, incident.id)).toEqual({ ok: false, problem: { code: 'forbidden', id: incident.id } });

      const reopened = await step(() => service.reopen(anna, incident.id, 'Toch weer storing'));
      expect(reopened.status).toBe('in-progress');
      for (const key of ['resolution', 'resolvedAt', 'closedAt', 'escalationOfferedAt'] as const) expect(reopened).not.toHaveProperty(key);
      expect(reopened.owner).toEqual({ id: bert.id, name: 'Bert RivierenNet' });

      const resolvedAgain = await step(() => service.resolve(bert, incident.id, 'Nu echt opgelost'));
      const reopenedByStaff = await step(() => service.reopen(bert, incident.id));
      expect(reopenedByStaff.timeline.at(-1)).toEqual({ at: '2026-01-14T09:35:00.000Z', kind: 'reopened', actor: { id: bert.id, name: 'Bert RivierenNet' } });
      expect(resolvedAgain.status).toBe('resolved');

      // The timeline grew in order, one entry per change.
      const final = await stored(incident.id);
      expect(final).toEqual(reopenedByStaff);
      expect(final.timeline.map((e) => [e.kind, e.actor.id, e.at.slice(11, 16)])).toEqual([
        ['filed', anna.id, '09:00'],
        ['taken', bert.id, '09:05'],
        ['update', bert.id, '09:10'],
        ['resolved', bert.id, '09:15'],
        ['closed', anna.id, '09:20'],
        ['reopened', anna.id, '09:25'],
        ['resolved', bert.id, '09:30'],
        ['reopened', bert.id, '09:35'],
      ]);
      expect(await auditActions(incident.id)).toEqual([
        'incident.file', 'incident.posted', 'incident.taken', 'incident.update', 'incident.resolved', 'incident.closed', 'incident.reopened', 'incident.resolved', 'incident.reopened',
      ]);

      // Still ONE notice, revised once per change (7 changes: version 8), its card showing the last state.
      const notices = await noticesOf(incident.id);
      expect(notices).toHaveLength(1);
      expect(notices[0]).toMatchObject({ id: noticeId, version: 8 });
      expect(notices[0]!.card.badge?.text).toBe('In behandeling');

      // Per channel: the post, one update per change (older ones superseded) and a reply with the Dutch note per change.
      const rows = await deliveriesOf(noticeId);
      const expectedNotes = final.timeline.slice(1).map((e) => incidentThreadNote(nl, final, e));
      expect(expectedNotes).toEqual([
        'INC-2026-0001: opgepakt door Bert RivierenNet',
        'INC-2026-0001: update van Bert RivierenNet: Certificaat verlopen, we vernieuwen het',
        'INC-2026-0001: opgelost door Bert RivierenNet: Certificaat vernieuwd',
        'INC-2026-0001: gesloten door Anna Meander',
        'INC-2026-0001: heropend door Anna Meander: Toch weer storing',
        'INC-2026-0001: opgelost door Bert RivierenNet: Nu echt opgelost',
        'INC-2026-0001: heropend door Bert RivierenNet',
      ]);
      const version = (r: DeliveryRowView) => Number(r.idempotency_key.split(':').at(-1));
      for (const linkId of ['l-rivierennet-1', 'l-rivierennet-2']) {
        const mine = rows.filter((r) => r.link_id === linkId);
        expect(mine.filter((r) => r.operation === 'post').map((r) => r.status)).toEqual(['sent']);
        const updates = mine.filter((r) => r.operation === 'update').sort((a, b) => version(a) - version(b));
        expect(updates.map((r) => [version(r), r.status])).toEqual([[2, 'superseded'], [3, 'superseded'], [4, 'superseded'], [5, 'superseded'], [6, 'superseded'], [7, 'superseded'], [8, 'pending']]);
        const replies = mine.filter((r) => r.operation === 'reply').sort((a, b) => version(a) - version(b));
        expect(replies.map((r) => r.text)).toEqual(expectedNotes);
        expect(replies.every((r) => r.status === 'pending')).toBe(true);
      }

      // The reporter was told about every change but her own (confirm, her reopen).
      expect(notifier.told.map((t) => t.key)).toEqual(['incident.personal.taken', 'incident.personal.update', 'incident.personal.resolved', 'incident.personal.resolved', 'incident.personal.reopened']);
      expect(notifier.told.every((t) => t.to.platform === 'slack' && t.to.userId === 'UANNA')).toBe(true);
      expect(notifier.told[1]?.params).toEqual({ id: incident.id, title: 'Overdracht komt niet aan', actor: 'Bert RivierenNet', text: 'Certificaat verlopen, we vernieuwen het', days: 3 });
      // The resolved message says after how many days it closes without an answer (the policy's auto-close period).
      expect(notifier.told[2]?.params).toEqual({ id: incident.id, title: 'Overdracht komt niet aan', actor: 'Bert RivierenNet', text: 'Certificaat vernieuwd', days: DEFAULT_INCIDENT_POLICY.autoCloseDays });
      expect(DEFAULT_INCIDENT_POLICY.autoCloseDays).toBe(3);
    });

    it('before the posts went out, a change adds a reply per channel but no update (the post carries the new card)', async () => {
      const { file, service, clock, deliveriesOf, noticesOf } = await setup();
      const incident = await file(anna, gtkDraft());
      clock.advance(MINUTE);
      succeeded(await service.take(bert, incident.id));
      const rows = await deliveriesOf(incident.noticeId!);
      expect(rows.map((r) => [r.link_id, r.operation, r.status]).sort()).toEqual([
        ['l-rivierennet-1', 'post', 'pending'], ['l-rivierennet-1', 'reply', 'pending'],
        ['l-rivierennet-2', 'post', 'pending'], ['l-rivierennet-2', 'reply', 'pending'],
      ]);
      expect((await noticesOf(incident.id))[0]!.card.badge?.text).toBe('In behandeling');
    });

    it('a local incident in an organisation without channels: changes work, nothing is posted', async () => {
      const { file, service, clock, counts, notifier } = await setup();
      const reporter = person('slack', 'UWIM', 'Wim Waaloever', [WAALOEVER], []);
      const incident = await file(reporter, draft({ organisationIds: [WAALOEVER], applicationIds: [] }));
      clock.advance(MINUTE);
      expect(succeeded(await service.take(willem, incident.id)).status).toBe('in-progress');
      expect(await counts()).toMatchObject({ notices: 0, deliveries: 0 });
      expect(notifier.told.map((t) => [t.to.userId, t.key])).toEqual([['UWIM', 'incident.personal.taken']]);
    });

    it('a stale concurrent change is refused (conflict) and changes nothing', async () => {
      const { file, service, clock, repository, stored, noticesOf, deliveriesOf, notifier } = await setup();
      const incident = await file(anna, gtkDraft());
      clock.advance(MINUTE);
      const before = await stored(incident.id);
      // Someone else takes it …
      succeeded(await service.take(bert, incident.id));
      const afterTake = await stored(incident.id);
      const rowsAfterTake = (await deliveriesOf(incident.noticeId!)).length;
      const toldAfterTake = notifier.told.length;
      // … while this change was working on the copy read before that.
      clock.advance(MINUTE);
      repository.staleCopy = before;
      expect(await service.addUpdate(chris, incident.id, 'Wij nemen het over')).toEqual({ ok: false, problem: { code: 'conflict', id: incident.id } });
      expect(await stored(incident.id)).toEqual(afterTake);
      expect((await noticesOf(incident.id))[0]!.version).toBe(2);
      expect(await deliveriesOf(incident.noticeId!)).toHaveLength(rowsAfterTake);
      expect(notifier.told).toHaveLength(toldAfterTake);
      // Read again, it works.
      expect(succeeded(await service.addUpdate(chris, incident.id, 'Wij nemen het over')).timeline.map((e) => e.kind)).toEqual(['filed', 'taken', 'update']);
    });

    it('a stale change in the same millisecond as the change it missed is still refused', async () => {
      const { file, service, repository } = await setup();
      const incident = await file(anna, gtkDraft());
      succeeded(await service.take(bert, incident.id)); // the clock did not move
      repository.staleCopy = incident; // read before the take
      expect(await service.addUpdate(chris, incident.id, 'tegelijk')).toEqual({ ok: false, problem: { code: 'conflict', id: incident.id } });
    });
  });

  // -------------------------------------------------------------------------------------------
  describe('escalate', () => {
    it('local → gtk → chain → top layer; each new coordinator’s channels get the card as a new notice', async () => {
      const { file, service, clock, noticesOf, deliveriesOf, notifier, sendPosts } = await setup();
      const incident = await file(anna, localDraft());
      await sendPosts();
      const [local] = await noticesOf(incident.id);

      // Only the local organisation's staff (or the chain) may escalate.
      clock.advance(MINUTE);
      expect(await service.escalate(mark, incident.id)).toEqual({ ok: false, problem: { code: 'forbidden', id: incident.id } });
      expect(await service.escalate(henk, incident.id)).toEqual({ ok: false, problem: { code: 'not-found', id: incident.id } });

      // Out of the local layer: the new coordinator AND the administrator of the affected application (Vroedsoft) are alerted.
      const toGtk = succeeded(await service.escalate(dina, incident.id));
      expect(toGtk).toMatchObject({
        layer: 'gtk', coordinatorId: RIVIERENNET, partnerIds: [], reason: { kind: 'escalated', from: 'local', coordinator: orgName(RIVIERENNET) },
        audienceIds: [MEANDER, RIVIERENNET, VROEDSOFT], noticeId: local!.id, status: 'new',
      });
      expect(toGtk.timeline.at(-1)).toEqual({ at: '2026-01-14T09:01:00.000Z', kind: 'escalated', actor: { id: dina.id, name: 'Dina Servicedesk' }, text: orgName(RIVIERENNET) });
      let notices = await noticesOf(incident.id);
      expect(notices).toHaveLength(2);
      expect(notices[0]).toMatchObject({ id: local!.id, version: 2 });
      expect(notices[1]!.card.subtitle).toBe('Incident op GtK-niveau');
      expect((await deliveriesOf(notices[1]!.id)).map((r) => [r.link_id, r.operation]).sort()).toEqual([['l-rivierennet-1', 'post'], ['l-rivierennet-2', 'post'], ['l-vroedsoft', 'post']]);
      // The local channel got the update and a note.
      expect((await deliveriesOf(local!.id)).filter((r) => r.operation === 'reply').map((r) => r.text)).toEqual([`${incident.id}: geëscaleerd door Dina Servicedesk naar ${orgName(RIVIERENNET)}`]);

      clock.advance(MINUTE);
      const toChain = succeeded(await service.escalate(bert, incident.id));
      expect(toChain).toMatchObject({ layer: 'chain', coordinatorId: TWIIN, reason: { kind: 'escalated', from: 'gtk', coordinator: orgName(TWIIN) }, audienceIds: [MEANDER, RIVIERENNET, VROEDSOFT, TWIIN] });
      notices = await noticesOf(incident.id);
      expect(notices).toHaveLength(3);
      expect((await deliveriesOf(notices[2]!.id)).map((r) => [r.link_id, r.operation])).toEqual([['l-twiin', 'post']]);

      clock.advance(MINUTE);
      expect(await service.escalate(chris, incident.id)).toEqual({ ok: false, problem: { code: 'top-layer', id: incident.id } });
      expect(await noticesOf(incident.id)).toHaveLength(3);

      expect(notifier.told.map((t) => [t.key, t.params?.text])).toEqual([
        ['incident.personal.escalated', orgName(RIVIERENNET)],
        ['incident.personal.escalated', orgName(TWIIN)],
      ]);
    });

    it('a resolved incident is not escalated (wrong-status); a common-facility incident is already at the top', async () => {
      const { file, service, clock } = await setup();
      const incident = await file(anna, gtkDraft());
      clock.advance(MINUTE);
      succeeded(await service.resolve(bert, incident.id, 'Opgelost'));
      expect(await service.escalate(bert, incident.id)).toEqual({ ok: false, problem: { code: 'wrong-status', id: incident.id, status: 'resolved' } });
      const facility = await file(anna, draft({ organisationIds: [MEANDER], applicationIds: ['app-zorgadresboek'] }));
      expect(facility.layer).toBe('common-facility');
      expect(await service.escalate(chris, facility.id)).toEqual({ ok: false, problem: { code: 'top-layer', id: facility.id } });
    });

    it('a local incident that had no channel gets its card posted once escalated, and remembers that notice', async () => {
      const { file, service, clock, noticesOf, deliveriesOf, stored } = await setup();
      const incident = await file(willem, draft({ organisationIds: [WAALOEVER], applicationIds: [] }));
      expect(incident.noticeId).toBeUndefined();
      clock.advance(MINUTE);
      const escalated = succeeded(await service.escalate(willem, incident.id));
      expect(escalated).toMatchObject({ layer: 'gtk', coordinatorId: RIVIERENNET, audienceIds: [WAALOEVER, RIVIERENNET] });
      const notices = await noticesOf(incident.id);
      expect(notices).toHaveLength(1);
      expect(escalated.noticeId).toBe(notices[0]!.id);
      expect((await stored(incident.id)).noticeId).toBe(notices[0]!.id);
      expect((await deliveriesOf(notices[0]!.id)).map((r) => r.link_id).sort()).toEqual(['l-rivierennet-1', 'l-rivierennet-2']);
    });

    it('after escalation, later changes also update the card in the new coordinator’s channels', async () => {
      const { file, service, clock, noticesOf, deliveriesOf } = await setup();
      const incident = await file(anna, localDraft());
      clock.advance(MINUTE);
      succeeded(await service.escalate(dina, incident.id));
      clock.advance(MINUTE);
      succeeded(await service.take(bert, incident.id));
      const notices = await noticesOf(incident.id);
      expect(notices).toHaveLength(2);
      expect(notices[1]!.card.badge?.text).toBe('In behandeling');
      expect((await deliveriesOf(notices[1]!.id)).filter((r) => r.operation === 'reply').map((r) => [r.link_id, r.text]).sort()).toEqual([
        ['l-rivierennet-1', `${incident.id}: opgepakt door Bert RivierenNet`],
        ['l-rivierennet-2', `${incident.id}: opgepakt door Bert RivierenNet`],
        ['l-vroedsoft', `${incident.id}: opgepakt door Bert RivierenNet`],
      ]);
    });
  });

  // -------------------------------------------------------------------------------------------
  describe('sweep', () => {
    /** Reminders only: the resolve targets out of the way. */
    const remindersOnly: IncidentPolicy = { ...DEFAULT_INCIDENT_POLICY, resolveWithinHours: { local: 1000, gtk: 1000, chain: 1000, 'common-facility': 1000 } };

    it('a new incident not taken within 30 office minutes of the coordinator gets ONE reminder; a desk closing at 18:00 only counts the next morning', async () => {
      // RivierenNet's desk: mon-fri 08:00-18:00. Filed Wednesday 17:50.
      const { file, service, clock, noticesOf, deliveriesOf, notifier, mailer, stored, sendPosts } = await setup({ start: '2026-01-14T17:50:00+01:00', policy: remindersOnly });
      const incident = await file(anna, gtkDraft({ startedAt: '2026-01-14T17:45:00+01:00' }));
      await sendPosts();
      for (const at of ['2026-01-14T18:00:00+01:00', '2026-01-14T18:20:00+01:00', '2026-01-14T23:59:00+01:00', '2026-01-15T07:59:59+01:00', '2026-01-15T08:19:59+01:00']) {
        clock.set(at);
        expect(await service.sweep(), at).toEqual([]);
      }
      clock.set('2026-01-15T08:20:00+01:00'); // 10 minutes on Wednesday + 20 on Thursday
      expect(await service.sweep()).toEqual([{ id: incident.id, kind: 'reminded' }]);
      // A second sweep at the same time does nothing.
      expect(await service.sweep()).toEqual([]);

      const reminded = await stored(incident.id);
      expect(reminded.status).toBe('new');
      expect(reminded.remindedAt).toBe('2026-01-15T07:20:00.000Z');
      expect(reminded.timeline.map((e) => e.kind)).toEqual(['filed', 'reminded']);
      expect(reminded.timeline[1]).toEqual({ at: '2026-01-15T07:20:00.000Z', kind: 'reminded', actor: { id: 'system', name: 'Ketenbot' } });
      const [notice] = await noticesOf(incident.id);
      expect(notice!.version).toBe(2);
      const replies = (await deliveriesOf(notice!.id)).filter((r) => r.operation === 'reply');
      expect(replies.map((r) => [r.link_id, r.text]).sort()).toEqual([
        ['l-rivierennet-1', `${incident.id}: nog niet opgepakt: wie pakt dit op?`],
        ['l-rivierennet-2', `${incident.id}: nog niet opgepakt: wie pakt dit op?`],
      ]);
      // The reminder is for the coordinator's channels: the reporter gets no personal message.
      expect(notifier.told).toEqual([]);

      // ONE reminder per layer: none after another 30 office minutes, nor later that day.
      for (const at of ['2026-01-15T08:50:00+01:00', '2026-01-15T12:00:00+01:00', '2026-01-16T09:00:00+01:00']) {
        clock.set(at);
        expect(await service.sweep(), at).toEqual([]);
      }
      expect((await stored(incident.id)).timeline.filter((e) => e.kind === 'reminded')).toHaveLength(1);

      // Escalation resets it: the new coordinator (Twiin, 24x7) gets its own reminder after 30 minutes, once.
      succeeded(await service.escalate(bert, incident.id));
      expect(await stored(incident.id)).not.toHaveProperty('remindedAt');
      clock.advance(30 * MINUTE - 1);
      expect(await service.sweep()).toEqual([]);
      clock.advance(1);
      expect(await service.sweep()).toEqual([{ id: incident.id, kind: 'reminded' }]);
      clock.advance(HOUR);
      expect(await service.sweep()).toEqual([]);
      // None once taken.
      succeeded(await service.take(bert, incident.id));
      clock.advance(5 * HOUR);
      expect(await service.sweep()).toEqual([]);
      expect(notifier.told.map((t) => [t.to.userId, t.key])).toEqual([['UANNA', 'incident.personal.escalated'], ['UANNA', 'incident.personal.taken']]);
      // Nor are reminders e-mailed: only the real changes.
      expect(mailer.mailed.map((m) => m.kind)).toEqual(['filed', 'escalated', 'taken']);
    });

    it('filed on a Saturday: no reminder over the weekend, the first one Monday 08:30', async () => {
      const { file, service, clock, stored } = await setup({ start: '2026-01-17T10:00:00+01:00', policy: remindersOnly });
      const incident = await file(anna, gtkDraft({ startedAt: '2026-01-17T09:00:00+01:00' }));
      for (const at of ['2026-01-17T10:30:00+01:00', '2026-01-17T23:00:00+01:00', '2026-01-18T12:00:00+01:00', '2026-01-19T08:00:00+01:00', '2026-01-19T08:29:59+01:00']) {
        clock.set(at);
        expect(await service.sweep(), at).toEqual([]);
      }
      clock.set('2026-01-19T08:30:00+01:00');
      expect(await service.sweep()).toEqual([{ id: incident.id, kind: 'reminded' }]);
      expect(await service.sweep()).toEqual([]);
      expect((await stored(incident.id)).timeline.filter((e) => e.kind === 'reminded')).toHaveLength(1);
    });

    it('a 24x7 coordinator (Twiin) is reminded 30 minutes after filing, also on a Saturday', async () => {
      const { file, service, clock } = await setup({ start: '2026-01-17T10:00:00+01:00', policy: remindersOnly });
      const incident = await file(anna, chainDraft({ startedAt: '2026-01-17T09:00:00+01:00' }));
      clock.set('2026-01-17T10:29:59+01:00');
      expect(await service.sweep()).toEqual([]);
      clock.set('2026-01-17T10:30:00+01:00');
      expect(await service.sweep()).toEqual([{ id: incident.id, kind: 'reminded' }]);
    });

    it('over Christmas (Fri 2026-12-25, a holiday) the office minutes wait until Monday', async () => {
      const { file, service, clock } = await setup({ start: '2026-12-24T17:50:00+01:00', policy: remindersOnly });
      const incident = await file(anna, gtkDraft({ startedAt: '2026-12-24T17:00:00+01:00' }));
      clock.set('2026-12-25T12:00:00+01:00');
      expect(await service.sweep()).toEqual([]);
      clock.set('2026-12-28T08:19:00+01:00');
      expect(await service.sweep()).toEqual([]);
      clock.set('2026-12-28T08:20:00+01:00');
      expect(await service.sweep()).toEqual([{ id: incident.id, kind: 'reminded' }]);
    });

    it('not resolved within the layer’s target hours → escalation offered once, with the action on the card', async () => {
      const { file, service, clock, stored, noticesOf, notifier, mailer } = await setup();
      const incident = await file(anna, gtkDraft());
      clock.advance(5 * MINUTE);
      succeeded(await service.take(bert, incident.id));
      // Target for gtk: 8 hours after filing (10:00 → 18:00).
      clock.set('2026-01-14T17:59:59+01:00');
      expect(await service.sweep()).toEqual([]);
      clock.set('2026-01-14T18:00:00+01:00');
      expect(await service.sweep()).toEqual([{ id: incident.id, kind: 'escalation-offered' }]);
      expect(await service.sweep()).toEqual([]);
      clock.advance(2 * DAY);
      expect(await service.sweep()).toEqual([]);

      const offered = await stored(incident.id);
      expect(offered.escalationOfferedAt).toBe('2026-01-14T17:00:00.000Z');
      expect(offered.timeline.map((e) => e.kind)).toEqual(['filed', 'taken', 'escalation-offered']);
      const card = (await noticesOf(incident.id))[0]!.card;
      expect(card.actions?.map((a) => ('id' in a ? a.id : undefined))).toContain('incident.escalate');
      expect(JSON.stringify(card)).toContain(nl('incident.escalation.offer'));
      // The offer is for the coordinator's channels: the reporter gets no personal message for it.
      expect(notifier.told.map((t) => t.key)).toEqual(['incident.personal.taken']);
      // Nor an e-mail.
      expect(mailer.mailed.map((m) => m.kind)).toEqual(['filed', 'taken']);

      // Escalating clears the offer; the chain is the top layer, so it is never offered again.
      succeeded(await service.escalate(bert, incident.id));
      expect(await stored(incident.id)).not.toHaveProperty('escalationOfferedAt');
      clock.advance(10 * DAY);
      expect(await service.sweep()).toEqual([]);
    });

    it('the target counts office hours from the last escalation or reopening, and a reopened incident may be offered again', async () => {
      const { file, service, clock } = await setup();
      const incident = await file(anna, gtkDraft());
      clock.advance(MINUTE);
      succeeded(await service.take(bert, incident.id));
      clock.set('2026-01-14T18:00:00+01:00');
      expect(await service.sweep()).toEqual([{ id: incident.id, kind: 'escalation-offered' }]);
      succeeded(await service.resolve(bert, incident.id, 'Opgelost'));
      clock.set('2026-01-14T19:00:00+01:00');
      succeeded(await service.reopen(anna, incident.id, 'Nog steeds'));
      // Office hours of RivierenNet (mon-fri 08:00-18:00): reopened after closing time, the 8 hours run from 08:00.
      clock.set('2026-01-15T15:59:59+01:00');
      expect(await service.sweep()).toEqual([]);
      clock.set('2026-01-15T16:00:00+01:00');
      expect(await service.sweep()).toEqual([{ id: incident.id, kind: 'escalation-offered' }]);
    });

    it('resolved and not confirmed for 3 days → closed automatically, the reporter told; a second sweep does nothing', async () => {
      const { file, service, clock, stored, notifier, noticesOf, deliveriesOf } = await setup();
      const incident = await file(anna, gtkDraft());
      clock.advance(30 * MINUTE);
      succeeded(await service.resolve(bert, incident.id, 'Opgelost door herstart'));
      const resolvedAt = clock.ms;
      clock.set(resolvedAt + 3 * DAY - 1);
      expect(await service.sweep()).toEqual([]);
      clock.set(resolvedAt + 3 * DAY);
      expect(await service.sweep()).toEqual([{ id: incident.id, kind: 'closed' }]);
      expect(await service.sweep()).toEqual([]);
      clock.advance(DAY);
      expect(await service.sweep()).toEqual([]);

      const closed = await stored(incident.id);
      expect(closed).toMatchObject({ status: 'closed', closedAt: '2026-01-17T09:30:00.000Z', resolution: 'Opgelost door herstart' });
      expect(closed.timeline.at(-1)).toEqual({ at: '2026-01-17T09:30:00.000Z', kind: 'closed', actor: { id: 'system', name: 'Ketenbot' } });
      expect(notifier.told.map((t) => t.key)).toEqual(['incident.personal.resolved', 'incident.personal.closed']);
      expect((await service.listOpen(anna)).map((i) => i.id)).not.toContain(incident.id);
      const [notice] = await noticesOf(incident.id);
      expect(notice!.card.badge?.text).toBe('Gesloten');
      expect((await deliveriesOf(notice!.id)).filter((r) => r.operation === 'reply').map((r) => r.text)).toContain(`${incident.id}: gesloten door Ketenbot`);
    });

    it('a resolved incident gets no reminders or escalation offers, and closed ones are left alone', async () => {
      const { file, service, clock } = await setup();
      const a = await file(anna, gtkDraft());
      const b = await file(anna, gtkDraft({ title: 'Tweede' }));
      clock.advance(MINUTE);
      succeeded(await service.resolve(bert, a.id, 'Opgelost'));
      succeeded(await service.resolve(bert, b.id, 'Opgelost'));
      clock.advance(MINUTE);
      succeeded(await service.confirm(anna, b.id));
      clock.advance(2 * DAY);
      expect(await service.sweep()).toEqual([]);
      clock.advance(2 * DAY);
      expect(await service.sweep()).toEqual([{ id: a.id, kind: 'closed' }]);
    });

    it('several incidents in one sweep: each gets its own action once', async () => {
      const { file, service, clock } = await setup({ policy: remindersOnly });
      const gtk = await file(anna, gtkDraft());
      const chain = await file(anna, chainDraft());
      const local = await file(anna, localDraft()); // De Meander's desk: mon-fri 08:00-17:00
      clock.advance(30 * MINUTE);
      expect((await service.sweep()).sort((x, y) => x.id.localeCompare(y.id))).toEqual([
        { id: gtk.id, kind: 'reminded' }, { id: chain.id, kind: 'reminded' }, { id: local.id, kind: 'reminded' },
      ]);
      expect(await service.sweep()).toEqual([]);
    });
  });
});
