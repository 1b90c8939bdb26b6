import { BSN_SHAPES } from './bsn-shapes.ts';
import { digitRuns, type DigitRun } from './digit-runs.ts';
import { lookAlikes } from './number-look-alikes.ts';

/**
 * The patient-data guard (DOMAIN.md "Privacy"): incidents, knowledge-base entries, announcements
 * and contact details are about systems and colleagues, never about patients. A citizen service
 * number (BSN) is nine digits that pass the 11-test, however they are written: with any separators
 * or invisible characters between the digits, in full-width or any other script's digits
 * (see digit-runs.ts), or split over two fields of one form.
 *
 * Which stretches of a run of digit groups count as one number:
 * - a run (or the part of it left between look-alikes, see below) of exactly nine digits, grouped
 *   in any way ("12-345-6782", "1 2 3 4 5 6 7 8 2", "1234_56782");
 * - inside a longer run, only whole groups written the way a BSN is written: 9, 3-3-3, 4-2-3,
 *   2-3-4, 3-2-4 or one digit at a time ("BSN 123 456 782 2 keer geprobeerd", two BSNs in a row).
 * Look-alikes are taken out of a run before that (number-look-alikes.ts): international phone
 * numbers, AGB codes, document numbers (INC-2026-0042), times, dates (with a time after them), IPv4
 * addresses, version numbers and amounts. Deliberately not counted: nine digits inside a longer
 * unseparated number ("1234567821234"), a number written in words, and nine digits written in the
 * exact shape of a look-alike ("192.168.1.13", "1.234.567,82", "€ 123.456.782", "+31 612345671",
 * "4.12.3.00011"): refusing those would refuse every such address, amount, phone number and version.
 */

/** The 11-test: 9·d1 + 8·d2 + … + 2·d8 − 1·d9 is a multiple of 11 (and not all zeros). */
export function passesElevenTest(digits: string): boolean {
  if (!/^\d{9}$/.test(digits) || /^0+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(digits[i]) * (9 - i);
  sum -= Number(digits[8]);
  return sum % 11 === 0;
}

// The same shapes as numbers (one decimal digit per group length), to compare without building strings.
const SHAPE_CODES = new Set(BSN_SHAPES.map((shape) => Number(shape.replaceAll('-', ''))));

export interface CitizenServiceNumberMatch {
  /** As written (the original characters, separators included). */
  found: string;
  start: number;
  end: number;
}

/** Every citizen service number in the text, with where it is. */
export function citizenServiceNumberMatches(text: string): CitizenServiceNumberMatch[] {
  const matches: CitizenServiceNumberMatch[] = [];
  for (const run of digitRuns(text)) {
    const blocked = lookAlikes(text, run);
    let from = 0;
    for (let i = 0; i <= run.sizes.length; i++) {
      if (i < run.sizes.length && !blocked[i] && run.sizes[i]! <= 9) continue;
      if (i > from) matchesIn(text, run, from, i, matches);
      from = i + 1;
    }
  }
  return matches;
}

/** Tries groups [from, to) of a run (none of them a look-alike or longer than nine digits). */
function matchesIn(text: string, run: DigitRun, from: number, to: number, matches: CitizenServiceNumberMatch[]): void {
  const { sizes, starts, ends } = run;
  const add = (first: number, last: number) => matches.push({ found: text.slice(starts[first], ends[last]), start: starts[first]!, end: ends[last]! });
  let total = 0;
  for (let i = from; i < to && total <= 9; i++) total += sizes[i]!;
  if (total === 9) {
    // Standing alone: nine digits however they are grouped.
    if (groupsPassElevenTest(text, run, from, to - 1)) add(from, to - 1);
    return;
  }
  for (let first = from; first < to; first++) {
    for (let last = first, count = 0, shape = 0; last < to && count < 9; last++) {
      count += sizes[last]!;
      shape = shape * 10 + sizes[last]!;
      if (count === 9 && SHAPE_CODES.has(shape) && groupsPassElevenTest(text, run, first, last)) {
        add(first, last);
        first = last; // the groups of a number found are not reused
        break;
      }
    }
  }
}

/** The 11-test over the nine digits of groups first…last, read in place (no strings built: a text may hold many). */
function groupsPassElevenTest(text: string, run: DigitRun, first: number, last: number): boolean {
  let sum = 0;
  let position = 0;
  let nonZero = false;
  for (let i = first; i <= last; i++) {
    const folded = run.folded.get(i);
    const digits = folded ?? text;
    const from = folded === undefined ? run.starts[i]! : 0;
    const to = folded === undefined ? run.ends[i]! : folded.length;
    for (let j = from; j < to; j++, position++) {
      const d = digits.charCodeAt(j) - 48;
      if (d) nonZero = true;
      sum += position < 8 ? d * (9 - position) : -d;
    }
  }
  return nonZero && sum % 11 === 0;
}

/** Every citizen service number in the text, as written. */
export function findCitizenServiceNumbers(text: string): string[] {
  return citizenServiceNumberMatches(text).map((m) => m.found);
}

/** How much of the end of one field and the start of the next is read together. */
const JOIN_CONTEXT = 64;

/**
 * The citizen service numbers of one submission, per field (the first one each, as written): in
 * each field, and split over two consecutive fields in form order (the end of one and the start of
 * the next, read together directly and with a space between). A split number is reported on both
 * fields. Empty fields are passed over.
 */
export function findCitizenServiceNumbersIn<K extends string>(fields: Partial<Record<K, string | undefined>>): Partial<Record<K, string>> {
  const entries = (Object.entries(fields) as Array<[K, string | undefined]>).filter((e): e is [K, string] => typeof e[1] === 'string' && e[1].trim() !== '');
  const found = new Map<K, string>();
  for (const [name, value] of entries) {
    const first = citizenServiceNumberMatches(value)[0];
    if (first) found.set(name, first.found);
  }
  for (let i = 0; i + 1 < entries.length; i++) {
    const [a, aValue] = entries[i]!;
    const [b, bValue] = entries[i + 1]!;
    const tail = aValue.trimEnd().slice(-JOIN_CONTEXT);
    const head = bValue.trimStart().slice(0, JOIN_CONTEXT);
    for (const joint of ['', ' ']) {
      const split = citizenServiceNumberMatches(tail + joint + head).find((m) => m.start < tail.length && m.end > tail.length + joint.length);
      if (!split) continue;
      if (!found.has(a)) found.set(a, split.found);
      if (!found.has(b)) found.set(b, split.found);
      break;
    }
  }
  const result: Partial<Record<K, string>> = {};
  for (const [name] of entries) if (found.has(name)) result[name] = found.get(name)!;
  return result;
}

/** The fields (by name, in form order) whose text holds a citizen service number, also one split over two fields. */
export function fieldsWithCitizenServiceNumbers(fields: Record<string, string | undefined>): string[] {
  return Object.keys(findCitizenServiceNumbersIn(fields));
}
