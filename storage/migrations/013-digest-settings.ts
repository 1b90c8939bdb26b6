import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

/** Per alert channel: how often it gets its organisation's report (off, daily, weekly). */
export class DigestSettings1763800000013 implements MigrationInterface {
  name = 'DigestSettings1763800000013';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(new Table({
      name: 'digest_setting',
      columns: [
        { name: 'link_id', type: 'varchar', length: '40', isPrimary: true },
        { name: 'frequency', type: 'varchar', length: '10' },
        { name: 'updated_by', type: 'varchar', length: '250' },
        { name: 'updated_at', type: 'varchar', length: '30' },
      ],
    }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('digest_setting');
  }
}
