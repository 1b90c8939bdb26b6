import { describe, expect, it } from 'vitest';
import { translator } from '../../../cards/i18n/translate.ts';
import { loadDefaultTree } from '../../../bot/default-tree.ts';
import type { OutcomeNode, Text } from '../../../core/domain/decision-tree/types.ts';
import type { Locale } from '../../../core/conversation/locale.ts';
import { grantHarnessRole, type DialogHarness, useDemoHarness } from '../dialog-harness.ts';
import { allText, choices, deskLines, heading, listItems, styled, texts, TreeWalker } from './tree-walker.ts';

/**
 * The situations of issue 16, as the people involved type and click them: `[person says, bot
 * answers]`, in Dutch and in English, through the real engine with the demo directory. Each walk
 * checks the step numbers the person sees, the tips that fit the branch, the wording for care or
 * servicedesk staff, and the desks the outcome names.
 */

const TREE = loadDefaultTree();
const node = (id: string) => TREE.nodes.find((n) => n.id === id)!;
const outcome = (id: string) => node(id) as OutcomeNode;
const checks = (id: string, field: 'checks' | 'checksForDesk' = 'checks') => ((node(id) as unknown as Record<string, Text[]>)[field] ?? []);

let h: DialogHarness;
useDemoHarness((opened) => (h = opened));

/** What the bot answers: a step (heading and step number), or an outcome (title, desks). */
type Answer =
  | { step: string; number: number; advice?: boolean; warning?: string }
  | { outcome: string; desks: string[]; forDesk?: boolean };
type Turn = [says: string | { click: string }, answers: Answer];

async function converse(w: TreeWalker, locale: Locale, turns: Turn[]) {
  const t = translator(locale);
  for (const [says, answers] of turns) {
    const card = typeof says === 'string' ? await w.say(says) : await w.click(says.click);
    const where = `after ${JSON.stringify(says)}`;
    if ('step' in answers) {
      expect(heading(card), where).toBe(answers.step);
      expect(card.subtitle, where).toBe(t(answers.advice ? 'tree.advice.step' : 'tree.step', { number: answers.number }));
      if (answers.warning) expect(styled(card, 'warning'), where).toEqual([answers.warning]);
      else expect(styled(card, 'warning'), where).toEqual([]);
    } else {
      const o = outcome(answers.outcome);
      expect(card.kind, where).toBe('tree.outcome');
      expect(card.title, where).toBe(o.title[locale]);
      expect(texts(card), where).toContain((answers.forDesk && o.textForDesk ? o.textForDesk : o.text)[locale]);
      expect(deskLines(card), where).toEqual(answers.desks);
    }
  }
  return w.card;
}

const NL = translator('nl');
const EN = translator('en');
const q = (id: string, l: Locale = 'nl') => node(id).text[l];

describe('a midwife of De Meander whose password is refused', () => {
  it.each([
    ['nl', 'ik heb een probleem', 'verloskundigenpraktijk de meandr', 'mijn wachtwoord wordt geweigerd', 'Inloggen of wachtwoord', 'dit hielp niet'],
    ['en', 'I have a problem', 'verloskundigenpraktijk de meandr', 'my password is refused', 'Log-in or password', 'this did not help'],
  ] as const)('%s: typed organisation with a typo, password tips (not "close the program"), her own practice\'s desk', async (l, start, org, problem, choice, no) => {
    const w = new TreeWalker(h, { locale: l, user: 'midwife' });
    const card = await converse(w, l, [
      [start, { step: translator(l)('tree.org.question'), number: 1 }],
      [org, { step: q('start', l), number: 2 }],
      [problem, { step: q('own', l), number: 3 }],
      [{ click: choice }, { step: q('own-login-advice', l), number: 4, advice: true }],
    ]);
    // The tips are a list, about passwords and cards, not about restarting a program.
    expect(listItems(card)).toEqual(checks('own-login-advice').map((c) => c[l]));
    expect(allText(card)).not.toMatch(/Sluit het programma af|Close the program/);
    const end = await converse(w, l, [[no, { outcome: 'own-login', desks: ['Praktijkondersteuning De Meander'] }]]);
    expect(styled(end, 'muted')).toContain(translator(l)('tree.outcome.assumed', { name: 'Verloskundigenpraktijk De Meander' }));
    expect(listItems(end)).toEqual(outcome('own-login').prepare.map((p) => p[l]));
  });
});

describe('a nurse at Lindendael whose regional viewer is empty for every client', () => {
  it.each([
    ['nl', 'ik heb een probleem', 'Ziekenhuis Lindendael', 'de regionale viewer', 'leeg bij alle cliënten', 'nee', 'alleen in onze regio'],
    ['en', 'I have a problem', 'Ziekenhuis Lindendael', 'the regional viewer', 'empty for every client', 'no', 'only in our region'],
  ] as const)('%s: tips for an empty viewer, then "regional or national?", regional → RSO Rivierenland', async (l, start, org, topic, what, no, scope) => {
    const w = new TreeWalker(h, { locale: l, user: 'nurse' });
    await converse(w, l, [
      [start, { step: translator(l)('tree.org.question'), number: 1 }],
      [{ click: org }, { step: q('start', l), number: 2 }],
      [topic, { step: q('regional', l), number: 3 }],
    ]);
    const advice = await converse(w, l, [[what, { step: q('viewer-all-advice', l), number: 4, advice: true }]]);
    expect(listItems(advice)).toEqual(checks('viewer-all-advice').map((c) => c[l]));
    expect(allText(advice)).not.toMatch(/juiste cliënt|right client/);
    await converse(w, l, [
      [no, { step: q('viewer-scope', l), number: 5 }],
      [scope, { outcome: 'rso', desks: ['Regionale helpdesk RSO Rivierenland'] }],
    ]);
  });
});

describe('a maternity carer of Ooievaarsnest who sent a handover to the wrong practice', () => {
  it.each([
    ['nl', 'ik heb een overdracht naar de verkeerde praktijk gestuurd', 'waaloever', 'vroedsoft'],
    ['en', 'I sent a handover to the wrong practice', 'waaloever', 'vroedsoft'],
  ] as const)('%s: the recipient, the supplier (processor agreement) and the RSO, with the patient-data warning', async (l, says, recipient, system) => {
    await grantHarnessRole(h, 'carer', 'care-professional', 'org-kz-ooievaarsnest');
    const w = new TreeWalker(h, { locale: l, user: 'carer' });
    await converse(w, l, [
      [l === 'nl' ? 'ik heb een probleem' : 'I have a problem', { step: q('start', l), number: 1 }],
      [says, { step: q('security-recipient', l), number: 2 }],
      [recipient, { step: q('security-recipient-app', l), number: 3 }],
    ]);
    // Only the systems Ooievaarsnest uses are offered.
    expect(choices(w.card).map((c) => c.title)).toContain('Vroedsoft XIS');
    expect(choices(w.card).map((c) => c.title)).not.toContain('Medicura EPD');
    const end = await converse(w, l, [[system, { outcome: 'security-recipient-outcome', desks: ['Praktijkbeheer Waaloever', 'Klantenservice Vroedsoft (XIS)', 'Regionale helpdesk RSO Rivierenland'] }]]);
    expect(styled(end, 'warning')).toContain(outcome('security-recipient-outcome').warning![l]);
    expect(styled(end, 'heading')).toContain(outcome('security-recipient-outcome').desks[0]!.role[l]);
  });
});

describe('an RSO employee (servicedesk agent) after a national update', () => {
  it.each([
    ['nl', 'ik heb een probleem', 'regionale viewer', 'leeg bij alle cliënten', 'nee', 'landelijk, na een landelijke update'],
    ['en', 'I have a problem', 'regional viewer', 'empty for every client', 'no', 'national, after a national update'],
  ] as const)('%s: servicedesk tips, the national question, the national helpdesk in servicedesk wording; the RSO is their own', async (l, start, topic, what, no, scope) => {
    await grantHarnessRole(h, 'rso', 'servicedesk-agent', 'org-rso-rivierenland');
    const w = new TreeWalker(h, { locale: l, user: 'rso' });
    // Linked to the RSO in Ketenbot: not asked where they work.
    await converse(w, l, [
      [start, { step: q('start', l), number: 1 }],
      [topic, { step: q('regional', l), number: 2 }],
    ]);
    const advice = await converse(w, l, [[what, { step: q('viewer-all-advice', l), number: 3, advice: true }]]);
    expect(listItems(advice)).toEqual(checks('viewer-all-advice', 'checksForDesk').map((c) => c[l]));
    const end = await converse(w, l, [
      [no, { step: q('viewer-scope', l), number: 4 }],
      [scope, { outcome: 'viewer-national', desks: ['Regionale helpdesk RSO Rivierenland', 'Landelijke Helpdesk Digitale Zorg'], forDesk: true }],
    ]);
    expect(styled(end, 'heading')).toContain(outcome('viewer-national').desks[1]!.roleForDesk![l]);
    expect(styled(end, 'muted')).toContain(translator(l)('tree.desk.yours'));
    expect(texts(end).join(' ')).not.toMatch(/uw eigen helpdesk|your own helpdesk/i);
  });
});

describe('a GtK servicedesk agent whose exchange platform is down', () => {
  it.each([
    ['nl', 'ik heb een probleem', 'rivierennet', 'berichten komen niet aan', 'het uitwisselplatform ligt eruit'],
    ['en', 'I have a problem', 'rivierennet', 'messages do not arrive', 'the exchange platform is down'],
  ] as const)('%s: working at RivierenNet (chosen, not linked): they coordinate; several GtKs → Twiin ketenregie; never "your own helpdesk makes that report"', async (l, start, org, topic, what) => {
    const w = new TreeWalker(h, { locale: l, user: 'gtk' });
    await converse(w, l, [
      [start, { step: translator(l)('tree.org.question'), number: 1 }],
      [org, { step: q('start', l), number: 2 }],
      [topic, { step: q('link-what', l), number: 3 }],
      [what, { step: q('gtk-app', l), number: 4 }],
    ]);
    const end = await converse(w, l, [[{ click: 'RivierenNet uitwisselplatform' }, { outcome: 'gtk-down', desks: ['Servicedesk RivierenNet', 'Twiin ketenregie (meldpunt)'], forDesk: true }]]);
    expect(styled(end, 'heading')).toContain(outcome('gtk-down').desks[0]!.roleForDesk![l]);
    expect(styled(end, 'muted')).toContain(translator(l)('tree.desk.yours'));
    expect(listItems(end)).toEqual(outcome('gtk-down').prepareForDesk!.map((p) => p[l]));
    expect(allText(end)).not.toMatch(/Meestal doet uw eigen helpdesk|Usually your own helpdesk/);
  });
});

describe('supplier staff (Vroedsoft servicedesk) whose messages do not arrive anywhere', () => {
  it.each([
    ['nl', 'ik heb een probleem', 'berichten', 'van of naar iedereen'],
    ['en', 'I have a problem', 'messages', 'to or from everyone'],
  ] as const)('%s: their own system; the GtKs of the practices using it; servicedesk wording', async (l, start, topic, scope) => {
    await grantHarnessRole(h, 'supplier', 'servicedesk-agent', 'org-lev-vroedsoft');
    const w = new TreeWalker(h, { locale: l, user: 'supplier' });
    await converse(w, l, [
      [start, { step: q('start', l), number: 1 }],
      [topic, { step: q('link-what', l), number: 2 }],
      [scope, { step: q('link-app', l), number: 3 }],
    ]);
    expect(choices(w.card).map((c) => c.title)).toEqual(['Vroedsoft XIS', translator(l)('tree.choice.unknown')]);
    const end = await converse(w, l, [[{ click: 'Vroedsoft XIS' }, {
      outcome: 'link', forDesk: true,
      desks: ['Klantenservice Vroedsoft (XIS)', 'Servicedesk Geboortenet', 'Servicedesk WestLink', 'Servicedesk RivierenNet'],
    }]]);
    expect(styled(end, 'muted')).toContain(translator(l)('tree.desk.yours'));
    expect(allText(end)).not.toMatch(/Meestal doet uw eigen helpdesk|Usually your own helpdesk/);
  });
});

describe('someone whose organisation is not listed', () => {
  it.each([
    ['nl', 'ik heb een probleem', 'staat er niet bij', 'inloggen', 'Inloggen of wachtwoord', 'nee'],
    ['en', 'I have a problem', 'not listed', 'log in', 'Log-in or password', 'no'],
  ] as const)('%s: goes on without one; the outcome explains how to find their own desk; not asked again next time', async (l, start, notListed, topic, choice, no) => {
    const t = translator(l);
    const w = new TreeWalker(h, { locale: l, user: 'unlisted' });
    await converse(w, l, [[start, { step: t('tree.org.question'), number: 1 }]]);
    expect(choices(w.card).at(-1)).toEqual({ title: t('tree.org.notListed'), value: '__none', description: t('tree.org.notListed.description') });
    // "Verder" with nothing chosen says what to do, in the card (no silent loop).
    expect(styled(await w.pressNextWithoutChoice(), 'warning')).toEqual([t('tree.org.choose')]);
    const end = await converse(w, l, [
      [notListed, { step: q('start', l), number: 2 }],
      [topic, { step: q('own', l), number: 3 }],
      [{ click: choice }, { step: q('own-login-advice', l), number: 4, advice: true }],
      [no, { outcome: 'own-login', desks: [] }],
    ]);
    expect(styled(end, 'muted')).toEqual(expect.arrayContaining([t('tree.note.unknown-organisation'), t('tree.outcome.assumedNone')]));
    expect(end.actions?.map((a) => a.label)).toContain(t('tree.outcome.changeOrganisation'));
    // Remembered: the next run starts at the first question.
    expect(heading(await w.say(start))).toBe(q('start', l));
  });

  it('the regional viewer without an organisation: every RSO and the national helpdesk, saying the region is unknown', async () => {
    const w = new TreeWalker(h, { user: 'unlisted' });
    await w.say('ik heb een probleem');
    await w.say('staat er niet bij');
    await w.say('viewer');
    await w.say('bij één cliënt ontbreekt iets');
    const end = await w.say('dit hielp niet');
    expect(deskLines(end)).toEqual(['Regionale helpdesk RSO Rivierenland', 'Landelijke Helpdesk Digitale Zorg']);
    expect(styled(end, 'muted')).toContain(NL('tree.note.rso-region-unknown'));
  });

  it('an account question without an organisation: who arranges accounts and how to get connected', async () => {
    const w = new TreeWalker(h, { user: 'unlisted', locale: 'en' });
    await w.say('I have a problem');
    await w.say('not listed');
    const end = await w.say('my invitation expired');
    expect(end.title).toBe(outcome('account').title.en);
    expect(styled(end, 'muted')).toContain(EN('tree.note.administrator-unlisted'));
  });
});

describe('typed organisation names', () => {
  it.each([
    ['ziekenhuis lindedael', 'Ziekenhuis Lindendael'],
    ['Sint Amandus', 'Sint Amandus Gasthuis'],
    ['rso rivierenland', 'RSO Rivierenland'],
    ['geboortenet', 'Geboortenet Categoraal (GtK)'],
    ['Vroedsoft', 'Vroedsoft B.V.'],
    ['twiin', 'Twiin ketenregie'],
  ])('%j → %s (any kind of organisation)', async (typed, name) => {
    const w = new TreeWalker(h);
    await w.say('ik heb een probleem');
    expect(heading(await w.say(typed))).toBe(q('start'));
    const card = await w.say('account');
    expect(styled(card, 'muted')).toContain(NL('tree.outcome.assumed', { name }));
  });

  it('a name that fits nothing, and one that fits several, say so and keep the question', async () => {
    const w = new TreeWalker(h);
    await w.say('ik heb een probleem');
    expect(styled(await w.say('Zorgring'), 'warning')).toEqual([NL('tree.org.unmatched', { query: 'Zorgring' })]);
    const several = await w.say('kraamzorg');
    expect(heading(several)).toBe(NL('tree.org.question'));
    expect(styled(several, 'warning')[0]).toMatch(/^Meerdere organisaties lijken op "kraamzorg": .*Kraamzorg Het Getij.*Kraamzorg Ooievaarsnest/);
  });

  it('the list offers every kind, care providers first, then RSOs, GtK service providers, suppliers and chain coordination, by name; "Staat er niet bij" last', async () => {
    const w = new TreeWalker(h);
    const card = await w.say('ik heb een probleem');
    const titles = choices(card).map((c) => c.title);
    const at = (name: string) => titles.indexOf(name);
    expect(at('Jeugdgezondheidszorg Betuwe-Maas')).toBe(0);
    expect(at('Ziekenhuis Lindendael')).toBeLessThan(at('RSO Rivierenland'));
    expect(at('RSO Rivierenland')).toBeLessThan(at('Geboortenet Categoraal (GtK)'));
    expect(at('RivierenNet Zorguitwisseling (GtK)')).toBeLessThan(at('Medicura Zorgsystemen'));
    expect(at('Vroedsoft B.V.')).toBeLessThan(at('Twiin ketenregie'));
    expect(titles).toHaveLength(24);
    expect(titles.at(-1)).toBe(NL('tree.org.notListed'));
    expect(choices(card).find((c) => c.title === 'RSO Rivierenland')?.description).toBe('RSO · Rivierenland');
  });
});

describe('changing the organisation', () => {
  it('"Andere organisatie" on the outcome asks again and shows the same outcome for the new organisation', async () => {
    const w = new TreeWalker(h, { user: 'midwife' });
    await w.say('ik heb een probleem');
    await w.click('Ziekenhuis Lindendael');
    await w.say('datalek');
    const first = await w.click('Medicura EPD');
    expect(deskLines(first)).toEqual(['Support Medicura EPD', 'Regionale helpdesk RSO Rivierenland']);
    const asked = await w.click(NL('tree.outcome.changeOrganisation'));
    expect(heading(asked)).toBe(NL('tree.org.question'));
    const again = await w.click('Verloskundigenpraktijk Helmgras');
    expect(styled(again, 'muted')[0]).toBe(NL('tree.org.changed', { name: 'Verloskundigenpraktijk Helmgras' }));
    expect(again.title).toBe(outcome('security').title.nl);
    expect(deskLines(again)).toEqual(['Support Medicura EPD', 'Landelijke Helpdesk Digitale Zorg']);
    expect(styled(again, 'muted')).toContain(NL('tree.outcome.assumed', { name: 'Verloskundigenpraktijk Helmgras' }));
    // Remembered for next time.
    await w.say('ik heb een probleem');
    const next = await w.say('account');
    expect(styled(next, 'muted')).toContain(NL('tree.outcome.assumed', { name: 'Verloskundigenpraktijk Helmgras' }));
  });

  it('"andere organisatie" typed in the middle of a run asks, then returns to the same step', async () => {
    const w = new TreeWalker(h);
    await w.say('ik heb een probleem');
    await w.say('Ziekenhuis Lindendael');
    await w.say('berichten');
    expect(heading(await w.say('andere organisatie'))).toBe(NL('tree.org.question'));
    const back = await w.say('kraamzorg wiegewijs');
    expect(heading(back)).toBe(q('link-what'));
    const end = await w.say('van of naar één zorgaanbieder');
    // Wiegewijs itself is not offered as "the other provider".
    expect(choices(end).map((c) => c.title)).not.toContain('Kraamzorg Wiegewijs');
    const card = await w.say('Ziekenhuis Duinzicht');
    expect(deskLines(card)).toEqual(['Servicedesk Informatievoorziening Duinzicht', 'ICT-helpdesk Kraamzorg Wiegewijs']);
  });

  it.each([
    ['nl', 'mijn organisatie', 'andere organisatie', 'ik heb een probleem'],
    ['en', 'my organisation', 'change organisation', 'I have a problem'],
  ] as const)('%s: "%s" shows it (and a button to change it), "%s" changes it and goes on with the first question', async (l, show, change, start) => {
    const t = translator(l);
    const w = new TreeWalker(h, { locale: l });
    const none = await w.say(show);
    expect(texts(none)).toEqual([t('organisation.show.none')]);
    const asked = await w.say(change);
    expect(heading(asked)).toBe(t('tree.org.question'));
    expect(styled(await w.say('Bakkerij de Korenbloem'), 'warning')).toEqual([t('tree.org.unmatched', { query: 'Bakkerij de Korenbloem' })]);
    const root = await w.say('de zeester');
    expect(heading(root)).toBe(q('start', l));
    expect(styled(root, 'muted')[0]).toBe(t('tree.org.changed', { name: 'Verloskundigen De Zeester' }));
    // "mijn organisatie" while the question is open: a quick look-up, the question stays open.
    const shown = await w.say(show);
    expect(texts(shown)).toEqual([t('organisation.show.known', { name: 'Verloskundigen De Zeester' }), t('organisation.show.chosen')]);
    expect((await h.activeState({ locale: l }))?.flowId).toBe('tree');
    expect(heading(await w.say(start))).toBe(q('start', l));
    await h.say('stop', { locale: l });
    // The button on "mijn organisatie" asks with the current one selected; a choice is confirmed; "Annuleren" keeps it.
    await w.say(show);
    const again = await w.click(t('organisation.change'));
    expect(again.kind).toBe('organisation.question');
    const picked = again.blocks.flatMap((b) => (b.type === 'input' && b.input.kind === 'choice' ? [b.input.value] : []));
    expect(picked).toEqual(['org-vp-de-zeester']);
    await w.click('Kraamzorg Het Getij');
    expect(w.lines.at(-1)).toBe(`${t('tree.org.changed', { name: 'Kraamzorg Het Getij' })} ${t('organisation.next')}`);
    expect(await h.activeState({ locale: l })).toBeUndefined();
    await w.say(show);
    await w.click(t('organisation.change'));
    expect(await h.submit('organisation.cancel', {}, { locale: l })).toEqual([{ kind: 'text', text: t('organisation.cancelled') }]);
    expect(texts(await w.say(show))[0]).toBe(t('organisation.show.known', { name: 'Kraamzorg Het Getij' }));
  });

  it('someone linked in Ketenbot sees where the link comes from', async () => {
    await grantHarnessRole(h, 'anouk', 'care-professional', 'org-vp-helmgras');
    const w = new TreeWalker(h, { user: 'anouk' });
    expect(texts(await w.say('mijn organisatie'))).toEqual([NL('organisation.show.known', { name: 'Verloskundigenpraktijk Helmgras' }), NL('organisation.show.linked')]);
  });
});

describe('step numbers as the person sees them', () => {
  it('"Stap 1" is never used twice, and tips are not headed as a question', async () => {
    const w = new TreeWalker(h);
    const seen = [await w.say('ik heb een probleem'), await w.say('Ziekenhuis Lindendael'), await w.say('computer'), await w.say('printer')].map((c) => c.subtitle);
    expect(seen).toEqual([NL('tree.step', { number: 1 }), NL('tree.step', { number: 2 }), NL('tree.step', { number: 3 }), NL('tree.advice.step', { number: 4 })]);
    expect(new Set(seen).size).toBe(seen.length);
    // Back goes back one number; start over begins at 1 again.
    expect((await w.say('terug')).subtitle).toBe(NL('tree.step', { number: 3 }));
    expect((await w.say('opnieuw')).subtitle).toBe(NL('tree.step', { number: 1 }));
  });
});

describe('a servicedesk agent of a hospital (servicedesk role in Ketenbot, at a care provider)', () => {
  it('gets the servicedesk hint and wording: messages from Medicura EPD not arriving → supplier and GtKs, no "your own helpdesk does that"', async () => {
    await grantHarnessRole(h, 'agent', 'servicedesk-agent', 'org-ziekenhuis-lindendael');
    const w = new TreeWalker(h, { user: 'agent' });
    const root = await w.say('ik heb een probleem');
    expect(styled(root, 'muted')).toEqual([(node('start') as { hintForDesk: Text }).hintForDesk.nl]);
    await w.say('berichten komen niet aan');
    await w.say('van of naar iedereen');
    const end = await converse(w, 'nl', [[{ click: 'Medicura EPD' }, { outcome: 'link', forDesk: true, desks: ['Support Medicura EPD', 'Servicedesk RivierenNet', 'Servicedesk Geboortenet'] }]]);
    expect(styled(end, 'heading')).toContain(outcome('link').desks[1]!.roleForDesk!.nl);
    expect(allText(end)).not.toContain('Meestal doet uw eigen helpdesk die melding');
  });

  it('a care professional of the same hospital gets the plain wording', async () => {
    await grantHarnessRole(h, 'nurse', 'care-professional', 'org-ziekenhuis-lindendael');
    const w = new TreeWalker(h, { user: 'nurse' });
    expect(styled(await w.say('ik heb een probleem'), 'muted')).toEqual([(node('start') as { hint: Text }).hint.nl]);
    await w.say('berichten komen niet aan');
    await w.say('van of naar iedereen');
    const end = await converse(w, 'nl', [[{ click: 'Medicura EPD' }, { outcome: 'link', desks: ['Support Medicura EPD', 'Servicedesk RivierenNet', 'Servicedesk Geboortenet'] }]]);
    expect(texts(end)).toContain(outcome('link').text.nl);
  });
});
