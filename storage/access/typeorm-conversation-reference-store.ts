import type { DataSource } from 'typeorm';
import type { ConversationReferenceStore, StoredConversation } from '../../core/conversation/conversation-references.ts';
import type { Platform } from '../../core/conversation/inbound.ts';
import { ConversationReferenceEntity, type ConversationReferenceRow } from '../entities/access.entities.ts';
import { preparedStatements } from '../sql/prepared-statements.ts';

const toStored = (r: ConversationReferenceRow): StoredConversation => ({
  platform: r.platform as Platform,
  conversationId: r.conversation_id,
  kind: r.kind as StoredConversation['kind'],
  ...(r.user_id ? { userId: r.user_id } : {}),
  reference: JSON.parse(r.reference),
});

export class TypeOrmConversationReferenceStore implements ConversationReferenceStore {
  constructor(private readonly dataSource: DataSource) {}

  private get repo() {
    return this.dataSource.getRepository<ConversationReferenceRow>(ConversationReferenceEntity);
  }

  /** Every chat turn stores its reference: one prepared INSERT … ON CONFLICT statement, not a read and a transaction. */
  async save(c: StoredConversation): Promise<void> {
    await preparedStatements(this.dataSource).run(
      `INSERT INTO conversation_reference (platform, conversation_id, kind, user_id, reference, updated_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (platform, conversation_id) DO UPDATE SET kind = excluded.kind, user_id = excluded.user_id, reference = excluded.reference, updated_at = excluded.updated_at`,
      [c.platform, c.conversationId, c.kind, c.userId ?? null, JSON.stringify(c.reference), new Date().toISOString()],
    );
  }

  async get(platform: Platform, conversationId: string): Promise<StoredConversation | undefined> {
    const row = await this.repo.findOneBy({ platform, conversation_id: conversationId });
    return row ? toStored(row) : undefined;
  }

  async personal(platform: Platform, userId: string): Promise<StoredConversation | undefined> {
    const row = await this.repo.findOne({ where: { platform, user_id: userId, kind: 'personal' }, order: { updated_at: 'DESC' } });
    return row ? toStored(row) : undefined;
  }
}
