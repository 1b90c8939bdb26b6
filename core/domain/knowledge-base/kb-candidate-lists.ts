import { bodyOnlyBound, onlyTheseWordsBound, type QueryWord, type QuestionShape } from './kb-scoring.ts';

/**
 * Which postings a search reads to find its candidates (KbPostings): every list, the lists of the
 * entries that can reach a score, or a first few likely entries to set the bar with.
 */

/** One term's entries: holding it in the title or tags, and holding it only in the body. */
export type PostingsMap = Map<string, { titleOrTags: Int32Array; bodyOnly: Int32Array }>;

/** The first look (the bar) reads the title-or-tag lists of this many of the question's rarest words… */
const SEED_WORDS = 2;
/** …and at most this many entries of each language of them. */
const SEED_LIMIT = 300;

/** Every list of every form of the question's words. */
export function allLists(postings: PostingsMap, words: QueryWord[]): Int32Array[] {
  return words.flatMap((w) => w.variants.flatMap((v) => {
    const p = postings.get(v.term);
    return p ? [p.titleOrTags, p.bodyOnly] : [];
  }));
}

/** The title-or-tag lists of the question's rarest words (SEED_WORDS) that entries hold. */
export function seedLists(postings: PostingsMap, english: Uint8Array, words: QueryWord[]): Int32Array[] {
  const present = words.filter((w) => w.variants.some((v) => postings.has(v.term)));
  const rarest = [...present].sort((a, b) => b.idf - a.idf).slice(0, SEED_WORDS);
  // Any entries give a true bar; a few hundred of each language are enough, and reading more
  // costs more than it saves.
  const seeds: number[] = [];
  const perLanguage = [0, 0];
  for (const w of rarest) {
    for (const v of w.variants) {
      const list = postings.get(v.term)?.titleOrTags;
      for (let i = 0; list && i < list.length && perLanguage[0]! + perLanguage[1]! < 2 * SEED_LIMIT; i++) {
        const doc = list[i]!;
        const language = english[doc]!;
        if (perLanguage[language]! >= SEED_LIMIT) continue;
        perLanguage[language]!++;
        seeds.push(doc);
      }
    }
  }
  return [Int32Array.from(seeds)];
}

/**
 * The lists holding every entry that can score `minScore`, or undefined when every entry holding
 * a word must be scored. Two exact rules, the one reading fewer
 * postings is used: (1) an entry holding only the question's most common words scores at most
 * onlyTheseWordsBound, so when that is below `minScore` a candidate must hold a rarer word;
 * (2) an entry holding question words only in its body scores at most bodyOnlyBound(k words),
 * so when that is below `minScore` for every k below `needed`, it must hold one of the
 * (words − needed + 1) rarest. The lists not read are then only checked against the mark.
 */
export function candidatesFor(postings: PostingsMap, words: QueryWord[], shape: QuestionShape, minScore: number): Int32Array[] | undefined {
  if (minScore <= 0) return undefined;
  const present = words.filter((w) => w.variants.some((v) => postings.has(v.term)));
  const lists = (w: QueryWord, field: 'titleOrTags' | 'bodyOnly') => w.variants.flatMap((v) => {
    const list = postings.get(v.term)?.[field];
    return list ? [list] : [];
  });
  const length = (ls: Int32Array[]) => ls.reduce((sum, l) => sum + l.length, 0);
  // Rule 1: an entry holding only the most common words (anywhere) cannot reach minScore, so it
  // must hold one of the others: their lists, in every field, give the candidates.
  const commonFirst = [...present].sort((a, b) => a.idf - b.idf);
  let common = 0;
  let commonIdf = 0;
  while (common < commonFirst.length && onlyTheseWordsBound(shape, common + 1, commonIdf + commonFirst[common]!.idf) < minScore) commonIdf += commonFirst[common++]!.idf;
  const rare = commonFirst.slice(common);
  const byRareWords = rare.flatMap((w) => [...lists(w, 'titleOrTags'), ...lists(w, 'bodyOnly')]);
  // Rule 2: an entry holding question words only in its body needs `needed` of them, so one of
  // the (words − needed + 1) rarest; every title-or-tag list is read.
  const rarestFirst = [...commonFirst].reverse();
  let needed = 1;
  let idf = 0;
  for (; needed <= rarestFirst.length; needed++) {
    idf += rarestFirst[needed - 1]!.idf;
    if (bodyOnlyBound(shape, needed, idf) >= minScore) break;
  }
  const byFields = needed <= 1 ? undefined : [
    ...present.flatMap((w) => lists(w, 'titleOrTags')),
    ...rarestFirst.slice(0, Math.max(0, rarestFirst.length - needed + 1)).flatMap((w) => lists(w, 'bodyOnly')),
  ];
  const chosen = common > 0 && (!byFields || length(byRareWords) <= length(byFields)) ? byRareWords : byFields;
  // Neither rule excludes anything (undefined): every list must be read anyway.
  return chosen;
}
