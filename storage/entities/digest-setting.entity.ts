import { EntitySchema } from 'typeorm';

export interface DigestSettingRow {
  link_id: string;
  frequency: string;
  updated_by: string;
  updated_at: string;
}

export const DigestSettingEntity = new EntitySchema<DigestSettingRow>({
  name: 'DigestSetting',
  tableName: 'digest_setting',
  columns: {
    link_id: { type: 'varchar', length: 40, primary: true },
    frequency: { type: 'varchar', length: 10 },
    updated_by: { type: 'varchar', length: 250 },
    updated_at: { type: 'varchar', length: 30 },
  },
});
