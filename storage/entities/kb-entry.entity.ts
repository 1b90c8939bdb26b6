import { EntitySchema } from 'typeorm';

export interface KbEntryRow {
  id: string; language: string; title: string; problem: string; solution: string; tags: string; application_ids: string;
  audience: string; published: boolean;
  /** The alternative questions, as a JSON list of text. */
  questions: string; created_by: string; created_at: string; updated_by: string; updated_at: string;
}

const v = (length: number) => ({ type: 'varchar' as const, length });

export const KbEntryEntity = new EntitySchema<KbEntryRow>({
  name: 'KbEntry',
  tableName: 'kb_entry',
  columns: {
    id: { ...v(100), primary: true }, language: v(2), title: v(200), problem: { type: 'text' }, solution: { type: 'text' }, tags: { type: 'text' },
    application_ids: { type: 'text' }, audience: v(20), published: { type: 'boolean' }, questions: { type: 'text', default: '[]' }, created_by: v(250), created_at: v(30), updated_by: v(250), updated_at: v(30),
  },
});
