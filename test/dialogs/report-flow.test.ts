import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { translator } from '../../cards/i18n/translate.ts';
import type { CardView } from '../../cards/views/card-view.ts';
import type { Layer } from '../../core/domain/incidents/coordination-layer.ts';
import type { Incident } from '../../core/domain/incidents/types.ts';
import { grantHarnessRole, loadDemoDirectory, onlyCard, onlyText, openDialogHarness, type DialogHarness, type SayOptions } from './dialog-harness.ts';

/**
 * `rapport dag|week [organisatie]` (issue 9 point 3) through the real installed flows on SQLite
 * with the demo directory; the clock stands at Monday 23 November 2026, 08:00 CET, so "week" is
 * week 47 (16–22 November) and "dag" is Sunday 22 November.
 */

const nl = translator('nl');
const en = translator('en');

const R = 'org-gtk-rivierennet';
const R_NAME = 'RivierenNet Zorguitwisseling (GtK)';
const M = 'org-vp-de-meander';
const T = 'org-twiin-ketenregie';
const V = 'org-lev-vroedsoft';

const RN = 'rn-agent';
const STRANGER = 'stranger';
const MEANDER = 'meander-nurse';
const COORDINATOR = 'coordinator';

const SECRET_TITLE = 'GEHEIM Overdracht van mevrouw Jansen';
const SECRET_DESCRIPTION = 'Omschrijving met details die nooit in een rapport mogen staan';

let h: DialogHarness;
beforeEach(async () => {
  h = await openDialogHarness([], { now: new Date('2026-11-23T07:00:00.000Z') });
  await loadDemoDirectory(h);
  await grantHarnessRole(h, RN, 'servicedesk-agent', R);
  await grantHarnessRole(h, MEANDER, 'care-professional', M);
  await grantHarnessRole(h, COORDINATOR, 'chain-coordinator');
  const audit = (id: string) => ({ at: '2026-11-23T07:00:00.000Z', actor: 'test', action: 'test.create', subjectType: 'test', subjectId: id });
  const add = (layer: Layer, o: Partial<Incident> & { createdAt: string }) => h.services.incidentRepository.create({
    title: SECRET_TITLE, description: SECRET_DESCRIPTION, applicationIds: ['app-rivierennet'], organisationIds: [M], impact: 'degraded',
    startedAt: o.createdAt, possibleDataLeak: false, status: 'new', layer, coordinatorId: R, partnerIds: [], reason: { kind: 'one-gtk', providers: 1, gtk: 'RivierenNet' },
    audienceIds: [R], reporter: { id: 'local:meander-nurse', name: 'Marieke', platform: 'local', userId: MEANDER, organisationId: M },
    timeline: [{ at: o.createdAt, kind: 'update', actor: { id: 'x', name: 'Xander' }, text: 'Update-tekst die geheim blijft' }], updatedAt: o.createdAt, ...o,
  }, 2026, audit);
  // Week 47: Monday (taken 10 min, resolved 1 h 05 min), Sunday 23:00 local (chain, open), and one of the week before still open.
  await add('gtk', { createdAt: '2026-11-16T08:00:00.000Z', takenAt: '2026-11-16T08:10:00.000Z', resolvedAt: '2026-11-16T09:05:00.000Z', status: 'resolved' });
  await add('chain', { createdAt: '2026-11-22T22:00:00.000Z', applicationIds: ['app-rivierennet', 'app-vroedsoft-xis'], coordinatorId: T, audienceIds: [T, R, V] });
  await add('gtk', { createdAt: '2026-11-10T10:00:00.000Z' });
});
afterEach(async () => {
  await h.dispose();
});

const as = (user: string, extra: SayOptions = {}): SayOptions => ({ user, conversation: `dm-${user}`, ...extra });
const facts = (card: CardView): Record<string, string> => Object.fromEntries(card.blocks.flatMap((b) => (b.type === 'facts' ? b.facts.map((f) => [f.label, f.value]) : [])));
const listItems = (card: CardView) => card.blocks.flatMap((b) => (b.type === 'list' ? b.items.map((i) => [i.title, i.text]) : []));

describe('rapport week', () => {
  it('a linked person: the report card of their organisation for last week, exact numbers', async () => {
    const card = onlyCard(await h.say('rapport week', as(RN)));
    expect(card.kind).toBe('report');
    expect(card.title).toBe(nl('report.title', { organisation: R_NAME }));
    expect(card.subtitle).toBe(nl('report.period.week', { week: '2026-W47', from: '2026-11-16', to: '2026-11-22' }));
    expect(facts(card)).toEqual({
      [nl('report.fact.opened')]: '2',
      [nl('report.fact.resolved')]: '1',
      [nl('report.fact.open')]: '2',
      [nl('report.fact.byLayer')]: `${nl('incident.layer.gtk')} 1 · ${nl('incident.layer.chain')} 1`,
      [nl('report.fact.byApplication')]: 'RivierenNet uitwisselplatform 2 · Vroedsoft XIS 1',
      [nl('report.fact.take')]: nl('report.fact.times', { median: '10 min', p90: '10 min', count: 1 }),
      [nl('report.fact.resolve')]: nl('report.fact.times', { median: '1 u 05 min', p90: '1 u 05 min', count: 1 }),
      [nl('report.fact.maintenance')]: nl('report.fact.maintenanceValue', { done: 0, coming: 0 }),
      [nl('report.fact.deliveriesFailed')]: '0',
      [nl('report.fact.kbUnanswered')]: '0',
    });
    const l = (layer: string) => nl(`incident.layer.${layer}` as Parameters<typeof nl>[0]);
    const zeros = (over: Record<string, number> = {}) => ['local', 'gtk', 'chain', 'common-facility'].map((x) => `${l(x)} ${over[x] ?? 0}`).join(' · ');
    expect(listItems(card)).toEqual([
      ['2026-11-16', zeros({ gtk: 1 })],
      ['2026-11-17', zeros()],
      ['2026-11-18', zeros()],
      ['2026-11-19', zeros()],
      ['2026-11-20', zeros()],
      ['2026-11-21', zeros()],
      ['2026-11-22', zeros({ chain: 1 })],
    ]);
    const all = JSON.stringify(card);
    for (const secret of [SECRET_TITLE, SECRET_DESCRIPTION, 'Update-tekst', 'Marieke', 'Xander']) expect(all).not.toContain(secret);
    expect(h.errors).toEqual([]);
  });

  it.each([['rapport week RivierenNet'], ['Rapport week rivierennet'], [`rapport week ${R}`], ['rapportage week RivierenNet']])('%j by the linked person: the same card', async (said) => {
    const card = onlyCard(await h.say(said, as(RN)));
    expect(card.title).toBe(nl('report.title', { organisation: R_NAME }));
    expect(facts(card)[nl('report.fact.opened')]).toBe('2');
  });

  it('a chain coordinator may ask for any organisation', async () => {
    const card = onlyCard(await h.say('rapport week Vroedsoft', as(COORDINATOR)));
    expect(card.title).toBe(nl('report.title', { organisation: 'Vroedsoft B.V.' }));
    // Only the chain incident concerns Vroedsoft.
    expect(facts(card)[nl('report.fact.opened')]).toBe('1');
  });

  it('Meander sees the incidents it is named in', async () => {
    const card = onlyCard(await h.say('rapport week', as(MEANDER)));
    expect(card.title).toBe(nl('report.title', { organisation: 'Verloskundigenpraktijk De Meander' }));
    expect(facts(card)[nl('report.fact.opened')]).toBe('2');
  });
});

describe('rapport dag', () => {
  it('a linked person: Sunday 22 November, no per-day list', async () => {
    const card = onlyCard(await h.say('rapport dag', as(RN)));
    expect(card.subtitle).toBe(nl('report.period.day', { day: '2026-11-22' }));
    expect(facts(card)).toMatchObject({ [nl('report.fact.opened')]: '1', [nl('report.fact.resolved')]: '0', [nl('report.fact.open')]: '2' });
    expect(facts(card)[nl('report.fact.take')]).toBe(nl('report.fact.times', { median: '–', p90: '–', count: 0 }));
    expect(listItems(card)).toEqual([]);
  });

  it('"rapport dag Twiin" by someone not linked to it: the forbidden text, no card', async () => {
    expect(onlyText(await h.say('rapport dag Twiin', as(RN)))).toBe(nl('report.forbidden'));
    expect(onlyText(await h.say('rapport dag Twiin', as(STRANGER)))).toBe(nl('report.forbidden'));
  });

  it('an organisation that does not exist: the unknown text, with the name as typed', async () => {
    expect(onlyText(await h.say('rapport dag Bestaatniet', as(RN)))).toBe(nl('report.unknownOrganisation', { query: 'Bestaatniet' }));
    expect(onlyText(await h.say('rapport week Kraamzorg De Ooievaar?', as(RN)))).toBe('Ik ken geen organisatie "Kraamzorg De Ooievaar".');
  });

  it('someone linked to no organisation and asking for none: which organisation?', async () => {
    expect(onlyText(await h.say('rapport dag', as(STRANGER)))).toBe(nl('report.noOrganisation'));
  });
});

describe('in English', () => {
  it('"report week": the English card', async () => {
    const card = onlyCard(await h.say('report week', as(RN, { locale: 'en' })));
    expect(card.title).toBe(en('report.title', { organisation: R_NAME }));
    expect(card.subtitle).toBe(en('report.period.week', { week: '2026-W47', from: '2026-11-16', to: '2026-11-22' }));
    expect(facts(card)).toMatchObject({
      [en('report.fact.opened')]: '2',
      [en('report.fact.resolve')]: en('report.fact.times', { median: '1 h 05 min', p90: '1 h 05 min', count: 1 }),
    });
    expect(card.blocks.some((b) => b.type === 'text' && b.text === en('report.metadataOnly'))).toBe(true);
  });

  it('"report day Twiin" by someone not linked: the English forbidden text', async () => {
    expect(onlyText(await h.say('report day Twiin', as(RN, { locale: 'en' })))).toBe(en('report.forbidden'));
  });

  it('"report day" by someone linked nowhere: the English question', async () => {
    expect(onlyText(await h.say('report day', as(STRANGER, { locale: 'en' })))).toBe(en('report.noOrganisation'));
  });
});

describe('routing', () => {
  it('"rapport" alone or "rapport maand" is not this flow', async () => {
    for (const said of ['rapport', 'rapport maand']) {
      const replies = await h.say(said, as(RN));
      expect(replies.some((r) => r.kind === 'card' && r.card.kind === 'report'), said).toBe(false);
    }
  });

  it('the help card lists reports', async () => {
    const replies = await h.say('help', as(RN));
    expect(JSON.stringify(replies)).toContain(nl('report.capability.title'));
  });
});
