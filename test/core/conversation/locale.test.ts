import { describe, expect, it } from 'vitest';
import { DEFAULT_LOCALE, toLocale, type Locale } from '../../../core/conversation/locale.ts';

describe('toLocale', () => {
  it('defaults to Dutch', () => {
    expect(DEFAULT_LOCALE).toBe('nl');
  });

  it.each<[string | undefined | null, Locale]>([
    // English tags, as Teams, Slack and browsers send them
    ['en', 'en'],
    ['en-US', 'en'],
    ['en-us', 'en'],
    ['en-GB', 'en'],
    ['en_GB', 'en'],
    ['EN', 'en'],
    ['En-Au', 'en'],
    ['  en-US  ', 'en'],
    ['en-Latn-US', 'en'],
    // Dutch
    ['nl', 'nl'],
    ['nl-NL', 'nl'],
    ['nl_NL', 'nl'],
    ['nl-BE', 'nl'],
    ['NL', 'nl'],
    // anything else, or nothing, is Dutch
    [undefined, 'nl'],
    [null, 'nl'],
    ['', 'nl'],
    ['   ', 'nl'],
    ['de-DE', 'nl'],
    ['fr', 'nl'],
    ['fy-NL', 'nl'],
    ['*', 'nl'],
    ['garbage', 'nl'],
    // "en" must be the whole language subtag, not a prefix of another language
    ['enx', 'nl'],
    ['eng', 'nl'],
    ['english', 'nl'],
    ['es-EN', 'nl'],
  ])('%j → %s', (tag, locale) => {
    expect(toLocale(tag)).toBe(locale);
  });
});
