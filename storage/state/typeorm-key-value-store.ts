import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import {
  StateConflictError,
  type KeyValueStore,
  type Versioned,
  type WriteExpectation,
} from '../../core/conversation/key-value-store.ts';
import type { Clock } from '../../core/clock.ts';
import { systemClock } from '../../core/clock.ts';
import { KvStateEntity, type KvStateRow } from '../entities/kv-state.entity.ts';
import { preparedStatements } from '../sql/prepared-statements.ts';

/**
 * KeyValueStore on the bot's database. Conditional writes are single UPDATE … WHERE etag = ?
 * statements (or an INSERT that fails on the primary key), so two processes cannot both win.
 */
export class TypeOrmKeyValueStore implements KeyValueStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock = systemClock,
  ) {}

  private get repo() {
    return this.dataSource.getRepository<KvStateRow>(KvStateEntity);
  }

  /** Reads and writes run several times per chat turn: prepared statements (see PreparedStatements). */
  private get sql() {
    return preparedStatements(this.dataSource);
  }

  async read<T>(key: string): Promise<Versioned<T> | undefined> {
    const [row] = await this.sql.all<Pick<KvStateRow, 'value' | 'etag'>>('SELECT value, etag FROM kv_state WHERE key = ?', [key]);
    return row ? { value: JSON.parse(row.value) as T, etag: row.etag } : undefined;
  }

  async readMany<T>(keys: string[]): Promise<Map<string, Versioned<T>>> {
    const found = new Map<string, Versioned<T>>();
    if (!keys.length) return found;
    const oneOf = this.sql.inList('key', keys);
    const rows = await this.sql.all<Pick<KvStateRow, 'key' | 'value' | 'etag'>>(`SELECT key, value, etag FROM kv_state WHERE ${oneOf.sql}`, [oneOf.param]);
    for (const row of rows) found.set(row.key, { value: JSON.parse(row.value) as T, etag: row.etag });
    return found;
  }

  async write<T>(key: string, value: T, expect: WriteExpectation): Promise<string> {
    const etag = randomUUID();
    const json = JSON.stringify(value);
    const at = this.clock.now().toISOString();
    if (expect === 'any') {
      await this.sql.run('INSERT INTO kv_state (key, value, etag, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, etag = excluded.etag, updated_at = excluded.updated_at', [key, json, etag, at]);
      return etag;
    }
    if (expect === 'new') {
      // Nothing when the key exists: a conflict, told apart from a failed statement without an error to parse.
      const inserted = await this.sql.run('INSERT INTO kv_state (key, value, etag, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (key) DO NOTHING', [key, json, etag, at]);
      if (!inserted) throw new StateConflictError(key);
      return etag;
    }
    const updated = await this.sql.run('UPDATE kv_state SET value = ?, etag = ?, updated_at = ? WHERE key = ? AND etag = ?', [json, etag, at, key, expect.etag]);
    if (!updated) throw new StateConflictError(key);
    return etag;
  }

  async delete(key: string, expect?: { etag: string }): Promise<void> {
    if (!expect) {
      await this.repo.delete({ key });
      return;
    }
    const result = await this.repo.delete({ key, etag: expect.etag });
    if (!result.affected && (await this.repo.existsBy({ key }))) throw new StateConflictError(key);
  }

  async deleteOlderThan(prefix: string, before: Date): Promise<number> {
    // An empty prefix would be every key: never what a caller means.
    if (!prefix) throw new Error('deleteOlderThan needs a prefix');
    // substr, not LIKE: SQLite's LIKE ignores case, and both read _ and % in the prefix as wildcards.
    // Both databases count characters (code points), not UTF-16 units.
    const result = await this.repo
      .createQueryBuilder()
      .delete()
      .where('substr(key, 1, :length) = :prefix AND updated_at < :before', { length: [...prefix].length, prefix, before: before.toISOString() })
      .execute();
    return result.affected ?? 0;
  }
}
