import { describe, expect, it } from 'vitest';
import {
  citizenServiceNumberMatches,
  fieldsWithCitizenServiceNumbers,
  findCitizenServiceNumbers,
  findCitizenServiceNumbersIn,
  passesElevenTest,
} from '../../../../core/domain/privacy/citizen-service-number.ts';
import { MUST_NOT_REFUSE, MUST_REFUSE, SPLIT_KEEP, SPLIT_SUBMISSIONS, VALID_BSNS } from './bsn-corpus.ts';

/** The 11-test written out independently of the product: 9·d1 + 8·d2 + … + 2·d8 − 1·d9 ≡ 0 (mod 11). */
const elevenSum = (digits: string): number =>
  [...digits].reduce((sum, d, i) => sum + Number(d) * (i < 8 ? 9 - i : -1), 0);

// Valid BSNs, checked with elevenSum below.
const VALID = ['123456782', '111222333', '999999990', '010000008', '100000009'];

describe('the valid numbers these tests use', () => {
  it.each(VALID)('%s passes the 11-test by hand', (bsn) => {
    expect(bsn).toMatch(/^\d{9}$/);
    expect(elevenSum(bsn) % 11).toBe(0);
  });
});

describe('passesElevenTest', () => {
  it.each<[string, boolean]>([
    // valid
    ['123456782', true],
    ['111222333', true],
    ['999999990', true],
    ['010000008', true], // leading zero
    ['100000009', true], // weighted sum exactly 0
    // nine digits failing the 11-test
    ['123456789', false],
    ['111222334', false],
    ['876543210', false],
    ['000000019', false], // negative sum, not a multiple of 11
    // all zeros: sum 0, but not a number
    ['000000000', false],
    // not exactly nine digits
    ['', false],
    ['12345678', false],
    ['1234567820', false],
    ['0123456782', false],
    // not only digits
    ['123 456 782', false],
    ['1234.56.782', false],
    [' 123456782', false],
    ['123456782 ', false],
    ['123456782\n', false],
    ['12345678a', false],
    ['-12345678', false],
    ['١٢٣٤٥٦٧٨٢', false], // Arabic-Indic digits
  ])('%j → %s', (digits, expected) => {
    expect(passesElevenTest(digits)).toBe(expected);
  });

  it('agrees with the 11-test written out, for every last digit of 12345678x', () => {
    for (let d = 0; d <= 9; d++) {
      const digits = `12345678${d}`;
      expect(passesElevenTest(digits), digits).toBe(elevenSum(digits) % 11 === 0);
    }
    expect(VALID.every(passesElevenTest)).toBe(true);
  });
});

describe('findCitizenServiceNumbers', () => {
  describe('finds a BSN, as written', () => {
    it.each<[string, string[]]>([
      ['123456782', ['123456782']],
      ['111222333', ['111222333']],
      ['010000008', ['010000008']],
      // with spaces or dots between groups
      ['123 456 782', ['123 456 782']],
      ['111 222 333', ['111 222 333']],
      ['1234.56.782', ['1234.56.782']],
      ['123.456.782', ['123.456.782']],
      // with non-breaking spaces, tabs or doubled spaces between groups (pasted from a document or a table)
      ['123\u00a0456\u00a0782', ['123\u00a0456\u00a0782']],
      ['BSN 111\u00a0222\u00a0333', ['111\u00a0222\u00a0333']],
      ['123\t456\t782', ['123\t456\t782']],
      ['BSN 123  456  782', ['123  456  782']],
      ['123  456  782 en 111\u00a0222\u00a0333', ['123  456  782', '111\u00a0222\u00a0333']],
      // glued to letters
      ['bsn123456782', ['123456782']],
      ['BSN123456782x', ['123456782']],
      ['bsn:123456782', ['123456782']],
      // in a sentence
      ['BSN 123456782.', ['123456782']],
      ['Het BSN van de patiënt is 123 456 782, graag nakijken', ['123 456 782']],
      ['Patiënt (123456782) kon niet worden opgevraagd', ['123456782']],
      ['BSN 1234.56.782!', ['1234.56.782']],
      ['Zie bericht:\n123456782\nmvg', ['123456782']],
      // several
      ['123456782 en 111222333', ['123456782', '111222333']],
      ['123456782; 111 222 333.', ['123456782', '111 222 333']],
      // an unseparated nine-digit group inside a longer run still counts
      ['123456782 3 keer gebeld', ['123456782']],
      ['kamer 3 123456782', ['123456782']],
    ])('%j → %j', (text, found) => {
      expect(findCitizenServiceNumbers(text)).toEqual(found);
    });
  });

  describe('finds nothing', () => {
    it.each<[string, string]>([
      ['', 'empty text'],
      ['Koppeling met RivierenNet geeft time-outs sinds 09:15', 'no numbers'],
      ['123456789', 'nine digits failing the 11-test'],
      ['123 456 789', 'nine digits with spaces failing the 11-test'],
      ['123\u00a0456\u00a0789', 'nine digits with non-breaking spaces failing the 11-test'],
      ['123\t456  789', 'nine digits with a tab and a doubled space failing the 11-test'],
      ['06  12345678', 'a Dutch mobile with a doubled space'],
      ['000000000', 'all zeros'],
      ['000 000 000', 'all zeros with spaces'],
      ['12345678', 'eight digits'],
      ['1234567820', 'ten digits (a valid BSN followed by a digit)'],
      ['0123456782', 'ten digits (a valid BSN after a digit)'],
      ['1234567821234', 'a longer run of digits'],
      ['+31 20 555 0102', 'a Dutch landline'],
      ['020-5550102', 'a Dutch landline with a dash'],
      ['06-12345678', 'a Dutch mobile with a dash'],
      ['06 12345678', 'a Dutch mobile with a space'],
      ['0612345678', 'a Dutch mobile'],
      ['+31 6 12345678', 'an international mobile'],
      ['+31612345678', 'an international mobile, unseparated'],
      ['Bel +31 20 555 0102 of 06-12345678', 'two phone numbers in a sentence'],
      ['12.03.2024', 'a date'],
      ['op 12.03.2024 om 14:05', 'a date in a sentence'],
      ['12-03-2024', 'a date with dashes'],
      ['v4.2.1', 'a version number'],
      ['versie 10.4.12.3', 'a four-part version number'],
      ['192.168.100.200', 'an IPv4 address'],
      ['10.0.0.1', 'a short IPv4 address'],
      ['2001:db8::1', 'an IPv6 address'],
      ['€ 1.234.567,82', 'an amount'],
      ['123456782,5', 'a decimal number'],
    ])('%j (%s)', (text) => {
      expect(findCitizenServiceNumbers(text)).toEqual([]);
    });
  });
});

describe('fieldsWithCitizenServiceNumbers', () => {
  it('returns only the names of the fields holding a BSN, in field order', () => {
    expect(
      fieldsWithCitizenServiceNumbers({
        title: 'Storing RivierenNet',
        description: 'Bericht voor BSN 123 456 782 komt niet aan',
        contact: 'Bel 06-12345678',
        notes: undefined,
        steps: '',
        impact: 'ook bsn111222333',
      }),
    ).toEqual(['description', 'impact']);
  });

  it.each<[Record<string, string | undefined>, string[]]>([
    [{}, []],
    [{ title: undefined, description: '' }, []],
    [{ title: 'Versie 4.2.1 op 12.03.2024, bel +31 20 555 0102' }, []],
    [{ title: '123456789' }, []],
    [{ title: '123456782' }, ['title']],
  ])('%j → %j', (fields, names) => {
    expect(fieldsWithCitizenServiceNumbers(fields)).toEqual(names);
  });
});

/** Cases found while writing these tests (fixed in the guard). */
describe('edge cases', () => {
  // False positives: a separated run of exactly nine digits counts whatever its grouping.
  it('an IPv4 address whose nine digits pass the 11-test is not a BSN', () => {
    expect(elevenSum('192168113') % 11).toBe(0);
    expect(findCitizenServiceNumbers('server 192.168.1.13 reageert niet')).toEqual([]);
  });

  it('an international mobile number written "+31 6xxxxxxxx" is not a BSN', () => {
    expect(elevenSum('612345671') % 11).toBe(0);
    expect(findCitizenServiceNumbers('bel +31 612345671')).toEqual([]);
  });

  // False negatives: a BSN that is written down but not caught.
  it('two spaced BSNs separated by a space are both found', () => {
    expect(findCitizenServiceNumbers('BSNs 123 456 782 111 222 333')).toEqual(['123 456 782', '111 222 333']);
  });

  it('a spaced BSN followed by a small number is found', () => {
    expect(findCitizenServiceNumbers('BSN 123 456 782 2 keer geprobeerd')).toEqual(['123 456 782']);
  });

  it('BSNs separated by a comma without a space (a pasted CSV line) are found', () => {
    expect(findCitizenServiceNumbers('123456782,111222333')).toEqual(['123456782', '111222333']);
  });

  it('a BSN right after a full stop ("bsn.123456782") is found', () => {
    expect(findCitizenServiceNumbers('bsn.123456782')).toEqual(['123456782']);
  });
});

/** The digits of a text read naively: NFKC, then every ASCII digit in a row. */
const naiveDigits = (text: string): string => text.normalize('NFKC').replace(/\D/g, '');
const holdsNaively = (text: string): boolean => {
  const digits = naiveDigits(text);
  for (let i = 0; i + 9 <= digits.length; i++) if (elevenSum(digits.slice(i, i + 9)) % 11 === 0 && !/^0+$/.test(digits.slice(i, i + 9))) return true;
  return false;
};
/** The value of a decimal digit of any script: the offset from the zero of its run of ten (written out apart from the product). */
const digitValue = (c: string): string => {
  let zero = c.codePointAt(0)!;
  while (/\p{Nd}/u.test(String.fromCodePoint(zero - 1))) zero--;
  return String((c.codePointAt(0)! - zero) % 10);
};
/** A number as found, back to ASCII digits (any script, any separator). */
const digitsOf = (found: string): string => [...found.normalize('NFKC')].map((c) => (/\p{Nd}/u.test(c) ? digitValue(c) : '')).join('');

describe('the corpus (bsn-corpus.ts)', () => {
  it.each([...VALID_BSNS])('%s passes the 11-test written out', (bsn) => {
    expect(elevenSum(bsn) % 11).toBe(0);
  });

  it('look-alikes marked as such do hold nine digits passing the 11-test when read naively, so they test something', () => {
    const marked = MUST_NOT_REFUSE.filter((c) => c.lookAlike);
    expect(marked.length).toBeGreaterThanOrEqual(20);
    expect(marked.filter((c) => !holdsNaively(c.text)).map((c) => c.text)).toEqual([]);
  });

  it('has hundreds of spellings to refuse', () => {
    expect(MUST_REFUSE.length).toBeGreaterThan(200);
  });
});

describe('must refuse: every spelling in the corpus', () => {
  it.each(MUST_REFUSE.map((c) => [c.how, c] as const))('%s', (_how, c) => {
    const found = findCitizenServiceNumbers(c.text);
    expect(found.length, JSON.stringify(c.text)).toBeGreaterThan(0);
    // The first number found is the one written, and it is reported as written (a part of the text).
    expect(c.text).toContain(found[0]);
    expect(found.some((f) => digitsOf(f).endsWith(c.bsn.slice(-3)) || digitsOf(f) === c.bsn), JSON.stringify(found)).toBe(true);
  });
});

describe('must not refuse: look-alikes in the corpus', () => {
  it.each(MUST_NOT_REFUSE.map((c) => [c.what, c] as const))('%s', (_what, c) => {
    expect(findCitizenServiceNumbers(c.text), JSON.stringify(c.text)).toEqual([]);
  });
});

describe('a number split over two fields of one submission', () => {
  it.each(SPLIT_SUBMISSIONS.map((c) => [c.how, c] as const))('%s → both fields are named', (_how, c) => {
    // Neither field holds a number on its own.
    for (const value of Object.values(c.fields)) expect(findCitizenServiceNumbers(value), value).toEqual([]);
    expect(fieldsWithCitizenServiceNumbers(c.fields)).toEqual(c.named);
    const found = findCitizenServiceNumbersIn(c.fields);
    for (const name of c.named) expect(passesElevenTest(digitsOf(found[name as keyof typeof found]!).slice(-9))).toBe(true);
  });

  it.each(SPLIT_KEEP.map((c) => [c.what, c] as const))('%s → nothing', (_what, c) => {
    expect(fieldsWithCitizenServiceNumbers(c.fields)).toEqual([]);
  });

  it('a field holding its own number keeps it; the split one is reported on the next field', () => {
    expect(findCitizenServiceNumbersIn({ title: 'BSN 111222333 en 1234', description: '56782 ook' })).toEqual({ title: '111222333', description: '123456782' });
  });

  it('the found number of a split is the text across the seam', () => {
    expect(findCitizenServiceNumbersIn({ title: 'Uitslag 1234', description: '56782 weg' })).toEqual({ title: '123456782', description: '123456782' });
  });
});

describe('where a number is', () => {
  it('matches give the place in the original text, whatever the characters', () => {
    const text = 'BSN ١٢٣\u200b٤٥٦\u00a0٧٨٢ klopt niet';
    const [m] = citizenServiceNumberMatches(text);
    expect(m).toEqual({ found: '١٢٣\u200b٤٥٦\u00a0٧٨٢', start: 4, end: 4 + 11 });
    expect(text.slice(m!.start, m!.end)).toBe(m!.found);
  });

  it('astral digits (mathematical bold) keep their place too', () => {
    const text = 'BSN 𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖𝟐!';
    expect(findCitizenServiceNumbers(text)).toEqual(['𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖𝟐']);
  });
});

/** CPU time (ms) of the best of up to five tries after a warm-up, stopping at the first under `limit` (the machine may be busy meanwhile). */
function bestCpuMs(work: () => void, limit = 100): number {
  findCitizenServiceNumbers('BSN 123 456 782, 1.234.567,82, 12-03-2026 9.15 en ١٢٣٤٥٦٧٨٢ '.repeat(500));
  let best = Infinity;
  for (let i = 0; i < 5 && best >= limit; i++) {
    const before = process.cpuUsage();
    work();
    const used = process.cpuUsage(before);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  return best;
}

describe('cost: linear in the length of the text', () => {
  it('1 MB of digits and separators (some invisible, some not ASCII) is checked in well under 100 ms', () => {
    const parts = ['123', ' ', '45', '-', '6', '.', '7890', '/', '12', '_', '3', ',', '\u00a0', '98', '\u200b', '7', '٤', '\u202f'];
    const text = Array.from({ length: 700_000 }, (_, i) => parts[(i * 7) % parts.length]).join('').slice(0, 1_000_000);
    expect(text.length).toBe(1_000_000);
    expect(bestCpuMs(() => findCitizenServiceNumbers(text))).toBeLessThan(100);
  });

  // The most output a megabyte can make: 90,000 numbers found, each reported as written.
  it('1 MB of BSNs in a row (every one found) is checked in under 200 ms', () => {
    const text = '123 456 782 '.repeat(90_000);
    let found: string[] = [];
    expect(bestCpuMs(() => { found = findCitizenServiceNumbers(text); }, 200)).toBeLessThan(200);
    expect(found).toHaveLength(90_000);
  });

  it('1 MB of one long digit group is checked in well under 100 ms', () => {
    const text = '7'.repeat(1_000_000);
    expect(bestCpuMs(() => expect(findCitizenServiceNumbers(text)).toEqual([]))).toBeLessThan(100);
  });

  it('a 1 MB submission of fields is checked in well under 100 ms', () => {
    const fields = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`f${i}`, `${'12.3 '.repeat(2000)}${i}`]));
    expect(bestCpuMs(() => findCitizenServiceNumbersIn(fields))).toBeLessThan(100);
  });
});
