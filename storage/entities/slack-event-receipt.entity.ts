import { EntitySchema } from 'typeorm';

export interface SlackEventReceiptRow {
  event_id: string;
  received_at: string;
}

export const SlackEventReceiptEntity = new EntitySchema<SlackEventReceiptRow>({
  name: 'SlackEventReceipt',
  tableName: 'slack_event_receipt',
  columns: {
    event_id: { type: 'varchar', length: 200, primary: true },
    received_at: { type: 'varchar', length: 30 },
  },
});
