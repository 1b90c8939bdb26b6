import { cleanText } from '../text/clean-text.ts';
import { linkUrl } from '../text/link-url.ts';

/** Slack text helpers: escaping for mrkdwn, and length limits that never cut an escape or an emoji in half. */

/** Zero-width space: next to a formatting character it stops Slack from reading it as markup, and shows nothing. */
const ZWSP = '\u200B';

/**
 * Plain text (what a user typed, a name, a translated text) for mrkdwn, shown as written:
 * - "&", "<", ">" become entities, so no <url|text>, <!channel>, <!here>, <@U…>, <#C…> or <!subteam^…>;
 * - "*", "~" and "`" (bold, strike, code), and "_" at a word boundary (italics; "a_b" stays as it is),
 *   get a zero-width space on both sides: whether Slack counts it as a space or a letter, the
 *   character can then neither open nor close formatting (Slack has no backslash escape);
 * - a ">" that starts a line (a quote: Slack reads "&gt;" there as one too) gets one before it;
 * - "@channel", "@here", "@everyone" get one after the "@", for clients that still expand them.
 */
export function escapeMrkdwn(text: string): string {
  return escapeEntities(cleanText(text))
    .replace(/[*~`]|(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu, `${ZWSP}$&${ZWSP}`)
    .replace(/(^|\s)&gt;/g, `$1${ZWSP}&gt;`)
    .replace(/@(?=(?:channel|here|everyone)\b)/gi, `@${ZWSP}`);
}

/** A piece of a longer text that starts a new section: a ">" at its start would make it a quote. */
export function noQuoteAtStart(mrkdwn: string): string {
  return mrkdwn.replace(/^(\s*)&gt;/, `$1${ZWSP}&gt;`);
}

/** A link from trusted data (`<url|label>`); its label is plain text. Without a usable URL, just the label. */
export function mrkdwnLink(label: string, url: string): string {
  const href = linkUrl(url);
  return href ? `<${escapeEntities(href)}|${escapeMrkdwn(label)}>` : escapeMrkdwn(label);
}

/**
 * Markdown written by administrators (knowledge-base entries) as mrkdwn: "[label](https://…)"
 * becomes a Slack link and "**bold**" Slack's "*bold*"; the rest of Slack's formatting is kept.
 * No mention can come through: "<" is always an entity and "@channel" is broken as above.
 */
export function trustedMarkdownToMrkdwn(markdown: string): string {
  return escapeEntities(cleanText(markdown))
    .replace(/@(?=(?:channel|here|everyone)\b)/gi, `@${ZWSP}`)
    .replace(/\[([^\]\n]+)\]\(([^()\s]+)\)/g, (whole, label: string, url: string) => {
      const href = linkUrl(url.replace(/&amp;/g, '&'));
      return href ? `<${escapeEntities(href)}|${label}>` : whole;
    })
    .replace(/\*\*(?=\S)([^*\n]*?\S)\*\*/g, '*$1*');
}

/** The three characters Slack treats as control characters in mrkdwn. */
function escapeEntities(text: string): string {
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

/** The largest index ≤ max that is not inside an `&…;` escape, a surrogate pair or a zero-width-space-guarded character. */
function safeCut(text: string, max: number): number {
  let cut = max;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  const amp = text.lastIndexOf('&', cut - 1);
  if (amp >= 0 && amp > cut - 5 && !text.slice(amp, cut).includes(';')) cut = amp;
  // "\u200B*\u200B": a cut must not leave the character without its guard after it.
  if (text[cut - 1] === ZWSP && text[cut] !== undefined && text[cut] !== ZWSP && '*~`_'.includes(text[cut]!)) cut -= 1;
  else if (cut >= 2 && text[cut - 2] === ZWSP && '*~`_'.includes(text[cut - 1]!)) cut -= 2;
  return cut;
}
