import { In, type DataSource } from 'typeorm';
import type { AuditEntry } from '../../core/domain/audit/audit-entry.ts';
import type { ChannelLink, ChannelLinkRepository } from '../../core/domain/access/channel-link.ts';
import type { Platform } from '../../core/conversation/inbound.ts';
import { appendAudit } from '../audit/typeorm-audit-log.ts';
import { ChannelLinkEntity, type ChannelLinkRow } from '../entities/access.entities.ts';

const toLink = (r: ChannelLinkRow): ChannelLink => ({
  id: r.id,
  organisationId: r.organisation_id,
  platform: r.platform as Platform,
  channelId: r.channel_id,
  ...(r.team_id ? { teamId: r.team_id } : {}),
  ...(r.name ? { name: r.name } : {}),
  ...(r.reference ? { reference: JSON.parse(r.reference) } : {}),
  active: Boolean(r.active),
  createdBy: r.created_by,
  createdAt: r.created_at,
  ...(r.deactivated_at ? { deactivatedAt: r.deactivated_at } : {}),
  ...(r.deactivated_reason ? { deactivatedReason: r.deactivated_reason } : {}),
});

const toRow = (l: ChannelLink): ChannelLinkRow => ({
  id: l.id,
  organisation_id: l.organisationId,
  platform: l.platform,
  channel_id: l.channelId,
  team_id: l.teamId ?? null,
  name: l.name ?? null,
  reference: l.reference === undefined ? null : JSON.stringify(l.reference),
  active: l.active,
  created_by: l.createdBy,
  created_at: l.createdAt,
  deactivated_at: l.deactivatedAt ?? null,
  deactivated_reason: l.deactivatedReason ?? null,
});

export class TypeOrmChannelLinkRepository implements ChannelLinkRepository {
  constructor(private readonly dataSource: DataSource) {}

  private get repo() {
    return this.dataSource.getRepository<ChannelLinkRow>(ChannelLinkEntity);
  }

  async forChannel(platform: Platform, channelId: string): Promise<ChannelLink[]> {
    return (await this.repo.find({ where: { platform, channel_id: channelId }, order: { organisation_id: 'ASC' } })).map(toLink);
  }

  async forOrganisation(organisationId: string): Promise<ChannelLink[]> {
    return (await this.repo.find({ where: { organisation_id: organisationId }, order: { created_at: 'ASC' } })).map(toLink);
  }

  async forOrganisations(organisationIds: string[]): Promise<ChannelLink[]> {
    const ids = [...new Set(organisationIds)];
    const rows: ChannelLinkRow[] = [];
    // A few hundred at a time: the database limits the parameters of one statement.
    for (let i = 0; i < ids.length; i += 500) {
      rows.push(...(await this.repo.find({ where: { organisation_id: In(ids.slice(i, i + 500)) }, order: { created_at: 'ASC' } })));
    }
    const byOrganisation = new Map<string, ChannelLink[]>(ids.map((id) => [id, []]));
    for (const row of rows) byOrganisation.get(row.organisation_id)?.push(toLink(row));
    return [...byOrganisation.values()].flat();
  }

  async forTeam(platform: Platform, teamId: string): Promise<ChannelLink[]> {
    return (await this.repo.find({ where: { platform, team_id: teamId, active: true } })).map(toLink);
  }

  async save(links: ChannelLink[], audit: AuditEntry[]): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      for (const link of links) await m.getRepository<ChannelLinkRow>(ChannelLinkEntity).save(toRow(link));
      await appendAudit(m, audit);
    });
  }
}
