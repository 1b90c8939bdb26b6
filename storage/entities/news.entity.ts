import type { NumberedRow } from '../documents/numbered-documents.ts';
import { numberedEntity } from './numbered-entity.ts';

export const NewsEntity = numberedEntity<NumberedRow>('News', 'news');
