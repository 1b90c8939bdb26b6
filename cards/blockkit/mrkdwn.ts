/** Slack text helpers: escaping for mrkdwn, and length limits that never cut an escape or an emoji in half. */

/** Escapes the three characters Slack treats as control characters in mrkdwn. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Shortens text to at most `max` characters, ending in '…' when it was cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  return text.slice(0, safeCut(text, max - 1)) + '…';
}

/** Splits text into pieces of at most `max` characters, preferring line breaks, then spaces. */
export function chunk(text: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const hard = safeCut(rest, max);
    const window = rest.slice(0, hard);
    const breakAt = Math.max(window.lastIndexOf('\n'), window.lastIndexOf(' '));
    // Only break on whitespace when it does not leave a tiny piece behind.
    const cut = breakAt > max / 2 ? breakAt : hard;
    pieces.push(rest.slice(0, cut));
    rest = rest.slice(cut).replace(/^[ \n]/, '');
  }
  if (rest.length > 0 || pieces.length === 0) pieces.push(rest);
  return pieces;
}

/** The largest index ≤ max that is not inside an `&…;` escape or a surrogate pair. */
function safeCut(text: string, max: number): number {
  let cut = max;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  const amp = text.lastIndexOf('&', cut - 1);
  if (amp >= 0 && amp > cut - 5 && !text.slice(amp, cut).includes(';')) cut = amp;
  return cut;
}
