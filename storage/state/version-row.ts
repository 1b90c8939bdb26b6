import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { KvStateEntity, type KvStateRow } from '../entities/kv-state.entity.ts';

/**
 * Version rows: a writer bumps its data's row inside the transaction that changes the data, and a
 * cache in any process reads it with one primary-key lookup to know whether its copy is current.
 * They live in kv_state under `version:<name>`, so no table of their own is needed.
 */
const keyOf = (name: string) => `version:${name}`;

/** Gives the version row a new value (in the caller's transaction: it commits with the change). */
export async function bumpVersion(m: EntityManager, name: string): Promise<void> {
  const value = randomUUID();
  const row: KvStateRow = { key: keyOf(name), value: JSON.stringify(value), etag: value, updated_at: new Date().toISOString() };
  await m.getRepository<KvStateRow>(KvStateEntity).upsert(row, ['key']);
}

/** The version row's value; '' while nothing was ever written through a writer that bumps it. */
export async function readVersion(dataSource: DataSource, name: string): Promise<string> {
  const row = await dataSource.getRepository<KvStateRow>(KvStateEntity).findOne({ select: { etag: true }, where: { key: keyOf(name) } });
  return row?.etag ?? '';
}
