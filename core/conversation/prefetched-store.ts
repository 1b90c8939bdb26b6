import type { KeyValueStore, Versioned, WriteExpectation } from './key-value-store.ts';

/**
 * A chat turn's view of the key-value store: the keys every turn reads (the person's preferences,
 * the conversation's flow, its open forms) come in one statement at the start of the turn instead
 * of one each. Reads of those keys are answered from that fetch, kept current by the writes and
 * deletes made through this view; every other key goes to the store. Lives for one turn only, run
 * under the conversation's lock, so what it holds is what the store holds.
 */
export class PrefetchedStore implements KeyValueStore {
  private constructor(
    private readonly store: KeyValueStore,
    /** Per prefetched key: its current version, or undefined when it does not exist. */
    private readonly fetched: Map<string, Versioned<unknown> | undefined>,
  ) {}

  static async open(store: KeyValueStore, keys: string[]): Promise<PrefetchedStore> {
    const found = await store.readMany<unknown>(keys);
    return new PrefetchedStore(store, new Map(keys.map((key) => [key, found.get(key)])));
  }

  async read<T>(key: string): Promise<Versioned<T> | undefined> {
    if (!this.fetched.has(key)) return this.store.read<T>(key);
    const found = this.fetched.get(key);
    // A copy: a caller changing what it read must not change what the next reader gets.
    return found ? { value: structuredClone(found.value) as T, etag: found.etag } : undefined;
  }

  async readMany<T>(keys: string[]): Promise<Map<string, Versioned<T>>> {
    const rest = keys.filter((key) => !this.fetched.has(key));
    const found = rest.length ? await this.store.readMany<T>(rest) : new Map<string, Versioned<T>>();
    for (const key of keys) {
      if (!this.fetched.has(key)) continue;
      const known = await this.read<T>(key);
      if (known) found.set(key, known);
    }
    return found;
  }

  async write<T>(key: string, value: T, expect: WriteExpectation): Promise<string> {
    try {
      const etag = await this.store.write(key, value, expect);
      if (this.fetched.has(key)) this.fetched.set(key, { value: structuredClone(value), etag });
      return etag;
    } catch (error) {
      this.fetched.delete(key); // what is there now is unknown: the store is asked next time
      throw error;
    }
  }

  async delete(key: string, expect?: { etag: string }): Promise<void> {
    try {
      await this.store.delete(key, expect);
      if (this.fetched.has(key)) this.fetched.set(key, undefined);
    } catch (error) {
      this.fetched.delete(key);
      throw error;
    }
  }

  async deleteOlderThan(prefix: string, before: Date): Promise<number> {
    for (const key of [...this.fetched.keys()]) if (key.startsWith(prefix)) this.fetched.delete(key);
    return this.store.deleteOlderThan(prefix, before);
  }
}
