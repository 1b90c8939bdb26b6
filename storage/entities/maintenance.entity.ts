import type { NumberedRow } from '../documents/numbered-documents.ts';
import { numberedEntity } from './numbered-entity.ts';

export interface MaintenanceRow extends NumberedRow {
  starts_at: string;
  ends_at: string;
}

export const MaintenanceEntity = numberedEntity<MaintenanceRow>('Maintenance', 'maintenance', {
  starts_at: { type: 'varchar', length: 30 },
  ends_at: { type: 'varchar', length: 30 },
});
