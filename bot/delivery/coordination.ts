import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { DataSource } from 'typeorm';
import { SoleInstance, type InstancePresence } from '../../core/coordination/instance-presence.ts';
import { SerialDuties, SoleLeadership, type LeaderDuties, type Leadership } from '../../core/coordination/leadership.ts';
import { PostgresCoordination } from '../../storage/coordination/postgres-coordination.ts';
import type { Logger } from '../logger.ts';

export interface Coordination {
  presence: InstancePresence;
  leadership: Leadership;
}

/**
 * On Postgres, several instances share the database: presence and leadership through advisory
 * locks. On SQLite this process is the only instance and leads from its start.
 */
export function coordinationFor(dataSource: DataSource, logger: Logger): Coordination {
  // Unique per process start: a restarted instance is a new owner, its previous life gone.
  const id = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  if (dataSource.options.type === 'postgres') {
    const both = new PostgresCoordination(id, dataSource, logger.child({ component: 'coordination' }));
    return { presence: both, leadership: both };
  }
  return { presence: new SoleInstance(id), leadership: new SoleLeadership() };
}

/** The duties of the leader, one change at a time; a failing start or stop is logged. */
export function leaderDuties(logger: Logger, ...parts: LeaderDuties[]): LeaderDuties {
  return new SerialDuties(parts, (error, what) => logger.error({ err: error }, `could not ${what} the leader's duties`));
}
