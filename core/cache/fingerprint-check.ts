/** A fingerprint of the data and when it was read. */
export interface FingerprintStamp {
  value: string;
  at: number;
}

/**
 * Tells a cache whether the database changed since its copy was read, asking the database at most
 * every `everyMs`: the CLI and other instances write the same tables, and a cache must follow them.
 * The fingerprint is one cheap query (a version row, or counts and latest timestamps).
 *
 * Use: `stamp = await read()` right before reading the data, `loaded(stamp)` once that copy is in use,
 * and `changed()` before answering from the copy.
 */
export class FingerprintCheck {
  private seen: string | undefined;
  private checkedAt = -Infinity;
  private checking: Promise<boolean> | undefined;

  constructor(
    private readonly fingerprint: () => Promise<string>,
    private readonly everyMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  async read(): Promise<FingerprintStamp> {
    const at = this.now();
    return { value: await this.fingerprint(), at };
  }

  /** The copy read after `stamp` is now the one in use. */
  loaded(stamp: FingerprintStamp): void {
    this.seen = stamp.value;
    this.checkedAt = stamp.at;
  }

  /**
   * True when the fingerprint moved since the copy in use was read. False between checks, before
   * any copy was loaded, and when the check itself fails (the copy keeps answering; the next check
   * asks again). Questions arriving during a check share it.
   */
  changed(): Promise<boolean> {
    if (this.seen === undefined || this.now() - this.checkedAt < this.everyMs) return Promise.resolve(false);
    // Counted from the start of the read: a change committed after it is caught by the next check.
    const at = this.now();
    this.checking ??= this.fingerprint().then(
      (value) => {
        this.checkedAt = at;
        return value !== this.seen;
      },
      () => {
        this.checkedAt = at;
        return false;
      },
    ).finally(() => {
      this.checking = undefined;
    });
    return this.checking;
  }
}
