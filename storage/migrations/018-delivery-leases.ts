import { TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Leases on deliveries being sent: which instance sends a row ("lease_owner") and until when its
 * claim holds unless renewed ("lease_until"), so a live instance never has its rows taken and a dead
 * one's are taken over at once. "recovery" records what the crash policy did with a row left in
 * flight: confirmed by the platform, sent again (marked as possibly repeated), or found not sent.
 */
export class DeliveryLeases1763800000018 implements MigrationInterface {
  name = 'DeliveryLeases1763800000018';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('delivery', [
      new TableColumn({ name: 'lease_owner', type: 'varchar', length: '200', isNullable: true }),
      new TableColumn({ name: 'lease_until', type: 'varchar', length: '30', isNullable: true }),
      new TableColumn({ name: 'recovery', type: 'varchar', length: '20', isNullable: true }),
    ]);
    await q.createIndex('delivery', new TableIndex({ name: 'idx_delivery_lease', columnNames: ['status', 'lease_until'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('delivery', 'idx_delivery_lease');
    for (const column of ['recovery', 'lease_until', 'lease_owner']) await q.dropColumn('delivery', column);
  }
}
