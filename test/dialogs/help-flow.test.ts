import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { translator } from '../../cards/i18n/translate.ts';
import type { Flow } from '../../core/conversation/flow.ts';
import type { Locale } from '../../core/conversation/locale.ts';
import { textReply } from '../../core/conversation/reply.ts';
import { describeReplies, LOCALES, onlyCard, openDialogHarness, type DialogHarness } from './dialog-harness.ts';

let h: DialogHarness;
beforeEach(async () => {
  h = await openDialogHarness();
});
afterEach(async () => {
  await h.dispose();
});

const HELP_INPUTS: Array<string | undefined> = [
  'help',
  'Help!',
  'HELP',
  'hallo',
  '',
  undefined,
  '   ',
  'Help.',
  '  help  ',
  'Hallo!',
  'hoi',
  'Hi',
  'hello',
  'menu',
  'start',
  'welkom',
  'Welcome!',
  'info',
  'Wat kun je?',
  'wat kan je',
  'What can you do?',
  'ＨＥＬＰ',
];

describe('help flow (through the engine, with the installed flows)', () => {
  describe.each(LOCALES)('locale %s', (locale: Locale) => {
    const t = translator(locale);

    it.each(HELP_INPUTS.map((input) => [input]))('%j → the help card', async (input) => {
      const card = onlyCard(await h.say(input, { locale }));
      expect(card.kind).toBe('help');
      expect(card.title).toBe(t('help.title'));
      expect(card.subtitle).toBe(t('help.subtitle'));
      expect(card.fallbackText).toBe(t('help.fallback'));
    });

    it('the card lists one entry per capability of the installed flows, in their language', async () => {
      const card = onlyCard(await h.say('help', { locale }));
      const lists = card.blocks.flatMap((b) => (b.type === 'list' ? [b.items] : []));
      expect(lists).toHaveLength(1);
      const expected = h.flows.flatMap((f) => f.capabilities?.(t) ?? []).map(({ title, text }) => ({ title, text }));
      expect(lists[0]).toEqual(expected);
      // help itself and the language switch come first, whatever else is installed
      expect(lists[0]!.map((i) => i.title).slice(0, 2)).toEqual([t('help.capability.help.title'), t('help.capability.language.title')]);
      expect(new Set(lists[0]!.map((i) => i.title)).size).toBe(lists[0]!.length);
      for (const item of lists[0]!) {
        expect(item.title.trim()).not.toBe('');
        expect(item.text?.trim()).not.toBe('');
      }
      expect(card.blocks[0]).toEqual({ type: 'text', text: t('help.intro') });
      expect(card.blocks).toContainEqual({ type: 'text', text: t('help.examples'), style: 'muted' });
    });

    it.each([['helpdesk'], ['hallo daar']])('%j is not a help word (→ a knowledge-base question)', async (input) => {
      expect(describeReplies(await h.say(input, { locale }), locale)).not.toContain('card:help');
    });

    it.each([['hulp'], ['help me']])('%j asks for help with a problem: the decision tree starts, not the help card', async (input) => {
      const replies = await h.say(input, { locale });
      expect(replies.some((r) => r.kind === 'card' && r.card.kind === 'help')).toBe(false);
      expect(replies.some((r) => r.kind === 'card' && r.card.kind === 'tree.step')).toBe(true);
    });
  });

  it('also lists a flow installed later, with its button', async () => {
    await h.dispose();
    const extra: Flow<never> = {
      id: 'storing',
      matches: (text) => text === 'storing',
      start: () => ({ replies: [textReply('Welke storing?')] }),
      capabilities: (t) => [
        { title: 'Storing melden', text: t('help.examples'), action: { kind: 'submit', id: 'storing.start', label: 'Storing melden' } },
      ],
    };
    h = await openDialogHarness([extra]);
    const card = onlyCard(await h.say('help'));
    const items = card.blocks.flatMap((b) => (b.type === 'list' ? b.items : []));
    expect(items.map((i) => i.title).at(-1)).toBe('Storing melden');
    expect(card.actions?.at(-1)).toEqual({ kind: 'submit', id: 'storing.start', label: 'Storing melden' });
  });

  it('a help action (button) shows the card too', async () => {
    expect(onlyCard(await h.press('help.show')).kind).toBe('help');
  });

  it('help stores no conversation state', async () => {
    await h.say('help');
    expect(await h.activeState()).toBeUndefined();
  });
});
