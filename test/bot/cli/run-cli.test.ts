import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { commands } from '../../../bot/cli/commands/index.ts';
import { runCli } from '../../../bot/cli/run-cli.ts';
import { checkDatabase, openDatabase } from '../../../storage/data-source.ts';

function capture(env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l), env }, out, err };
}

const tempDb = () => `sqlite:${join(mkdtempSync(join(tmpdir(), 'ketenbot-cli-')), 'cli.sqlite')}`;

describe('ketenbot CLI', () => {
  it('--help lists every command', async () => {
    const { io, out } = capture();
    expect(await runCli(['--help'], commands, io)).toBe(0);
    for (const command of commands) expect(out.join('\n')).toContain(command.name);
  });

  it('an unknown command exits 2 and shows the help', async () => {
    const { io, err } = capture();
    expect(await runCli(['frobnicate'], commands, io)).toBe(2);
    expect(err.join('\n')).toMatch(/Unknown command: frobnicate/);
  });

  it('db migrate brings a fresh database up to date, and again is a no-op', async () => {
    const url = tempDb();
    const first = capture({ DATABASE_URL: url });
    expect(await runCli(['db', 'migrate'], commands, first.io)).toBe(0);
    expect(first.err.join('\n')).toMatch(/Applied migrations/);
    const second = capture({ DATABASE_URL: url });
    expect(await runCli(['db', 'migrate'], commands, second.io)).toBe(0);
    expect(second.err).toEqual([]);
    const dataSource = await openDatabase(url);
    expect(await checkDatabase(dataSource)).toEqual({ ok: true });
    await dataSource.destroy();
  });

  it('a bad DATABASE_URL is a usage error naming the variable', async () => {
    const { io, err } = capture({ DATABASE_URL: 'mysql://x' });
    expect(await runCli(['db', 'migrate'], commands, io)).toBe(2);
    expect(err.join('\n')).toMatch(/DATABASE_URL must start with sqlite:/);
  });

  it('SQLITE_SYNCHRONOUS is read as the server reads it: a bad value is a usage error, full is used', async () => {
    const bad = capture({ DATABASE_URL: tempDb(), SQLITE_SYNCHRONOUS: 'off' });
    expect(await runCli(['db', 'migrate'], commands, bad.io)).toBe(2);
    expect(bad.err.join('\n')).toMatch(/SQLITE_SYNCHRONOUS must be "normal" or "full" \(got "off"\)/);
    const full = capture({ DATABASE_URL: tempDb(), SQLITE_SYNCHRONOUS: 'Full' });
    expect(await runCli(['db', 'migrate'], commands, full.io)).toBe(0);
  });

  it('runs as the installed bin script', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['bin/ketenbot.mjs', 'db', 'migrate'], {
      env: { ...process.env, DATABASE_URL: tempDb() },
    });
    expect(stdout).toContain('Database is up to date.');
  });
});
