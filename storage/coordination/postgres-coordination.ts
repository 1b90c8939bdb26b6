import pg from 'pg';
import type { DataSource } from 'typeorm';
import type { InstancePresence } from '../../core/coordination/instance-presence.ts';
import type { LeaderDuties, Leadership } from '../../core/coordination/leadership.ts';

/** How often an instance that does not lead tries to, and a leader checks its connection. */
export const LEADER_POLL_MS = 500;
/**
 * An instance whose lock is missing counts as gone only after this long: after a database restart
 * every instance reconnects within a poll or two, and until then its rows are its own.
 */
export const PRESENCE_GRACE_MS = 3000;
/**
 * An instance that lost its connection does not try for the lead again for this long after it is
 * back: its connection just proved unreliable, and the instances that kept theirs (polling every
 * LEADER_POLL_MS) get the first chance, so the lead does not bounce back to it.
 */
export const STAND_ASIDE_MS = 2000;

interface CoordinationLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

/**
 * Presence and leadership through Postgres advisory locks, held on a connection of their own for as
 * long as the instance lives. Presence: a lock keyed by the instance id; a killed process's
 * connection closes and its lock goes with it, so its leases are void at once. Leadership: one
 * lock every instance tries for every LEADER_POLL_MS; the holder runs the duties. When its
 * connection is lost (the database went away) it stops them at once: by then another instance may
 * hold the lock.
 */
export class PostgresCoordination implements InstancePresence, Leadership {
  leading = false;
  changes = 0;
  private client: pg.Client | undefined;
  private connecting: Promise<void> | undefined;
  private connectedAt = 0;
  private timer: ReturnType<typeof setInterval> | undefined;
  private duties: LeaderDuties | undefined;
  private polling = false;
  private lostAt = Number.NEGATIVE_INFINITY;
  private readonly absentSince = new Map<string, number>();
  private readonly keys: { namespace: string; leader: string };

  constructor(
    readonly id: string,
    private readonly dataSource: DataSource,
    private readonly logger: CoordinationLogger,
    private readonly now: () => number = Date.now,
  ) {
    const schema = (dataSource.options as { schema?: string }).schema ?? 'public';
    this.keys = { namespace: `ketenbot:instance:${schema}`, leader: `ketenbot:leader:${schema}` };
  }

  async start(duties: LeaderDuties): Promise<void> {
    this.duties = duties;
    await this.poll();
    this.timer = setInterval(() => void this.poll(), LEADER_POLL_MS);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.stepDown('stopping');
    // Also a stop begun when the connection was lost: wait for it (the duties run one change at a time).
    await this.duties?.stop();
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  async alive(owners: string[]): Promise<Set<string>> {
    const client = this.client;
    // Without a session of our own long enough, nobody can be told gone yet.
    if (!client || this.now() - this.connectedAt < PRESENCE_GRACE_MS) return new Set(owners);
    const { rows } = await client.query<{ owner: string }>(
      `SELECT o.owner FROM unnest($2::text[]) AS o(owner) WHERE EXISTS (
         SELECT 1 FROM pg_locks l WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
           AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
           AND l.classid = hashtext($1)::oid AND l.objid = hashtext(o.owner)::oid)`,
      [this.keys.namespace, owners],
    );
    const present = new Set(rows.map((r) => r.owner));
    const now = this.now();
    const alive = new Set<string>();
    for (const owner of owners) {
      if (present.has(owner)) {
        this.absentSince.delete(owner);
        alive.add(owner);
        continue;
      }
      const since = this.absentSince.get(owner) ?? now;
      this.absentSince.set(owner, since);
      if (now - since < PRESENCE_GRACE_MS) alive.add(owner);
    }
    return alive;
  }

  private async poll(): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    try {
      if (!this.client) await this.connect();
      const client = this.client;
      if (!client) return;
      if (this.leading) {
        await client.query('SELECT 1');
        return;
      }
      if (this.now() - this.lostAt < STAND_ASIDE_MS) return;
      const { rows } = await client.query<{ got: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS got', [this.keys.leader]);
      if (rows[0]?.got && this.client === client) {
        this.leading = true;
        this.changes++;
        this.logger.info({ instance: this.id }, 'this instance now leads: it sends deliveries and runs the clock jobs');
        // Not awaited: a start waits for a stop still in progress (sends finishing, up to 15 s), and
        // meanwhile the polls must go on (a connection lost again is reconnected, the presence lock
        // taken again), or other instances would count this one gone while it still sends.
        void this.duties?.start();
      }
    } catch (error) {
      this.lost(error);
    } finally {
      this.polling = false;
    }
  }

  private async connect(): Promise<void> {
    this.connecting ??= (async () => {
      const o = this.dataSource.options as { url?: string; extra?: { options?: string } };
      const client = new pg.Client({ connectionString: o.url, ...(o.extra?.options ? { options: o.extra.options } : {}), connectionTimeoutMillis: 5000, query_timeout: 5000, keepAlive: true });
      client.on('error', (error) => this.lost(error));
      try {
        await client.connect();
        await client.query('SELECT pg_advisory_lock(hashtext($1), hashtext($2))', [this.keys.namespace, this.id]);
      } catch (error) {
        await client.end().catch(() => undefined);
        throw error;
      }
      this.client = client;
      this.connectedAt = this.now();
      this.absentSince.clear();
    })().finally(() => {
      this.connecting = undefined;
    });
    return this.connecting;
  }

  /** The connection (and with it every lock) is gone: stop leading now, reconnect at the next poll. */
  private lost(error: unknown): void {
    const client = this.client;
    this.client = undefined;
    this.lostAt = this.now();
    client?.end().catch(() => undefined);
    if (this.leading) this.logger.warn({ err: error }, 'lost the database connection that holds the leadership');
    void this.stepDown('connection lost'); // not awaited, as the start above
  }

  private async stepDown(why: string): Promise<void> {
    if (!this.leading) return;
    this.leading = false;
    this.changes++;
    this.logger.info({ instance: this.id, why }, 'this instance no longer leads');
    await this.duties?.stop();
  }
}
