import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

/** Report charts served behind an unguessable token (PNG as base64 text: the same on SQLite and Postgres). */
export class ReportImages1763800000014 implements MigrationInterface {
  name = 'ReportImages1763800000014';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(new Table({
      name: 'report_image',
      columns: [
        { name: 'token', type: 'varchar', length: '64', isPrimary: true },
        { name: 'png', type: 'text' },
        { name: 'created_at', type: 'varchar', length: '30' },
      ],
    }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('report_image');
  }
}
