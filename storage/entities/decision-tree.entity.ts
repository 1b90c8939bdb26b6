import { EntitySchema } from 'typeorm';

export interface DecisionTreeRow {
  version: string;
  content: string;
  published_by: string;
  published_at: string;
  active: boolean;
  /** null: the national tree; else the region whose RSO published this variant. */
  region: string | null;
}

export const DecisionTreeEntity = new EntitySchema<DecisionTreeRow>({
  name: 'DecisionTree',
  tableName: 'decision_tree',
  columns: {
    version: { type: 'varchar', length: 100, primary: true },
    content: { type: 'text' },
    published_by: { type: 'varchar', length: 250 },
    published_at: { type: 'varchar', length: 30 },
    active: { type: 'boolean' },
    region: { type: 'varchar', length: 100, nullable: true },
  },
});
