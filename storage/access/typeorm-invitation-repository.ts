import type { DataSource } from 'typeorm';
import type { AuditEntry } from '../../core/domain/audit/audit-entry.ts';
import type { Invitation, InvitationRepository } from '../../core/domain/access/invitation.ts';
import { appendAudit } from '../audit/typeorm-audit-log.ts';
import { InvitationEntity, type InvitationRow } from '../entities/access.entities.ts';

const toInvitation = (r: InvitationRow): Invitation => ({
  code: r.code,
  role: r.role as Invitation['role'],
  organisationIds: JSON.parse(r.organisation_ids) as string[],
  invitee: r.invitee,
  invitedBy: r.invited_by,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  status: r.status as Invitation['status'],
  ...(r.accepted_by ? { acceptedBy: r.accepted_by } : {}),
  ...(r.accepted_at ? { acceptedAt: r.accepted_at } : {}),
});

export class TypeOrmInvitationRepository implements InvitationRepository {
  constructor(private readonly dataSource: DataSource) {}

  async get(code: string): Promise<Invitation | undefined> {
    const row = await this.dataSource.getRepository<InvitationRow>(InvitationEntity).findOneBy({ code });
    return row ? toInvitation(row) : undefined;
  }

  async list(organisationIds?: string[]): Promise<Invitation[]> {
    const rows = await this.dataSource.getRepository<InvitationRow>(InvitationEntity).find({ order: { created_at: 'DESC' } });
    const all = rows.map(toInvitation);
    return organisationIds ? all.filter((i) => i.organisationIds.some((o) => organisationIds.includes(o))) : all;
  }

  async save(invitation: Invitation, audit: AuditEntry[]): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      await m.getRepository<InvitationRow>(InvitationEntity).save({
        code: invitation.code,
        role: invitation.role,
        organisation_ids: JSON.stringify(invitation.organisationIds),
        invitee: invitation.invitee,
        invited_by: invitation.invitedBy,
        created_at: invitation.createdAt,
        expires_at: invitation.expiresAt,
        status: invitation.status,
        accepted_by: invitation.acceptedBy ?? null,
        accepted_at: invitation.acceptedAt ?? null,
      });
      await appendAudit(m, audit);
    });
  }
}
