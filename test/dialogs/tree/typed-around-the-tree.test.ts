import { describe, expect, it } from 'vitest';
import { loadDefaultTree } from '../../../bot/default-tree.ts';
import type { Locale } from '../../../core/conversation/locale.ts';
import { translate, type DialogHarness, useDemoHarness } from '../dialog-harness.ts';
import { heading, TreeWalker } from './tree-walker.ts';

/**
 * What people type around the tree, found by walking it from outside: a greeting before "ik heb
 * een probleem", "andere organisatie" typed just after an outcome (the same outcome for the new
 * organisation, as the card's button gives), a filler word before it.
 */
const TREE = loadDefaultTree();
const accountTitle = (locale: Locale) => {
  const n = TREE.nodes.find((x) => x.id === 'account')!;
  return n.kind === 'outcome' ? n.title[locale] : '';
};
const accountLabel = (locale: Locale) => {
  const start = TREE.nodes.find((x) => x.id === 'start')!;
  return start.kind === 'question' ? start.choices.find((c) => c.next === 'account')!.label[locale] : '';
};

let h: DialogHarness;
useDemoHarness((opened) => (h = opened));

describe('starting the tree in whole sentences', () => {
  it.each([
    ['nl', 'hoi, ik heb een probleem'],
    ['nl', 'Hallo Ketenbot, ik heb een probleem!'],
    ['nl', 'goedemorgen, het werkt niet'],
    ['nl', 'ik heb een probleem, help'],
    ['nl', 'waar moet ik dit melden?'],
    ['nl', 'wie moet ik bellen'],
    ['en', 'hi, I have a problem'],
    ['en', 'hello, something does not work'],
    ['en', 'who do I call?'],
  ] as Array<[Locale, string]>)('[%s] %j → the tree starts (the organisation question)', async (locale, said) => {
    const card = await new TreeWalker(h, { locale }).say(said);
    expect(card.kind).toBe('tree.step');
    expect(heading(card)).toBe(translate(locale, 'tree.org.question'));
  });

  it.each([['nl', 'hoi'], ['nl', 'ik heb een probleem met de printer van mijn buurvrouw thuis'], ['en', 'hello there']] as Array<[Locale, string]>)(
    '[%s] %j does not start the tree', async (locale, said) => {
      const replies = await h.say(said, { locale });
      expect(replies.some((r) => r.kind === 'card' && r.card.kind.startsWith('tree.'))).toBe(false);
    },
  );
});

describe('"andere organisatie" typed after an outcome', () => {
  async function outcomeFor(w: TreeWalker, locale: Locale, organisation: string) {
    await w.say(locale === 'nl' ? 'ik heb een probleem' : 'i have a problem');
    await w.click(organisation);
    const card = await w.click(accountLabel(locale));
    expect(card.title).toBe(accountTitle(locale));
    return card;
  }

  it.each(['andere organisatie', 'oeps andere organisatie', 'Andere organisatie aub'])('%j → asked again, then the same outcome for the new organisation', async (said) => {
    const w = new TreeWalker(h);
    const before = await outcomeFor(w, 'nl', 'Ziekenhuis Lindendael');
    const asked = await w.say(said);
    expect(heading(asked)).toBe(translate('nl', 'tree.org.question'));
    const after = await w.click('Ziekenhuis Duinzicht');
    expect(after.kind).toBe('tree.outcome');
    expect(after.title).toBe(before.title);
    expect(JSON.stringify(after)).toContain('Ziekenhuis Duinzicht');
  });

  it('in English', async () => {
    const w = new TreeWalker(h, { locale: 'en' });
    await outcomeFor(w, 'en', 'Ziekenhuis Lindendael');
    await w.say('change organisation');
    expect((await w.click('Ziekenhuis Duinzicht')).title).toBe(accountTitle('en'));
  });

  it('long after the outcome, it asks and then starts at the first question', async () => {
    const w = new TreeWalker(h);
    await outcomeFor(w, 'nl', 'Ziekenhuis Lindendael');
    h.clock.set(new Date(h.clock.now().getTime() + 2 * 60 * 60_000));
    await w.say('andere organisatie');
    const first = await w.click('Ziekenhuis Duinzicht');
    expect(first.kind).toBe('tree.step');
    expect(heading(first)).toBe(TREE.nodes.find((n) => n.id === TREE.root)!.kind === 'question' ? (TREE.nodes.find((n) => n.id === TREE.root) as { text: { nl: string } }).text.nl : '');
  });
});

describe('"mijn organisatie" in the middle of a run', () => {
  it('its change button asks, then returns to the step the run was at', async () => {
    const w = new TreeWalker(h);
    await w.say('ik heb een probleem');
    const first = await w.click('Ziekenhuis Lindendael');
    const step = heading(first);
    const shown = await w.say('mijn organisatie');
    expect(shown.kind).toBe('organisation.show');
    expect((await h.activeState())?.flowId).toBe('tree');
    const asked = await w.click(shown.actions!.find((a) => a.kind === 'submit')!.label);
    expect(heading(asked)).toBe(translate('nl', 'tree.org.question'));
    const back = await w.click('Ziekenhuis Duinzicht');
    expect(heading(back)).toBe(step);
    expect((await h.activeState())?.flowId).toBe('tree');
  });
});

describe('the organisation question answered in a sentence', () => {
  it.each([
    ['nl', 'ik werk bij Vroedsoft', 'Vroedsoft B.V.'],
    ['nl', 'Ik werk bij verloskundigenpraktijk de meander', 'Verloskundigenpraktijk De Meander'],
    ['nl', 'wij zijn van Kraamzorg Wiegewijs', 'Kraamzorg Wiegewijs'],
    ['nl', 'bij het RSO Rivierenland', 'RSO Rivierenland'],
    ['en', 'I work at WestLink', 'Regionale uitwisseling WestLink (GtK)'],
  ] as Array<[Locale, string, string]>)('[%s] %j → %s', async (locale, said, name) => {
    const w = new TreeWalker(h, { locale });
    await w.say(locale === 'nl' ? 'ik heb een probleem' : 'i have a problem');
    const next = await w.say(said);
    expect(heading(next)).not.toBe(translate(locale, 'tree.org.question'));
    const remembered = (await h.store.read<{ organisationId?: string }>('prefs:local:user-1'))?.value.organisationId;
    expect((await h.services.directory.load()).organisations.find((o) => o.id === remembered)?.name).toBe(name);
  });
});
