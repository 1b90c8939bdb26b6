import { EntitySchema, type EntitySchemaColumnOptions } from 'typeorm';
import type { NumberedRow } from '../documents/numbered-documents.ts';

/** The entity of a table of numbered documents (storage/documents/numbered-documents.ts), with its extra columns. */
export function numberedEntity<R extends NumberedRow>(name: string, tableName: string, extra: Record<string, EntitySchemaColumnOptions> = {}): EntitySchema<R> {
  const v = (length: number): EntitySchemaColumnOptions => ({ type: 'varchar', length });
  return new EntitySchema<R>({
    name,
    tableName,
    columns: {
      id: { ...v(20), primary: true },
      year: { type: 'integer' },
      number: { type: 'integer' },
      status: v(20),
      ...extra,
      created_at: v(30),
      updated_at: v(30),
      content: { type: 'text' },
    } as never,
  });
}
