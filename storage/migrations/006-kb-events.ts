import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

/** Knowledge-base views, feedback and unanswered questions (for kb stats). */
export class KbEvents1763800000006 implements MigrationInterface {
  name = 'KbEvents1763800000006';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(new Table({
      name: 'kb_event',
      columns: [
        { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
        { name: 'at', type: 'varchar', length: '30' },
        { name: 'kind', type: 'varchar', length: '20' },
        { name: 'entry_id', type: 'varchar', length: '100', isNullable: true },
        { name: 'query', type: 'varchar', length: '300', isNullable: true },
        { name: 'language', type: 'varchar', length: '2' },
      ],
      indices: [{ name: 'idx_kb_event_at', columnNames: ['at'] }],
    }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('kb_event');
  }
}
