import type { Storage, StoreItems } from 'botbuilder';
import type { KeyValueStore } from '../../core/conversation/key-value-store.ts';

const PREFIX = 'bf:';

/**
 * botbuilder's Storage on the bot's database, with the same eTag rules as MemoryStorage:
 * no eTag or "*" overwrites; a stale eTag is refused with an error.
 */
export class BotStateStorage implements Storage {
  constructor(private readonly store: KeyValueStore) {}

  async read(keys: string[]): Promise<StoreItems> {
    const items: StoreItems = {};
    for (const key of keys) {
      const found = await this.store.read<Record<string, unknown>>(PREFIX + key);
      if (found) items[key] = { ...found.value, eTag: found.etag };
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    for (const [key, item] of Object.entries(changes)) {
      const { eTag, ...value } = (item ?? {}) as Record<string, unknown> & { eTag?: string };
      if (!eTag || eTag === '*') {
        await this.store.write(PREFIX + key, value, 'any');
        continue;
      }
      const existing = await this.store.read(PREFIX + key);
      await this.store.write(PREFIX + key, value, existing ? { etag: eTag } : 'new');
    }
  }

  async delete(keys: string[]): Promise<void> {
    for (const key of keys) await this.store.delete(PREFIX + key);
  }
}
