import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { commands } from '../../bot/cli/commands/index.ts';
import { runCli } from '../../bot/cli/run-cli.ts';

/** What one `ketenbot` run printed, line by line. */
export interface KetenbotLines {
  code: number;
  out: string[];
  /** Without the "Applied migrations" line the first command on a new file prints: not what tests are about. */
  err: string[];
}

/** Runs `ketenbot ...args` in-process with DATABASE_URL=databaseUrl (and any other settings in `env`). */
export async function runKetenbotLines(databaseUrl: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<KetenbotLines> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, commands, { out: (l) => out.push(l), err: (l) => err.push(l), env: { ...env, DATABASE_URL: databaseUrl } });
  return { code, out, err: err.filter((l) => !l.startsWith('Applied migrations')) };
}

/** Runs `ketenbot ...args` in-process with DATABASE_URL=databaseUrl; stdout and stderr as text. */
export async function runKetenbot(databaseUrl: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; out: string; err: string }> {
  const { code, out, err } = await runKetenbotLines(databaseUrl, args, env);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/**
 * A new temp folder for each test, with the URL of a SQLite file in it (created by the first
 * command), removed after the test. Read `dir` and `url` inside tests and hooks.
 */
export function sqliteFolderPerTest(prefix: string): { readonly dir: string; readonly url: string } {
  const folder = { dir: '', url: '' };
  beforeEach(() => {
    folder.dir = mkdtempSync(join(tmpdir(), prefix));
    folder.url = `sqlite:${join(folder.dir, 'cli.sqlite')}`;
  });
  afterEach(() => {
    rmSync(folder.dir, { recursive: true, force: true });
  });
  return folder;
}
