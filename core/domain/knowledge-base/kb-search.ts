import type { KbSearchIndex, IndexedEntry } from './kb-search-index.ts';
import { STOPWORDS } from './stopwords.ts';
import type { Synonyms } from './synonyms.ts';
import { stem, words } from './text-analysis.ts';
import { Vocabulary } from './vocabulary.ts';

export type Language = 'nl' | 'en';

export interface KbHit {
  id: string;
  /** 0…1: how well the entry answers the question. */
  score: number;
}

export interface KbSearchOptions {
  language: Language;
  limit?: number;
  /** Administrators also see unpublished drafts. */
  includeDrafts?: boolean;
}

/** Below this, the best entry does not answer the question well enough to show it. */
export const GOOD_ENOUGH = 0.5;
const CANDIDATES = 60;
// A word found only in the body is weak evidence: alone it does not make a good answer.
const FIELD = { title: 1, tags: 1, body: 0.45 } as const;
const VARIANT = { exact: 1, synonym: 0.9, compound: 0.8, typo: 0.75 } as const;

type Variant = { term: string; weight: number };

/**
 * Knowledge-base search: the database's full-text index finds candidates; this ranks them the same
 * way on SQLite and Postgres. Words are stemmed (Dutch and English), accents folded, typos corrected
 * against the indexed vocabulary, synonyms expanded; title and tags count more than the body, the
 * user's language comes first. Only answers that match well enough are returned.
 */
export class KbSearch {
  private vocabulary: Promise<Vocabulary> | undefined;
  private builtAt = 0;

  constructor(
    private readonly index: KbSearchIndex,
    private readonly synonyms: Synonyms,
    /** Entries may also change in another process (the CLI): rebuild the vocabulary this often. */
    private readonly vocabularyTtlMs = 5 * 60 * 1000,
  ) {}

  /** Call after the entries changed, so new words are known for typo correction. */
  invalidate(): void {
    this.vocabulary = undefined;
  }

  private vocab(): Promise<Vocabulary> {
    if (Date.now() - this.builtAt > this.vocabularyTtlMs) this.vocabulary = undefined;
    if (!this.vocabulary) this.builtAt = Date.now();
    this.vocabulary ??= this.index.allEntries().then((entries) => {
      const v = new Vocabulary();
      for (const e of entries) v.addDocument([...e.titleTerms, ...e.tagTerms, ...e.bodyTerms]);
      return v;
    }).catch((error) => { this.vocabulary = undefined; throw error; });
    return this.vocabulary;
  }

  /** The ranked answers ([] when nothing answers well enough), best first. */
  async search(query: string, options: KbSearchOptions): Promise<KbHit[]> {
    const ranked = await this.rank(query, options);
    return ranked[0] && ranked[0].score >= GOOD_ENOUGH ? ranked.filter((h) => h.score >= GOOD_ENOUGH).slice(0, options.limit ?? 3) : [];
  }

  /** Every candidate with its score, good enough or not (for stats and the CLI). */
  async rank(query: string, options: KbSearchOptions): Promise<KbHit[]> {
    const vocabulary = await this.vocab();
    const queryWords = [...new Set(words(query))].filter((w) => !STOPWORDS.nl.has(w) && !STOPWORDS.en.has(w));
    if (!queryWords.length) return [];
    const perWord = queryWords.map((w) => this.variants(w, vocabulary));
    const strong = (entry: IndexedEntry) => perWord.some((variants) => variants.some((v) => v.weight >= VARIANT.synonym && hasTerm(entry, v.term)));
    const allTerms = [...new Set(perWord.flat().map((v) => v.term))];
    if (!allTerms.length) return [];
    const candidates = (await this.index.candidates(allTerms, CANDIDATES)).filter((c) => c.published || options.includeDrafts);
    const idf = perWord.map((variants) => {
      const df = Math.max(1, ...variants.map((v) => vocabulary.documentFrequency(v.term)));
      return Math.log(1 + vocabulary.documents / df);
    });
    const totalIdf = idf.reduce((a, b) => a + b, 0) || 1;
    // Scored here, not by the database's rank, so SQLite and Postgres give the same order.
    return candidates
      .map((entry) => {
        let coverage = perWord.reduce((sum, variants, i) => sum + idf[i]! * matchStrength(entry, variants), 0) / totalIdf;
        // With several words, at least one must be found as typed (or as a synonym), not only as a correction.
        if (perWord.length > 1 && !strong(entry)) coverage *= 0.6;
        // Near-ties: the user's own language first, then words found in the title itself.
        const inTitle = perWord.filter((variants) => variants.some((v) => entry.titleTerms.includes(v.term))).length / perWord.length;
        const score = coverage * 0.96 + (entry.language === options.language ? 0.03 : 0) + 0.01 * inTitle;
        return { id: entry.id, score: Math.round(score * 1000) / 1000 };
      })
      .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
  }

  /** A query word's stems in both languages, their synonyms, and typo corrections for unknown ones. */
  private variants(word: string, vocabulary: Vocabulary): Variant[] {
    const found = new Map<string, number>();
    const add = (term: string, weight: number) => found.set(term, Math.max(found.get(term) ?? 0, weight));
    const stems = new Set([stem(word, 'nl'), stem(word, 'en'), word]);
    for (const s of stems) {
      add(s, VARIANT.exact);
      for (const syn of this.synonyms.of(s)) add(syn, VARIANT.synonym);
    }
    // Only words the index does not know are corrected, and only long ones: a short unknown word
    // ("verlof") is more likely a different word than a typo of a known one ("verlopen").
    if (![...found.keys()].some((t) => vocabulary.has(t)) && word.length >= 7) {
      for (const s of stems) {
        for (const longer of vocabulary.completions(s)) add(longer, VARIANT.compound);
        for (const fix of vocabulary.corrections(s)) {
          add(fix, VARIANT.typo);
          for (const syn of this.synonyms.of(fix)) add(syn, VARIANT.typo * VARIANT.synonym);
        }
      }
    }
    return [...found].map(([term, weight]) => ({ term, weight }));
  }
}

const hasTerm = (entry: IndexedEntry, term: string) => entry.titleTerms.includes(term) || entry.tagTerms.includes(term) || entry.bodyTerms.includes(term);

function matchStrength(entry: IndexedEntry, variants: Variant[]): number {
  let best = 0;
  for (const { term, weight } of variants) {
    if (entry.titleTerms.includes(term) || entry.tagTerms.includes(term)) best = Math.max(best, weight * FIELD.title);
    else if (entry.bodyTerms.includes(term)) best = Math.max(best, weight * FIELD.body);
  }
  return best;
}
