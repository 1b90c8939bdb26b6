import { EntitySchema } from 'typeorm';

export interface IncidentRow {
  id: string;
  year: number;
  number: number;
  status: string;
  layer: string;
  coordinator_id: string;
  created_at: string;
  updated_at: string;
  content: string;
}

export const IncidentEntity = new EntitySchema<IncidentRow>({
  name: 'Incident',
  tableName: 'incident',
  columns: {
    id: { type: 'varchar', length: 20, primary: true },
    year: { type: 'integer' },
    number: { type: 'integer' },
    status: { type: 'varchar', length: 20 },
    layer: { type: 'varchar', length: 20 },
    coordinator_id: { type: 'varchar', length: 100 },
    created_at: { type: 'varchar', length: 30 },
    updated_at: { type: 'varchar', length: 30 },
    content: { type: 'text' },
  },
});
