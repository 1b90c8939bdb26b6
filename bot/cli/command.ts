import type { DataSource } from 'typeorm';

/** What every CLI command gets: its arguments, output streams and (lazily) the database. */
export interface CliContext {
  args: string[];
  out(line: string): void;
  err(line: string): void;
  /** Opens DATABASE_URL (migrated) on first use. */
  database(): Promise<DataSource>;
  env: NodeJS.ProcessEnv;
}

export interface CliCommand {
  /** Words that select the command, e.g. "db migrate". */
  name: string;
  summary: string;
  usage: string;
  /** Returns the exit code. */
  run(ctx: CliContext): Promise<number>;
}

/** A mistake in how the command was called: printed with the usage, exit code 2. */
export class UsageError extends Error {}
