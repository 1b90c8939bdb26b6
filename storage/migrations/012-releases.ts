import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/** Releases: the version history of the applications, the whole release as JSON. */
export class Releases1763800000012 implements MigrationInterface {
  name = 'Releases1763800000012';

  async up(q: QueryRunner): Promise<void> {
    const v = (name: string, length: string) => ({ name, type: 'varchar', length });
    await q.createTable(new Table({
      name: 'release',
      columns: [
        { ...v('id', '20'), isPrimary: true }, { name: 'year', type: 'integer' }, { name: 'number', type: 'integer' },
        v('status', '20'), v('application_id', '100'), v('created_at', '30'), v('updated_at', '30'), { name: 'content', type: 'text' },
      ],
    }));
    await q.createIndex('release', new TableIndex({ name: 'idx_release_year_number', columnNames: ['year', 'number'], isUnique: true }));
    await q.createIndex('release', new TableIndex({ name: 'idx_release_application', columnNames: ['application_id'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('release');
  }
}
