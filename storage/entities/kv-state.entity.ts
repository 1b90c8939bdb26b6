import { EntitySchema } from 'typeorm';

export interface KvStateRow {
  key: string;
  value: string;
  etag: string;
  updated_at: string;
}

export const KvStateEntity = new EntitySchema<KvStateRow>({
  name: 'KvState',
  tableName: 'kv_state',
  columns: {
    key: { type: 'varchar', length: 400, primary: true },
    value: { type: 'text' },
    etag: { type: 'varchar', length: 64 },
    updated_at: { type: 'varchar', length: 30 },
  },
});
