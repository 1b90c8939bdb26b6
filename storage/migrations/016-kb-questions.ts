import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Alternative questions per knowledge-base entry (learned from use, or typed by an editor), as a
 * JSON list; every existing entry starts with none. Plain ALTER TABLE on both databases: typeorm's
 * addColumn rebuilds a SQLite table, which could renumber the rowids the kb_fts rows share.
 */
export class KbQuestions1763800000016 implements MigrationInterface {
  name = 'KbQuestions1763800000016';

  async up(q: QueryRunner): Promise<void> {
    await q.query("ALTER TABLE kb_entry ADD COLUMN questions text NOT NULL DEFAULT '[]'");
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE kb_entry DROP COLUMN questions');
  }
}
