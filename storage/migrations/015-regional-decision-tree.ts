import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Regional variants of the decision tree (published by an RSO for its region): a version belongs to
 * the national tree (region null, every tree stored so far) or to one region; one is active per region.
 */
export class RegionalDecisionTree1763800000015 implements MigrationInterface {
  name = 'RegionalDecisionTree1763800000015';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('decision_tree', new TableColumn({ name: 'region', type: 'varchar', length: '100', isNullable: true }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('decision_tree', 'region');
  }
}
