/**
 * Splits text into runs of digit groups, the way a person reads a number however it is typed or
 * pasted: every character is folded with NFKC (full-width digits, no-break spaces), a decimal digit
 * of any script (`\p{Nd}`: Arabic-Indic, Devanagari, …) counts as its ASCII digit, invisible and
 * format characters (`\p{Cf}`: zero-width space and joiners, soft hyphen, word joiner, BOM; marks;
 * control characters) are skipped as if absent, and any run of separators (every Unicode space and
 * line break, dashes, slashes and backslashes, underscores, commas, dots, parentheses, apostrophes) lies between two
 * groups of one run. Anything else (a letter, "+", ":", "#", "€" …) ends a run.
 *
 * One pass over the text with a small cache per character: linear in its length.
 */

/**
 * One run: per group where it starts and ends in the original text (end exclusive) and how many
 * digits it has; per gap between group i and i + 1 what separates them. Kept in flat typed arrays
 * (`count` groups, views on one buffer for all runs of a text), so a megabyte of digits makes little garbage.
 */
export interface DigitRun {
  count: number;
  starts: Int32Array;
  ends: Int32Array;
  sizes: Int32Array;
  /** The one separator character (folded to one of ` -/._,(')`, as a char code), or SPACES (only spaces), or MIXED. */
  gaps: Int32Array;
  /** The ASCII digits of groups that are not written in plain ASCII digits, by group index. */
  folded: Map<number, string>;
}

/** A gap of several characters, all spaces (or line breaks, tabs …). */
export const SPACES = -1;
/** A gap of several characters, not all spaces ("123 - 456"). */
export const MIXED = -2;

/** The ASCII digits of group i. */
export function groupDigits(text: string, run: DigitRun, i: number): string {
  return run.folded.get(i) ?? text.slice(run.starts[i], run.ends[i]);
}

/**
 * What a character is to a number: digits (the ASCII digits it stands for; `plain` when it is that
 * ASCII digit itself), a separator (folded to one character), invisible, or something else (it ends a run).
 */
const enum Kind { Digits, Separator, Invisible, Other }
interface Fold {
  kind: Kind;
  text: string;
  /** A separator's folded character, as a char code. */
  code: number;
  plain: boolean;
}
const fold_ = (kind: Kind, text = '', plain = false): Fold => ({ kind, text, code: text.charCodeAt(0) || 0, plain });
const INVISIBLE = fold_(Kind.Invisible);
const OTHER = fold_(Kind.Other);

const ASCII_SEPARATORS: Record<string, string> = {
  ' ': ' ', '\t': ' ', '\n': ' ', '\r': ' ', '\v': ' ', '\f': ' ',
  '-': '-', '/': '/', '\\': '/', '_': '_', ',': ',', '.': '.', '(': '(', ')': '(', "'": "'",
  // Whatever else a person or a copy-paste puts between groups ("123;456;782", "[123][456][782]"),
  // folded to a bracket, which no look-alike rule reads; ":" stays itself (times, number-look-alikes.ts).
  // Not "+": it starts a phone number.
  ':': ':', ';': '(', '|': '(', '*': '(', '#': '(', '~': '(', '=': '(', '"': '(', '[': '(', ']': '(', '{': '(', '}': '(',
};

// Separators beyond ASCII that NFKC leaves as they are: dashes and minus, slashes, dots and middle
// dots, commas (Arabic, ideographic), the Arabic decimal and thousands separators, apostrophes.
const DASH = /^[\p{Pd}\u2212\u2043]$/u;
const MORE_SEPARATORS: Record<string, string> = {
  '\u2215': '/', '\u29f8': '/', '\u00b7': '.', '\u2027': '.', '\u2022': '.', '\u2219': '.', '\u30fb': '.', '\u3002': '.', '\uff61': '.',
  '\u060c': ',', '\u3001': ',', '\uff64': ',', '\u066b': ',', '\u066c': "'", '\u2018': "'", '\u2019': "'", '\u02bc': "'", '\u2032': "'",
};
// Characters that show nothing although they are letters or symbols (Hangul fillers, the braille blank).
const BLANK_LETTERS = new Set([0x115f, 0x1160, 0x3164, 0xffa0, 0x2800]);

function foldAscii(code: number): Fold {
  if (code >= 48 && code <= 57) return fold_(Kind.Digits, String.fromCharCode(code), true);
  const separator = ASCII_SEPARATORS[String.fromCharCode(code)];
  if (separator) return fold_(Kind.Separator, separator);
  if (code < 32 || code === 127) return INVISIBLE;
  return OTHER;
}
const ASCII: Fold[] = Array.from({ length: 128 }, (_, code) => foldAscii(code));

/** The value of a decimal digit of any script: Unicode assigns them in runs 0…9, so it is the offset in its run modulo 10. */
function digitValue(code: number): number {
  let first = code;
  while (first > 0 && /\p{Nd}/u.test(String.fromCodePoint(first - 1))) first--;
  return (code - first) % 10;
}

// Only numbers, spaces, punctuation, symbols, marks and format characters can be part of a number:
// letters, unassigned and private-use code points end a run without further ado.
const MAY_MATTER = /[\p{N}\p{Z}\p{P}\p{S}\p{M}\p{Cf}\p{Cc}]/u;

function foldOne(code: number): Fold {
  if (BLANK_LETTERS.has(code)) return INVISIBLE;
  const char = String.fromCodePoint(code);
  if (!MAY_MATTER.test(char)) return OTHER;
  if (/[\p{Cf}\p{M}\p{Cc}]/u.test(char)) return INVISIBLE;
  if (/[\p{Zs}\p{Zl}\p{Zp}]/u.test(char)) return fold_(Kind.Separator, ' ');
  if (DASH.test(char)) return fold_(Kind.Separator, '-');
  const more = MORE_SEPARATORS[char];
  if (more) return fold_(Kind.Separator, more);
  // Full-width digits and punctuation, superscripts, circled digits: what NFKC makes of them.
  const folded = char.normalize('NFKC');
  if (folded !== char) {
    if (/^\p{Nd}+$/u.test(folded)) return fold_(Kind.Digits, [...folded].map((c) => (c >= '0' && c <= '9' ? c : String(digitValue(c.codePointAt(0)!)))).join(''));
    if (folded.length === 1 && folded.charCodeAt(0) < 128) return ASCII[folded.charCodeAt(0)]!;
    return OTHER;
  }
  if (/\p{Nd}/u.test(char)) return fold_(Kind.Digits, String(digitValue(code)));
  return OTHER;
}

const cache = new Map<number, Fold>();
const CACHE_LIMIT = 4096;

function fold(code: number): Fold {
  if (code < 128) return ASCII[code]!;
  let folded = cache.get(code);
  if (folded === undefined) {
    folded = foldOne(code);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(code, folded);
  }
  return folded;
}

/** Every run of digit groups in the text, in order. */
export function digitRuns(text: string): DigitRun[] {
  const runs: DigitRun[] = [];
  // The groups of all runs, one after the other in typed arrays: every group but a run's last is
  // followed by at least one separator, so there are at most half as many groups as characters, plus one.
  const capacity = (text.length >> 1) + 1;
  let starts = new Int32Array(capacity);
  let ends = new Int32Array(capacity);
  let sizes = new Int32Array(capacity);
  let gaps = new Int32Array(capacity);
  let count = 0;
  let foldedGroups = new Map<number, string>();
  // The group being read: where it starts and ends, and its digits once they differ from the text's own.
  let start = -1;
  let end = -1;
  let folded: string | undefined;
  // The gap after it: its length and its one character (or whether it was all spaces).
  let gapLength = 0;
  let gapChar = 0;
  let gapSpaces = true;
  const length = text.length;
  for (let i = 0; i <= length; ) {
    let kind = Kind.Other;
    let f: Fold = OTHER;
    let width = 1;
    if (i < length) {
      const code = text.charCodeAt(i);
      const point = code >= 0xd800 && code <= 0xdbff ? text.codePointAt(i)! : code;
      width = point > 0xffff ? 2 : 1;
      f = point < 128 ? ASCII[point]! : fold(point);
      kind = f.kind;
    }
    if (kind === Kind.Digits) {
      if (start >= 0 && gapLength) {
        // The group before the gap is complete.
        if (folded !== undefined) foldedGroups.set(count, folded);
        starts[count] = start; ends[count] = end; sizes[count] = folded === undefined ? end - start : folded.length;
        gaps[count] = gapLength === 1 ? gapChar : gapSpaces ? SPACES : MIXED;
        count++;
        start = -1;
        folded = undefined;
        gapLength = 0;
      }
      if (start < 0) {
        start = i;
        if (!f.plain) folded = f.text;
      } else if (folded !== undefined || end !== i || !f.plain) {
        // Invisible characters inside the group, or digits that are not ASCII: keep the digits apart.
        folded = (folded ?? text.slice(start, end)) + f.text;
      }
      end = i + width;
    } else if (kind === Kind.Separator) {
      // Separators before the first digit of a run belong to no number.
      if (start >= 0) {
        if (gapLength === 0) { gapChar = f.code; gapSpaces = true; }
        if (f.code !== 32) gapSpaces = false;
        gapLength++;
      }
    } else if (kind === Kind.Other && start >= 0) {
      // The run ends with its last group.
      if (folded !== undefined) foldedGroups.set(count, folded);
      starts[count] = start; ends[count] = end; sizes[count] = folded === undefined ? end - start : folded.length;
      count++;
      runs.push({ count, starts: starts.subarray(0, count), ends: ends.subarray(0, count), sizes: sizes.subarray(0, count), gaps: gaps.subarray(0, count), folded: foldedGroups });
      // The next run writes after this one in the same arrays.
      starts = starts.subarray(count); ends = ends.subarray(count); sizes = sizes.subarray(count); gaps = gaps.subarray(count);
      count = 0;
      foldedGroups = new Map();
      start = -1;
      folded = undefined;
      gapLength = 0;
    }
    i += width;
  }
  return runs;
}
