import { describe, expect, it } from 'vitest';
import { translator } from '../../../../cards/i18n/translate.ts';
import { incidentCard } from '../../../../cards/views/incident-cards.ts';
import type { CardView } from '../../../../cards/views/card-view.ts';
import type { IncidentDraft } from '../../../../core/domain/incidents/types.ts';
import { chainServices, channelLink, deliveryRows, noticesAbout, person, SAMPLE_DIRECTORY, succeeded } from '../../../support/chain-services.ts';
import { databasePerTest } from '../../../support/databases.ts';

/**
 * An organisation a reporter only claimed (chosen in the decision tree or the form, not linked by an
 * invitation) is never shown as checked: every card says "volgens de melder", and the report reaches
 * other organisations' alert channels only after someone who coordinates it has seen that and acted.
 */

const MEANDER = 'org-vp-de-meander';
const WAALOEVER = 'org-vp-waaloever';
const RIVIERENNET = 'org-gtk-rivierennet';
const VROEDSOFT = 'org-lev-vroedsoft';
const RSO = 'org-rso-rivierenland';
const TWIIN = 'org-twiin-ketenregie';
const WED_10 = '2026-01-14T10:00:00+01:00';

const LINKS = [
  channelLink('l-meander', MEANDER, 'slack', 'C-MEANDER'),
  channelLink('l-rivierennet', RIVIERENNET, 'slack', 'C-RIVIERENNET'),
  channelLink('l-vroedsoft', VROEDSOFT, 'slack', 'C-VROEDSOFT'),
  channelLink('l-rso', RSO, 'slack', 'C-RSO'),
  channelLink('l-twiin', TWIIN, 'teams', '19:twiin@thread.tacv2'),
];

/** Anna is linked to nothing: she only says she works at De Meander. */
const anna = person('slack', 'UANNA', 'Anna Zorg', [], []);
const linkedAnna = person('slack', 'UANNA2', 'Anna Meander', [MEANDER], [{ role: 'care-professional', organisationId: MEANDER }]);
const bert = person('slack', 'UBERT', 'Bert RivierenNet', [RIVIERENNET], [{ role: 'servicedesk-agent', organisationId: RIVIERENNET }]);
const tom = person('teams', 'tom-aad', 'Tom Twiin', [TWIIN], [{ role: 'servicedesk-agent', organisationId: TWIIN }]);
const mia = person('slack', 'UMIA', 'Mia Meander', [MEANDER], [{ role: 'servicedesk-agent', organisationId: MEANDER }]);

const draft = (o: Partial<IncidentDraft> = {}): IncidentDraft => ({
  title: 'Overdracht komt niet aan', description: 'Sinds vanochtend komen overdrachten niet aan.', applicationIds: ['app-rivierennet'],
  organisationIds: [MEANDER, WAALOEVER], impact: 'degraded', startedAt: '2026-01-14T09:30:00+01:00', possibleDataLeak: false, ...o,
});
const nl = translator('nl');
const texts = (card: CardView) => JSON.stringify(card);
const alerted = async (db: Parameters<typeof deliveryRows>[0], id: string) =>
  (await Promise.all((await noticesAbout(db, id)).map((n) => deliveryRows(db, n.id)))).flat().filter((r) => r.operation === 'post').map((r) => r.organisation_id).sort();

describe.each(['sqlite'] as const)('a claimed organisation (%s)', (kind) => {
  const databases = databasePerTest(kind);
  let opened: Awaited<ReturnType<typeof databases.open>>;
  const db = () => opened;

  it('a linked reporter: the card names the organisation plainly and every audience is alerted at once', async () => {
    opened = await databases.open();
    const { services } = await chainServices(db(), { start: WED_10, links: LINKS });
    const incident = succeeded(await services.incidents.file(linkedAnna, MEANDER, draft({ applicationIds: ['app-rivierennet', 'app-vroedsoft-xis'] })));
    expect(incident.reporter.organisationClaimed).toBeUndefined();
    expect(incident.heldAudienceIds).toBeUndefined();
    expect(texts(incidentCard(nl, incident, SAMPLE_DIRECTORY))).not.toContain('volgens de melder');
  });

  it('an unlinked reporter: "volgens de melder" on the card, only the coordinator alerted; the others once the coordinator takes it', async () => {
    opened = await databases.open();
    const { services } = await chainServices(db(), { start: WED_10, links: LINKS });
    // Two applications: chain coordination (Twiin) coordinates, RivierenNet and Vroedsoft administer them.
    const filed = succeeded(await services.incidents.file(anna, MEANDER, draft({ applicationIds: ['app-rivierennet', 'app-vroedsoft-xis'] })));
    expect(filed.reporter.organisationClaimed).toBe(true);
    expect(filed.coordinatorId).toBe(TWIIN);
    expect(filed.audienceIds).toEqual([TWIIN]);
    expect(filed.heldAudienceIds).toEqual(expect.arrayContaining([RIVIERENNET, VROEDSOFT]));
    const card = texts(incidentCard(nl, filed, SAMPLE_DIRECTORY));
    expect(card).toContain('Anna Zorg (Verloskundigenpraktijk De Meander, volgens de melder)');
    expect(card).toContain('Niet gecontroleerd');
    // What went out: the coordinator's channel only, and its card says the claim is unverified.
    expect(await alerted(db(), filed.id)).toEqual([TWIIN]);
    const [notice] = await noticesAbout(db(), filed.id);
    expect(texts(notice!.card)).toContain('volgens de melder');

    // The coordinator takes it: now the held organisations' channels get the card too, still marked.
    const taken = succeeded(await services.incidents.take(tom, filed.id));
    expect(taken.heldAudienceIds).toBeUndefined();
    expect(taken.audienceIds).toEqual(expect.arrayContaining([TWIIN, RIVIERENNET, VROEDSOFT]));
    expect(await alerted(db(), filed.id)).toEqual([RIVIERENNET, TWIIN, VROEDSOFT].sort());
    const notices = await noticesAbout(db(), filed.id);
    expect(notices.every((n) => texts(n.card).includes('volgens de melder'))).toBe(true);
  });

  it('the reporter acting on their own report releases nothing', async () => {
    opened = await databases.open();
    const { services } = await chainServices(db(), { start: WED_10, links: LINKS });
    const filed = succeeded(await services.incidents.file(anna, MEANDER, draft({ applicationIds: ['app-rivierennet', 'app-vroedsoft-xis'] })));
    const held = filed.heldAudienceIds ?? [];
    expect(held.length).toBeGreaterThan(0);
    const updated = succeeded(await services.incidents.addUpdate(anna, filed.id, 'Nog steeds niets binnen.'));
    expect(updated.heldAudienceIds).toEqual(held);
    expect(updated.audienceIds).toEqual(filed.audienceIds);
  });

  it('a possible data leak on a claimed organisation: the claimed organisation\'s own channel sees it first, the supplier and the RSO only after', async () => {
    opened = await databases.open();
    const { services } = await chainServices(db(), { start: WED_10, links: LINKS });
    const filed = succeeded(await services.incidents.file(anna, MEANDER, draft({ possibleDataLeak: true, organisationIds: [MEANDER], applicationIds: ['app-vroedsoft-xis'] })));
    expect(filed.audienceIds).toEqual([MEANDER]);
    expect(filed.heldAudienceIds).toEqual(expect.arrayContaining([VROEDSOFT, RSO]));
    expect(await alerted(db(), filed.id)).toEqual([MEANDER]);
    const taken = succeeded(await services.incidents.take(mia, filed.id));
    expect(taken.audienceIds).toEqual(expect.arrayContaining([MEANDER, VROEDSOFT, RSO]));
  });
});
