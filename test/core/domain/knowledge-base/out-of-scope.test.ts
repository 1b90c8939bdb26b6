import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { oneEditApart, outOfScope, tokenize } from '../../../../core/domain/knowledge-base/out-of-scope.ts';

/**
 * Clinical and personal (HR) questions are not for Ketenbot; ICT and chain questions are, even
 * when they are full of clinical words. Tested both ways on questions as people type them.
 */

const CORPUS = JSON.parse(readFileSync(new URL('./out-of-scope-questions.json', import.meta.url), 'utf8')) as {
  clinical: string[]; personal: string[]; ict: string[];
};
const REALISTIC = JSON.parse(readFileSync(new URL('../../../relevance/realistic-questions.json', import.meta.url), 'utf8')) as {
  answerable: Array<{ q: string }>; unanswerable: Array<{ q: string; why: string }>;
};
const realisticOfKind = (why: string) => REALISTIC.unanswerable.filter((u) => u.why.startsWith(why)).map((u) => u.q);

describe('outOfScope: questions that are not for Ketenbot', () => {
  it('the corpus is as large as promised: 25+ clinical and HR questions, 40+ ICT questions with clinical words', () => {
    expect(CORPUS.clinical.length + CORPUS.personal.length).toBeGreaterThanOrEqual(25);
    expect(CORPUS.clinical.length).toBeGreaterThanOrEqual(20);
    expect(CORPUS.personal.length).toBeGreaterThanOrEqual(10);
    expect(CORPUS.ict.length).toBeGreaterThanOrEqual(40);
    expect(realisticOfKind('clinical').length).toBeGreaterThanOrEqual(10);
    expect(realisticOfKind('HR/personal').length).toBeGreaterThanOrEqual(7);
  });

  it.each([...CORPUS.clinical, ...realisticOfKind('clinical')])('clinical: %j', (question) => {
    expect(outOfScope(question)).toMatchObject({ kind: 'clinical', because: expect.any(String) });
  });

  it.each([...CORPUS.personal, ...realisticOfKind('HR/personal')])('personal / HR: %j', (question) => {
    expect(outOfScope(question)).toMatchObject({ kind: 'personal', because: expect.any(String) });
  });

  it.each(CORPUS.ict)('an ICT question with clinical or personal words is not out of scope: %j', (question) => {
    expect(outOfScope(question)).toBeUndefined();
  });

  it('no answerable question of the relevance set is out of scope', () => {
    expect(REALISTIC.answerable.length).toBeGreaterThanOrEqual(150);
    const flagged = REALISTIC.answerable.filter((a) => outOfScope(a.q) !== undefined).map((a) => `${a.q} → ${JSON.stringify(outOfScope(a.q))}`);
    expect(flagged).toEqual([]);
  });

  it('says why: the word or phrase that decided it', () => {
    expect(outOfScope('cliënt heeft veel bloedverlies na de bevalling, wat moet ik doen')).toEqual({ kind: 'clinical', because: 'bloedverlies' });
    expect(outOfScope('baby spuugt na elke voeding, is dat normaal?')).toEqual({ kind: 'clinical', because: 'baby* + is dat normaal' });
    expect(outOfScope('hoe meld ik me ziek voor morgen')).toEqual({ kind: 'personal', because: 'me ziek' });
  });

  it('an ICT word wins over any clinical word, and a care word alone is not clinical', () => {
    expect(outOfScope('koorts')).toMatchObject({ kind: 'clinical' });
    expect(outOfScope('koorts staat niet in de viewer')).toBeUndefined();
    expect(outOfScope('kraamvrouw thuis bevallen, nog geen overdracht')).toBeUndefined();
    expect(outOfScope('kraamvrouw thuis bevallen')).toBeUndefined();
    expect(outOfScope('help ik zie een dossier van een andere client, wat moet ik doen')).toBeUndefined();
  });

  it('clinical goes before personal (the clinical line points to 112)', () => {
    expect(outOfScope('ik heb dienst en de kraamvrouw heeft koorts')).toMatchObject({ kind: 'clinical' });
  });

  it('is tolerant of case, accents and one typo in a longer word, not in a short one', () => {
    expect(outOfScope('WEEËN OM DE 3 MINUTEN')).toMatchObject({ kind: 'clinical', because: 'weeen' });
    expect(outOfScope('bloedverlis na de bevalling')).toMatchObject({ kind: 'clinical', because: 'bloedverlies' });
    expect(outOfScope('paracetemol voor een kraamvrouw')).toMatchObject({ kind: 'clinical', because: 'paracetamol' });
    // "worden" is one letter from "wonden": short words never count as typos.
    expect(outOfScope('wat worden de nieuwe openingstijden')).toBeUndefined();
  });

  it('hyphenated words count split and joined', () => {
    expect(tokenize('Anti-D bij UZI-pas')).toEqual(['anti', 'd', 'antid', 'bij', 'uzi', 'pas', 'uzipas']);
    expect(outOfScope('wanneer anti-D geven')).toMatchObject({ kind: 'clinical' });
  });

  it('nothing to go on: empty, punctuation, numbers, other scripts', () => {
    for (const question of ['', '   ', '?!', '123456782', 'Ελληνικά', '🙂🙂']) expect(outOfScope(question)).toBeUndefined();
  });
});

describe('oneEditApart', () => {
  it.each([
    ['koorts', 'koors', true], ['paracetemol', 'paracetamol', true], ['bloedruk', 'bloeddruk', true], ['wachtwoord', 'wahctwoord', true],
    ['koorts', 'koorts', false], ['koorts', 'kors', false], ['worden', 'wonden', true], ['xoorts', 'koorts', false], ['', 'a', false],
  ])('%j / %j → %s', (a, b, expected) => {
    expect(oneEditApart(a, b)).toBe(expected);
    expect(oneEditApart(b, a)).toBe(expected);
  });
});

describe('hostile input', () => {
  const words = ['koorts', 'viewer', 'wat moet ik doen', 'baby', 'anti-', '-', ' ', 'ë', '\u0301', 'ﷺ', 'bloedverlies', 'x'.repeat(40)];

  /** The best of three runs: what the work costs, not what a busy test machine adds to it. */
  const timed = (text: string) => Math.min(...[0, 1, 2].map(() => {
    const started = performance.now();
    outOfScope(text);
    return performance.now() - started;
  }));

  it('never throws and takes under 50 ms on 4,000 characters (and stops reading at the message limit)', () => {
    outOfScope('warm up: bloedverlies ná de bevalling, viewer leeg'); // the first call loads the Unicode tables
    fc.assert(fc.property(fc.oneof(
      fc.string({ unit: 'binary', minLength: 3_000, maxLength: 4_000 }),
      fc.array(fc.constantFrom(...words), { minLength: 500, maxLength: 2_000 }).map((w) => w.join('').slice(0, 4_000)),
      fc.string({ unit: 'grapheme-ascii', minLength: 4_000, maxLength: 4_000 }),
    ), (text) => {
      const verdict = outOfScope(text);
      expect(verdict === undefined || ['clinical', 'personal'].includes(verdict.kind)).toBe(true);
      expect(timed(text)).toBeLessThan(50);
    }), { numRuns: 150 });
  });

  it('a far longer text is cut, not read to the end', () => {
    const text = `${'bla '.repeat(250_000)} koorts`;
    expect(outOfScope(text)).toBeUndefined();
    expect(timed(text)).toBeLessThan(50);
  });
});
