/**
 * The patient-data guard (DOMAIN.md "Privacy"): incidents, knowledge-base entries and maintenance
 * texts are about systems, never about patients. A citizen service number (BSN) is nine digits that
 * pass the 11-test, also written with spaces or dots ("123 456 782", "1234.56.782").
 */

/** The 11-test: 9·d1 + 8·d2 + … + 2·d8 − 1·d9 is a multiple of 11 (and not all zeros). */
export function passesElevenTest(digits: string): boolean {
  if (!/^\d{9}$/.test(digits) || /^0+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(digits[i]) * (9 - i);
  sum -= Number(digits[8]);
  return sum % 11 === 0;
}

// A run of digit groups separated by spaces (also non-breaking, tabs, doubled) or dots, not touching other digits (a run right
// after "3." is the tail of a decimal number, not a new number).
const RUN = /(?<!\d)(?<!\d\.)\d+(?:[ .\u00a0\t]{1,3}\d+)*/g;
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;
/** "123456782,5": a decimal number (a comma and a short fraction), not a number followed by another. */
const DECIMAL_TAIL = /^,\d{1,3}(?!\d)/;

/**
 * Every citizen service number in the text, as written: nine digits passing the 11-test, also in
 * groups ("123 456 782", "1234.56.782"). In a longer run of groups, every stretch of whole groups
 * holding nine digits is tried, so two numbers in a row are both found. International phone
 * numbers ("+31 612345671"), IPv4 addresses and decimal numbers are not numbers of this kind.
 */
export function findCitizenServiceNumbers(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(RUN)) {
    const run = match[0];
    if (text[match.index - 1] === '+' || IPV4.test(run) || DECIMAL_TAIL.test(text.slice(match.index + run.length))) continue;
    const groups = run.split(/[ .\u00a0\t]+/);
    const separators = run.match(/[ .\u00a0\t]+/g) ?? [];
    for (let from = 0; from < groups.length; from++) {
      let digits = '';
      for (let to = from; to < groups.length && digits.length < 9; to++) {
        digits += groups[to];
        if (digits.length !== 9) continue;
        if (passesElevenTest(digits)) {
          found.push(groups.slice(from, to + 1).map((g, i) => (i === 0 ? g : `${separators[from + i - 1]}${g}`)).join(''));
          from = to; // the groups of a number found are not reused
        }
      }
    }
  }
  return found;
}
/** The fields (by name) whose text holds a citizen service number. */
export function fieldsWithCitizenServiceNumbers(fields: Record<string, string | undefined>): string[] {
  return Object.entries(fields).filter(([, value]) => value && findCitizenServiceNumbers(value).length > 0).map(([name]) => name);
}
