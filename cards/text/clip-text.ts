/**
 * How long a text on a card may be. No legitimate text is longer (an incident title is at most
 * 200 characters, a knowledge-base solution 8,000); a longer one is cut before it is escaped, so
 * one huge text costs neither the renderers' time nor the platforms' message size.
 */
export const CARD_TEXT_MAX = {
  /** Titles, subtitles, badges, labels and list titles. */
  line: 1000,
  /** Fact values, list items and error messages (a resolution or an update note is at most 4,000). */
  short: 5000,
  /** Text blocks. */
  text: 15_000,
} as const;

/** At most `max` characters, ending in "…" when cut; a surrogate pair is never cut in half. */
export function clipText(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = max - 1;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  return text.slice(0, cut) + '…';
}
