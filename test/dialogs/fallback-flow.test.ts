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
      ['x'.repeat(5000)],
      ['stop het'],
      ['help mij met de storing'],
    ])('%j → unknown.text in the user\'s language', async (input) => {
      expect(onlyText(await h.say(input, { locale }))).toBe(translate(locale, 'unknown.text'));
      expect(await h.activeState()).toBeUndefined();
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
