import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

/** Contacts can opt in to incident alerts by e-mail (off for everyone already stored). */
export class ContactEmailAlerts1763800000009 implements MigrationInterface {
  name = 'ContactEmailAlerts1763800000009';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('contact', new TableColumn({ name: 'email_alerts', type: 'boolean', isNullable: false, default: false }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('contact', 'email_alerts');
  }
}
