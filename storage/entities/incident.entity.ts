import type { NumberedRow } from '../documents/numbered-documents.ts';
import { numberedEntity } from './numbered-entity.ts';

export interface IncidentRow extends NumberedRow {
  layer: string;
  coordinator_id: string;
}

export const IncidentEntity = numberedEntity<IncidentRow>('Incident', 'incident', {
  layer: { type: 'varchar', length: 20 },
  coordinator_id: { type: 'varchar', length: 100 },
});
