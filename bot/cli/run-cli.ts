import type { DataSource } from 'typeorm';
import { DEFAULT_DATABASE_URL, parseDatabaseUrl, redactDatabaseUrl } from '../../storage/database-url.ts';
import { UsageError, type CliCommand, type CliContext } from './command.ts';
import { sqliteSynchronousSetting } from '../config.ts';

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  env: NodeJS.ProcessEnv;
}

export function helpText(commands: CliCommand[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'ketenbot – admin CLI for Ketenbot (uses DATABASE_URL, default sqlite:data/ketenbot.sqlite)',
    '',
    'Usage: ketenbot <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run "ketenbot <command> --help" for the options of one command.',
    'Output is in English; "report" and "incident route" print Dutch with --lang nl (as the channels read it).',
  ].join('\n');
}

/** Finds the command whose words start argv (longest match) and runs it. Returns the exit code. */
/** How long a CLI write waits for SQLite's write lock while the server runs. */
const CLI_SQLITE_BUSY_MS = 30_000;

export async function runCli(argv: string[], commands: CliCommand[], io: CliIo): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    io.out(helpText(commands));
    return 0;
  }
  const command = [...commands]
    .sort((a, b) => b.name.split(' ').length - a.name.split(' ').length)
    .find((c) => c.name.split(' ').every((word, i) => argv[i] === word));
  if (!command) {
    io.err(`Unknown command: ${argv.join(' ')}`);
    io.err(helpText(commands));
    return 2;
  }
  const args = argv.slice(command.name.split(' ').length);
  if (args.includes('--help') || args.includes('-h')) {
    io.out(`${command.summary}\n\nUsage: ${command.usage}`);
    return 0;
  }
  let dataSource: DataSource | undefined;
  const ctx: CliContext = {
    args,
    out: io.out,
    err: io.err,
    env: io.env,
    database: async () => {
      if (dataSource) return dataSource;
      const url = io.env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL;
      const parsed = parseDatabaseUrl(url);
      if ('error' in parsed) throw new UsageError(`DATABASE_URL ${parsed.error}`);
      const durability = sqliteSynchronousSetting(io.env);
      if ('error' in durability) throw new UsageError(durability.error);
      // Beside a running server the CLI waits longer for SQLite's one write lock (SQLITE_BUSY_TIMEOUT_MS).
      // Loaded here, not at the top: `ketenbot --help` needs no database code (typeorm takes ~0.5 s to load).
      const { migrate, openDatabase } = await import('../../storage/data-source.ts');
      dataSource = await openDatabase(url, { busyTimeoutMs: Number(io.env.SQLITE_BUSY_TIMEOUT_MS) || CLI_SQLITE_BUSY_MS, synchronous: durability.synchronous });
      const ran = await migrate(dataSource);
      if (ran.length) io.err(`Applied migrations to ${redactDatabaseUrl(url)}: ${ran.join(', ')}`);
      return dataSource;
    },
  };
  try {
    return await command.run(ctx);
  } catch (error) {
    // node:util parseArgs reports unknown or malformed options with these codes.
    const code = (error as { code?: string }).code ?? '';
    if (error instanceof UsageError || code.startsWith('ERR_PARSE_ARGS')) {
      io.err(`${(error as Error).message}\nUsage: ${command.usage}`);
      return 2;
    }
    if (code === 'SQLITE_BUSY' || /SQLITE_BUSY/.test((error as Error).message)) {
      io.err(`ketenbot ${command.name} failed: the SQLite database stayed locked by another process (the running server) for ${Math.round((Number(io.env.SQLITE_BUSY_TIMEOUT_MS) || CLI_SQLITE_BUSY_MS) / 1000)} s. Imports are all or nothing, so nothing of this one was saved; try again. To write from several processes at once, use Postgres (DATABASE_URL=postgres://…).`);
      return 1;
    }
    io.err(`ketenbot ${command.name} failed: ${(error as Error).message}`);
    return 1;
  } finally {
    if (dataSource?.isInitialized) await dataSource.destroy();
  }
}
