import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/** Maintenance notices: the whole notice as JSON, with the columns lists and the clock select on. */
export class Maintenance1763800000010 implements MigrationInterface {
  name = 'Maintenance1763800000010';

  async up(q: QueryRunner): Promise<void> {
    const v = (name: string, length: string) => ({ name, type: 'varchar', length });
    await q.createTable(new Table({
      name: 'maintenance',
      columns: [
        { ...v('id', '20'), isPrimary: true }, { name: 'year', type: 'integer' }, { name: 'number', type: 'integer' },
        v('status', '20'), v('starts_at', '30'), v('ends_at', '30'), v('created_at', '30'), v('updated_at', '30'), { name: 'content', type: 'text' },
      ],
    }));
    await q.createIndex('maintenance', new TableIndex({ name: 'idx_maintenance_year_number', columnNames: ['year', 'number'], isUnique: true }));
    await q.createIndex('maintenance', new TableIndex({ name: 'idx_maintenance_status', columnNames: ['status', 'starts_at'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('maintenance');
  }
}
