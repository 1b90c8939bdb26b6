import { readFileSync } from 'node:fs';
import type { Language } from '../../core/domain/knowledge-base/kb-search.ts';

/** One question of a relevance set, with the entries that answer it ([] when none does). */
export interface RelevanceQuestion {
  query: string;
  language: Language;
  expected: string[];
  /** Style, role or reason tags: "sentence", "typo", "near miss", "clinical", … */
  kinds: string[];
  who?: string;
}

const json = (name: string) => JSON.parse(readFileSync(new URL(`./${name}`, import.meta.url), 'utf8')) as unknown;

type RealisticFile = {
  answerable: Array<{ q: string; lang: Language; expected: string[]; style: string; who?: string }>;
  unanswerable: Array<{ q: string; lang: Language; why: string }>;
};

/** realistic-questions.json: written as people type, by someone who had not seen the search code. */
export const REALISTIC: RelevanceQuestion[] = (() => {
  const file = json('realistic-questions.json') as RealisticFile;
  return [
    ...file.answerable.map((q) => ({ query: q.q, language: q.lang, expected: q.expected, kinds: [q.style], ...(q.who ? { who: q.who } : {}) })),
    // The reason before the colon is the kind: "near miss", "clinical", "HR/personal", "other system".
    ...file.unanswerable.map((q) => ({ query: q.q, language: q.lang, expected: [], kinds: [q.why.split(':')[0]!.trim()] })),
  ];
})();

/** kb-queries.json: short queries by kind (typo, synonym, English, diacritics, …). */
export const KEYWORD_QUERIES: RelevanceQuestion[] = (json('kb-queries.json') as { queries: Array<{ query: string; language: Language; expected: string[]; kinds: string[] }> }).queries
  .map((q) => ({ query: q.query, language: q.language, expected: q.expected, kinds: q.kinds }));

export const ALL_QUESTIONS: RelevanceQuestion[] = [...REALISTIC, ...KEYWORD_QUERIES];
