import { expect } from 'vitest';
import type { IndexedEntry, KbSearchIndex } from '../../../../core/domain/knowledge-base/kb-search-index.ts';
import { ANSWER_SCORE, KbSearch, NO_SINGLE_BEST, SUGGESTION_SCORE, type KbHit, type KbSearchEngine, type Language } from '../../../../core/domain/knowledge-base/kb-search.ts';
import { Synonyms } from '../../../../core/domain/knowledge-base/synonyms.ts';
import type { KbEntry } from '../../../../core/domain/knowledge-base/types.ts';
import { indexedEntry } from '../../../../storage/knowledge-base/kb-search-index.ts';

/** Shared by the KbSearch tests (kb-search.test.ts, kb-search-tiers.test.ts): a fake index, entries, synonyms, checks. */


/** The database's full-text index, in memory: every entry with any of the terms (of one language when asked), in index order. */
export class MemoryIndex implements KbSearchIndex {
  readonly calls = { candidates: [] as string[][], languages: [] as Array<Language | undefined>, allEntries: 0 };
  failNextAllEntries = false;

  constructor(public entries: IndexedEntry[]) {}

  async candidates(terms: string[], limit: number, language?: Language): Promise<Array<IndexedEntry & { rank: number }>> {
    this.calls.candidates.push(terms);
    this.calls.languages.push(language);
    return this.entries
      .filter((e) => language === undefined || e.language === language)
      .map((e) => ({ ...e, rank: terms.filter((t) => [...e.titleTerms, ...e.tagTerms, ...e.bodyTerms].includes(t)).length }))
      .filter((e) => e.rank > 0)
      .slice(0, limit);
  }

  async allEntries(): Promise<IndexedEntry[]> {
    this.calls.allEntries++;
    if (this.failNextAllEntries) {
      this.failNextAllEntries = false;
      throw new Error('database unavailable');
    }
    return this.entries;
  }
}

export const entry = (id: string, fields: Partial<Pick<KbEntry, 'language' | 'title' | 'problem' | 'solution' | 'tags' | 'published'>>): IndexedEntry =>
  indexedEntry({
    id,
    language: 'nl',
    title: 'Algemene vraag',
    problem: 'Er is iets met de werkplek.',
    solution: 'Neem contact op met de servicedesk.',
    tags: [],
    questions: [],
    applicationIds: [],
    audience: 'zorgverlener',
    published: true,
    createdBy: 'test',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedBy: 'test',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...fields,
  });

export const SYNONYMS = new Synonyms({
  groups: [
    ['printen', 'afdrukken', 'print', 'printer', 'printing'],
    ['wachtwoord', 'password'],
    ['vergeten', 'forgotten', 'forgot', 'kwijt'],
    ['client', 'cliënt', 'patient'],
  ],
});

export const ENGINES: KbSearchEngine[] = ['memory', 'database'];
export const ids = (hits: Array<{ id: string }>) => hits.map((h) => h.id);
export const nl = { language: 'nl' as Language };
export const en = { language: 'en' as Language };
export const scoreOf = async (search: KbSearch, query: string, id: string, options = nl) => (await search.rank(query, options)).find((h) => h.id === id)?.score;

/** Every hit is in the tier its score says, best first. */
export function expectTiers(hits: KbHit[]): void {
  // With no single best (the first two alike), everything is a suggestion.
  const noSingleBest = hits.length > 1 && hits[0]!.score - hits[1]!.score <= NO_SINGLE_BEST;
  for (const h of hits) {
    expect(h.score).toBeGreaterThanOrEqual(SUGGESTION_SCORE);
    expect(h.tier).toBe(h.score >= ANSWER_SCORE && !noSingleBest ? 'answer' : 'suggestion');
  }
  expect(hits.map((h) => h.score)).toEqual([...hits.map((h) => h.score)].sort((a, b) => b - a));
}

/**
 * A search over these entries with one engine, and its fake index. Its clock stands still: typo
 * correction stops after a time budget (40 ms of wall-clock time), which a loaded test machine
 * could exceed — results must not depend on how busy the machine is.
 */
export function searchOver(engine: KbSearchEngine, entries: IndexedEntry[]) {
  const index = new MemoryIndex(entries);
  return { index, search: new KbSearch(index, SYNONYMS, { engine, now: () => 0 }) };
}

/** The terms the search looked for: asked of the database engine's index only. */
export const askedTerms = (engine: KbSearchEngine, index: MemoryIndex) => (engine === 'database' ? index.calls.candidates : undefined);
