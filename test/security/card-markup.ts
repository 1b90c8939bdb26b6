import { createRequire } from 'node:module';
import type { AdaptiveCardJson } from '../../cards/adaptive/render-adaptive-card.ts';
import type { SlackBlock } from '../../cards/blockkit/render-blocks.ts';
import { mailUri, phoneUri } from '../../cards/text/phone-uri.ts';

/*
 * What a chat client would make of a rendered card: the markup in it that is "active" (a link,
 * mention, heading, image, list, quote, code, emphasis, HTML). The security tests assert that
 * only the bot's own, trusted markup is there, whatever the user typed.
 */

// The local Web Chat renders Adaptive Card markdown with markdown-it 13.0.2 (the version it pins),
// HTML and linkify on: botframework-webchat/lib/markdown/renderMarkdown.js. The richest reader of
// card markdown there is: Teams honours a subset of it.
type MarkdownIt = { render(text: string): string };
const MarkdownItClass = createRequire(import.meta.url)('markdown-it') as new (options: object) => MarkdownIt;
const webChatMarkdown = new MarkdownItClass({ breaks: false, html: true, linkify: true, typographer: true, xhtmlOut: true });
const literalMarkdown = new MarkdownItClass({ breaks: false, html: true, linkify: true, typographer: false, xhtmlOut: true });

/** The HTML Web Chat makes of one markdown text of a card. */
export const webChatHtml = (markdown: string): string => webChatMarkdown.render(markdown);

/** What a reader sees of one markdown text (tags dropped, entities decoded; no typographic quotes). */
export function visibleText(markdown: string): string {
  return decodeEntities(literalMarkdown.render(markdown).replace(/<br \/>\n?/g, '\n').replace(/<[^>]+>/g, '')).trim();
}

function decodeEntities(html: string): string {
  return html
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#(\d+);/g, (_m, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, '&');
}

/** Every text of an Adaptive Card that clients read as markdown, with where it is. */
export function adaptiveMarkdownTexts(card: AdaptiveCardJson): Array<{ where: string; text: string }> {
  const found: Array<{ where: string; text: string }> = [{ where: 'fallbackText', text: card.fallbackText }];
  const walk = (node: unknown, path: string): void => {
    if (Array.isArray(node)) return node.forEach((child, i) => walk(child, `${path}[${i}]`));
    if (!node || typeof node !== 'object') return;
    const element = node as Record<string, unknown>;
    if (element.type === 'TextBlock' && typeof element.text === 'string') found.push({ where: `${path}.text`, text: element.text });
    if (element.type === 'FactSet') {
      for (const [i, fact] of (element.facts as Array<{ title: string; value: string }>).entries()) {
        found.push({ where: `${path}.facts[${i}].title`, text: fact.title }, { where: `${path}.facts[${i}].value`, text: fact.value });
      }
    }
    if (typeof element.errorMessage === 'string') found.push({ where: `${path}.errorMessage`, text: element.errorMessage });
    if (element.type === 'Input.Toggle' && typeof element.title === 'string') found.push({ where: `${path}.title`, text: element.title });
    if (element.type === 'Input.ChoiceSet' && element.style === 'expanded') {
      for (const [i, choice] of (element.choices as Array<{ title: string }>).entries()) found.push({ where: `${path}.choices[${i}]`, text: choice.title });
    }
    for (const [key, child] of Object.entries(element)) if (key !== 'data') walk(child, `${path}.${key}`);
  };
  walk(card.body, 'body');
  return found;
}

// Tags markdown-it makes of markup; a plain text gives only <p> (and <br /> for a hard break).
const ACTIVE_TAG = /<(a|img|h[1-6]|ul|ol|li|blockquote|code|pre|strong|em|s|del|table|hr|script|iframe|at|span|div)\b[^>]*>/gi;

/**
 * The active markup in an Adaptive Card, as Web Chat would draw it, plus raw syntax Teams acts on
 * before markdown (an unescaped "<" starts an <at> mention or HTML). Links to `trustedUrls` are
 * allowed (the directory's desk URL, …).
 */
export function adaptiveActiveMarkup(card: AdaptiveCardJson, trustedUrls: string[] = []): string[] {
  const problems: string[] = [];
  for (const { where, text } of adaptiveMarkdownTexts(card)) {
    const html = webChatHtml(text).replace(/<a href="([^"]*)">([^<]*)<\/a>/g, (whole, href: string, label: string) => (dialsWhatItShows(decodeEntities(href), decodeEntities(label)) ? label : whole));
    for (const [tag] of html.matchAll(ACTIVE_TAG)) {
      const href = /^<a\b[^>]*href="([^"]*)"/.exec(tag)?.[1];
      if (href !== undefined && trustedUrls.some((url) => sameUrl(url, decodeEntities(href)))) continue;
      problems.push(`${where}: ${tag} from ${JSON.stringify(text.slice(0, 120))}`);
    }
    if (unescapedIndex(text, '<') >= 0) problems.push(`${where}: unescaped "<" in ${JSON.stringify(text.slice(0, 120))}`);
  }
  return problems;
}

/**
 * A tel: or mailto: link whose text is the very number or address it dials (issue 16: phone
 * numbers and e-mail addresses are tappable, also a person's own): it hides no other target, so
 * it is no markup smuggled in by the text.
 */
function dialsWhatItShows(href: string, label: string): boolean {
  const shown = label.replace(/\u200B/g, '').replace(/\\(?=[^\w\s])/g, '');
  return (href.startsWith('tel:') && phoneUri(shown) === href) || (href.startsWith('mailto:') && mailUri(shown) === href);
}

/** markdown-it percent-encodes some characters of a link's URL again: compare them decoded. */
function sameUrl(a: string, b: string): boolean {
  const decoded = (url: string) => {
    try {
      return decodeURI(url);
    } catch {
      return url;
    }
  };
  return decoded(a) === decoded(b);
}

/** The index of `char` in markdown where it is not backslash-escaped, or -1. */
export function unescapedIndex(markdown: string, char: string): number {
  for (let i = markdown.indexOf(char); i >= 0; i = markdown.indexOf(char, i + 1)) {
    let backslashes = 0;
    while (markdown[i - 1 - backslashes] === '\\') backslashes++;
    if (backslashes % 2 === 0) return i;
  }
  return -1;
}

const ZWSP = '\u200B';

/** Every mrkdwn text object of a Slack message or modal, with where it is. */
export function slackMrkdwnTexts(blocks: SlackBlock[]): Array<{ where: string; text: string; verbatim: unknown }> {
  const found: Array<{ where: string; text: string; verbatim: unknown }> = [];
  const walk = (node: unknown, path: string): void => {
    if (Array.isArray(node)) return node.forEach((child, i) => walk(child, `${path}[${i}]`));
    if (!node || typeof node !== 'object') return;
    const object = node as Record<string, unknown>;
    if (object.type === 'mrkdwn' && typeof object.text === 'string') found.push({ where: path, text: object.text, verbatim: object.verbatim });
    for (const [key, child] of Object.entries(object)) walk(child, `${path}.${key}`);
  };
  walk(blocks, 'blocks');
  return found;
}

/**
 * The active markup in Slack mrkdwn the bot did not put there itself: any "<…>" (link, mention,
 * <!channel>) except links to `trustedUrls`; "*", "~", "`" and word-boundary "_" without their
 * zero-width guards (the bot's own bold around a label, title or badge is allowed); a quote ">"
 * at the start of a line; "@channel" / "@here" / "@everyone"; a text object without `verbatim`.
 */
export function slackActiveMarkup(message: { text?: string; blocks: SlackBlock[] }, trustedUrls: string[] = []): string[] {
  const texts = slackMrkdwnTexts(message.blocks);
  const problems = texts.filter((t) => t.verbatim !== true).map((t) => `${t.where}: mrkdwn without verbatim`);
  const all = [...texts, ...(message.text === undefined ? [] : [{ where: 'text', text: message.text, verbatim: true }])];
  for (const { where, text } of all) {
    const show = JSON.stringify(text.slice(0, 120));
    for (const [whole, target, label] of text.matchAll(/<([^|>]*)(?:\|([^>]*))?>/g)) {
      const url = target!.replace(/&amp;/g, '&');
      if (label !== undefined && dialsWhatItShows(url, decodeEntities(label))) continue;
      if (!trustedUrls.includes(url)) problems.push(`${where}: ${whole.slice(0, 60)} in ${show}`);
    }
    if (/(^|\n)[ \t]*(&gt;|>)/.test(text)) problems.push(`${where}: a quote in ${show}`);
    if (/@(channel|here|everyone)\b/i.test(text)) problems.push(`${where}: a broadcast mention in ${show}`);
    const formatting = unguardedFormatting(withoutBotBold(text));
    if (formatting.length) problems.push(`${where}: unguarded ${formatting.join(' ')} in ${show}`);
  }
  return problems;
}

/** Drops the bot's own bold markers: a "*" that opens the text (after an emoji) and the first unguarded "*" that ends its first line or the text. */
function withoutBotBold(text: string): string {
  const opened = /^(\S{1,3} )?\*/.exec(text);
  if (!opened) return text;
  const rest = text.slice(opened[0].length);
  const close = [...rest.matchAll(/\*(?=\n|$)/g)].find((m) => rest[m.index! - 1] !== ZWSP || rest[m.index! + 1] !== ZWSP);
  return (opened[1] ?? '') + (close ? rest.slice(0, close.index) + rest.slice(close.index! + 1) : rest);
}

/** Formatting characters that are not guarded by a zero-width space on both sides. */
function unguardedFormatting(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/[*~`]|(?<![\p{L}\p{N}\u200B])_|_(?![\p{L}\p{N}\u200B])/gu)) {
    const i = m.index!;
    if (text[i - 1] !== ZWSP || text[i + 1] !== ZWSP) found.push(`${m[0]}@${i}`);
  }
  return found;
}
