import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/** The outbox: notices and one delivery row per channel and operation. */
export class Outbox1763800000007 implements MigrationInterface {
  name = 'Outbox1763800000007';

  async up(q: QueryRunner): Promise<void> {
    const v = (name: string, length: string, isNullable = false) => ({ name, type: 'varchar', length, isNullable });
    await q.createTable(new Table({
      name: 'notice',
      columns: [{ ...v('id', '40'), isPrimary: true }, v('kind', '40'), v('subject_id', '200'), { name: 'version', type: 'integer' }, { name: 'card', type: 'text' }, v('created_at', '30'), v('updated_at', '30')],
    }));
    await q.createTable(new Table({
      name: 'delivery',
      columns: [
        { ...v('id', '40'), isPrimary: true }, v('notice_id', '40'), v('link_id', '40'), v('organisation_id', '100'), v('platform', '20'), v('channel_id', '300'),
        v('team_id', '200', true), { name: 'reference', type: 'text', isNullable: true }, v('operation', '10'), v('idempotency_key', '200'),
        { name: 'text', type: 'text', isNullable: true }, v('status', '20'), { name: 'attempts', type: 'integer' }, v('next_attempt_at', '30'),
        { name: 'last_error', type: 'text', isNullable: true }, v('message_id', '300', true), v('sending_started_at', '30', true), v('sent_at', '30', true), v('created_at', '30'),
      ],
    }));
    await q.createIndex('delivery', new TableIndex({ name: 'idx_delivery_key', columnNames: ['idempotency_key'], isUnique: true }));
    await q.createIndex('delivery', new TableIndex({ name: 'idx_delivery_due', columnNames: ['status', 'next_attempt_at'] }));
    await q.createIndex('delivery', new TableIndex({ name: 'idx_delivery_notice', columnNames: ['notice_id', 'link_id'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('delivery');
    await q.dropTable('notice');
  }
}
