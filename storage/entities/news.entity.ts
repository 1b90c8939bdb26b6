import { EntitySchema } from 'typeorm';
import type { NumberedRow } from '../documents/numbered-documents.ts';

export const NewsEntity = new EntitySchema<NumberedRow>({
  name: 'News',
  tableName: 'news',
  columns: {
    id: { type: 'varchar', length: 20, primary: true },
    year: { type: 'integer' },
    number: { type: 'integer' },
    status: { type: 'varchar', length: 20 },
    created_at: { type: 'varchar', length: 30 },
    updated_at: { type: 'varchar', length: 30 },
    content: { type: 'text' },
  },
});
