import { EntitySchema } from 'typeorm';

export interface PersonRow { id: string; platform: string; user_id: string; display_name: string | null; contact_id: string | null; organisation_ids: string; roles: string; created_at: string; updated_at: string }
export interface InvitationRow { code: string; role: string; organisation_ids: string; invitee: string; invited_by: string; created_at: string; expires_at: string; status: string; accepted_by: string | null; accepted_at: string | null }
export interface ChannelLinkRow { id: string; organisation_id: string; platform: string; channel_id: string; team_id: string | null; name: string | null; reference: string | null; active: boolean; created_by: string; created_at: string; deactivated_at: string | null; deactivated_reason: string | null }
export interface ConversationReferenceRow { platform: string; conversation_id: string; kind: string; user_id: string | null; reference: string; updated_at: string }
export interface AuditRow { id?: number; at: string; actor: string; action: string; subject_type: string; subject_id: string; before: string | null; after: string | null }

const v = (length: number, nullable = false) => ({ type: 'varchar' as const, length, nullable });
const text = (nullable = false) => ({ type: 'text' as const, nullable });

export const PersonEntity = new EntitySchema<PersonRow>({
  name: 'Person',
  tableName: 'person',
  columns: {
    id: { ...v(250), primary: true }, platform: v(20), user_id: v(200), display_name: v(300, true), contact_id: v(100, true),
    organisation_ids: text(), roles: text(), created_at: v(30), updated_at: v(30),
  },
});

export const InvitationEntity = new EntitySchema<InvitationRow>({
  name: 'Invitation',
  tableName: 'invitation',
  columns: {
    code: { ...v(40), primary: true }, role: v(40), organisation_ids: text(), invitee: v(300), invited_by: v(250), created_at: v(30),
    expires_at: v(30), status: v(20), accepted_by: v(250, true), accepted_at: v(30, true),
  },
});

export const ChannelLinkEntity = new EntitySchema<ChannelLinkRow>({
  name: 'ChannelLink',
  tableName: 'channel_link',
  columns: {
    id: { ...v(40), primary: true }, organisation_id: v(100), platform: v(20), channel_id: v(300), team_id: v(200, true), name: v(300, true),
    reference: text(true), active: { type: 'boolean' }, created_by: v(250), created_at: v(30), deactivated_at: v(30, true), deactivated_reason: v(300, true),
  },
});

export const ConversationReferenceEntity = new EntitySchema<ConversationReferenceRow>({
  name: 'ConversationReference',
  tableName: 'conversation_reference',
  columns: { platform: { ...v(20), primary: true }, conversation_id: { ...v(300), primary: true }, kind: v(20), user_id: v(250, true), reference: text(), updated_at: v(30) },
});

export const AuditEntity = new EntitySchema<AuditRow>({
  name: 'Audit',
  tableName: 'audit_log',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' }, at: v(30), actor: v(250), action: v(80), subject_type: v(40), subject_id: v(300),
    before: text(true), after: text(true),
  },
});
