import type { DataSource, EntityManager } from 'typeorm';
import type { IndexedEntry, KbSearchIndex } from '../../core/domain/knowledge-base/kb-search-index.ts';
import { indexTerms, words } from '../../core/domain/knowledge-base/text-analysis.ts';
import { yieldToEventLoop } from '../../core/time/yield-to-event-loop.ts';
import type { KbEntry } from '../../core/domain/knowledge-base/types.ts';
import { bumpVersion, readVersion } from '../state/version-row.ts';

/** The version row of the search index: bumped by every write of index rows, read by every process's search. */
const INDEX_VERSION = 'kb-index';

export function indexedEntry(e: KbEntry): IndexedEntry {
  return {
    id: e.id,
    language: e.language,
    published: e.published,
    titleTerms: indexTerms(e.title, e.language),
    // Alternative questions (learned from use) are searched like tags: their words, in order, so a
    // phrase of one ("wachtwoord vergeten") is also found as a phrase.
    tagTerms: [...indexTerms(e.tags.join(' '), e.language), ...(e.questions ?? []).flatMap((q) => indexTerms(q, e.language))],
    bodyTerms: indexTerms(`${e.problem} ${e.solution}`, e.language),
  };
}


const isPostgres = (m: EntityManager | DataSource) => ('connection' in m ? m.connection : m).options.type === 'postgres';
const folded = (text: string) => words(text).join(' ');

/** Replaces the index rows of these entries (inside the caller's transaction), and bumps the index's version row. */
export async function writeIndexRows(m: EntityManager, entries: KbEntry[]): Promise<void> {
  for (const entry of entries) {
    const row = indexedEntry(entry);
    if (isPostgres(m)) {
      const config = entry.language === 'en' ? 'english' : 'dutch';
      await m.query('DELETE FROM kb_search WHERE entry_id = $1', [entry.id]);
      await m.query(
        // The dutch/english configuration indexes the text itself; the app's own terms are added
        // ('simple'), so every term the ranking knows is also found (hyphen joins, stopword lists differ).
        `INSERT INTO kb_search (entry_id, language, published, title_terms, tag_terms, body_terms, document) VALUES ($1, $2, $3, $4, $5, $6,
          setweight(to_tsvector($7::regconfig, $8), 'A') || setweight(to_tsvector($7::regconfig, $9), 'B') || setweight(to_tsvector($7::regconfig, $10), 'D')
          || setweight(to_tsvector('simple', $4), 'A') || setweight(to_tsvector('simple', $5), 'B') || setweight(to_tsvector('simple', $6), 'D'))`,
        [row.id, row.language, row.published, row.titleTerms.join(' '), row.tagTerms.join(' '), row.bodyTerms.join(' '), config,
          folded(entry.title), folded(entry.tags.join(' ')), folded(`${entry.problem} ${entry.solution}`)],
      );
    } else {
      // The FTS row shares the entry's rowid, so replacing it is a lookup, not a scan of the index.
      await m.query('DELETE FROM kb_fts WHERE rowid = (SELECT rowid FROM kb_entry WHERE id = ?)', [entry.id]);
      await m.query('INSERT INTO kb_fts (rowid, entry_id, language, published, title, tags, body) VALUES ((SELECT rowid FROM kb_entry WHERE id = ?), ?, ?, ?, ?, ?, ?)',
        [row.id, row.id, row.language, row.published ? 1 : 0, row.titleTerms.join(' '), row.tagTerms.join(' '), row.bodyTerms.join(' ')]);
    }
  }
  // Last, so the row stays locked (Postgres) only from here to the commit, not through a long import.
  if (entries.length) await bumpVersion(m, INDEX_VERSION);
}

type Row = { entry_id: string; language: string; published: boolean | number; title: string; tags: string; body: string; rank: number | string };

const toIndexed = (r: Row) => ({
  id: r.entry_id,
  language: r.language as IndexedEntry['language'],
  published: r.published === true || Number(r.published) === 1,
  titleTerms: r.title ? r.title.split(' ') : [],
  tagTerms: r.tags ? r.tags.split(' ') : [],
  bodyTerms: r.body ? r.body.split(' ') : [],
  rank: Number(r.rank),
});

/** Terms are stems of letters, digits and hyphens; hyphenated ones are searched as their parts. */
const plain = (terms: string[]) => [...new Set(terms.flatMap((t) => t.split('-')).filter((t) => /^[\p{L}\p{N}]+$/u.test(t)))];

export class SqlKbSearchIndex implements KbSearchIndex {
  constructor(
    private readonly dataSource: DataSource,
    /** Index rows read per query by allEntries. */
    private readonly pageSize = 5000,
  ) {}

  async candidates(terms: string[], limit: number, language?: IndexedEntry['language']): Promise<Array<IndexedEntry & { rank: number }>> {
    const parts = plain(terms);
    if (!parts.length) return [];
    // Ranking carries only ids (the sort over many matches stays small); the terms of the few
    // best are read afterwards.
    if (isPostgres(this.dataSource)) {
      const ranked: Array<{ entry_id: string; rank: number | string }> = await this.dataSource.query(
        `SELECT entry_id, ts_rank_cd(document, q) AS rank FROM kb_search, to_tsquery('simple', $1) q WHERE document @@ q AND ($3::text IS NULL OR language = $3) ORDER BY rank DESC, entry_id LIMIT $2`,
        [parts.join(' | '), limit, language ?? null],
      );
      if (!ranked.length) return [];
      const rows: Row[] = await this.dataSource.query(
        'SELECT entry_id, language, published, title_terms AS title, tag_terms AS tags, body_terms AS body, 0 AS rank FROM kb_search WHERE entry_id = ANY($1)',
        [ranked.map((r) => r.entry_id)],
      );
      return withRanks(rows, ranked.map((r) => ({ key: r.entry_id, rank: Number(r.rank) })), (r) => r.entry_id);
    }
    // bm25 is lower for better matches; title and tags weigh more than the body.
    const ranked: Array<{ rowid: number; rank: number }> = await this.dataSource.query(
      `SELECT rowid, -bm25(kb_fts, 0, 0, 0, 5.0, 4.0, 1.0) AS rank FROM kb_fts WHERE kb_fts MATCH ?${language ? ' AND language = ?' : ''} ORDER BY rank DESC LIMIT ?`,
      [parts.map((t) => `"${t}"`).join(' OR '), ...(language ? [language] : []), limit],
    );
    if (!ranked.length) return [];
    const rows: Array<Row & { rowid: number }> = await this.dataSource.query(
      `SELECT rowid, entry_id, language, published, title, tags, body, 0 AS rank FROM kb_fts WHERE rowid IN (${ranked.map(() => '?').join(',')})`,
      ranked.map((r) => r.rowid),
    );
    return withRanks(rows, ranked.map((r) => ({ key: String(r.rowid), rank: Number(r.rank) })), (r) => String(r.rowid));
  }

  /** One primary-key lookup: changes with every committed write of index rows, by any process. */
  version(): Promise<string> {
    return readVersion(this.dataSource, INDEX_VERSION);
  }

  /** In pages, with a pause between them: a large knowledge base loads without stalling the server. */
  async allEntries(): Promise<IndexedEntry[]> {
    const entries: IndexedEntry[] = [];
    const postgres = isPostgres(this.dataSource);
    for (let after: string | number = postgres ? '' : 0; ;) {
      const rows: Array<Row & { page_key: string | number }> = postgres
        ? await this.dataSource.query(
          'SELECT entry_id, language, published, title_terms AS title, tag_terms AS tags, body_terms AS body, 0 AS rank, entry_id AS page_key FROM kb_search WHERE entry_id > $1 ORDER BY entry_id LIMIT $2',
          [after, this.pageSize],
        )
        : await this.dataSource.query('SELECT entry_id, language, published, title, tags, body, 0 AS rank, rowid AS page_key FROM kb_fts WHERE rowid > ? ORDER BY rowid LIMIT ?', [after, this.pageSize]);
      for (const r of rows) entries.push(toIndexed(r));
      if (rows.length < this.pageSize) return entries;
      after = rows[rows.length - 1]!.page_key;
      await yieldToEventLoop();
    }
  }
}

/** Rows in the order and with the rank of the ranking query. */
function withRanks<R extends Row>(rows: R[], ranked: Array<{ key: string; rank: number }>, keyOf: (r: R) => string): Array<IndexedEntry & { rank: number }> {
  const byKey = new Map(rows.map((r) => [keyOf(r), r]));
  return ranked.flatMap(({ key, rank }) => {
    const r = byKey.get(key);
    return r ? [{ ...toIndexed(r), rank }] : [];
  });
}
