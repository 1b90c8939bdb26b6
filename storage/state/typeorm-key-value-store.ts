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

  /** Several reads per chat turn: one plain statement, without the query builder's per-call work. */
  async read<T>(key: string): Promise<Versioned<T> | undefined> {
    const sql = this.dataSource.options.type === 'postgres' ? 'SELECT value, etag FROM kv_state WHERE key = $1' : 'SELECT value, etag FROM kv_state WHERE key = ?';
    const [row] = (await this.dataSource.query(sql, [key])) as Array<Pick<KvStateRow, 'value' | 'etag'>>;
    return row ? { value: JSON.parse(row.value) as T, etag: row.etag } : undefined;
  }

  async write<T>(key: string, value: T, expect: WriteExpectation): Promise<string> {
    const etag = randomUUID();
    const row: KvStateRow = { key, value: JSON.stringify(value), etag, updated_at: this.clock.now().toISOString() };
    if (expect === 'any') {
      await this.repo.upsert(row, ['key']);
      return etag;
    }
    if (expect === 'new') {
      try {
        await this.repo.insert(row);
      } catch (error) {
        if (await this.repo.existsBy({ key })) throw new StateConflictError(key);
        throw error;
      }
      return etag;
    }
    const result = await this.repo
      .createQueryBuilder()
      .update()
      .set({ value: row.value, etag, updated_at: row.updated_at })
      .where('key = :key AND etag = :etag', { key, etag: expect.etag })
      .execute();
    if (!result.affected) throw new StateConflictError(key);
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
