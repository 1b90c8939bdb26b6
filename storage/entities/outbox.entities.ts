import { EntitySchema } from 'typeorm';

export interface NoticeRow { id: string; kind: string; subject_id: string; version: number; card: string; created_at: string; updated_at: string }
export interface DeliveryRow {
  id: string; notice_id: string; link_id: string; organisation_id: string; platform: string; channel_id: string; team_id: string | null;
  reference: string | null; operation: string; idempotency_key: string; text: string | null; status: string; attempts: number;
  next_attempt_at: string; last_error: string | null; message_id: string | null; sending_started_at: string | null; sent_at: string | null; created_at: string;
  lease_owner: string | null; lease_until: string | null; recovery: string | null;
}

const v = (length: number, nullable = false) => ({ type: 'varchar' as const, length, nullable });
const text = (nullable = false) => ({ type: 'text' as const, nullable });

export const NoticeEntity = new EntitySchema<NoticeRow>({
  name: 'Notice',
  tableName: 'notice',
  columns: { id: { ...v(40), primary: true }, kind: v(40), subject_id: v(200), version: { type: 'integer' }, card: text(), created_at: v(30), updated_at: v(30) },
});

export const DeliveryEntity = new EntitySchema<DeliveryRow>({
  name: 'Delivery',
  tableName: 'delivery',
  columns: {
    id: { ...v(40), primary: true }, notice_id: v(40), link_id: v(40), organisation_id: v(100), platform: v(20), channel_id: v(300), team_id: v(200, true),
    reference: text(true), operation: v(10), idempotency_key: v(200), text: text(true), status: v(20), attempts: { type: 'integer' }, next_attempt_at: v(30),
    last_error: text(true), message_id: v(300, true), sending_started_at: v(30, true), sent_at: v(30, true), created_at: v(30),
    lease_owner: v(200, true), lease_until: v(30, true), recovery: v(20, true),
  },
});
