import type { DataSource, EntityManager } from 'typeorm';
import type { IndexedEntry, KbSearchIndex } from '../../core/domain/knowledge-base/kb-search-index.ts';
import { indexTerms, words } from '../../core/domain/knowledge-base/text-analysis.ts';
import type { KbEntry } from '../../core/domain/knowledge-base/types.ts';

export function indexedEntry(e: KbEntry): IndexedEntry {
  return {
    id: e.id,
    language: e.language,
    published: e.published,
    titleTerms: indexTerms(e.title, e.language),
    tagTerms: indexTerms(e.tags.join(' '), e.language),
    bodyTerms: indexTerms(`${e.problem} ${e.solution}`, e.language),
  };
}

const isPostgres = (m: EntityManager | DataSource) => ('connection' in m ? m.connection : m).options.type === 'postgres';
const folded = (text: string) => words(text).join(' ');

/** Replaces the index rows of these entries (inside the caller's transaction). */
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
  constructor(private readonly dataSource: DataSource) {}

  async candidates(terms: string[], limit: number): Promise<Array<IndexedEntry & { rank: number }>> {
    const parts = plain(terms);
    if (!parts.length) return [];
    if (isPostgres(this.dataSource)) {
      const rows: Row[] = await this.dataSource.query(
        `SELECT entry_id, language, published, title_terms AS title, tag_terms AS tags, body_terms AS body, ts_rank_cd(document, q) AS rank
         FROM kb_search, to_tsquery('simple', $1) q WHERE document @@ q ORDER BY rank DESC, entry_id LIMIT $2`,
        [parts.join(' | '), limit],
      );
      return rows.map(toIndexed);
    }
    // bm25 is lower for better matches; title and tags weigh more than the body.
    const rows: Row[] = await this.dataSource.query(
      `SELECT entry_id, language, published, title, tags, body, -bm25(kb_fts, 0, 0, 0, 5.0, 4.0, 1.0) AS rank
       FROM kb_fts WHERE kb_fts MATCH ? ORDER BY rank DESC, entry_id LIMIT ?`,
      [parts.map((t) => `"${t}"`).join(' OR '), limit],
    );
    return rows.map(toIndexed);
  }

  async allEntries(): Promise<IndexedEntry[]> {
    const rows: Row[] = isPostgres(this.dataSource)
      ? await this.dataSource.query('SELECT entry_id, language, published, title_terms AS title, tag_terms AS tags, body_terms AS body, 0 AS rank FROM kb_search')
      : await this.dataSource.query('SELECT entry_id, language, published, title, tags, body, 0 AS rank FROM kb_fts');
    return rows.map(toIndexed);
  }
}
