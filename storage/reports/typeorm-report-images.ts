import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { ReportImageEntity, type ReportImageRow } from '../entities/report-image.entity.ts';

/** Stored report charts, each under a random token of 192 bits (the URL is the only key). */
export class TypeOrmReportImages {
  constructor(private readonly dataSource: DataSource) {}

  private get repo() {
    return this.dataSource.getRepository<ReportImageRow>(ReportImageEntity);
  }

  async store(png: Buffer, at: string): Promise<string> {
    const token = randomBytes(24).toString('base64url');
    await this.repo.insert({ token, png: png.toString('base64'), created_at: at });
    return token;
  }

  async get(token: string): Promise<Buffer | undefined> {
    if (!/^[A-Za-z0-9_-]{32}$/.test(token)) return undefined;
    const row = await this.repo.findOneBy({ token });
    return row ? Buffer.from(row.png, 'base64') : undefined;
  }
}
