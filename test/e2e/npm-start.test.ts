import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module of the project's own (bin/), without types
import { build, buildIsFresh } from '../../bin/build-state.mjs';
import { SECRET_KEYS, BOT_FRAMEWORK_KEYS } from '../../bot/config.ts';
import { httpRequest } from '../support/http-request.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const dirs: string[] = [];
const children: ChildProcess[] = [];

afterAll(() => {
  for (const child of children) {
    // npm runs tsx runs node: kill the whole process group.
    if (child.exitCode === null && child.pid) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** `npm start` with a clean environment: no credentials from this shell, nor from a .env (dotenv never overrides). */
function npmStart(env: Record<string, string>) {
  const clean: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) clean[key] = value;
  for (const key of [...SECRET_KEYS, ...BOT_FRAMEWORK_KEYS, 'SLACK_API_URL', 'LOCAL_CHAT', 'PUBLIC_URL', 'HOST']) clean[key] = '';
  const child = spawn('npm', ['start'], { cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...clean, LOG_LEVEL: 'info', ...env } });
  children.push(child);
  const output = { stdout: '', stderr: '' };
  child.stdout!.on('data', (d: Buffer) => (output.stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output.stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output, exited };
}

function tempDatabaseUrl(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ketenbot-npm-start-'));
  dirs.push(dir);
  return `sqlite:${join(dir, 'fresh.sqlite')}`;
}

// `npm test` builds first (bin/build.mjs --if-stale); run alone after an edit, this builds here.
beforeAll(() => {
  if (!buildIsFresh()) build({ quiet: true });
}, 120_000);

describe('npm start', () => {
  it('runs the compiled build (dist/) and serves /healthz within 20 s on a fresh database without credentials and logs the chat URL', async () => {
    const port = await freePort();
    const { output, exited } = npmStart({ PORT: String(port), DATABASE_URL: tempDatabaseUrl() });
    let code: number | null | undefined;
    void exited.then((c) => (code = c));

    const deadline = Date.now() + 20_000;
    let healthy = false;
    while (!healthy && code === undefined && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 300));
      healthy = await httpRequest(`http://127.0.0.1:${port}/healthz`, { timeoutMs: 1000 }).then((r) => r.status === 200, () => false);
    }
    expect(healthy, `not healthy within 20 s (exit code ${code}):\n${output.stdout}\n${output.stderr}`).toBe(true);

    const ready = await httpRequest(`http://127.0.0.1:${port}/readyz`);
    expect(ready.status).toBe(200);
    expect(ready.json).toEqual({ status: 'ready' });
    await expect.poll(() => output.stdout, { timeout: 5000 }).toContain(`http://127.0.0.1:${port}/`);
    // The build was up to date: nothing was compiled, node ran dist/bot/main.js.
    expect(output.stderr).not.toContain('Building Ketenbot');
  }, 30_000);

  it('refuses an invalid configuration with one line per problem and never prints the token', async () => {
    const token = 'xoxb-1-e2e-must-never-be-printed';
    const { output, exited } = npmStart({ PORT: 'abc', SLACK_BOT_TOKEN: token, DATABASE_URL: tempDatabaseUrl() });
    const code = await exited;
    expect(code).not.toBe(0);
    expect(code).not.toBeNull();

    const problems = output.stderr.split('\n').filter((line) => line.startsWith('  - '));
    expect(problems, output.stderr).toHaveLength(2);
    expect(problems.filter((line) => line.includes('PORT'))).toHaveLength(1);
    expect(problems.filter((line) => line.includes('SLACK_SIGNING_SECRET'))).toHaveLength(1);
    expect(output.stderr).not.toContain(token);
    expect(output.stdout).not.toContain(token);
  }, 30_000);
});
