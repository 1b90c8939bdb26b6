import { EntitySchema } from 'typeorm';
import type { NumberedRow } from '../documents/numbered-documents.ts';

export interface ReleaseRow extends NumberedRow {
  application_id: string;
}

export const ReleaseEntity = new EntitySchema<ReleaseRow>({
  name: 'Release',
  tableName: 'release',
  columns: {
    id: { type: 'varchar', length: 20, primary: true },
    year: { type: 'integer' },
    number: { type: 'integer' },
    status: { type: 'varchar', length: 20 },
    application_id: { type: 'varchar', length: 100 },
    created_at: { type: 'varchar', length: 30 },
    updated_at: { type: 'varchar', length: 30 },
    content: { type: 'text' },
  },
});
