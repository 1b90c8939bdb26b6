import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { translator } from '../../cards/i18n/translate.ts';
import type { CardView } from '../../cards/views/card-view.ts';
import type { Inbound } from '../../core/conversation/inbound.ts';
import { AMANDUS, as, choiceValues, deliveryRows, DUINZICHT, EPD, facts, grantRoles, input, linkAlertChannels, MEDICURA, onlyModalForm, openDemoHarness, texts, textThenCard, TWIIN, typedValues } from '../support/chain-dialogs.ts';
import type { DialogHarness } from './dialog-harness.ts';

/**
 * The incident form (issue 16, points 4 and 5): sections, choices sorted by name, a compact impact,
 * the line that says who will be alerted (computed by the rules that alert: IncidentService.alerted),
 * "Ontvangers tonen" to see it again after another choice, "Annuleren" that stores nothing, and the
 * reporter named by a name, never "U" (the local web chat's placeholder).
 */

const nl = translator('nl');
const en = translator('en');
const MEANDER = 'org-vp-de-meander';
const XIS = 'app-vroedsoft-xis';
const NURSE = 'nurse';

let h: DialogHarness;
beforeEach(async () => {
  h = await openDemoHarness();
  await grantRoles(h, [NURSE, 'care-professional', AMANDUS], ['midwife', 'care-professional', MEANDER]);
  await linkAlertChannels(h, [AMANDUS, TWIIN, MEDICURA]);
});
afterEach(async () => {
  await h.dispose();
});

const form = async (said = 'meld storing', user = NURSE, locale: 'nl' | 'en' = 'nl'): Promise<CardView> => onlyModalForm(await h.say(said, as(user, { locale })), 'incident.form').card;

describe('the form fits the screen and reads in order', () => {
  it('four sections, in order: what, where, since when and how bad, privacy; the impact is a compact choice', async () => {
    const card = await form();
    expect(texts(card, 'heading')).toEqual([nl('incident.form.section.what'), nl('incident.form.section.where'), nl('incident.form.section.when'), nl('incident.form.section.privacy')]);
    const impact = input(card, 'impact');
    expect(impact.kind === 'choice' && !impact.expanded).toBe(true);
    expect(impact.value).toBe('degraded');
    const english = await form('report incident', NURSE, 'en');
    expect(texts(english, 'heading')).toEqual([en('incident.form.section.what'), en('incident.form.section.where'), en('incident.form.section.when'), en('incident.form.section.privacy')]);
  });

  it('applications and organisations are sorted by name, not by internal id or directory order', async () => {
    const card = await form();
    const directory = await h.services.directory.load();
    const names = (id: 'applications' | 'organisations') => {
      const i = input(card, id);
      return i.kind === 'choice' ? i.choices.map((c) => c.title) : [];
    };
    const sorted = (xs: string[]) => [...xs].sort((a, b) => a.localeCompare(b, 'nl', { sensitivity: 'base' }));
    expect(names('applications')).toEqual(sorted(directory.applications.map((a) => a.name)));
    // Chain coordination and the national helpdesk are not where exchange breaks: not offered.
    expect(names('organisations')).toEqual(sorted(directory.organisations.filter((o) => o.kind !== 'national-coordination' && o.kind !== 'national-helpdesk').map((o) => o.name)));
    expect(names('organisations')[0]).toBe('Geboortenet Categoraal (GtK)');
    expect(choiceValues(card, 'applications')).toHaveLength(directory.applications.length);
  });
});

describe('who will be alerted, before filing', () => {
  it('the defaults (own organisation, local) → only the own organisation\'s channel', async () => {
    const card = await form();
    expect(texts(card, 'muted')).toContain(nl('incident.form.alerted', { organisations: 'Sint Amandus Gasthuis' }));
  });

  it('"Ontvangers tonen" after choosing the EPD and two hospitals → Twiin and Medicura, as filing then does; nothing filed', async () => {
    const card = await form();
    const checked = onlyModalForm(await h.submit('incident.check', { ...typedValues(card), applications: EPD, organisations: `${AMANDUS},${DUINZICHT}`, title: 'EPD ontvangt niets' }, as(NURSE)), 'incident.form').card;
    const line = nl('incident.form.alerted', { organisations: 'Twiin ketenregie, Medicura Zorgsystemen' });
    expect(texts(checked, 'muted')).toContain(line);
    // Values kept, no errors, nothing stored or posted.
    expect(input(checked, 'title').value).toBe('EPD ontvangt niets');
    expect(checked.blocks.some((b) => b.type === 'input' && b.input.error)).toBe(false);
    expect(await h.services.incidentRepository.list({})).toEqual([]);
    expect(await deliveryRows(h)).toEqual([]);
    // Filing it: the same organisations' channels.
    await h.submit('incident.file', { ...typedValues(checked), description: 'Sinds 8 uur komen er geen verloskundige gegevens binnen.' }, as(NURSE));
    const posted = [...new Set((await deliveryRows(h)).map((r) => r.organisation_id))].sort();
    expect(posted).toEqual([MEDICURA, TWIIN].sort());
  });

  it('an organisation without an alert channel is named as such; no organisation chosen → a hint', async () => {
    const card = await form('meld storing', 'midwife');
    expect(texts(card, 'muted')).toContain(nl('incident.form.alerted', { organisations: nl('incident.form.alerted.noChannel', { name: 'Verloskundigenpraktijk De Meander' }) }));
    const none = onlyModalForm(await h.submit('incident.check', { ...typedValues(card), organisations: '' }, as('stranger', { locale: 'en' })), 'incident.form').card;
    expect(texts(none, 'muted')).toContain(en('incident.form.alerted.unknown'));
  });
});

describe('cancel', () => {
  it('"Annuleren" (the forms\' cancel) replaces the form with "Geannuleerd" and stores nothing (nl and en)', async () => {
    for (const locale of ['nl', 'en'] as const) {
      const reply = await h.say(locale === 'nl' ? 'meld storing' : 'report incident', as(NURSE, { locale }));
      const { card, replaceKey } = onlyModalForm(reply, 'incident.form');
      const cancel = card.actions?.find((a) => a.kind === 'submit' && a.id === 'form.cancel');
      expect(cancel?.kind === 'submit' && cancel.ignoresInputs).toBe(true);
      expect(cancel?.label).toBe(translator(locale)('form.cancel'));
      // Filing stays the first button: a Slack modal takes it as its submit (and has its own close).
      expect(card.actions?.[0]).toMatchObject({ id: 'incident.file' });
      // Teams sends only the button's data: no inputs.
      const replies = await h.submit('form.cancel', { ...(cancel?.kind === 'submit' ? cancel.data : {}) }, as(NURSE, { locale }));
      expect(replies).toHaveLength(1);
      expect(replies[0]).toMatchObject({ kind: 'card', replaceKey, card: { kind: 'form.cancelled', fallbackText: translator(locale)('forms.cancelled.short') } });
    }
    expect(await h.services.incidentRepository.list({})).toEqual([]);
    expect(await deliveryRows(h)).toEqual([]);
  });
});

describe('the reporter is named by name', () => {
  const inbound = (name: string | undefined, values: Record<string, unknown> | undefined, text?: string): Inbound => ({
    platform: 'local', actor: { id: 'webchat-user', ...(name ? { name } : {}) }, conversation: { id: 'dm-webchat', kind: 'personal' }, locale: 'nl',
    ...(text ? { text } : {}), ...(values ? { action: { id: 'incident.file', values } } : {}), receivedAt: h.clock.now(),
  });
  const FAULT = { title: 'Medicura EPD traag', description: 'Openen van een dossier duurt minuten.', applications: EPD, organisations: AMANDUS, impact: 'hindrance', startDate: '2025-03-03', startTime: '09:00', dataLeak: 'false' };

  it('the web chat says "U" → no name: the form asks for one, and the card names the reporter by it', async () => {
    const card = onlyModalForm(await h.engine.handle(inbound('U', undefined, 'meld storing')), 'incident.form').card;
    expect(input(card, 'reporterName').label).toBe(nl('incident.form.reporterName'));
    const filed = textThenCard(await h.engine.handle(inbound('U', { ...typedValues(card), ...FAULT, reporterName: 'Fatima el Amrani' })), 'incident').card;
    expect(facts(filed)[nl('incident.fact.reporter')]).toMatch(/^Fatima el Amrani \(Sint Amandus Gasthuis/);
    expect(JSON.stringify(filed)).not.toMatch(/"U \(/);
  });

  it('a platform that gives a name (Teams, Slack) → no name field; the card uses that name', async () => {
    const card = onlyModalForm(await h.engine.handle(inbound('Noor Verpleegkundige', undefined, 'meld storing')), 'incident.form').card;
    expect(card.blocks.some((b) => b.type === 'input' && b.input.id === 'reporterName')).toBe(false);
    const filed = textThenCard(await h.engine.handle(inbound('Noor Verpleegkundige', { ...typedValues(card), ...FAULT })), 'incident').card;
    expect(facts(filed)[nl('incident.fact.reporter')]).toMatch(/^Noor Verpleegkundige \(/);
  });
});

describe('incident wording', () => {
  it('singular and plural written out, no "(s)", no "laag GtK"', () => {
    expect(nl('incident.filed.channels', { channels: 1 })).toBe('De kaart gaat naar 1 meldingskanaal.');
    expect(nl('incident.filed.channels', { channels: 3 })).toBe('De kaart gaat naar 3 meldingskanalen.');
    expect(en('incident.filed.channels', { channels: 1 })).toBe('The card goes to 1 alert channel.');
    expect(en('incident.filed.channels', { channels: 2 })).toBe('The card goes to 2 alert channels.');
    for (const t of [nl, en]) {
      for (const key of ['incident.filed.noChannels', 'incident.route.problem.organisations', 'incident.route.problem.applications', 'incident.subtitle.gtk'] as const) {
        expect(t(key, { ids: 'x', count: 1 })).not.toMatch(/\(s\)|\/-|laag GtK|layer GtK/);
      }
    }
    expect(nl('incident.route.problem.organisations', { ids: 'org-x, org-y', count: 2 })).toBe('Onbekende organisaties: org-x, org-y.');
    expect(nl('incident.route.problem.organisations', { ids: 'org-x', count: 1 })).toBe('Onbekende organisatie: org-x.');
  });
});
