import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

/** Knowledge-base entries (search indexes come with the search feature). */
export class KnowledgeBase1763800000003 implements MigrationInterface {
  name = 'KnowledgeBase1763800000003';

  async up(q: QueryRunner): Promise<void> {
    const v = (name: string, length: string, isNullable = false) => ({ name, type: 'varchar', length, isNullable });
    await q.createTable(new Table({
      name: 'kb_entry',
      columns: [
        { ...v('id', '100'), isPrimary: true }, v('language', '2'), v('title', '200'), { name: 'problem', type: 'text' }, { name: 'solution', type: 'text' },
        { name: 'tags', type: 'text' }, { name: 'application_ids', type: 'text' }, v('audience', '20'), { name: 'published', type: 'boolean' },
        v('created_by', '250'), v('created_at', '30'), v('updated_by', '250'), v('updated_at', '30'),
      ],
    }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('kb_entry');
  }
}
