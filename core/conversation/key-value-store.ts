/** What a writer expects to find: nothing yet, a given version, or anything. */
export type WriteExpectation = 'new' | 'any' | { etag: string };

export interface Versioned<T> {
  value: T;
  etag: string;
}

/**
 * Small durable documents with optimistic concurrency: conversation state, user preferences.
 * Implemented in `storage/` on the bot's database.
 */
export interface KeyValueStore {
  read<T>(key: string): Promise<Versioned<T> | undefined>;
  /** Several keys in one round trip: those that exist. */
  readMany<T>(keys: string[]): Promise<Map<string, Versioned<T>>>;
  /** Returns the new eTag. Throws StateConflictError when the expectation does not hold. */
  write<T>(key: string, value: T, expect: WriteExpectation): Promise<string>;
  /** With an eTag: only that version (StateConflictError when it changed); without: whatever is there. */
  delete(key: string, expect?: { etag: string }): Promise<void>;
  /**
   * Removes every key that starts with `prefix` (exactly, case and all) and was last written before
   * `before`; returns how many. For records that must not outlive their use (see kb-flow).
   */
  deleteOlderThan(prefix: string, before: Date): Promise<number>;
}

export class StateConflictError extends Error {
  constructor(readonly key: string) {
    super(`State for "${key}" was changed by someone else`);
    this.name = 'StateConflictError';
  }
}
