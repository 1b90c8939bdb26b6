import type { IndexedEntry } from './kb-search-index.ts';

export type Language = 'nl' | 'en';

/** One form a question word may take in an entry, with how much finding it counts (VARIANT). */
export type Variant = { term: string; weight: number };

/** A question word: the forms it is searched as, and how rare (informative) it is. */
export interface QueryWord {
  variants: Variant[];
  idf: number;
}

// A word found only in the body is weak evidence: alone it does not make a good answer.
export const FIELD = { title: 1, tags: 1, body: 0.45 } as const;
export const VARIANT = { exact: 1, synonym: 0.9, compound: 0.8, typo: 0.75 } as const;

/**
 * The score of one entry for a question, from what was found of each word:
 * `coverage` (0…1) is the idf-weighted share of the question found, `strong` whether any word was
 * found as typed or as a synonym, `titleWords` how many words were found in the title.
 * One formula for every search engine, so they rank alike.
 */
export function combineScore(coverage: number, strong: boolean, titleWords: number, words: number, sameLanguage: boolean): number {
  // With several words, at least one must be found as typed (or as a synonym), not only as a correction.
  const covered = words > 1 && !strong ? coverage * 0.6 : coverage;
  // Near-ties: the user's own language first, then words found in the title itself.
  const score = covered * 0.96 + (sameLanguage ? 0.03 : 0) + 0.01 * (titleWords / words);
  return Math.round(score * 1000) / 1000;
}

/** The score of one entry, from its analysed terms; undefined when it holds no word of the question. */
export function scoreEntry(entry: IndexedEntry, words: QueryWord[], language: Language): number | undefined {
  const totalIdf = words.reduce((sum, w) => sum + w.idf, 0) || 1;
  let coverage = 0;
  let strong = false;
  let titleWords = 0;
  for (const { variants, idf } of words) {
    let best = 0;
    let inTitle = false;
    for (const { term, weight } of variants) {
      const inTitleOrTags = entry.titleTerms.includes(term) || entry.tagTerms.includes(term);
      const found = inTitleOrTags || entry.bodyTerms.includes(term);
      if (inTitleOrTags) best = Math.max(best, weight * FIELD.title);
      else if (found) best = Math.max(best, weight * FIELD.body);
      if (found && weight >= VARIANT.synonym) strong = true;
      if (entry.titleTerms.includes(term)) inTitle = true;
    }
    coverage += idf * best;
    if (inTitle) titleWords++;
  }
  if (coverage === 0) return undefined;
  return combineScore(coverage / totalIdf, strong, titleWords, words.length, entry.language === language);
}

/** Best first; ties by id, so the order is the same on every engine and database. */
export const byScoreThenId = (a: { id: string; score: number }, b: { id: string; score: number }) => b.score - a.score || compareIds(a.id, b.id);

const collator = new Intl.Collator(undefined, { usage: 'sort' });
export const compareIds = (a: string, b: string) => collator.compare(a, b);
