import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { userPreferencesKey, type UserPreferences } from '../../core/conversation/conversation-state.ts';
import type { Locale } from '../../core/conversation/locale.ts';
import { describeReplies, LOCALES, onlyText, openDialogHarness, translate, type DialogHarness } from './dialog-harness.ts';

let h: DialogHarness;
beforeEach(async () => {
  h = await openDialogHarness();
});
afterEach(async () => {
  await h.dispose();
});

const prefs = (user = 'user-1') =>
  h.store.read<UserPreferences>(userPreferencesKey({ platform: 'local', actor: { id: user } }));

const SWITCHES: Array<[string, Locale]> = [
  ['English', 'en'],
  ['english', 'en'],
  ['ENGLISH!', 'en'],
  ['Engels', 'en'],
  ['in English', 'en'],
  ['In English.', 'en'],
  ['language english', 'en'],
  ['Taal: Engels', 'en'],
  ['taal en', 'en'],
  ['language en', 'en'],
  ['Nederlands', 'nl'],
  ['nederlands', 'nl'],
  ['Dutch', 'nl'],
  ['in het Nederlands', 'nl'],
  ['taal nederlands', 'nl'],
  ['Language: Dutch', 'nl'],
  ['taal nl', 'nl'],
  ['language nl', 'nl'],
];

describe('language flow (through the engine, with the installed flows)', () => {
  describe.each(LOCALES)('platform locale %s', (platformLocale: Locale) => {
    it.each(SWITCHES)('%j → switches to %s, says so in that language, and later messages follow', async (input, chosen) => {
      expect(onlyText(await h.say(input, { locale: platformLocale }))).toBe(translate(chosen, 'language.switched'));
      expect((await prefs())?.value).toEqual({ locale: chosen });
      expect(describeReplies(await h.say('stop', { locale: platformLocale }), chosen)).toEqual(['flow.nothingToStop']);
      expect(onlyText(await h.say('stop', { locale: platformLocale }))).toBe(translate(chosen, 'flow.nothingToStop'));
    });
  });

  it('switches back and forth (updates the stored preference)', async () => {
    await h.say('English');
    await h.say('Nederlands', { locale: 'en' });
    await h.say('English', { locale: 'nl' });
    expect((await prefs())?.value).toEqual({ locale: 'en' });
    expect(onlyText(await h.say('stop', { locale: 'nl' }))).toBe(translate('en', 'flow.nothingToStop'));
  });

  it('the choice holds for this user in every conversation, not for other users', async () => {
    await h.say('English', { locale: 'nl' });
    expect(onlyText(await h.say('stop', { locale: 'nl', conversation: 'other' }))).toBe(translate('en', 'flow.nothingToStop'));
    expect(onlyText(await h.say('stop', { locale: 'nl', user: 'user-2' }))).toBe(translate('nl', 'flow.nothingToStop'));
  });

  it('the help card follows the chosen language', async () => {
    await h.say('English', { locale: 'nl' });
    const [reply] = await h.say('help', { locale: 'nl' });
    expect(reply?.kind === 'card' && reply.card.title).toBe(translate('en', 'help.title'));
    expect(reply?.kind === 'card' && reply.card.subtitle).toBe(translate('en', 'help.subtitle'));
  });

  it.each([['constructor'], ['__proto__'], ['Constructor'], ['toString'], ['hasOwnProperty'], ['valueOf']])(
    '%j is not a language word: a knowledge-base question, no error, no preference stored',
    async (input) => {
      expect(describeReplies(await h.say(input, { locale: 'en' }), 'en')).toEqual(['card:kb.none']);
      expect(h.errors).toEqual([]);
      expect(await prefs()).toBeUndefined();
    },
  );

  it.each([['__proto__'], ['constructor']])('after typing %j the user still gets answers (help card, unknown.text)', async (input) => {
    await h.say(input, { locale: 'en' }).catch(() => undefined);
    const help = await h.say('help', { locale: 'en' });
    expect(help.map((r) => r.kind === 'card' && r.card.kind)).toEqual(['help']);
    expect(onlyText(await h.say('stop', { locale: 'en' }))).toBe(translate('en', 'flow.nothingToStop'));
  });

  it.each([['Engelsman'], ['taal'], ['language'], ['nederlandse les']])('%j is not a switch (a knowledge-base question)', async (input) => {
    expect(describeReplies(await h.say(input), 'nl')).not.toContain('language.switched');
    expect(await prefs()).toBeUndefined();
  });
});
