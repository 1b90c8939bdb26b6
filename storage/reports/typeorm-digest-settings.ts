import type { DataSource } from 'typeorm';
import { DEFAULT_DIGEST_FREQUENCY, DIGEST_FREQUENCIES, type DigestFrequency, type DigestSettings } from '../../core/domain/reports/digest-settings.ts';
import { appendAudit } from '../audit/typeorm-audit-log.ts';
import { DigestSettingEntity, type DigestSettingRow } from '../entities/digest-setting.entity.ts';

export class TypeOrmDigestSettings implements DigestSettings {
  constructor(private readonly dataSource: DataSource) {}

  async frequency(linkId: string): Promise<DigestFrequency> {
    const row = await this.dataSource.getRepository<DigestSettingRow>(DigestSettingEntity).findOneBy({ link_id: linkId });
    return row && (DIGEST_FREQUENCIES as readonly string[]).includes(row.frequency) ? (row.frequency as DigestFrequency) : DEFAULT_DIGEST_FREQUENCY;
  }

  async setFrequency(linkId: string, frequency: DigestFrequency, actor: string, at: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      await m.getRepository<DigestSettingRow>(DigestSettingEntity).save({ link_id: linkId, frequency, updated_by: actor, updated_at: at });
      await appendAudit(m, [{ at, actor, action: 'channel.digest', subjectType: 'channel-link', subjectId: linkId, after: { frequency } }]);
    });
  }
}
