/**
 * Shortens a one-line text to at most `max` characters at a word boundary, ending in "…", so a
 * label that has to be cut (a Slack option or button holds 75 characters) never ends mid-word.
 * Without a space in the last third it cuts hard; a surrogate pair is never cut in half.
 */
export function fitText(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = max - 1;
  const space = text.lastIndexOf(' ', cut);
  if (space >= (max * 2) / 3) cut = space;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  return text.slice(0, cut).replace(/[\s,;:–-]+$/u, '') + '…';
}

/** The rest of `text` after `fitText` cut it to `shown` (without its "…"), for a second line. */
export function restAfter(text: string, shown: string): string {
  return text.slice(shown.replace(/…$/u, '').length).trim();
}
