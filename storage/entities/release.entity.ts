import type { NumberedRow } from '../documents/numbered-documents.ts';
import { numberedEntity } from './numbered-entity.ts';

export interface ReleaseRow extends NumberedRow {
  application_id: string;
}

export const ReleaseEntity = numberedEntity<ReleaseRow>('Release', 'release', { application_id: { type: 'varchar', length: 100 } });
