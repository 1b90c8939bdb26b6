import type { KeyValueStore } from '../core/conversation/key-value-store.ts';
import type { Platform } from '../core/conversation/inbound.ts';

/**
 * Remembers which platform message shows the card with a given replace key in a conversation
 * (Teams / web chat activity id, Slack ts), so the next reply with that key updates it in place.
 */
export class PostedCards {
  constructor(private readonly store: KeyValueStore) {}

  private key(platform: Platform, conversationId: string, replaceKey: string): string {
    return `card:${platform}:${conversationId}:${replaceKey}`;
  }

  async find(platform: Platform, conversationId: string, replaceKey: string): Promise<string | undefined> {
    const found = await this.store.read<{ messageId: string }>(this.key(platform, conversationId, replaceKey));
    return found?.value.messageId;
  }

  async remember(platform: Platform, conversationId: string, replaceKey: string, messageId: string): Promise<void> {
    await this.store.write(this.key(platform, conversationId, replaceKey), { messageId }, 'any');
  }
}
