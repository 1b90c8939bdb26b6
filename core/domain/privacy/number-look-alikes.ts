import { BSN_SHAPES } from './bsn-shapes.ts';
import { SPACES, groupDigits, type DigitRun } from './digit-runs.ts';

/**
 * Numbers that are written like a citizen service number but are something else, so that the guard
 * does not refuse them (citizen-service-number.ts): which groups of a run belong to
 *
 * - an international phone number: after "+" or "00<country> ", until eleven digits ("+31 (0)6 1234 5678");
 * - an AGB code (eight digits after "AGB" or "AGB-code");
 * - a document number: a short word, a dash, a year and a sequence number ("INC-2026-0042", "MNT-2026-0007");
 * - a time: the hours before ":" and the minutes after it ("12-03-2026 9:15");
 * - a date (day-month-year or year-month-day with one kind of separator, a real day and month, a
 *   year 1900–2099), with a time written "9.15" right after it ("1-5-2026 9.15", "3-3-26 9.15");
 * - an IPv4 address (four numbers up to 255 joined by dots);
 * - a version number: three or four groups joined by single dots, the first of one or two digits or
 *   a year, not written like a BSN ("4.12.3.00011"; "1234.56.782", "123.456.782", "652.197.39.5"
 *   and "12.34.56.78.2" stay numbers);
 * - an amount: after or before a currency sign or "EUR"/"euro", or with decimals ("1.234.567,82",
 *   "123456782,5"), its thousands groups and decimals.
 *
 * Returns, per group, whether it is part of such a look-alike (1) or not (0).
 */
export function lookAlikes(text: string, run: DigitRun): Uint8Array {
  const { sizes, gaps } = run;
  const n = sizes.length;
  const blocked = new Uint8Array(n);
  const block = (from: number, to: number) => { for (let i = from; i <= to; i++) blocked[i] = 1; };
  const value = (i: number) => (sizes[i]! <= 4 ? Number(groupDigits(text, run, i)) : Number.NaN);
  const before = text.slice(Math.max(0, run.starts[0]! - 24), run.starts[0]);
  const after = text.slice(run.ends[n - 1], run.ends[n - 1]! + 24);

  // Phone: "+31 6 12345678", "+31 (0)20 555 0102", "0031 6 12345678".
  if (/\+[\s(]*$/.test(before) || (n > 1 && sizes[0] === 4 && (gaps[0] === SPACE || gaps[0] === SPACES) && /^00[1-9]/.test(groupDigits(text, run, 0)))) {
    for (let i = 0, digits = 0; i < n && digits < 11; i++) { blocked[i] = 1; digits += sizes[i]!; }
  }
  // AGB code (a care provider's code): eight digits.
  if (sizes[0] === 8 && /AGB(?:[\s-]?code)?[\s:.#-]*$/i.test(before)) blocked[0] = 1;
  // A document number: "INC-2026-0042" (not "BSN-…").
  const word = /(?:^|[^\p{L}])(\p{L}{2,5})[-\s]$/u.exec(before)?.[1];
  if (word && !/^bsn$/i.test(word) && n > 1 && sizes[0] === 4 && isYear(value(0)) && gaps[0] === DASH && sizes[1]! >= 4) block(0, 1);
  // Times: hours and minutes (and seconds) joined by a colon, "9:15", "20:00:30"; a colon between
  // longer groups ("123:456:782") is just a separator.
  for (let i = 0; i + 1 < n; i++) {
    if (gaps[i] !== COLON || sizes[i]! > 2 || value(i) > 23 || sizes[i + 1] !== 2 || value(i + 1) > 59) continue;
    block(i, i + 1);
    if (i + 2 < n && gaps[i + 1] === COLON && sizes[i + 2] === 2 && value(i + 2) <= 59) block(i + 2, i + 2);
  }

  for (let i = 0; i + 2 < n; i++) {
    const gap = gaps[i]!;
    // Dates, and a time written with a dot right after one.
    const date = (gap === DASH || gap === SLASH || gap === DOT) && gaps[i + 1] === gap ? dateKind(sizes[i]!, value(i), sizes[i + 1]!, value(i + 1), sizes[i + 2]!, value(i + 2)) : undefined;
    if (date) {
      const space = gaps[i + 2] === SPACE || gaps[i + 2] === SPACES;
      const time = i + 4 < n && space && sizes[i + 3]! <= 2 && value(i + 3) <= 23 && gaps[i + 3] === DOT && sizes[i + 4] === 2 && value(i + 4) <= 59;
      // A two-digit year ("3-3-26") only with a time after it: alone it is too short to matter.
      if (date === 'full' || time) block(i, i + 2);
      if (time) block(i + 3, i + 4);
    }
    // IPv4 addresses (four numbers, not part of a longer dotted chain).
    if (i + 3 < n && gap === DOT && gaps[i + 1] === DOT && gaps[i + 2] === DOT && (i === 0 || gaps[i - 1] !== DOT) && (i + 4 >= n || gaps[i + 3] !== DOT)
      && [0, 1, 2, 3].every((k) => sizes[i + k]! <= 3 && value(i + k) <= 255)) block(i, i + 3);
  }
  blockVersions(text, run, blocked);
  blockAmounts(before, after, run, blocked);
  return blocked;
}

const SPACE = 32;
const DASH = 45;
const DOT = 46;
const SLASH = 47;
const COMMA = 44;
const COLON = 58;
const APOSTROPHE = 39;

const isYear = (y: number) => y >= 1900 && y <= 2099;
const isDay = (size: number, d: number) => size <= 2 && d >= 1 && d <= 31;
const isMonth = (size: number, m: number) => size <= 2 && m >= 1 && m <= 12;

/** A date: with a four-digit year ('full') or a two-digit one ('short'). */
function dateKind(s1: number, v1: number, s2: number, v2: number, s3: number, v3: number): 'full' | 'short' | undefined {
  if (isDay(s1, v1) && isMonth(s2, v2)) return s3 === 4 && isYear(v3) ? 'full' : s3 === 2 ? 'short' : undefined;
  return s1 === 4 && isYear(v1) && isMonth(s2, v2) && isDay(s3, v3) ? 'full' : undefined;
}

/** Chains of three or four groups joined by single dots, starting with a major number or a year, holding no stretch written like a BSN and not one digit at a time. */
function blockVersions(text: string, run: DigitRun, blocked: Uint8Array): void {
  const { sizes, gaps } = run;
  for (let first = 0; first < sizes.length; ) {
    let last = first;
    while (last + 1 < sizes.length && gaps[last] === DOT) last++;
    // Versions have three or four parts (four dotted numbers up to 255 are an IPv4 address, above),
    // the first a small major number or a year ("4.12.3", "2026.3.1").
    const major = sizes[first]! <= 2 || (sizes[first] === 4 && isYear(Number(groupDigits(text, run, first))));
    const chain = major && last - first >= 2 && last - first <= 3 ? sizes.subarray(first, last + 1) : undefined;
    if (chain && !chain.every((size) => size === 1) && !hasBsnShape(chain)) {
      for (let i = first; i <= last; i++) blocked[i] = 1;
    }
    first = last + 1;
  }
}

const SHAPES = new Set(BSN_SHAPES.filter((shape) => shape !== '1-1-1-1-1-1-1-1-1').map((shape) => Number(shape.replaceAll('-', ''))));

function hasBsnShape(sizes: Int32Array): boolean {
  for (let first = 0; first < sizes.length; first++) {
    for (let last = first, sum = 0, shape = 0; last < sizes.length && sum < 9; last++) {
      sum += sizes[last]!;
      shape = shape * 10 + sizes[last]!;
      if (sum === 9 && SHAPES.has(shape)) return true;
    }
  }
  return false;
}

const CURRENCY_BEFORE = /(?:\p{Sc}|\b(?:EUR|eur|euro|Euro))\s*$/u;
const CURRENCY_AFTER = /^\s*(?:\p{Sc}|(?:EUR|eur|euro|Euro)\b)/u;

/**
 * Amounts: "€ 1.234.567,82", "1 234 567,82", "123456782,50 euro", "123456782,5". With a currency
 * sign every amount is one; without one only an amount with decimals (whose whole part is not a
 * single digit, so that "1,2,3,4,5,6,7,8,2" stays a number).
 */
function blockAmounts(before: string, after: string, run: DigitRun, blocked: Uint8Array): void {
  const n = run.sizes.length;
  if (CURRENCY_BEFORE.test(before)) {
    const amount = amountFrom(run, 0);
    for (let i = 0; i <= amount.last; i++) blocked[i] = 1;
  }
  // An amount that ends the run: with a currency sign after it, or with decimals.
  const currencyAfter = CURRENCY_AFTER.test(after);
  for (let first = Math.max(0, n - 8); first < n; first++) {
    const amount = amountFrom(run, first);
    if (amount.last !== n - 1) continue;
    // Not a decimal number when a dot or comma joins it to a number before ("56.78.2" is one chain).
    const joined = first > 0 && (run.gaps[first - 1] === DOT || run.gaps[first - 1] === COMMA);
    if (currencyAfter || (amount.decimals && !joined && (amount.thousands || run.sizes[first]! >= 2))) {
      for (let i = first; i < n; i++) blocked[i] = 1;
      return;
    }
  }
}

/** The longest amount starting at group `first`: its last group, and whether it has thousands groups and decimals. */
function amountFrom(run: DigitRun, first: number): { last: number; thousands: boolean; decimals: boolean } {
  const { sizes, gaps } = run;
  let last = first;
  let mark: number | undefined;
  if (sizes[first]! <= 3) {
    while (last + 1 < sizes.length && (gaps[last] === DOT || gaps[last] === COMMA || gaps[last] === APOSTROPHE || gaps[last] === SPACE) && (mark === undefined || gaps[last] === mark) && sizes[last + 1] === 3) {
      mark = gaps[last];
      last++;
    }
  }
  let decimals = false;
  if (last + 1 < sizes.length && (gaps[last] === COMMA || gaps[last] === DOT) && gaps[last] !== mark && sizes[last + 1]! <= 2) {
    last++;
    decimals = true;
  }
  return { last, thousands: mark !== undefined, decimals };
}
