import { beforeAll, describe, expect, it } from 'vitest';
import { loadSynonyms } from '../../../../bot/kb-synonyms.ts';
import { BENCH_QUERIES, generateKbEntries, seededRandom } from '../../../../bench/kb-corpus.ts';
import { KbPostings } from '../../../../core/domain/knowledge-base/kb-postings.ts';
import { bodyOnlyBound, byScoreThenId, onlyTheseWordsBound, scoreEntry, termIdf, VARIANT, type Language, type QueryWord, type QuestionShape } from '../../../../core/domain/knowledge-base/kb-scoring.ts';
import type { IndexedEntry, KbSearchIndex } from '../../../../core/domain/knowledge-base/kb-search-index.ts';
import { ANSWER_SCORE, CANDIDATES, KbSearch, SUGGESTION_SCORE } from '../../../../core/domain/knowledge-base/kb-search.ts';
import { Synonyms } from '../../../../core/domain/knowledge-base/synonyms.ts';
import { indexedEntry } from '../../../../storage/knowledge-base/kb-search-index.ts';

/**
 * An index that hands the database engine *every* entry holding a term (of the language asked
 * for), whatever the limit: the database engine then scores all of them one by one with
 * scoreEntry, which is the reference the memory engine must equal.
 */
class EverythingIndex implements KbSearchIndex {
  constructor(private readonly entries: IndexedEntry[]) {}
  async candidates(terms: string[], _limit?: number, language?: Language) {
    const wanted = new Set(terms);
    return this.entries
      .filter((e) => (language === undefined || e.language === language) && [...e.titleTerms, ...e.tagTerms, ...e.bodyTerms].some((t) => wanted.has(t)))
      .map((e) => ({ ...e, rank: 0 }));
  }
  async allEntries() {
    return this.entries;
  }
}

/** A question's shape as KbSearch computes it. */
function shapeOf(words: QueryWord[], known: (term: string) => boolean): QuestionShape {
  const totalIdf = words.reduce((sum, w) => sum + w.idf, 0) || 1;
  const knownWords = words.filter((w) => w.variants.some((v) => known(v.term)));
  return { totalIdf, words: words.length, knownWords: knownWords.length, unknownIdf: totalIdf - knownWords.reduce((sum, w) => sum + w.idf, 0) };
}

describe('KbPostings: the memory engine scores every matching entry exactly', () => {
  const synonyms = new Synonyms(loadSynonyms());
  let entries: IndexedEntry[];
  let memory: KbSearch;
  let reference: KbSearch;

  beforeAll(() => {
    // A realistic knowledge base big enough that many entries share words, with some drafts.
    const random = seededRandom(7);
    entries = generateKbEntries(3000, 99).map((e) => indexedEntry({ ...e, published: random() > 0.1 }));
    memory = new KbSearch(new EverythingIndex(entries), synonyms, { engine: 'memory' });
    reference = new KbSearch(new EverythingIndex(entries), synonyms, { engine: 'database' });
  });

  const questions = [
    ...BENCH_QUERIES,
    { query: 'uzi-pas geblokkeerd', language: 'nl' as const },
    { query: 'Medicura EPD overdracht', language: 'nl' as const },
    { query: 'handover rejected by the receiving hospital', language: 'en' as const },
    { query: 'Hoi allemaal, sinds vanochtend komt de labuitslag van het ziekenhuis niet meer aan in ons werkpakket, iemand een idee?', language: 'nl' as const },
    { query: 'mijn pasje wordt niet herkend door de kaartlezer op de werkplek', language: 'nl' as const },
    { query: 'the referral keeps hanging in the queue since this morning, thanks in advance', language: 'en' as const },
  ];
  const found = new Map<string, number>();

  it.each(questions)('"$query" ($language): the same ranked list and scores as scoring every entry one by one', async ({ query, language }) => {
    for (const includeDrafts of [false, true]) {
      const expected = (await reference.rank(query, { language, includeDrafts })).slice(0, CANDIDATES);
      expect(await memory.rank(query, { language, includeDrafts })).toEqual(expected);
      // search() lets the memory engine skip entries that cannot reach the suggestion tier: the same results.
      const hits = await memory.search(query, { language, includeDrafts, limit: 10 });
      expect(hits).toEqual(await reference.search(query, { language, includeDrafts, limit: 10 }));
      found.set(`${query}/${includeDrafts}`, hits.length);
    }
  });

  it('the comparisons above are not trivial: most questions have results in a tier', () => {
    const withResults = [...found.values()].filter((n) => n > 0).length;
    expect(found.size).toBe(questions.length * 2);
    expect(withResults).toBeGreaterThanOrEqual(found.size * 0.6);
  });

  it('the database engine with its limit of candidates can miss what the memory engine finds', async () => {
    // Proof that the comparison above is not trivial: many entries match, so the best-60 cut matters.
    const matching = (await new EverythingIndex(entries).candidates(['overdracht', 'weiger'])).length;
    expect(matching).toBeGreaterThan(CANDIDATES);
  });
});

describe('KbPostings.rank against scoreEntry, entry by entry', () => {
  let entries: IndexedEntry[];
  let postings: KbPostings;
  let vocabulary: string[];
  let df: Map<string, number>;

  beforeAll(async () => {
    const random = seededRandom(11);
    entries = generateKbEntries(1200, 5).map((e) => indexedEntry({ ...e, published: random() > 0.15 }));
    postings = await KbPostings.build(entries);
    df = new Map();
    for (const e of entries) for (const t of new Set([...e.titleTerms, ...e.tagTerms, ...e.bodyTerms])) df.set(t, (df.get(t) ?? 0) + 1);
    vocabulary = [...df.keys()].sort();
  });

  const idfOf = (t: string) => termIdf(entries.length, df.get(t) ?? 0);
  const WEIGHTS = [VARIANT.exact, VARIANT.exact, VARIANT.synonym, VARIANT.compound, VARIANT.typo, VARIANT.head];

  /** A random question of known words (1–3 forms each, some weaker), with now and then a word no entry holds. */
  function randomQuestion(random: () => number): QueryWord[] {
    const n = 1 + Math.floor(random() * 8);
    return Array.from({ length: n }, (_, i) => {
      if (random() < 0.15) return { variants: [{ term: `onbekend${i}`, weight: VARIANT.exact }], idf: 0.5 * termIdf(entries.length, 1) };
      const variants = Array.from({ length: 1 + Math.floor(random() * 3) }, () => ({
        term: vocabulary[Math.floor(random() * vocabulary.length)]!,
        weight: WEIGHTS[Math.floor(random() * WEIGHTS.length)]!,
      }));
      return { variants, idf: Math.max(...variants.map((v) => idfOf(v.term))) };
    });
  }

  /** Every entry of the options, scored one by one, best first. */
  function reference(words: QueryWord[], shape: QuestionShape, options: { language: Language; includeDrafts: boolean; only?: Language }) {
    return entries
      .filter((e) => (options.includeDrafts || e.published) && (!options.only || e.language === options.only))
      .flatMap((e) => {
        const score = scoreEntry(e, words, shape, idfOf);
        return score === undefined ? [] : [{ id: e.id, score, language: e.language }];
      })
      .sort(byScoreThenId);
  }

  it('scores every entry holding a form of a question word as scoreEntry does, in the same order (120 random questions)', () => {
    const random = seededRandom(2026);
    for (let i = 0; i < 120; i++) {
      const words = randomQuestion(random);
      const shape = shapeOf(words, (t) => df.has(t));
      const options = { language: 'nl' as const, includeDrafts: random() < 0.5, ...(random() < 0.3 ? { only: random() < 0.5 ? 'nl' as const : 'en' as const } : {}) };
      const expected = reference(words, shape, options);
      expect(postings.rank(words, shape, options, entries.length), JSON.stringify(words)).toEqual(expected);
      expect(postings.rank(words, shape, options, 7)).toEqual(expected.slice(0, 7));
    }
  });

  it('with minScore, it returns exactly the entries scoring at least that much: skipping entries never loses one (120 random questions)', () => {
    const random = seededRandom(4711);
    let compared = 0;
    /** Cases where entries were skipped (a single body word cannot reach minScore) and still some body-only entries were kept. */
    let prunedWithBodyOnlyKept = 0;
    /** Cases where entries holding only the commonest word could be skipped, and entries holding it and a rarer one were kept. */
    let prunedWithCommonKept = 0;
    const byId = new Map(entries.map((e) => [e.id, e]));
    for (let i = 0; i < 120; i++) {
      const words = randomQuestion(random);
      const shape = shapeOf(words, (t) => df.has(t));
      const options = { language: 'nl' as const, includeDrafts: true };
      const all = postings.rank(words, shape, options, entries.length);
      for (const minScore of [SUGGESTION_SCORE, 0.5, ANSWER_SCORE, 0.8, 0.9]) {
        const kept = all.filter((h) => h.score >= minScore);
        expect(postings.rank(words, shape, options, entries.length, minScore), `${minScore}: ${JSON.stringify(words)}`).toEqual(kept);
        expect(postings.rank(words, shape, options, 3, minScore)).toEqual(kept.slice(0, 3));
        compared += kept.length;
        const rarest = Math.max(...words.filter((w) => w.variants.some((v) => df.has(v.term))).map((w) => w.idf), 0);
        const forms = new Set(words.flatMap((w) => w.variants.map((v) => v.term)));
        const bodyOnly = (id: string) => ![...byId.get(id)!.titleTerms, ...byId.get(id)!.tagTerms].some((t) => forms.has(t));
        if (bodyOnlyBound(shape, 1, rarest) < minScore && kept.some((h) => bodyOnly(h.id))) prunedWithBodyOnlyKept++;
        const known = words.filter((w) => w.variants.some((v) => df.has(v.term)));
        if (known.length > 1) {
          const commonest = known.reduce((a, b) => (b.idf < a.idf ? b : a));
          const held = (id: string) => {
            const e = byId.get(id)!;
            const terms = new Set([...e.titleTerms, ...e.tagTerms, ...e.bodyTerms]);
            return known.filter((w) => w.variants.some((v) => terms.has(v.term)));
          };
          const onlyCommonest = (id: string) => held(id).every((w) => w === commonest);
          if (onlyTheseWordsBound(shape, 1, commonest.idf) < minScore && all.some((h) => onlyCommonest(h.id)) && kept.some((h) => held(h.id).includes(commonest))) {
            prunedWithCommonKept++;
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(100); // many entries did reach the thresholds
    // Both skipping rules, and finding the entries they must not skip, were exercised.
    expect(prunedWithBodyOnlyKept).toBeGreaterThan(10);
    expect(prunedWithCommonKept).toBeGreaterThan(10);
  });
});

describe('KbPostings: structure', () => {
  const entry = (id: string, title: string, tags: string[], body: string, language: 'nl' | 'en' = 'nl'): IndexedEntry =>
    ({ id, language, published: true, titleTerms: title.split(' '), tagTerms: tags, bodyTerms: body.split(' ') });
  const NL = { language: 'nl' as const, includeDrafts: false };
  const one = (term: string): QueryWord[] => [{ variants: [{ term, weight: VARIANT.exact }], idf: 1 }];
  const shapeOfOne = { totalIdf: 1, words: 1, knownWords: 1, unknownIdf: 0 };
  /** scoreEntry over these entries, with their own idf. */
  const scored = (entries: IndexedEntry[], words: QueryWord[], shape: QuestionShape) => {
    const idf = (t: string) => termIdf(entries.length, entries.filter((e) => [...e.titleTerms, ...e.tagTerms, ...e.bodyTerms].includes(t)).length);
    return (e: IndexedEntry) => scoreEntry(e, words, shape, idf);
  };

  it('a term in several fields of one entry counts once, at its strongest field', async () => {
    const a = entry('a', 'printer kapot', ['printer'], 'printer printer');
    const b = entry('b', 'scanner', [], 'printer');
    const postings = await KbPostings.build([a, b]);
    const score = scored([a, b], one('printer'), shapeOfOne);
    const ranked = postings.rank(one('printer'), shapeOfOne, NL, 5);
    expect(ranked).toEqual([{ id: 'a', score: score(a), language: 'nl' }, { id: 'b', score: score(b), language: 'nl' }]);
    expect(ranked[0]!.score).toBeGreaterThan(ranked[1]!.score);
    expect(score({ ...a, tagTerms: [], bodyTerms: [] })).toBe(ranked[0]!.score); // the extra copies add nothing
    expect(postings.rank(one('faxen'), shapeOfOne, NL, 5)).toEqual([]);
  });

  it('counts phrases from neighbouring terms in the title and in the tags, not the body', async () => {
    const entries = [
      entry('in-title', 'wachtwoord vergeten', [], 'x'),
      entry('reversed', 'vergeten wachtwoord', [], 'x'),
      entry('in-tags', 'inlogprobleem', ['wachtwoord', 'vergeten'], 'x'),
      entry('in-body', 'inlogprobleem', [], 'wachtwoord vergeten'),
    ];
    const words: QueryWord[] = [{ variants: [{ term: 'wachtwoord', weight: 1 }], idf: 1 }, { variants: [{ term: 'vergeten', weight: 1 }], idf: 1 }];
    const shape = { totalIdf: 2, words: 2, knownWords: 2, unknownIdf: 0 };
    const postings = await KbPostings.build(entries);
    const ranked = new Map(postings.rank(words, shape, NL, 10).map((h) => [h.id, h.score]));
    const score = scored(entries, words, shape);
    for (const e of entries) expect(ranked.get(e.id), e.id).toBe(score(e));
    expect(ranked.get('in-title')).toBeGreaterThan(ranked.get('reversed')!);
    expect(ranked.get('in-tags')).toBeGreaterThan(ranked.get('in-body')!);
    // A typo form makes no phrase.
    const typo: QueryWord[] = [{ variants: [{ term: 'wachtwoord', weight: VARIANT.typo }], idf: 1 }, words[1]!];
    expect(postings.rank(typo, shape, NL, 10).find((h) => h.id === 'in-title')!.score).toBe(scored(entries, typo, shape)(entries[0]!));
  });

  it('ranks with ties in id order and keeps only the limit', async () => {
    const ids = ['e10', 'e2', 'e1', 'e3'];
    const postings = await KbPostings.build(ids.map((id) => entry(id, 'printer', [], '')));
    expect(postings.rank(one('printer'), shapeOfOne, NL, 3).map((h) => h.id)).toEqual(['e1', 'e10', 'e2']);
  });

  it('only: entries of one language; drafts only when asked for', async () => {
    const postings = await KbPostings.build([
      entry('nl-1', 'printer', [], ''), entry('en-1', 'printer', [], '', 'en'),
      { ...entry('nl-draft', 'printer', [], ''), published: false },
    ]);
    expect(postings.rank(one('printer'), shapeOfOne, NL, 10).map((h) => [h.id, h.language])).toEqual([['en-1', 'en'], ['nl-1', 'nl']]);
    expect(postings.rank(one('printer'), shapeOfOne, { ...NL, only: 'en' }, 10).map((h) => h.id)).toEqual(['en-1']);
    expect(postings.rank(one('printer'), shapeOfOne, { ...NL, only: 'nl', includeDrafts: true }, 10).map((h) => h.id)).toEqual(['nl-1', 'nl-draft']);
  });

  it('stays correct over many searches (its scratch space is reused), with and without minScore', async () => {
    const entries = [entry('a', 'printer', [], 'toner'), entry('b', 'toner', [], 'printer')];
    const postings = await KbPostings.build(entries);
    // A minScore between a title match and a body match of the same word keeps only the title match.
    const score = scored(entries, one('printer'), shapeOfOne);
    const [inTitle, inBody] = [score(entries[0]!)!, score(entries[1]!)!];
    expect(inTitle).toBeGreaterThan(inBody);
    for (let i = 0; i < 50; i++) {
      const minScore = i % 3 === 0 ? (inTitle + inBody) / 2 : 0;
      const ranked = postings.rank(one(i % 2 ? 'printer' : 'toner'), shapeOfOne, NL, 5, minScore).map((h) => h.id);
      expect(ranked, `search ${i}`).toEqual(minScore ? [i % 2 ? 'a' : 'b'] : i % 2 ? ['a', 'b'] : ['b', 'a']);
    }
  });

  it('builds a large knowledge base without holding the event loop for long', async () => {
    const many = Array.from({ length: 20_000 }, (_, i) => entry(`e${i}`, `titel${i % 50} printer`, ['tag'], `tekst${i % 500} woord`));
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    const postings = await KbPostings.build(many);
    clearInterval(timer);
    expect(postings.rank(one('printer'), shapeOfOne, NL, 100_000)).toHaveLength(20_000);
    expect(ticks).toBeGreaterThan(1); // it yielded while building
  });
});
