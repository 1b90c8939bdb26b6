import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Locale } from '../../core/conversation/locale.ts';
import { LOCALES, onlyText, openDialogHarness, translate, type DialogHarness } from './dialog-harness.ts';

let h: DialogHarness;
beforeEach(async () => {
  h = await openDialogHarness();
});
afterEach(async () => {
  await h.dispose();
});

describe('fallback (through the engine, with the installed flows)', () => {
  describe.each(LOCALES)('locale %s', (locale: Locale) => {
    it.each([
      ['blabla'],
      ['12345'],
      ['🙂 ok'],
      ['x'.repeat(4000)],
      ['stop het'],
      ['help mij met de storing'],
    ])('%j → no knowledge-base answer: says so in the user\'s language, offers the decision tree and points to help', async (input) => {
      const replies = await h.say(input, { locale });
      expect(replies).toHaveLength(1);
      const reply = replies[0]!;
      expect(reply.kind).toBe('card');
      if (reply.kind !== 'card') return;
      expect(reply.card.kind).toBe('kb.none');
      expect(reply.card.actions?.[0]).toMatchObject({ id: 'tree.start' });
      expect(reply.card.fallbackText).toContain(locale === 'en' ? 'Type "help"' : 'Typ "help"');
      expect(await h.activeState()).toBeUndefined();
    });

    it('a message over 4,000 characters → says it is too long, with the limit, in the user\'s language', async () => {
      const replies = await h.say('x'.repeat(5000), { locale });
      expect(onlyText(replies)).toBe(translate(locale, 'input.tooLong', { length: locale === 'en' ? '5,000' : '5.000', max: locale === 'en' ? '4,000' : '4.000' }));
    });

    it.each([['unknown.go'], ['storing.start'], ['x']])('a button %j nobody handles → unknown.action', async (id) => {
      expect(onlyText(await h.press(id, { locale }))).toBe(translate(locale, 'unknown.action'));
    });
  });

  it('never answers with silence or an error', async () => {
    for (const text of ['?', '...', '-', '@', '#', ':', '\u200b', 'null', 'undefined']) {
      const replies = await h.say(text);
      expect(replies.length, text).toBeGreaterThan(0);
    }
    expect(h.errors).toEqual([]);
  });
});
