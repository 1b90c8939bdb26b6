import { beforeAll, describe, expect, it } from 'vitest';
import { loadSynonyms } from '../../../../bot/kb-synonyms.ts';
import { BENCH_QUERIES, generateKbEntries, seededRandom } from '../../../../bench/kb-corpus.ts';
import { KbPostings } from '../../../../core/domain/knowledge-base/kb-postings.ts';
import type { IndexedEntry, KbSearchIndex } from '../../../../core/domain/knowledge-base/kb-search-index.ts';
import { CANDIDATES, KbSearch } from '../../../../core/domain/knowledge-base/kb-search.ts';
import { Synonyms } from '../../../../core/domain/knowledge-base/synonyms.ts';
import { indexedEntry } from '../../../../storage/knowledge-base/kb-search-index.ts';

/**
 * An index that hands the database engine *every* entry holding a term, whatever the limit: the
 * database engine then scores all of them, which is the reference the memory engine must equal.
 */
class EverythingIndex implements KbSearchIndex {
  constructor(private readonly entries: IndexedEntry[]) {}
  async candidates(terms: string[]) {
    const wanted = new Set(terms);
    return this.entries.filter((e) => [...e.titleTerms, ...e.tagTerms, ...e.bodyTerms].some((t) => wanted.has(t))).map((e) => ({ ...e, rank: 0 }));
  }
  async allEntries() {
    return this.entries;
  }
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
  ];

  it.each(questions)('"$query" ($language): the same ranked list and scores as scoring every entry one by one', async ({ query, language }) => {
    for (const includeDrafts of [false, true]) {
      const expected = (await reference.rank(query, { language, includeDrafts })).slice(0, CANDIDATES);
      expect(await memory.rank(query, { language, includeDrafts })).toEqual(expected);
      expect(await memory.search(query, { language, includeDrafts, limit: 10 })).toEqual(await reference.search(query, { language, includeDrafts, limit: 10 }));
    }
  });

  it('the database engine with its limit of candidates can miss what the memory engine finds', async () => {
    // Proof that the comparison above is not trivial: many entries match, so the best-60 cut matters.
    const matching = (await new EverythingIndex(entries).candidates(['overdracht', 'weiger'])).length;
    expect(matching).toBeGreaterThan(CANDIDATES);
  });
});

describe('KbPostings: structure', () => {
  const entry = (id: string, title: string, tags: string[], body: string, language: 'nl' | 'en' = 'nl'): IndexedEntry =>
    ({ id, language, published: true, titleTerms: title.split(' '), tagTerms: tags, bodyTerms: body.split(' ') });

  it('a term in several fields of one entry counts once, at its strongest field', async () => {
    const postings = await KbPostings.build([entry('a', 'printer kapot', ['printer'], 'printer printer'), entry('b', 'scanner', [], 'printer')]);
    const printer = [{ variants: [{ term: 'printer', weight: 1 }], idf: 1 }];
    // a: in the title (1 × 0.96 + 0.03 language + 0.01 title); b: only in the body (0.45 × 0.96 + 0.03).
    expect(postings.rank(printer, { language: 'nl', includeDrafts: false }, 5)).toEqual([{ id: 'a', score: 1 }, { id: 'b', score: 0.462 }]);
    expect(postings.rank([{ variants: [{ term: 'faxen', weight: 1 }], idf: 1 }], { language: 'nl', includeDrafts: false }, 5)).toEqual([]);
  });

  it('ranks with ties in id order and keeps only the limit', async () => {
    const ids = ['e10', 'e2', 'e1', 'e3'];
    const postings = await KbPostings.build(ids.map((id) => entry(id, 'printer', [], '')));
    const words = [{ variants: [{ term: 'printer', weight: 1 }], idf: 1 }];
    expect(postings.rank(words, { language: 'nl', includeDrafts: false }, 3).map((h) => h.id)).toEqual(['e1', 'e10', 'e2']);
  });

  it('stays correct over many searches (its scratch space is reused)', async () => {
    const postings = await KbPostings.build([entry('a', 'printer', [], 'toner'), entry('b', 'toner', [], 'printer')]);
    const printer = [{ variants: [{ term: 'printer', weight: 1 }], idf: 1 }];
    const toner = [{ variants: [{ term: 'toner', weight: 1 }], idf: 1 }];
    for (let i = 0; i < 50; i++) {
      expect(postings.rank(i % 2 ? printer : toner, { language: 'nl', includeDrafts: false }, 5).map((h) => h.id)).toEqual(i % 2 ? ['a', 'b'] : ['b', 'a']);
    }
  });

  it('builds a large knowledge base without holding the event loop for long', async () => {
    const many = Array.from({ length: 20_000 }, (_, i) => entry(`e${i}`, `titel${i % 50} printer`, ['tag'], `tekst${i % 500} woord`));
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    const postings = await KbPostings.build(many);
    clearInterval(timer);
    const words = [{ variants: [{ term: 'printer', weight: 1 }], idf: 1 }];
    expect(postings.rank(words, { language: 'nl', includeDrafts: false }, 100_000)).toHaveLength(20_000);
    expect(ticks).toBeGreaterThan(1); // it yielded while building
  });
});
