/** The languages every user-facing text exists in. Dutch is the default. */
export type Locale = 'nl' | 'en';

export const DEFAULT_LOCALE: Locale = 'nl';

/**
 * Maps a platform locale tag ("en-US", "nl_NL", "EN", undefined) to a supported language.
 * Only English locales get English; everything else (including unknown) gets Dutch.
 */
export function toLocale(tag: string | undefined | null): Locale {
  if (!tag) return DEFAULT_LOCALE;
  return /^en([-_]|$)/i.test(tag.trim()) ? 'en' : DEFAULT_LOCALE;
}
