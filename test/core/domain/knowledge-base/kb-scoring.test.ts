import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bodyOnlyBound, combineScore, entryEvidence, FIELD, onlyTheseWordsBound, SCORE_MODEL, scoreEntry, scoreFeatures, termIdf, VARIANT,
  type EntryEvidence, type QueryWord, type QuestionShape,
} from '../../../../core/domain/knowledge-base/kb-scoring.ts';
import type { IndexedEntry } from '../../../../core/domain/knowledge-base/kb-search-index.ts';
import { ANSWER_SCORE, SUGGESTION_SCORE } from '../../../../core/domain/knowledge-base/kb-tiers.ts';

/**
 * The score model of the knowledge-base search (kb-scoring.ts), on its own: what the evidence of
 * one entry is, that more coverage never lowers a score, that one common word of a long question
 * is not enough, and that bodyOnlyBound and onlyTheseWordsBound (which let KbPostings skip
 * entries) really are bounds.
 */

/** A question's shape as KbSearch computes it: a word is known when any of its forms is indexed. */
function shapeOf(words: QueryWord[], vocabulary: Set<string>): QuestionShape {
  const known = words.filter((w) => w.variants.some((v) => vocabulary.has(v.term)));
  const totalIdf = words.reduce((sum, w) => sum + w.idf, 0) || 1;
  return { totalIdf, words: words.length, knownWords: known.length, unknownIdf: totalIdf - known.reduce((sum, w) => sum + w.idf, 0) };
}

/** The model's probability before it is rounded to 3 decimals. */
function unrounded(e: EntryEvidence, q: QuestionShape): number {
  const z = scoreFeatures(e, q).reduce((sum, f, i) => sum + SCORE_MODEL.weights[i]! * f, SCORE_MODEL.bias);
  return 1 / (1 + Math.exp(-z));
}

const word = (idf: number, ...variants: Array<[string, number]>): QueryWord => ({ idf, variants: variants.map(([term, weight]) => ({ term, weight })) });
const indexed = (title: string[], tags: string[] = [], body: string[] = []): IndexedEntry =>
  ({ id: 'e', language: 'nl', published: true, titleTerms: title, tagTerms: tags, bodyTerms: body });
const flat = (idf: number) => () => idf;

const WEIGHTS = [VARIANT.exact, VARIANT.synonym, VARIANT.compound, VARIANT.typo, VARIANT.head];
const idfArb = fc.double({ min: 0.05, max: 8, noNaN: true, noDefaultInfinity: true });
const fraction = fc.double({ min: 0, max: 1, noNaN: true });

/** A question shape: per word its idf and whether the index knows it (at least one word known). */
const shapeArb = fc.array(fc.record({ idf: idfArb, known: fc.boolean() }), { minLength: 1, maxLength: 32 })
  .filter((ws) => ws.some((w) => w.known))
  .map((ws): QuestionShape & { knownIdf: number } => {
    const totalIdf = ws.reduce((s, w) => s + w.idf, 0);
    const knownIdf = ws.filter((w) => w.known).reduce((s, w) => s + w.idf, 0);
    return { totalIdf, words: ws.length, knownWords: ws.filter((w) => w.known).length, unknownIdf: totalIdf - knownIdf, knownIdf };
  });

/** Evidence an entry can have for a question of that shape (only known words can be found). */
const evidenceArb = (q: QuestionShape & { knownIdf: number }) =>
  fc.record({ question: fraction, title: fraction, titleIdf: fc.double({ min: 0.1, max: 40, noNaN: true }), matched: fraction, strong: fc.boolean(), phrases: fraction })
    .map((r): EntryEvidence => ({
      question: r.question * q.knownIdf,
      title: r.title * r.titleIdf,
      titleIdf: r.titleIdf,
      matched: 1 + Math.floor(r.matched * q.knownWords * 0.999),
      strong: r.strong,
      phrases: Math.floor(r.phrases * q.words * 0.999),
    }));

describe('entryEvidence: what one entry holds of a question', () => {
  const idfs: Record<string, number> = { wachtwoord: 2, vergeten: 1.5, portaal: 1, inlogg: 3 };
  const idfOf = (t: string) => idfs[t] ?? 4;

  it('a word counts with its idf, fully in the title or tags, at FIELD.body in the body, times the strength of its form', () => {
    const q = [word(2, ['wachtwoord', VARIANT.exact])];
    expect(entryEvidence(indexed(['wachtwoord']), q, idfOf)).toMatchObject({ question: 2, matched: 1, strong: true });
    expect(entryEvidence(indexed([], ['wachtwoord']), q, idfOf)).toMatchObject({ question: 2, title: 0, matched: 1 });
    expect(entryEvidence(indexed([], [], ['wachtwoord']), q, idfOf)!.question).toBeCloseTo(2 * FIELD.body, 12);
    const synonym = [word(2, ['password', VARIANT.synonym])];
    expect(entryEvidence(indexed(['password']), synonym, idfOf)!.question).toBeCloseTo(2 * VARIANT.synonym, 12);
    expect(entryEvidence(indexed([], [], ['password']), synonym, idfOf)!.question).toBeCloseTo(2 * VARIANT.synonym * FIELD.body, 12);
  });

  it('each question word counts once, with its best form in its best field', () => {
    const q = [word(2, ['wachtwoord', VARIANT.exact], ['password', VARIANT.synonym])];
    const e = entryEvidence(indexed(['password'], [], ['wachtwoord', 'wachtwoord']), q, idfOf)!;
    expect(e.question).toBeCloseTo(2 * VARIANT.synonym, 12); // the synonym in the title beats the word in the body
    expect(e.matched).toBe(1);
  });

  it('title coverage: the idf of the title terms the question names, as a share of the whole title', () => {
    const q = [word(2, ['wachtwoord', VARIANT.exact]), word(9, ['zomertijd', VARIANT.exact])];
    const e = entryEvidence(indexed(['wachtwoord', 'vergeten', 'wachtwoord']), q, idfOf)!;
    expect(e.title).toBe(2);
    expect(e.titleIdf).toBe(3.5); // distinct title terms: wachtwoord 2 + vergeten 1.5
    expect(scoreFeatures(e, shapeOf(q, new Set(['wachtwoord', 'vergeten', 'zomertijd'])))[2]).toBeCloseTo(2 / 3.5, 12);
  });

  it('a word found only as a typo correction is not strong evidence', () => {
    const typo = [word(3, ['inlogg', VARIANT.typo])];
    expect(entryEvidence(indexed(['inlogg']), typo, idfOf)).toMatchObject({ strong: false, matched: 1 });
    expect(entryEvidence(indexed(['inlogg']), [word(3, ['inlogg', VARIANT.synonym])], idfOf)!.strong).toBe(true);
  });

  it('phrases: neighbouring question words side by side in the title or the tags, in order, as typed or as synonyms', () => {
    const q = [word(2, ['wachtwoord', VARIANT.exact], ['password', VARIANT.synonym]), word(1.5, ['vergeten', VARIANT.exact])];
    expect(entryEvidence(indexed(['wachtwoord', 'vergeten']), q, idfOf)!.phrases).toBe(1);
    expect(entryEvidence(indexed(['vergeten', 'wachtwoord']), q, idfOf)!.phrases).toBe(0);
    expect(entryEvidence(indexed(['x'], ['password', 'vergeten']), q, idfOf)!.phrases).toBe(1);
    expect(entryEvidence(indexed(['x'], [], ['wachtwoord', 'vergeten']), q, idfOf)!.phrases).toBe(0); // not in the body
    const typo = [word(2, ['wachtwoord', VARIANT.typo]), word(1.5, ['vergeten', VARIANT.exact])];
    expect(entryEvidence(indexed(['wachtwoord', 'vergeten']), typo, idfOf)!.phrases).toBe(0);
    // Found side by side in the title and in the tags: one pair of question words, one phrase.
    expect(entryEvidence(indexed(['wachtwoord', 'vergeten'], ['wachtwoord', 'vergeten']), q, idfOf)!.phrases).toBe(1);
  });

  it('at most two phrases count', () => {
    const q = ['a', 'b', 'c', 'd'].map((t) => word(1, [t, VARIANT.exact]));
    const two = entryEvidence(indexed(['a', 'b', 'c']), q, flat(1))!;
    const three = entryEvidence(indexed(['a', 'b', 'c', 'd']), q, flat(1))!;
    expect([two.phrases, three.phrases]).toEqual([2, 3]);
    expect(scoreFeatures(two, shapeOf(q, new Set('abcd')))[3]).toBe(1);
    expect(scoreFeatures({ ...two, phrases: 3 }, shapeOf(q, new Set('abcd')))).toEqual(scoreFeatures(two, shapeOf(q, new Set('abcd'))));
  });

  it('an entry holding no word of the question has no evidence and no score', () => {
    const q = [word(2, ['wachtwoord', VARIANT.exact])];
    expect(entryEvidence(indexed(['printer'], ['toner'], ['papier']), q, idfOf)).toBeUndefined();
    expect(scoreEntry(indexed(['printer'], ['toner'], ['papier']), q, shapeOf(q, new Set(['wachtwoord'])), idfOf)).toBeUndefined();
  });
});

describe('combineScore: the logistic model', () => {
  it('is a probability rounded to 3 decimals', () => {
    fc.assert(fc.property(shapeArb.chain((q) => fc.tuple(fc.constant(q), evidenceArb(q))), ([q, e]) => {
      const score = combineScore(e, q);
      expect(score).toBeGreaterThanOrEqual(0);
      expect(score).toBeLessThanOrEqual(1);
      expect(Math.round(score * 1000) / 1000).toBe(score);
      expect(Math.abs(score - unrounded(e, q))).toBeLessThanOrEqual(0.0005 + 1e-12);
    }), { numRuns: 500 });
  });

  it('the tiers are in order and inside the model\'s range', () => {
    expect(SUGGESTION_SCORE).toBeGreaterThan(0);
    expect(ANSWER_SCORE).toBeGreaterThan(SUGGESTION_SCORE);
    expect(ANSWER_SCORE).toBeLessThan(1);
    expect(SCORE_MODEL.weights).toHaveLength(scoreFeatures({ question: 1, title: 1, titleIdf: 1, matched: 1, strong: true, phrases: 0 }, { totalIdf: 1, words: 1, knownWords: 1, unknownIdf: 0 }).length);
  });

  it('monotonic: more of the question covered, of the title, more words matched, more phrases, strong evidence never lower the score', () => {
    const more = shapeArb.chain((q) => fc.tuple(fc.constant(q), evidenceArb(q), fc.record({ question: fraction, title: fraction, matched: fraction, phrases: fraction, strong: fc.boolean() })));
    fc.assert(fc.property(more, ([q, e, step]) => {
      const better: EntryEvidence = {
        question: e.question + step.question * (q.knownIdf - e.question),
        title: e.title + step.title * (e.titleIdf - e.title),
        titleIdf: e.titleIdf,
        matched: e.matched + Math.floor(step.matched * (q.knownWords - e.matched)),
        phrases: e.phrases + Math.floor(step.phrases * Math.max(0, q.words - 1 - e.phrases)),
        strong: e.strong || step.strong,
      };
      expect(unrounded(better, q)).toBeGreaterThanOrEqual(unrounded(e, q));
      expect(combineScore(better, q)).toBeGreaterThanOrEqual(combineScore(e, q));
    }), { numRuns: 1000 });
  });

  it('monotonic for whole entries: adding a form of a question word to an entry\'s tags or body never lowers its score', () => {
    const pool = ['t0', 't1', 't2', 't3', 't4', 't5', 't6', 't7'];
    const termArb = fc.constantFrom(...pool);
    const scenario = fc.record({
      idfs: fc.array(idfArb, { minLength: pool.length, maxLength: pool.length }),
      words: fc.array(fc.record({ idf: idfArb, variants: fc.array(fc.tuple(termArb, fc.constantFrom(...WEIGHTS)), { minLength: 1, maxLength: 3 }) }), { minLength: 1, maxLength: 6 }),
      title: fc.array(termArb, { maxLength: 4 }),
      tags: fc.array(termArb, { maxLength: 4 }),
      body: fc.array(termArb, { maxLength: 8 }),
      pick: fc.nat(),
      field: fc.constantFrom('tags', 'body'),
    });
    fc.assert(fc.property(scenario, (s) => {
      const idfOf = (t: string) => s.idfs[pool.indexOf(t)]!;
      const words = s.words.map((w) => word(w.idf, ...w.variants));
      const shape = shapeOf(words, new Set(pool));
      const forms = words.flatMap((w) => w.variants.map((v) => v.term));
      const added = forms[s.pick % forms.length]!;
      const before = indexed(s.title, s.tags, s.body);
      const after = indexed(s.title, s.field === 'tags' ? [...s.tags, added] : s.tags, s.field === 'body' ? [...s.body, added] : s.body);
      const scoreAfter = scoreEntry(after, words, shape, idfOf);
      expect(scoreAfter).toBeDefined();
      expect(scoreAfter!).toBeGreaterThanOrEqual(scoreEntry(before, words, shape, idfOf) ?? 0);
    }), { numRuns: 1000 });
  });

  it('a title or tag match outweighs the same word in the body; an exact form outweighs a synonym, a typo and a compound head', () => {
    const q = [word(2, ['printer', VARIANT.exact]), word(2, ['storing', VARIANT.exact])];
    const shape = shapeOf(q, new Set(['printer', 'storing', 'scanner']));
    const score = (e: IndexedEntry, words = q) => scoreEntry(e, words, shape, flat(2))!;
    expect(score(indexed(['printer', 'scanner']))).toBeGreaterThan(score(indexed(['scanner'], ['printer'])));
    expect(score(indexed(['scanner'], ['printer']))).toBeGreaterThan(score(indexed(['scanner'], [], ['printer'])));
    const as = (weight: number) => score(indexed(['printer', 'scanner']), [word(2, ['printer', weight]), q[1]!]);
    expect(as(VARIANT.exact)).toBeGreaterThan(as(VARIANT.synonym));
    expect(as(VARIANT.synonym)).toBeGreaterThan(as(VARIANT.compound));
    expect(as(VARIANT.compound)).toBeGreaterThan(as(VARIANT.typo));
    expect(as(VARIANT.typo)).toBeGreaterThan(as(VARIANT.head));
  });
});

describe('one common word of a long question is not enough', () => {
  /**
   * Questions of 3–32 words, at least two of them known to the index; the entry holds only the
   * least informative known word, and in the strongest way: it is the entry's whole title.
   */
  const lone = fc.record({
    words: fc.array(fc.record({ idf: idfArb, known: fc.boolean() }), { minLength: 3, maxLength: 32 }),
    first: idfArb,
    second: idfArb,
  }).map((r) => [{ idf: r.first, known: true }, { idf: r.second, known: true }, ...r.words]);

  it('stays below SUGGESTION_SCORE, however long the question, whichever word it is', () => {
    fc.assert(fc.property(lone, (ws) => {
      const words = ws.map((w, i) => word(w.idf, [`w${i}`, VARIANT.exact]));
      const vocabulary = new Set(ws.flatMap((w, i) => (w.known ? [`w${i}`] : [])));
      const known = ws.map((w, i) => ({ ...w, i })).filter((w) => w.known);
      const common = known.reduce((a, b) => (b.idf < a.idf ? b : a));
      const entry = indexed([`w${common.i}`]);
      const score = scoreEntry(entry, words, shapeOf(words, vocabulary), (t) => ws[Number(t.slice(1))]!.idf)!;
      expect(score).toBeLessThan(SUGGESTION_SCORE);
    }), { numRuns: 1000 });
  });

  it('a realistic case: "printer" among everyday words, all known, in a 1,000-entry knowledge base', () => {
    const documents = 1000;
    const df: Record<string, number> = { printer: 300, gang: 40, afdeling: 120, geluid: 25, verhuizing: 15 };
    const idfOf = (t: string) => termIdf(documents, df[t] ?? 1);
    const words = Object.keys(df).map((t) => word(idfOf(t), [t, VARIANT.exact]));
    const score = scoreEntry(indexed(['printer']), words, shapeOf(words, new Set(Object.keys(df))), idfOf)!;
    expect(score).toBeLessThan(SUGGESTION_SCORE);
  });

  // KNOWN DEFECT (reported to the lead): when the common word is the only word of the question the
  // index knows, known-word coverage and matched share are both 1 and the unknown words' share
  // weighs almost nothing (-0.05), so an entry titled with just that word is suggested (0.41 here).
  it.fails('KNOWN DEFECT: also when every other word of the long question is unknown to the index', () => {
    const documents = 1000;
    const idfOf = (t: string) => termIdf(documents, t === 'printer' ? 300 : 1);
    const unknown = 0.5 * termIdf(documents, 1); // as KbSearch weighs a word no entry holds
    const words = [word(idfOf('printer'), ['printer', VARIANT.exact]), ...['kat', 'gekotst', 'vlekken', 'eruit', 'tapijt', 'poetsen', 'azijn'].map((t) => word(unknown, [t, VARIANT.exact]))];
    const score = scoreEntry(indexed(['printer']), words, shapeOf(words, new Set(['printer'])), idfOf)!;
    expect(score).toBeLessThan(SUGGESTION_SCORE);
  });
});

describe('bodyOnlyBound: the best an entry can score with `matched` question words in its body and none in its title or tags', () => {
  const pool = ['b0', 'b1', 'b2', 'b3', 'b4', 'b5'];
  /** Question words whose forms are `q…` terms; an entry's title and tags hold only `x…` terms. */
  const scenario = fc.record({
    words: fc.array(fc.record({ idf: idfArb, known: fc.boolean(), weights: fc.array(fc.constantFrom(...WEIGHTS), { minLength: 1, maxLength: 3 }) }), { minLength: 1, maxLength: 32 }),
    title: fc.array(fc.constantFrom('x0', 'x1', 'x2'), { maxLength: 4 }),
    tags: fc.array(fc.constantFrom('x3', 'x4'), { maxLength: 3 }),
    body: fc.array(fc.oneof(fc.constantFrom(...pool), fc.nat({ max: 200 }).map((n) => `q${n}`)), { maxLength: 40 }),
    idfs: fc.array(idfArb, { minLength: 8, maxLength: 8 }),
  });

  it('bounds the score of every such entry, given how many words it holds and their idf, or the idf of as many of the rarest (property)', () => {
    fc.assert(fc.property(scenario, (s) => {
      // Word i has forms q{i}-{j}; only known words' forms can be in an entry (they are in the vocabulary).
      const words = s.words.map((w, i) => word(w.idf, ...w.weights.map((weight, j): [string, number] => [`q${i}-${j}`, weight])));
      const knownForms = s.words.flatMap((w, i) => (w.known ? w.weights.map((_, j) => `q${i}-${j}`) : []));
      const vocabulary = new Set([...pool, ...knownForms, 'x0', 'x1', 'x2', 'x3', 'x4']);
      const body = s.body.map((t) => (t.startsWith('q') && knownForms.length ? knownForms[Number(t.slice(1)) % knownForms.length]! : t));
      const entry = indexed(s.title, s.tags, body);
      const idfOf = (t: string) => s.idfs[[...t].reduce((h, c) => h + c.charCodeAt(0), 0) % 8]!;
      const shape = shapeOf(words, vocabulary);
      const e = entryEvidence(entry, words, idfOf);
      if (!e) return;
      const found = words.filter((w) => w.variants.some((v) => body.includes(v.term)));
      expect(found).toHaveLength(e.matched);
      const foundIdf = found.reduce((sum, w) => sum + w.idf, 0);
      const rarestIdf = words.filter((w) => w.variants.some((v) => vocabulary.has(v.term))).map((w) => w.idf).sort((a, b) => b - a)
        .slice(0, e.matched).reduce((sum, idf) => sum + idf, 0);
      const score = combineScore(e, shape);
      expect(score).toBeLessThanOrEqual(bodyOnlyBound(shape, e.matched, foundIdf));
      expect(score).toBeLessThanOrEqual(bodyOnlyBound(shape, e.matched, rarestIdf));
      expect(unrounded(e, shape)).toBeLessThanOrEqual(bodyOnlyBound(shape, e.matched, foundIdf) + 0.0005);
    }), { numRuns: 2000 });
  });

  it('grows with the words held and their idf (KbPostings relies on it to find how many words an entry needs)', () => {
    fc.assert(fc.property(shapeArb, fc.nat({ max: 31 }), fraction, fraction, (q, k, a, b) => {
      const matched = 1 + (k % q.knownWords);
      const idf = a * q.knownIdf;
      const more = idf + b * (q.knownIdf - idf);
      expect(bodyOnlyBound(q, matched, more)).toBeGreaterThanOrEqual(bodyOnlyBound(q, matched, idf));
      if (matched < q.knownWords) expect(bodyOnlyBound(q, matched + 1, more)).toBeGreaterThanOrEqual(bodyOnlyBound(q, matched, idf));
    }), { numRuns: 1000 });
  });

  it('is tight: a body holding every word of the question as typed reaches it exactly', () => {
    for (let n = 1; n <= 12; n++) {
      const words = Array.from({ length: n }, (_, i) => word(1 + i, [`w${i}`, VARIANT.exact]));
      const shape = shapeOf(words, new Set(words.map((_, i) => `w${i}`)));
      const e = entryEvidence(indexed(['x'], [], words.map((_, i) => `w${i}`)), words, flat(1))!;
      expect(combineScore(e, shape)).toBe(bodyOnlyBound(shape, n, shape.totalIdf));
    }
  });

  it('does not bound entries with a title match: those can score higher', () => {
    const words = [word(2, ['printer', VARIANT.exact]), word(2, ['storing', VARIANT.exact])];
    const shape = shapeOf(words, new Set(['printer', 'storing']));
    expect(scoreEntry(indexed(['printer', 'storing']), words, shape, flat(2))!).toBeGreaterThan(bodyOnlyBound(shape, 2, 4));
  });
});

describe('onlyTheseWordsBound: the best an entry can score holding `matched` question words worth `matchedIdf`, and no other', () => {
  /**
   * Question words with forms of their own (q{i}-{j}) and now and then a form shared with another
   * word (s0…s2); `chosen` picks the given set of words. The entry holds forms of the chosen words
   * only, in any field and order, among terms no question word has (x…).
   */
  const scenario = fc.record({
    words: fc.array(fc.record({
      idf: idfArb,
      known: fc.boolean(),
      weights: fc.array(fc.constantFrom(...WEIGHTS), { minLength: 1, maxLength: 3 }),
      shared: fc.option(fc.constantFrom('s0', 's1', 's2'), { nil: undefined, freq: 4 }),
      chosen: fc.boolean(),
    }), { minLength: 1, maxLength: 32 }),
    title: fc.array(fc.oneof(fc.nat({ max: 200 }), fc.constantFrom('x0', 'x1')), { maxLength: 6 }),
    tags: fc.array(fc.oneof(fc.nat({ max: 200 }), fc.constantFrom('x2', 'x3')), { maxLength: 4 }),
    body: fc.array(fc.oneof(fc.nat({ max: 200 }), fc.constantFrom('x4', 'x5')), { maxLength: 30 }),
    idfs: fc.array(idfArb, { minLength: 8, maxLength: 8 }),
  });

  it('bounds the score of every entry whose question words are all in the set, given the set\'s size and idf (property)', () => {
    let heldSome = 0;
    fc.assert(fc.property(scenario, (s) => {
      const words = s.words.map((w, i) => word(w.idf, ...w.weights.map((weight, j): [string, number] => [`q${i}-${j}`, weight]), ...(w.shared ? [[w.shared, VARIANT.synonym] as [string, number]] : [])));
      // Only known words' forms are indexed; the set is chosen among the words the index knows.
      const vocabulary = new Set([...s.words.flatMap((w, i) => (w.known ? [...w.weights.map((_, j) => `q${i}-${j}`), ...(w.shared ? [w.shared] : [])] : [])), 'x0', 'x1', 'x2', 'x3', 'x4', 'x5']);
      const set = words.filter((w, i) => s.words[i]!.chosen && w.variants.some((v) => vocabulary.has(v.term)));
      const forms = set.flatMap((w) => w.variants.map((v) => v.term));
      const pick = (t: number | string) => (typeof t === 'string' ? t : forms.length ? forms[t % forms.length]! : 'x0');
      const entry = indexed(s.title.map(pick), s.tags.map(pick), s.body.map(pick));
      const idfOf = (t: string) => s.idfs[[...t].reduce((h, c) => h + c.charCodeAt(0), 0) % 8]!;
      const shape = shapeOf(words, vocabulary);
      const e = entryEvidence(entry, words, idfOf);
      if (!e) return;
      const terms = new Set([...entry.titleTerms, ...entry.tagTerms, ...entry.bodyTerms]);
      const held = words.filter((w) => w.variants.some((v) => terms.has(v.term)));
      expect(held).toHaveLength(e.matched);
      const score = combineScore(e, shape);
      // Bounded by what it holds…
      const heldIdf = held.reduce((sum, w) => sum + w.idf, 0);
      expect(score).toBeLessThanOrEqual(onlyTheseWordsBound(shape, e.matched, heldIdf));
      expect(unrounded(e, shape)).toBeLessThanOrEqual(onlyTheseWordsBound(shape, e.matched, heldIdf) + 0.0005);
      // …and, when a shared form did not bring in a word outside the set, by the whole set (as KbPostings uses it).
      if (held.every((w) => set.includes(w))) {
        heldSome++;
        expect(score).toBeLessThanOrEqual(onlyTheseWordsBound(shape, set.length, set.reduce((sum, w) => sum + w.idf, 0)));
      }
    }), { numRuns: 3000 });
    expect(heldSome).toBeGreaterThan(1000); // the bound by the whole set was checked often
  });

  it('grows with the words held and their idf (so a subset of the set is bounded by the set)', () => {
    fc.assert(fc.property(shapeArb, fc.nat({ max: 31 }), fraction, fraction, (q, k, a, b) => {
      const matched = 1 + (k % q.knownWords);
      const idf = a * q.knownIdf;
      const more = idf + b * (q.knownIdf - idf);
      expect(onlyTheseWordsBound(q, matched, more)).toBeGreaterThanOrEqual(onlyTheseWordsBound(q, matched, idf));
      if (matched < q.knownWords) expect(onlyTheseWordsBound(q, matched + 1, more)).toBeGreaterThanOrEqual(onlyTheseWordsBound(q, matched, idf));
    }), { numRuns: 1000 });
  });

  it('is tight: an entry titled with neighbouring question words as typed, in order, reaches it exactly', () => {
    for (let n = 1; n <= 8; n++) {
      for (const before of [0, 2]) {
        // Words w0…w(before+n+1); the entry's title is w(before)…w(before+n−1).
        const words = Array.from({ length: before + n + 2 }, (_, i) => word(0.5 + i, [`w${i}`, VARIANT.exact]));
        const shape = shapeOf(words, new Set(words.map((_, i) => `w${i}`)));
        const held = words.slice(before, before + n);
        const e = entryEvidence(indexed(held.map((w) => w.variants[0]!.term)), words, flat(1))!;
        expect(combineScore(e, shape)).toBe(onlyTheseWordsBound(shape, n, held.reduce((sum, w) => sum + w.idf, 0)));
      }
    }
    // A one-word question, fully named by a title.
    const one = [word(2, ['zomertijd', VARIANT.exact])];
    const shape = shapeOf(one, new Set(['zomertijd']));
    expect(combineScore(entryEvidence(indexed(['zomertijd']), one, flat(2))!, shape)).toBe(onlyTheseWordsBound(shape, 1, 2));
  });

  it('is at least bodyOnlyBound: holding the words in the title can only score higher than in the body', () => {
    fc.assert(fc.property(shapeArb, fc.nat({ max: 31 }), fraction, (q, k, a) => {
      const matched = 1 + (k % q.knownWords);
      expect(onlyTheseWordsBound(q, matched, a * q.knownIdf)).toBeGreaterThanOrEqual(bodyOnlyBound(q, matched, a * q.knownIdf));
    }), { numRuns: 1000 });
  });

  it('does not bound an entry that also holds a word outside the set', () => {
    const words = [word(0.5, ['viewer', VARIANT.exact]), word(4, ['zomertijd', VARIANT.exact])];
    const shape = shapeOf(words, new Set(['viewer', 'zomertijd']));
    const both = scoreEntry(indexed(['viewer', 'zomertijd']), words, shape, flat(1))!;
    expect(both).toBeGreaterThan(onlyTheseWordsBound(shape, 1, 0.5));
    expect(onlyTheseWordsBound(shape, 1, 0.5)).toBeLessThan(SUGGESTION_SCORE); // the common word alone cannot be offered: KbPostings may skip it
  });
});
