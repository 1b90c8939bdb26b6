/**
 * Who sends: of all instances on one database exactly one (the leader) runs the delivery worker and
 * the clock jobs, so together they stay within the platforms' app-wide limits and a clock job runs
 * once. Every instance answers chat. When the leader dies another takes over within seconds.
 */
export interface Leadership {
  /** Whether this instance leads now. */
  readonly leading: boolean;
  /** How often this instance became or stopped being the leader since it started. */
  readonly changes: number;
  /** Starts taking part: `duties.start()` when this instance becomes the leader, `duties.stop()` when it stops being it. */
  start(duties: LeaderDuties): Promise<void>;
  /** Stops the duties (if leading) and steps down. */
  stop(): Promise<void>;
}

export interface LeaderDuties {
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** With SQLite there is one instance: it leads from its start. */
export class SoleLeadership implements Leadership {
  leading = false;
  changes = 0;
  private duties: LeaderDuties | undefined;

  async start(duties: LeaderDuties): Promise<void> {
    this.duties = duties;
    this.leading = true;
    this.changes++;
    await duties.start();
  }

  async stop(): Promise<void> {
    if (!this.leading) return;
    this.leading = false;
    this.changes++;
    await this.duties?.stop();
  }
}

/**
 * Runs duties one change at a time: elected and deposed can follow each other quickly (a database
 * that comes and goes), and a start must not overlap the stop before it.
 */
export class SerialDuties implements LeaderDuties {
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly parts: LeaderDuties[],
    private readonly onError: (error: unknown, what: 'start' | 'stop') => void,
  ) {}

  start(): Promise<void> {
    return this.then('start', async () => { for (const p of this.parts) await p.start(); });
  }

  stop(): Promise<void> {
    return this.then('stop', async () => { for (const p of [...this.parts].reverse()) await p.stop(); });
  }

  private then(what: 'start' | 'stop', step: () => Promise<void>): Promise<void> {
    this.chain = this.chain.then(step).catch((error: unknown) => this.onError(error, what));
    return this.chain;
  }
}

/** A duty wired later than leadership starts (the clock jobs, once the services exist): started then if this instance leads. */
export class DutySlot implements LeaderDuties {
  private duty: LeaderDuties | undefined;
  private started = false;

  async fill(duty: LeaderDuties): Promise<void> {
    this.duty = duty;
    if (this.started) await duty.start();
  }

  async start(): Promise<void> {
    this.started = true;
    await this.duty?.start();
  }

  async stop(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    await this.duty?.stop();
  }
}
