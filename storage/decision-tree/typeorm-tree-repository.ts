import { IsNull, type DataSource } from 'typeorm';
import type { AuditEntry } from '../../core/domain/audit/audit-entry.ts';
import type { TreeRepository, TreeVersionInfo } from '../../core/domain/decision-tree/tree-repository.ts';
import type { DecisionTree } from '../../core/domain/decision-tree/types.ts';
import { appendAudit } from '../audit/typeorm-audit-log.ts';
import { DecisionTreeEntity, type DecisionTreeRow } from '../entities/decision-tree.entity.ts';

/** The rows of one tree: the national one (region null) or a region's variant. */
const inRegion = (region: string | undefined) => ({ region: region ?? IsNull() });

export class TypeOrmTreeRepository implements TreeRepository {
  constructor(private readonly dataSource: DataSource) {}

  private get repo() {
    return this.dataSource.getRepository<DecisionTreeRow>(DecisionTreeEntity);
  }

  /** Read every time: the CLI may publish while the bot runs, and it must be in use at once. */
  async active(region?: string): Promise<DecisionTree | undefined> {
    const row = await this.repo.findOneBy({ active: true, ...inRegion(region) });
    return row ? (JSON.parse(row.content) as DecisionTree) : undefined;
  }

  async get(version: string): Promise<DecisionTree | undefined> {
    const row = await this.repo.findOneBy({ version });
    return row ? (JSON.parse(row.content) as DecisionTree) : undefined;
  }

  async list(region?: string): Promise<TreeVersionInfo[]> {
    const rows = await this.repo.find({ select: { version: true, published_by: true, published_at: true, active: true, region: true }, where: inRegion(region), order: { published_at: 'DESC' } });
    return rows.map((r) => ({ version: r.version, ...(r.region ? { region: r.region } : {}), publishedBy: r.published_by, publishedAt: r.published_at, active: Boolean(r.active) }));
  }

  async publish(tree: DecisionTree, publishedBy: string, at: string, audit: AuditEntry, region?: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const repo = m.getRepository<DecisionTreeRow>(DecisionTreeEntity);
      await repo.update({ active: true, ...inRegion(region) }, { active: false });
      await repo.insert({ version: tree.version, content: JSON.stringify(tree), published_by: publishedBy, published_at: at, active: true, region: region ?? null });
      await appendAudit(m, [audit]);
    });
  }

  async activate(version: string | undefined, audit: AuditEntry, region?: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const repo = m.getRepository<DecisionTreeRow>(DecisionTreeEntity);
      await repo.update({ active: true, ...inRegion(region) }, { active: false });
      if (version) await repo.update({ version, ...inRegion(region) }, { active: true });
      await appendAudit(m, [audit]);
    });
  }
}
