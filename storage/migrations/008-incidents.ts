import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/** Incidents: the whole incident as JSON, with the columns lists and reports select on. */
export class Incidents1763800000008 implements MigrationInterface {
  name = 'Incidents1763800000008';

  async up(q: QueryRunner): Promise<void> {
    const v = (name: string, length: string, isNullable = false) => ({ name, type: 'varchar', length, isNullable });
    await q.createTable(new Table({
      name: 'incident',
      columns: [
        { ...v('id', '20'), isPrimary: true }, { name: 'year', type: 'integer' }, { name: 'number', type: 'integer' },
        v('status', '20'), v('layer', '20'), v('coordinator_id', '100'), v('created_at', '30'), v('updated_at', '30'),
        { name: 'content', type: 'text' },
      ],
    }));
    // One number per year, never twice: two filings at once cannot both get INC-2026-0042.
    await q.createIndex('incident', new TableIndex({ name: 'idx_incident_year_number', columnNames: ['year', 'number'], isUnique: true }));
    await q.createIndex('incident', new TableIndex({ name: 'idx_incident_status', columnNames: ['status', 'created_at'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('incident');
  }
}
