import { KbSnapshots } from './kb-snapshots.ts';
import { byScoreThenId, scoreEntry, VARIANT, type Language, type QueryWord, type Variant } from './kb-scoring.ts';
import type { KbSearchIndex } from './kb-search-index.ts';
import { STOPWORDS } from './stopwords.ts';
import type { Synonyms } from './synonyms.ts';
import { stem, words } from './text-analysis.ts';
import type { Vocabulary } from './vocabulary.ts';

export type { Language } from './kb-scoring.ts';

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

/**
 * Where candidates come from. `memory`: every entry holding a word of the question, from an
 * inverted index kept in memory (KbPostings), scored exactly. `database`: the database's full-text
 * query (SQLite FTS5 or Postgres tsvector) gives the best CANDIDATES by its own rank, which are
 * then scored the same way; it holds no postings in memory, and is exact as long as the right
 * answer is among those candidates (not always so when many entries share the question's words).
 */
export type KbSearchEngine = 'memory' | 'database';

/** Below this, the best entry does not answer the question well enough to show it. */
export const GOOD_ENOUGH = 0.5;
/** How many scored entries `rank` returns (and the database engine asks its index for). */
export const CANDIDATES = 60;
/** A question's first this many distinct words are searched for; a longer text adds nothing a person meant. */
export const MAX_QUERY_WORDS = 32;
/** A "word" longer than this is no word (a hash, a pasted token): it is looked up as it is, not stemmed or corrected. */
const MAX_WORD_LENGTH = 60;
/** Typo correction and completion stop once one search has spent this long: what was found so far is scored. */
const EXPANSION_BUDGET_MS = 40;

/**
 * Knowledge-base search. Words are stemmed (Dutch and English), accents folded, typos corrected
 * against the indexed vocabulary, synonyms expanded; title and tags count more than the body, the
 * user's language comes first. Only answers that match well enough are returned. The ranking is
 * computed here, not by the database, so SQLite and Postgres and both engines rank alike.
 */
export class KbSearch {
  private readonly snapshots: KbSnapshots;

  constructor(
    private readonly index: KbSearchIndex,
    private readonly synonyms: Synonyms,
    private readonly options: {
      engine?: KbSearchEngine;
      /** Entries may also change in another process (the CLI): a question after this long reloads them in the background. */
      refreshMs?: number;
      now?: () => number;
      /** A background reload failed (the previous copy keeps answering). */
      onRefreshError?: (error: unknown) => void;
    } = {},
  ) {
    this.snapshots = new KbSnapshots(index, {
      postings: this.engine === 'memory',
      refreshMs: options.refreshMs ?? 5 * 60 * 1000,
      now: options.now ?? Date.now,
      ...(options.onRefreshError ? { onRefreshError: options.onRefreshError } : {}),
    });
  }

  get engine(): KbSearchEngine {
    return this.options.engine ?? 'memory';
  }

  /** Call after the entries changed: the next search waits for what the index holds now. */
  invalidate(): void {
    this.snapshots.invalidate();
  }

  /** Load the vocabulary (and postings) now, e.g. at start, so the first question does not wait. */
  async warm(): Promise<void> {
    await this.snapshots.get();
  }

  /** The ranked answers ([] when nothing answers well enough), best first. */
  async search(query: string, options: KbSearchOptions): Promise<KbHit[]> {
    const limit = options.limit ?? 3;
    const ranked = await this.ranked(query, options, limit, GOOD_ENOUGH);
    return ranked.filter((h) => h.score >= GOOD_ENOUGH).slice(0, limit);
  }

  /** The best CANDIDATES entries with their score, good enough or not (for stats and the CLI). */
  rank(query: string, options: KbSearchOptions): Promise<KbHit[]> {
    return this.ranked(query, options, CANDIDATES, 0);
  }

  /** The best `limit` entries; the memory engine skips entries that cannot score `minScore`. */
  private async ranked(query: string, options: KbSearchOptions, limit: number, minScore: number): Promise<KbHit[]> {
    const queryWords = [...new Set(words(query))].filter((w) => !STOPWORDS.nl.has(w) && !STOPWORDS.en.has(w)).slice(0, MAX_QUERY_WORDS);
    if (!queryWords.length) return [];
    const { vocabulary, postings } = await this.snapshots.get();
    const now = this.options.now ?? Date.now;
    const deadline = now() + EXPANSION_BUDGET_MS;
    const perWord = queryWords.map((w) => this.variants(w, vocabulary, () => now() > deadline));
    if (!perWord.some((variants) => variants.length)) return [];
    const question: QueryWord[] = perWord.map((variants) => {
      const df = Math.max(1, ...variants.map((v) => vocabulary.documentFrequency(v.term)));
      return { variants, idf: Math.log(1 + vocabulary.documents / df) };
    });
    const includeDrafts = options.includeDrafts ?? false;
    if (postings) return postings.rank(question, { language: options.language, includeDrafts }, limit, minScore);
    const allTerms = [...new Set(perWord.flat().map((v) => v.term))];
    const candidates = (await this.index.candidates(allTerms, CANDIDATES)).filter((c) => c.published || includeDrafts);
    return candidates
      .flatMap((entry) => {
        const score = scoreEntry(entry, question, options.language);
        return score === undefined ? [] : [{ id: entry.id, score }];
      })
      .sort(byScoreThenId);
  }

  /** A query word's stems in both languages, their synonyms, and typo corrections for unknown ones. */
  private variants(word: string, vocabulary: Vocabulary, overBudget: () => boolean): Variant[] {
    if (word.length > MAX_WORD_LENGTH) return vocabulary.has(word) ? [{ term: word, weight: VARIANT.exact }] : [];
    const found = new Map<string, number>();
    const add = (term: string, weight: number) => found.set(term, Math.max(found.get(term) ?? 0, weight));
    const stems = new Set([stem(word, 'nl'), stem(word, 'en'), word]);
    for (const s of stems) {
      add(s, VARIANT.exact);
      for (const syn of this.synonyms.of(s)) add(syn, VARIANT.synonym);
    }
    // Only words the index does not know are corrected, and only long ones: a short unknown word
    // ("verlof") is more likely a different word than a typo of a known one ("verlopen").
    if (![...found.keys()].some((t) => vocabulary.has(t)) && word.length >= 7 && !overBudget()) {
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
