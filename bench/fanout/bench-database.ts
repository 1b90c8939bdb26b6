import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { adminQuery, PrivateCluster } from './postgres-cluster.ts';
import { freePort } from './server-process.ts';

/**
 * Where the run's data lives. SQLite (a file in the temp dir) for the single-instance run as before;
 * Postgres for several instances (they must share one database) and for the outage run:
 *  - 'postgres': a fresh database on the machine's server (default postgres://postgres@127.0.0.1:5432,
 *    trust auth), created through the server's `postgres` database and dropped at the end;
 *  - 'private-postgres': a cluster of the bench's own (postgres-cluster.ts) that may be stopped mid-run.
 * Each Postgres run also gets a second scratch database for the outbox latency probe.
 */
export type DatabaseKind = 'sqlite' | 'postgres' | 'private-postgres';

export interface BenchDatabase {
  kind: DatabaseKind;
  /** DATABASE_URL of the servers and the bench. */
  url: string;
  /** A separate scratch database for probeOutbox (never the benchmark's own). */
  probeUrl: string;
  cluster?: PrivateCluster;
  /** Drops / removes what the run created (keep: leaves it and says where). */
  cleanup(keep: boolean): Promise<string | undefined>;
}

export async function openBenchDatabase(kind: DatabaseKind, dir: string, serverUrl: string): Promise<BenchDatabase> {
  if (kind === 'sqlite') {
    return { kind, url: `sqlite:${join(dir, 'bench.sqlite')}`, probeUrl: `sqlite:${join(dir, 'probe.sqlite')}`, cleanup: async () => undefined };
  }
  const cluster = kind === 'private-postgres' ? await PrivateCluster.create(await freePort()) : undefined;
  const server = cluster ? cluster.url('postgres') : serverUrl;
  const name = `ketenbot_fanout_${Date.now().toString(36)}_${process.pid}`;
  const at = (database: string) => {
    const u = new URL(server);
    u.pathname = `/${database}`;
    return u.toString();
  };
  try {
    await adminQuery(server, `CREATE DATABASE ${name}`);
    await adminQuery(server, `CREATE DATABASE ${name}_probe`);
  } catch (error) {
    cluster?.removeSync();
    throw error;
  }
  return {
    kind,
    url: at(name),
    probeUrl: at(`${name}_probe`),
    ...(cluster ? { cluster } : {}),
    async cleanup(keep) {
      if (cluster) {
        cluster.removeSync(keep);
        return keep ? `kept the stopped cluster in ${cluster.dir} (databases ${name}, ${name}_probe)` : undefined;
      }
      if (keep) return `kept databases ${name} and ${name}_probe on ${serverUrl}`;
      // FORCE: a killed server's connections may linger for a moment.
      for (const db of [name, `${name}_probe`]) await adminQuery(server, `DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
      return undefined;
    },
  };
}

/** The statement with SQLite's `?` placeholders, or Postgres' `$1, $2, …`. */
export function sql(db: DataSource, text: string): string {
  if (db.options.type !== 'postgres') return text;
  let i = 0;
  return text.replace(/\?/g, () => `$${++i}`);
}
