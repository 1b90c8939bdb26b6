import { KbSnapshots } from './kb-snapshots.ts';
import { byScoreThenId, combineScore, entryEvidence, scoreEntry, scoreFeatures, termIdf, VARIANT, type Language, type QueryWord, type QuestionShape, type Variant } from './kb-scoring.ts';
import type { KbSearchIndex } from './kb-search-index.ts';
import { isQueryFiller } from './stopwords.ts';
import type { Synonyms } from './synonyms.ts';
import { stem, words } from './text-analysis.ts';
import { MAX_TYPO_WORD, type Vocabulary } from './vocabulary.ts';
import { compoundParts, diminutiveBases } from './word-forms.ts';
import { questionScope, SUGGESTION_SCORE, tierOf, type KbTier } from './kb-tiers.ts';

export type { Language } from './kb-scoring.ts';
export { ANSWER_SCORE, questionScope, SUGGESTION_SCORE, type KbTier } from './kb-tiers.ts';

/** One entry as `rank` scores it. */
export interface KbScored {
  id: string;
  /** 0…1: how well the entry answers the question. */
  score: number;
  language: Language;
}

/** One result of `search`: an entry in the user's language (or the other when none), with its tier. */
export interface KbHit {
  id: string;
  score: number;
  tier: KbTier;
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

/** How many scored entries `rank` returns (and the database engine asks its index for). */
export const CANDIDATES = 60;
/** The knowledge base's own language: every entry is written in it, some are also translated. */
const MAIN_LANGUAGE: Language = 'nl';
/**
 * For English users: how much better the Dutch best must score to be shown instead of the user's own.
 * Small on purpose: most entries exist in Dutch only, and an English question's best match among
 * the few English entries is often the wrong one (measured on the relevance set: "English whenever
 * it has a result" lost 3 points of recall@3).
 */
const OTHER_LANGUAGE_MARGIN = 0.02;
/** A question that reads as clinical or personal still gets an entry scoring this well, as a suggestion. */
const NOT_FOR_US_UNLESS = 0.9;
/** When the best two scores lie this close, neither is sure: both are suggestions. */
export const NO_SINGLE_BEST = 0.02;
/** A question's first this many distinct words are searched for; a longer text adds nothing a person meant. */
export const MAX_QUERY_WORDS = 32;
/** A "word" longer than this is no word (a hash, a pasted token): it is looked up as it is, not stemmed or corrected. */
const MAX_WORD_LENGTH = 60;
/** How much a word no entry holds counts, as a share of the rarest indexed word's idf (tuned on test/relevance). */
const UNKNOWN_WORD_WEIGHT = 0.5;

const termsOf = (question: QueryWord[]) => [...new Set(question.flatMap((w) => w.variants.map((v) => v.term)))];

function questionShape(question: QueryWord[], vocabulary: Vocabulary): QuestionShape {
  const known = question.filter((w) => w.variants.some((v) => vocabulary.has(v.term)));
  const totalIdf = question.reduce((sum, w) => sum + w.idf, 0) || 1;
  return { totalIdf, words: question.length, knownWords: known.length, unknownIdf: totalIdf - known.reduce((sum, w) => sum + w.idf, 0) };
}

/** Typo correction and completion stop once one search has spent this long: what was found so far is scored. */
const EXPANSION_BUDGET_MS = 40;
/** …except for a question's first this many words. */
const ALWAYS_EXPANDED = 12;

/**
 * Knowledge-base search. Filler is dropped; words are stemmed (Dutch and English), accents folded,
 * diminutives and compounds read as their parts, typos corrected against the indexed vocabulary,
 * synonyms expanded; every entry holding a word is scored by the model of kb-scoring.ts and sorted
 * into tiers (kb-tiers.ts). The ranking is computed here, not by the database, so SQLite and
 * Postgres and both engines rank alike.
 */
export class KbSearch {
  private readonly snapshots: KbSnapshots;

  constructor(
    private readonly index: KbSearchIndex,
    private readonly synonyms: Synonyms,
    private readonly options: {
      engine?: KbSearchEngine;
      /**
       * Entries may also change in another process (the CLI): a question after this long reloads them in
       * the background. An index with a version (the database's) is also checked every 2 s (kb-snapshots.ts).
       */
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

  /**
   * The results down to the suggestion tier, best first ([] when nothing comes close), all in one
   * language — never both copies of an entry. Dutch users get Dutch entries, English ones only when
   * nothing in Dutch comes close. English users get English entries, unless a Dutch one answers
   * clearly better (most entries exist in Dutch only) or only Dutch holds anything.
   */
  async search(query: string, options: KbSearchOptions): Promise<KbHit[]> {
    const limit = options.limit ?? 3;
    const scope = questionScope(query);
    const ranked = await this.rankedPerLanguage(query, options, limit);
    const hitsIn = (language: Language) =>
      ranked[language].flatMap(({ id, score }): KbHit[] => {
        const tier = tierOf(score);
        // Outside the chain's systems: a tier lower, so at most suggestions.
        if (!tier || (scope === 'lower' && tier === 'suggestion')) return [];
        // Clinical or personal by its words: only an entry that answers it overwhelmingly well is
        // offered (the words list may be wrong about an ICT question), and only as a suggestion.
        if (scope === 'none' && score < NOT_FOR_US_UNLESS) return [];
        return [{ id, score, tier: scope === 'chain' ? tier : 'suggestion' }];
      });
    const own = hitsIn(options.language);
    const other = hitsIn(options.language === 'nl' ? 'en' : 'nl');
    // The other language only when it clearly holds a better answer than the user's.
    const chosen = !own.length ? other
      // Dutch users: Dutch entries only, unless there is nothing in Dutch.
      : options.language === MAIN_LANGUAGE || !other.length ? own
      // English users: most entries exist only in Dutch, so a Dutch entry that answers clearly better wins.
      : other[0]!.score >= own[0]!.score + OTHER_LANGUAGE_MARGIN ? other : own;
    // No single best (two entries score alike): the person chooses, nothing is shown as the answer.
    if (chosen.length > 1 && chosen[0]!.score - chosen[1]!.score <= NO_SINGLE_BEST) return chosen.map((h) => ({ ...h, tier: 'suggestion' as const }));
    return chosen;
  }

  /** The best `limit` of each language down to the suggestion tier: one pass over the postings, or one query per language. */
  private async rankedPerLanguage(query: string, options: KbSearchOptions, limit: number): Promise<Record<Language, KbScored[]>> {
    const prepared = await this.prepare(query);
    if (!prepared) return { nl: [], en: [] };
    const { question, shape, postings } = prepared;
    if (postings) return postings.rankPerLanguage(question, shape, { language: options.language, includeDrafts: options.includeDrafts ?? false }, limit, SUGGESTION_SCORE);
    return { nl: await this.ranked(query, options, limit, SUGGESTION_SCORE, 'nl'), en: await this.ranked(query, options, limit, SUGGESTION_SCORE, 'en') };
  }

  /** The best CANDIDATES entries of either language with their score, in a tier or not (for stats and the CLI). */
  rank(query: string, options: KbSearchOptions): Promise<KbScored[]> {
    return this.ranked(query, options, CANDIDATES, 0);
  }

  /** The best `limit` entries (of one language when `only` is given); the memory engine skips entries that cannot score `minScore`. */
  private async ranked(query: string, options: KbSearchOptions, limit: number, minScore: number, only?: Language): Promise<KbScored[]> {
    const prepared = await this.prepare(query);
    if (!prepared) return [];
    const { question, shape, vocabulary, postings } = prepared;
    const includeDrafts = options.includeDrafts ?? false;
    if (postings) return postings.rank(question, shape, { language: options.language, includeDrafts, ...(only ? { only } : {}) }, limit, minScore);
    const candidates = (await this.index.candidates(termsOf(question), CANDIDATES, only)).filter((c) => (c.published || includeDrafts) && (!only || c.language === only));
    const idfOf = (term: string) => termIdf(vocabulary.documents, vocabulary.documentFrequency(term));
    return candidates
      .flatMap((entry) => {
        const score = scoreEntry(entry, question, shape, idfOf);
        return score === undefined || score < minScore ? [] : [{ id: entry.id, score, language: entry.language }];
      })
      .sort(byScoreThenId)
      .slice(0, limit);
  }

  /** Why each candidate scores as it does: its features (for `npm run fit:kb` and `kb search --explain`). */
  async explain(query: string, options: KbSearchOptions): Promise<Array<KbScored & { features: number[] }>> {
    const prepared = await this.prepare(query);
    if (!prepared) return [];
    const { question, shape, vocabulary } = prepared;
    const idfOf = (term: string) => termIdf(vocabulary.documents, vocabulary.documentFrequency(term));
    const candidates = (await this.index.candidates(termsOf(question), CANDIDATES)).filter((c) => c.published || options.includeDrafts);
    return candidates
      .flatMap((entry) => {
        const evidence = entryEvidence(entry, question, idfOf);
        return evidence ? [{ id: entry.id, language: entry.language, score: combineScore(evidence, shape), features: scoreFeatures(evidence, shape) }] : [];
      })
      .sort(byScoreThenId);
  }

  /** The question's words with their forms and weights, as every engine searches them; undefined when none is left. */
  private async prepare(query: string) {
    // Phrases of the thesaurus ("address book") count as one word; filler goes.
    const queryWords = [...new Set(this.synonyms.joinPhrases(words(query).slice(0, MAX_QUERY_WORDS * 4)))].filter((w) => !isQueryFiller(w)).slice(0, MAX_QUERY_WORDS);
    if (!queryWords.length) return undefined;
    const { vocabulary, postings } = await this.snapshots.get();
    const now = this.options.now ?? Date.now;
    const deadline = now() + EXPANSION_BUDGET_MS;
    // The first words are always expanded in full, so an ordinary question is read the same however
    // busy the machine is; only a long (or hostile) one is cut short by the budget.
    const perWord = queryWords.map((w, i) => this.variants(w, vocabulary, () => i >= ALWAYS_EXPANDED && now() > deadline));
    if (!perWord.some((variants) => variants.length)) return undefined;
    // A number no entry holds ("na 10 dagen", "elke 5 min") says nothing about the question.
    const kept = queryWords.map((w, i) => ({ w, variants: perWord[i]! })).filter(({ w, variants }) => !/^\d+$/.test(w) || variants.some((v) => vocabulary.has(v.term)));
    if (!kept.length) return undefined;
    const question: QueryWord[] = kept.map(({ variants }) => {
      const df = Math.max(0, ...variants.map((v) => vocabulary.documentFrequency(v.term)));
      // A word no entry holds (a name, chat filler, another system's name) weighs less than the
      // rarest indexed word: a long question's everyday words must not drown the words it shares.
      return { variants, idf: df > 0 ? termIdf(vocabulary.documents, df) : UNKNOWN_WORD_WEIGHT * termIdf(vocabulary.documents, 1) };
    });
    return { question, shape: questionShape(question, vocabulary), vocabulary, postings };
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
    const knows = () => [...found.keys()].some((t) => vocabulary.has(t));
    // A diminutive or a compound of known words ("pasje", "werktelefoon") is read as its parts.
    if (!knows()) {
      const knownStem = (w: string) => [stem(w, 'nl'), w].find((s) => vocabulary.has(s));
      for (const base of diminutiveBases(word)) {
        const s = knownStem(base);
        if (s) add(s, VARIANT.synonym);
      }
      if (!knows() && word.length <= MAX_TYPO_WORD) {
        // With an unknown modifier ("bankpas", "roosterapp") the word is another kind of the head: weak evidence.
        const parts = compoundParts(word, (p) => knownStem(p) !== undefined);
        const weight = parts.length === 2 ? VARIANT.compound : VARIANT.head;
        for (const part of parts) {
          const s = knownStem(part)!;
          add(s, weight);
          for (const syn of this.synonyms.of(s)) add(syn, weight * VARIANT.synonym);
        }
      }
    }
    // Only words the index does not know are corrected, and only long ones: a short unknown word
    // ("verlof") is more likely a different word than a typo of a known one ("verlopen").
    if (!knows() && word.length >= 7 && !overBudget()) {
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
