import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

/** Conversation state (with eTags) and the Slack event receipts that stop double processing. */
export class InitialSchema1763800000001 implements MigrationInterface {
  name = 'InitialSchema1763800000001';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'kv_state',
        columns: [
          { name: 'key', type: 'varchar', length: '400', isPrimary: true },
          { name: 'value', type: 'text' },
          { name: 'etag', type: 'varchar', length: '64' },
          { name: 'updated_at', type: 'varchar', length: '30' },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'slack_event_receipt',
        columns: [
          { name: 'event_id', type: 'varchar', length: '200', isPrimary: true },
          { name: 'received_at', type: 'varchar', length: '30' },
        ],
        indices: [{ name: 'idx_slack_event_receipt_received_at', columnNames: ['received_at'] }],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('slack_event_receipt');
    await q.dropTable('kv_state');
  }
}
