import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The knowledge-base search index. SQLite: an FTS5 table of analysed terms. Postgres: a tsvector
 * built with the dutch or english configuration (by the entry's language), with a GIN index.
 * Both keep the analysed terms per field, so results are ranked the same way on both.
 */
export class KbSearch1763800000005 implements MigrationInterface {
  name = 'KbSearch1763800000005';

  async up(q: QueryRunner): Promise<void> {
    if (q.connection.options.type === 'postgres') {
      await q.query(`CREATE TABLE kb_search (
        entry_id varchar(100) PRIMARY KEY, language varchar(2) NOT NULL, published boolean NOT NULL,
        title_terms text NOT NULL, tag_terms text NOT NULL, body_terms text NOT NULL, document tsvector NOT NULL)`);
      await q.query('CREATE INDEX idx_kb_search_document ON kb_search USING GIN (document)');
    } else {
      await q.query(`CREATE VIRTUAL TABLE kb_fts USING fts5(
        entry_id UNINDEXED, language UNINDEXED, published UNINDEXED, title, tags, body, tokenize = 'unicode61 remove_diacritics 2')`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(q.connection.options.type === 'postgres' ? 'DROP TABLE kb_search' : 'DROP TABLE kb_fts');
  }
}
