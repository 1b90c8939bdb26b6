/**
 * Which instances of the bot are alive, for the leases on deliveries being sent: a row held by an
 * instance that is gone is taken over at once, a row held by a live one never (until its lease has
 * long run out). On Postgres each instance holds a lock for as long as its connection lives
 * (storage/coordination); with SQLite there is one instance, this process.
 */
export interface InstancePresence {
  /** This instance's name in leases: unique per process start. */
  readonly id: string;
  /** Of `owners`, those that are alive (or not yet known to be gone). */
  alive(owners: string[]): Promise<Set<string>>;
}

/** One process on its own database file: every other owner is a previous life of it, and gone. */
export class SoleInstance implements InstancePresence {
  constructor(readonly id: string) {}

  async alive(owners: string[]): Promise<Set<string>> {
    return new Set(owners.filter((o) => o === this.id));
  }
}
