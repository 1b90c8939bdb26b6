import type { IndexedEntry } from './kb-search-index.ts';

export type Language = 'nl' | 'en';

/** One form a question word may take in an entry, with how much finding it counts (VARIANT). */
export type Variant = { term: string; weight: number };

/** A question word: the forms it is searched as, and how rare (informative) it is. */
export interface QueryWord {
  variants: Variant[];
  idf: number;
}

/** How much a word counts by where it is found: a word only in the body is weaker evidence. */
export const FIELD = { title: 1, tags: 1, body: 0.6 } as const;
/** `head`: the last part of a compound whose first part the index does not know ("bankpas" → "pas"). */
export const VARIANT = { exact: 1, synonym: 0.9, compound: 0.8, typo: 0.75, head: 0.4 } as const;

/** Each pair of neighbouring question words found side by side in the title or tags counts, up to this many. */
const MAX_PHRASES = 2;

/** What one entry holds of one question: the inputs of `combineScore`, summed over the question's words. */
export interface EntryEvidence {
  /** Σ idf × strength of each question word's best form found (strength: field × variant). */
  question: number;
  /** Σ over question words of the best weight × idf of a form found in the title. */
  title: number;
  /** Σ idf of the entry's distinct title terms (what `title` is a share of). */
  titleIdf: number;
  /** How many question words were found at all. */
  matched: number;
  /** Whether any word was found as typed or as a synonym (not only as a typo correction). */
  strong: boolean;
  /** Neighbouring question word pairs found side by side in the title or tags. */
  phrases: number;
}

/** The question itself: its words' total idf, how many words, and the idf of the words no entry holds. */
export interface QuestionShape {
  totalIdf: number;
  words: number;
  /** How many of the words some entry holds. */
  knownWords: number;
  unknownIdf: number;
}

/**
 * What the score is computed from. Coverage of the question (idf-weighted, so rare words count and
 * everyday words hardly) and of its words the index knows; coverage of the entry's title (a long
 * chatty question that names an entry's subject); phrases; how many words matched, alone and as a share of the
 * words the index knows (one word of a long question is weak evidence); how much of the question is words no entry holds (another
 * system, a private matter) and how long the question is.
 */
export function scoreFeatures(e: EntryEvidence, q: QuestionShape): number[] {
  const known = q.totalIdf - q.unknownIdf;
  return [
    e.question / q.totalIdf,
    known > 1e-9 ? Math.min(1, e.question / known) : 0,
    e.titleIdf > 0 ? Math.min(1, e.title / e.titleIdf) : 0,
    Math.min(MAX_PHRASES, e.phrases) / MAX_PHRASES,
    e.strong ? 1 : 0,
    e.matched <= 1 && q.words > 1 ? 1 : 0,
    Math.log(1 + e.matched),
    Math.min(1, e.matched / Math.max(1, q.knownWords)),
    q.unknownIdf / q.totalIdf,
    Math.log(1 + q.words),
  ];
}

/**
 * A logistic model over `scoreFeatures`: the score is the estimated chance that the entry answers
 * the question. The weights are fitted on the realistic questions in test/relevance
 * (`npm run fit:kb` prints them and their cross-validated quality); the tiers in kb-search.ts are
 * thresholds on this chance.
 */
export const SCORE_MODEL = { bias: -3.871, weights: [1.315, 1.284, 1.155, 0.56, 0.022, -1.11, 1.692, 0.914, -0.088, 0.058] };

/** The score (0…1, three decimals) of one entry, from its evidence and the question. One formula for every engine. */
export function combineScore(e: EntryEvidence, q: QuestionShape): number {
  return scorerFor(q)(e.question, e.title, e.titleIdf, e.matched, e.strong ? 1 : 0, e.phrases);
}

/**
 * `combineScore` for one question, without building a feature list per entry: KbPostings scores
 * tens of thousands of entries per search. The same features in the same order, so the same sums
 * to the last bit as `probability(scoreFeatures(…))` (tested).
 */
export function scorerFor(q: QuestionShape): Scorer {
  const w = SCORE_MODEL.weights;
  const known = q.totalIdf - q.unknownIdf;
  const unknownShare = q.unknownIdf / q.totalIdf;
  const length = Math.log(1 + q.words);
  const knownWords = Math.max(1, q.knownWords);
  const z: Scorer['z'] = (question, title, titleIdf, matched, strong, phrases) => {
    let sum = SCORE_MODEL.bias;
    sum += w[0]! * (question / q.totalIdf);
    sum += w[1]! * (known > 1e-9 ? Math.min(1, question / known) : 0);
    sum += w[2]! * (titleIdf > 0 ? Math.min(1, title / titleIdf) : 0);
    sum += w[3]! * (Math.min(MAX_PHRASES, phrases) / MAX_PHRASES);
    sum += w[4]! * (strong ? 1 : 0);
    sum += w[5]! * (matched <= 1 && q.words > 1 ? 1 : 0);
    sum += w[6]! * Math.log(1 + matched);
    sum += w[7]! * Math.min(1, matched / knownWords);
    sum += w[8]! * unknownShare;
    sum += w[9]! * length;
    return sum;
  };
  const of = (sum: number) => Math.round(1000 / (1 + Math.exp(-sum))) / 1000;
  // A sum below this rounds to a score below `min` (with room for rounding).
  const below = (min: number) => (min <= 0.001 ? -Infinity : Math.log((min - 0.001) / (1 - (min - 0.001))));
  return Object.assign((...a: Parameters<Scorer['z']>) => of(z(...a)), { z, of, below });
}

/** `scorerFor`'s scorer: the score of evidence, or its linear sum `z`, the score `of` a sum, and the sum `below` which a score is lower than a given one. */
export type Scorer = ((question: number, title: number, titleIdf: number, matched: number, strong: number, phrases: number) => number) & {
  z: (question: number, title: number, titleIdf: number, matched: number, strong: number, phrases: number) => number;
  of: (sum: number) => number;
  below: (min: number) => number;
};

export function probability(features: number[], model: { bias: number; weights: number[] }): number {
  let z = model.bias;
  for (let i = 0; i < features.length; i++) z += model.weights[i]! * features[i]!;
  return Math.round(1000 / (1 + Math.exp(-z))) / 1000;
}

/**
 * The highest score an entry can reach that holds none of the question's words in its title or
 * tags and `matched` of them in its body, the rarest being worth `matchedIdf` together at most (no
 * title coverage, no phrase, every word at most at body strength). KbPostings uses it to skip
 * entries that cannot reach the lowest tier.
 */
export function bodyOnlyBound(q: QuestionShape, matched: number, matchedIdf: number): number {
  return bestOf({ question: FIELD.body * VARIANT.exact * matchedIdf, title: 0, titleIdf: 0, matched, phrases: 0 }, q);
}

/**
 * The highest score an entry can reach that holds `matched` of the question's words, together worth
 * `matchedIdf`, and no other — wherever it holds them, title included (full title coverage, every
 * neighbouring pair a phrase). KbPostings uses it to skip entries that hold only the question's
 * most common words.
 */
export function onlyTheseWordsBound(q: QuestionShape, matched: number, matchedIdf: number): number {
  return bestOf({ question: matchedIdf, title: 1, titleIdf: 1, matched, phrases: Math.max(0, matched - 1) }, q);
}

/** The score of this evidence, whichever `strong` gives the higher one. */
const bestOf = (e: Omit<EntryEvidence, 'strong'>, q: QuestionShape) => Math.max(combineScore({ ...e, strong: true }, q), combineScore({ ...e, strong: false }, q));

/** The idf of an indexed term: how rare it is among all entries. */
export const termIdf = (documents: number, documentFrequency: number) => Math.log(1 + documents / Math.max(1, documentFrequency));

const adjacent = (terms: string[], a: string, b: string) => {
  for (let i = 0; i + 1 < terms.length; i++) if (terms[i] === a && terms[i + 1] === b) return true;
  return false;
};

/** The forms of a word that count for a phrase: as typed or a synonym. */
export const phraseForms = (w: QueryWord) => w.variants.filter((v) => v.weight >= VARIANT.synonym).map((v) => v.term);

/**
 * The score of one entry from its analysed terms (the database engine scores its candidates so);
 * undefined when it holds no word of the question. `idfOf` gives an indexed term's idf.
 */
export function scoreEntry(entry: IndexedEntry, words: QueryWord[], shape: QuestionShape, idfOf: (term: string) => number): number | undefined {
  const e = entryEvidence(entry, words, idfOf);
  return e && combineScore(e, shape);
}

/** What one entry holds of the question's words; undefined when it holds none. */
export function entryEvidence(entry: IndexedEntry, words: QueryWord[], idfOf: (term: string) => number): EntryEvidence | undefined {
  const title = new Set(entry.titleTerms);
  const tags = new Set(entry.tagTerms);
  const body = new Set(entry.bodyTerms);
  const e: EntryEvidence = { question: 0, title: 0, titleIdf: 0, matched: 0, strong: false, phrases: 0 };
  for (const t of title) e.titleIdf += idfOf(t);
  for (const { variants, idf } of words) {
    let best = 0;
    let bestInTitle = 0;
    for (const { term, weight } of variants) {
      const inTitleOrTags = title.has(term) || tags.has(term);
      const found = inTitleOrTags || body.has(term);
      if (inTitleOrTags) best = Math.max(best, weight * FIELD.title);
      else if (found) best = Math.max(best, weight * FIELD.body);
      if (found && weight >= VARIANT.synonym) e.strong = true;
      if (title.has(term)) bestInTitle = Math.max(bestInTitle, weight * idfOf(term));
    }
    e.question += idf * best;
    e.title += bestInTitle;
    if (best > 0) e.matched++;
  }
  if (e.matched === 0) return undefined;
  for (let i = 0; i + 1 < words.length; i++) {
    const firsts = phraseForms(words[i]!);
    const seconds = phraseForms(words[i + 1]!);
    if (firsts.some((a) => seconds.some((b) => adjacent(entry.titleTerms, a, b) || adjacent(entry.tagTerms, a, b)))) e.phrases++;
  }
  return e;
}

/** Best first; ties by id, so the order is the same on every engine and database. */
export const byScoreThenId = (a: { id: string; score: number }, b: { id: string; score: number }) => b.score - a.score || compareIds(a.id, b.id);

const collator = new Intl.Collator(undefined, { usage: 'sort' });
export const compareIds = (a: string, b: string) => collator.compare(a, b);
