import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

/** Published decision-tree versions (one active). */
export class DecisionTree1763800000004 implements MigrationInterface {
  name = 'DecisionTree1763800000004';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(new Table({
      name: 'decision_tree',
      columns: [
        { name: 'version', type: 'varchar', length: '100', isPrimary: true },
        { name: 'content', type: 'text' },
        { name: 'published_by', type: 'varchar', length: '250' },
        { name: 'published_at', type: 'varchar', length: '30' },
        { name: 'active', type: 'boolean' },
      ],
    }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('decision_tree');
  }
}
