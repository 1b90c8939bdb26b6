import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Learning from use with a record: who proposed which phrasing for which entry (a phrasing is used
 * only once two people did, or a writer confirmed it), and which alternative questions were learned
 * rather than typed by an editor (only those make room for newer learned ones). Existing questions
 * count as typed by an editor.
 */
export class KbLearning1763800000017 implements MigrationInterface {
  name = 'KbLearning1763800000017';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(new Table({
      name: 'kb_question_vote',
      columns: [
        { name: 'entry_id', type: 'varchar', length: '100', isPrimary: true },
        { name: 'phrasing', type: 'varchar', length: '64', isPrimary: true },
        { name: 'actor', type: 'varchar', length: '250', isPrimary: true },
        { name: 'question', type: 'text' },
        { name: 'at', type: 'varchar', length: '30' },
        { name: 'state', type: 'varchar', length: '10' },
      ],
      indices: [
        { name: 'idx_kb_question_vote_actor', columnNames: ['actor', 'at'] },
        { name: 'idx_kb_question_vote_state', columnNames: ['state', 'entry_id', 'phrasing'] },
      ],
    }));
    await q.createTable(new Table({
      name: 'kb_learned_question',
      columns: [
        { name: 'entry_id', type: 'varchar', length: '100', isPrimary: true },
        { name: 'question_key', type: 'varchar', length: '64', isPrimary: true },
        { name: 'question', type: 'text' },
        { name: 'source', type: 'varchar', length: '20' },
        { name: 'at', type: 'varchar', length: '30' },
      ],
    }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('kb_learned_question');
    await q.dropTable('kb_question_vote');
  }
}
