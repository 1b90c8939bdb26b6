import { EntitySchema } from 'typeorm';
import type { NumberedRow } from '../documents/numbered-documents.ts';

export interface MaintenanceRow extends NumberedRow {
  starts_at: string;
  ends_at: string;
}

export const MaintenanceEntity = new EntitySchema<MaintenanceRow>({
  name: 'Maintenance',
  tableName: 'maintenance',
  columns: {
    id: { type: 'varchar', length: 20, primary: true },
    year: { type: 'integer' },
    number: { type: 'integer' },
    status: { type: 'varchar', length: 20 },
    starts_at: { type: 'varchar', length: 30 },
    ends_at: { type: 'varchar', length: 30 },
    created_at: { type: 'varchar', length: 30 },
    updated_at: { type: 'varchar', length: 30 },
    content: { type: 'text' },
  },
});
