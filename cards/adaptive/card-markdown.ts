import { cleanText } from '../text/clean-text.ts';
import { linkUrl } from '../text/link-url.ts';

/*
 * Adaptive Card TextBlocks are markdown, and so are FactSet titles and values, input error
 * messages and the titles of expanded choices and toggles. Teams honours bold, italic, lists and
 * links there (and <at> mentions); the local Web Chat runs full markdown-it with HTML and
 * linkify on, then sanitises (headings, images, quotes, code, tables and <a>/<img> survive).
 * So plain text must be escaped to show as written. CommonMark lets any ASCII punctuation be
 * backslash-escaped and shows it as the character itself; current Teams clients honour that too
 * (older mobile ones showed the backslash: microsoft/AdaptiveCards#5590, a cosmetic flaw, never
 * markup). Only what can start markup is escaped, so ordinary prose ("Versie 5.1 (nieuw):
 * klaar.") goes out unchanged.
 */

/** Plain text (what a user typed, a name from the directory, a translated text) for any markdown field of a card. */
export function escapeCardText(text: string): string {
  return cleanText(text).split('\n').map(escapeLine).join('\n');
}

/**
 * Markdown written by administrators (knowledge-base entries): its bold, italic, lists and links
 * are kept, but no HTML, no <at> mention, no <url> autolink and no {{DATE()}} function.
 */
export function trustedCardMarkdown(text: string): string {
  return cleanText(text).replace(/</g, '\\<').replace(/(?<=\{)\{/g, '\\{');
}

/** A link from trusted data; its label is plain text. Without a usable URL, just the label. */
export function cardLink(label: string, url: string): string {
  const href = linkUrl(url);
  return href ? `[${escapeCardText(label)}](${href})` : escapeCardText(label);
}

// Escape characters, code, emphasis ("*" always, "_" at a word boundary: inside a word it is
// no emphasis), strikethrough, HTML and autolinks (Teams' <at> too), tables; "]" before "(",
// "[" or ":" (a link, image or link definition needs that); "&" before a name or "#" (an
// entity); "{{" (the Adaptive Card DATE/TIME functions); and what linkify would turn into a
// link: "scheme://", "mailto:" and the dot before a domain label ("evil.example", "www.x", "a@b.nl").
const INLINE = /[\\`*~<|]|\](?=[([:])|(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])|&(?=[#\p{L}\p{N}])|(?<=\{)\{|:(?=\/)|(?<=mailto):|(?<=[\p{L}\p{N}-])\.(?=\p{L}{2})/giu;

function escapeLine(line: string): string {
  // Leading spaces would make an indented code block. At the start of a line ">" makes a quote,
  // "#" a heading, "- " / "+ " / "1. " / "1) " a list, "---" / "===" a rule or a heading.
  return line
    .replace(/^[ \t]+/, '')
    .replace(INLINE, '\\$&')
    .replace(/^(?:[>=]|[#+-](?=[\s#+=-]|$))/, '\\$&')
    .replace(/^(\d{1,9})([.)])(?=\s|$)/, '$1\\$2');
}
