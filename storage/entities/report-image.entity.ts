import { EntitySchema } from 'typeorm';

export interface ReportImageRow {
  token: string;
  png: string;
  created_at: string;
}

export const ReportImageEntity = new EntitySchema<ReportImageRow>({
  name: 'ReportImage',
  tableName: 'report_image',
  columns: {
    token: { type: 'varchar', length: 64, primary: true },
    png: { type: 'text' },
    created_at: { type: 'varchar', length: 30 },
  },
});
