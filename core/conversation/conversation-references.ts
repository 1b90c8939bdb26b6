import type { ConversationKind, Platform } from './inbound.ts';

/**
 * What the bot must keep to write into a conversation later without a user message:
 * for Teams the ConversationReference (opaque here), captured on install and on every turn.
 */
export interface StoredConversation {
  platform: Platform;
  conversationId: string;
  kind: ConversationKind;
  /** For personal conversations: the person's platform user id. */
  userId?: string;
  reference: unknown;
}

export interface ConversationReferenceStore {
  save(conversation: StoredConversation): Promise<void>;
  get(platform: Platform, conversationId: string): Promise<StoredConversation | undefined>;
  /** The personal (1:1) conversation with a user, if the bot has one. */
  personal(platform: Platform, userId: string): Promise<StoredConversation | undefined>;
}
