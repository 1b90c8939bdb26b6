import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findCitizenServiceNumbers, findCitizenServiceNumbersIn } from '../../core/domain/privacy/citizen-service-number.ts';
import { DIGIT_SCRIPTS, INVISIBLES, SEPARATORS, inScript } from '../core/domain/privacy/bsn-corpus.ts';

/**
 * The BSN guard against arbitrary and hostile text (issue 14, points 2 and 3): it never throws and
 * stays fast on anything, and a valid BSN stays found however it is dressed up.
 */

/**
 * A valid BSN: eight random digits and the ninth that makes the 11-test pass (redrawn when none
 * does). Not starting with "00": written "0012 34 567" that is an international phone number.
 */
const validBsn = fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 8, maxLength: 8 })
  .map((digits) => {
    const sum = digits.reduce((s, d, i) => s + d * (9 - i), 0);
    const last = sum % 11;
    return last <= 9 && (sum > 0 || last > 0) ? `${digits.join('')}${last}` : undefined;
  })
  .filter((bsn): bsn is string => bsn !== undefined && !bsn.startsWith('00'));

/** Invisible characters typed or pasted between two digits (maybe none). */
const invisibles = fc.array(fc.constantFrom(...INVISIBLES.map(([, c]) => c)), { maxLength: 3 }).map((parts) => parts.join(''));
/** Any separator, alone or several, with invisible characters mixed in (invisible characters alone join digits: no gap). */
const anySeparators = fc.tuple(fc.constantFrom(...SEPARATORS.map(([, s]) => s)), fc.array(fc.constantFrom(...SEPARATORS.map(([, s]) => s), ...INVISIBLES.map(([, c]) => c)), { maxLength: 2 }))
  .map(([separator, more]) => [separator, ...more].join(''));
/**
 * Separators at any position that cannot make the number a look-alike: each gap holds a space-like
 * character or an underscore (a lone dot, comma, dash or slash between arbitrary digits can make a
 * version, amount or date, which the guard deliberately does not count).
 */
const SPACE_LIKE = SEPARATORS.map(([, s]) => s).filter((s) => /[\s_]/u.test(s));
const spacedGap = fc.tuple(fc.constantFrom(...SPACE_LIKE), anySeparators, invisibles).map(([space, more, hidden]) => `${hidden}${more}${space}${hidden}`);
/** The usual groupings of a BSN. */
const GROUPINGS = [[3, 3, 3], [4, 2, 3], [2, 3, 4], [3, 2, 4], [1, 1, 1, 1, 1, 1, 1, 1, 1]];

/** Text around a number: words and punctuation that end a number (never a digit, separator or sign of a look-alike). */
const words = fc.constantFrom('', 'BSN ', 'bsn van mw is ', 'Patiënt ', 'Zie: ', 'Patient id ', '(', 'nummer\n');
const after = fc.constantFrom('', ' graag checken', '!', ' staat dubbel', ')', '\nmvg');

describe('the BSN guard under arbitrary input', () => {
  const checksQuickly = (text: string) => {
    const started = performance.now();
    const found = findCitizenServiceNumbers(text);
    expect(Array.isArray(found)).toBe(true);
    for (const f of found) expect(text).toContain(f);
    expect(performance.now() - started).toBeLessThan(1000);
  };

  it('any string up to 100,000 characters: returns quickly and never throws', () => {
    fc.assert(
      fc.property(fc.oneof(
        fc.string({ unit: 'binary', maxLength: 100_000, size: 'max' }),
        fc.string({ unit: fc.constantFrom('1', '2', '7', '0', ' ', '-', '.', ',', '/', '\u00a0', '\u200b', '٣', '５', '+', '€', ':', 'a'), minLength: 50_000, maxLength: 100_000 }),
      ), checksQuickly),
      { numRuns: 8 },
    );
  });

  it('any short string: never throws, finds only what is in the text', () => {
    fc.assert(fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.string({ unit: fc.constantFrom(...'0123456789 -./,_+€:#()\u00a0\u200b٣５a'), maxLength: 300 })), checksQuickly), { numRuns: 300 });
  });

  it('any submission of arbitrary fields: never throws, names only fields that were given', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ maxLength: 10 }), fc.option(fc.string({ unit: 'binary', maxLength: 2000 }), { nil: undefined }), { maxKeys: 8 }), (fields) => {
        const found = findCitizenServiceNumbersIn(fields);
        for (const name of Object.keys(found)) expect(Object.keys(fields)).toContain(name);
      }),
      { numRuns: 100 },
    );
  });
});

/** The BSN with `gap(i)` after digit i (i = 0…7). */
const dressed = (bsn: string, gap: (i: number) => string): string => [...bsn].map((d, i) => (i < 8 ? `${d}${gap(i)}` : d)).join('');

describe('a valid BSN stays found', () => {
  it('with any run of invisible characters between any of its digits', () => {
    fc.assert(
      fc.property(validBsn, fc.array(invisibles, { minLength: 8, maxLength: 8 }), words, after, (bsn, gaps, before, tail) => {
        expect(findCitizenServiceNumbers(`${before}${dressed(bsn, (i) => gaps[i]!)}${tail}`).length).toBeGreaterThan(0);
      }),
      { numRuns: 200 },
    );
  });

  it('with any separators (and invisible characters) between the groups of a usual grouping', () => {
    fc.assert(
      fc.property(validBsn, fc.constantFrom(...GROUPINGS), fc.array(anySeparators, { minLength: 8, maxLength: 8 }), fc.array(invisibles, { minLength: 8, maxLength: 8 }), words, after,
        (bsn, grouping, gaps, hidden, before, tail) => {
          const ends = grouping.slice(0, -1).map((_, k) => grouping.slice(0, k + 1).reduce((a, b) => a + b, 0) - 1);
          const text = `${before}${dressed(bsn, (i) => (ends.includes(i) ? gaps[i]! : hidden[i]!))}${tail}`;
          expect(findCitizenServiceNumbers(text), JSON.stringify(text)).not.toEqual([]);
        }),
      { numRuns: 300 },
    );
  });

  it('with space-like separators (and anything else) at any positions', () => {
    fc.assert(
      fc.property(validBsn, fc.array(fc.option(spacedGap, { nil: '' }), { minLength: 8, maxLength: 8 }), words, after, (bsn, gaps, before, tail) => {
        const text = `${before}${dressed(bsn, (i) => gaps[i]!)}${tail}`;
        expect(findCitizenServiceNumbers(text), JSON.stringify(text)).not.toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('in digits of any script, mixed, with separators and invisible characters between the groups', () => {
    fc.assert(
      fc.property(validBsn, fc.array(fc.constantFrom(48, ...DIGIT_SCRIPTS.map(([, zero]) => zero)), { minLength: 9, maxLength: 9 }), fc.constantFrom(...GROUPINGS), anySeparators, words, after,
        (bsn, zeros, grouping, gap, before, tail) => {
          const ends = grouping.slice(0, -1).map((_, k) => grouping.slice(0, k + 1).reduce((a, b) => a + b, 0) - 1);
          const written = [...bsn].map((d, i) => `${inScript(d, zeros[i]!)}${ends.includes(i) ? gap : ''}`).join('');
          expect(findCitizenServiceNumbers(`${before}${written}${tail}`), JSON.stringify(written)).not.toEqual([]);
        }),
      { numRuns: 300 },
    );
  });

  it('split anywhere over two fields of one submission', () => {
    fc.assert(
      fc.property(validBsn, fc.integer({ min: 1, max: 8 }), fc.option(spacedGap, { nil: '' }), words, after, (bsn, at, gap, before, tail) => {
        const fields = { title: `${before}${bsn.slice(0, at)}${gap}`, description: `${bsn.slice(at)}${tail}` };
        expect(Object.keys(findCitizenServiceNumbersIn(fields)), JSON.stringify(fields)).toEqual(['title', 'description']);
      }),
      { numRuns: 200 },
    );
  });
});
