import { EntitySchema } from 'typeorm';

export interface KbEventRow { id?: number; at: string; kind: string; entry_id: string | null; query: string | null; language: string }

export const KbEventEntity = new EntitySchema<KbEventRow>({
  name: 'KbEvent',
  tableName: 'kb_event',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    at: { type: 'varchar', length: 30 },
    kind: { type: 'varchar', length: 20 },
    entry_id: { type: 'varchar', length: 100, nullable: true },
    query: { type: 'varchar', length: 300, nullable: true },
    language: { type: 'varchar', length: 2 },
  },
});
