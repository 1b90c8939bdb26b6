import type { Language } from './kb-search.ts';

/** One entry as the search index keeps it: its analysed terms per field. */
export interface IndexedEntry {
  id: string;
  language: Language;
  published: boolean;
  titleTerms: string[];
  tagTerms: string[];
  bodyTerms: string[];
}

/**
 * The full-text index in the database (SQLite FTS5, or Postgres tsvector with the dutch/english
 * configurations): finds entries containing any of the terms, best full-text rank first.
 */
export interface KbSearchIndex {
  /** `language`: only entries in that language. */
  candidates(terms: string[], limit: number, language?: Language): Promise<Array<IndexedEntry & { rank: number }>>;
  /** Every indexed entry's terms, to build the vocabulary (typo correction, term frequencies). */
  allEntries(): Promise<IndexedEntry[]>;
  /**
   * A value that changes whenever any process changes the indexed entries (a cheap read). Without
   * it, entries changed elsewhere are only seen after the search's refresh time.
   */
  version?(): Promise<string>;
}
