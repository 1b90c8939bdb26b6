import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

const ts = (name: string, nullable = false) => ({ name, type: 'varchar', length: '30', isNullable: nullable });
const json = (name: string, nullable = false) => ({ name, type: 'text', isNullable: nullable });
const str = (name: string, length = '200', nullable = false) => ({ name, type: 'varchar', length, isNullable: nullable });

/** The directory, people and roles, invitations, channel links, conversation references and the audit log. */
export class DirectoryAccessAudit1763800000002 implements MigrationInterface {
  name = 'DirectoryAccessAudit1763800000002';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(new Table({
      name: 'organisation',
      columns: [{ ...str('id', '100'), isPrimary: true }, str('name', '300'), str('kind', '40'), str('region', '100', true), json('gtk_ids'), json('desk'), ts('updated_at')],
    }));
    await q.createTable(new Table({
      name: 'application',
      columns: [{ ...str('id', '100'), isPrimary: true }, str('name', '300'), str('kind', '40'), str('administrator_id', '100'), json('used_by'), ts('updated_at')],
    }));
    await q.createTable(new Table({
      name: 'contact',
      columns: [{ ...str('id', '100'), isPrimary: true }, str('organisation_id', '100'), str('name', '300'), str('role', '200'), str('phone', '60', true), str('email', '300', true), ts('updated_at')],
      indices: [{ name: 'idx_contact_organisation', columnNames: ['organisation_id'] }],
    }));
    await q.createTable(new Table({
      name: 'person',
      columns: [{ ...str('id', '250'), isPrimary: true }, str('platform', '20'), str('user_id', '200'), str('display_name', '300', true), str('contact_id', '100', true), json('organisation_ids'), json('roles'), ts('created_at'), ts('updated_at')],
    }));
    await q.createTable(new Table({
      name: 'invitation',
      columns: [{ ...str('code', '40'), isPrimary: true }, str('role', '40'), json('organisation_ids'), str('invitee', '300'), str('invited_by', '250'), ts('created_at'), ts('expires_at'), str('status', '20'), str('accepted_by', '250', true), ts('accepted_at', true)],
    }));
    await q.createTable(new Table({
      name: 'channel_link',
      columns: [
        { ...str('id', '40'), isPrimary: true }, str('organisation_id', '100'), str('platform', '20'), str('channel_id', '300'), str('team_id', '200', true), str('name', '300', true),
        json('reference', true), { name: 'active', type: 'boolean' }, str('created_by', '250'), ts('created_at'), ts('deactivated_at', true), str('deactivated_reason', '300', true),
      ],
      indices: [{ name: 'idx_channel_link_unique', columnNames: ['organisation_id', 'platform', 'channel_id'], isUnique: true }],
    }));
    await q.createTable(new Table({
      name: 'conversation_reference',
      columns: [{ ...str('platform', '20'), isPrimary: true }, { ...str('conversation_id', '300'), isPrimary: true }, str('kind', '20'), str('user_id', '250', true), json('reference'), ts('updated_at')],
    }));
    await q.createTable(new Table({
      name: 'audit_log',
      columns: [
        { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
        ts('at'), str('actor', '250'), str('action', '80'), str('subject_type', '40'), str('subject_id', '300'), json('before', true), json('after', true),
      ],
    }));
    await q.createIndex('audit_log', new TableIndex({ name: 'idx_audit_log_at', columnNames: ['at'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['audit_log', 'conversation_reference', 'channel_link', 'invitation', 'person', 'contact', 'application', 'organisation']) await q.dropTable(table);
  }
}
