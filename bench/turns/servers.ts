/**
 * Servers and databases for `npm run bench:turns`: spawns Ketenbot and the echo bot as real
 * processes (each in a process group of its own), times spawn → first 200 from GET /readyz, reads
 * the resident memory (VmRSS) of the node process that serves (with tsx that is a child of the
 * spawned process: the deepest descendant), keeps the servers' output, and creates and drops the
 * benchmark's databases (a temp SQLite file; a fresh Postgres database).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { BOT_FRAMEWORK_KEYS, SECRET_KEYS } from '../../bot/config.ts';

export const ROOT = join(import.meta.dirname, '..', '..');
/** Ketenbot as `npm start` runs it today; switch to e.g. ['node', 'dist/bot/main.js'] once a build exists. */
/** Ketenbot as `npm start` runs it: the compiled build (bin/start.mjs builds dist/ first when it is stale). */
export const KETENBOT_COMMAND = [process.execPath, '--disable-warning=DEP0111', 'bin/start.mjs'];
export const ECHO_COMMAND = [process.execPath, '--disable-warning=DEP0111', 'bench/turns/echo-bot.mjs'];
export const POSTGRES_SERVER = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432';

const live = new Set<Server>();

export class Server {
  readonly url: string;
  output = '';
  readonly exited: Promise<void>;
  readonly spawnedAt = performance.now();
  private readonly child: ChildProcess;

  constructor(readonly name: string, command: string[], readonly port: number, env: Record<string, string>) {
    this.url = `http://127.0.0.1:${port}`;
    const clean: Record<string, string> = {};
    for (const [key, value] of Object.entries(process.env)) if (value !== undefined) clean[key] = value;
    for (const key of [...SECRET_KEYS, ...BOT_FRAMEWORK_KEYS, 'SLACK_API_URL', 'PUBLIC_URL', 'DEMO_DATA']) clean[key] = '';
    this.child = spawn(command[0]!, command.slice(1), {
      cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...clean, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', LOCAL_CHAT: 'false', ...env },
    });
    const keep = (d: Buffer) => { this.output = (this.output + d.toString()).slice(-200_000); };
    this.child.stdout!.on('data', keep);
    this.child.stderr!.on('data', keep);
    this.exited = new Promise((resolve) => this.child.on('exit', () => resolve()));
    live.add(this);
  }

  get running(): boolean { return this.child.exitCode === null && this.child.signalCode === null; }

  /** Seconds from spawn until GET /readyz first answered 200. */
  async ready(ms = 120_000): Promise<number> {
    const deadline = Date.now() + ms;
    for (;;) {
      if (!this.running) throw new Error(`${this.name} exited before it was ready:\n${this.output.slice(-3000)}`);
      if ((await status(`${this.url}/readyz`)) === 200) return (performance.now() - this.spawnedAt) / 1000;
      if (Date.now() > deadline) throw new Error(`${this.name} not ready after ${ms} ms:\n${this.output.slice(-3000)}`);
      await sleep(20);
    }
  }

  /** The serving node process: the spawned one, or its deepest descendant (tsx runs the app in a child). */
  servingPid(): number {
    let pid = this.child.pid!;
    for (;;) {
      const children = childrenOf(pid).filter((c) => commOf(c) === 'node');
      if (!children.length) return pid;
      pid = children[children.length - 1]!;
    }
  }

  /** VmRSS of the serving process, in MB. */
  rssMb(): number {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${this.servingPid()}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : NaN;
  }

  /** Lines the server wrote (LOG_LEVEL=warn: each is a warning or an error), minus the known noise. */
  complaints(): string[] {
    return this.output.split('\n').filter((l) => l.trim() && !/^echo bot at /.test(l));
  }

  async stop(): Promise<void> {
    live.delete(this);
    if (!this.running) return;
    try { process.kill(-this.child.pid!, 'SIGTERM'); } catch { /* gone already */ }
    const timer = setTimeout(() => { try { process.kill(-this.child.pid!, 'SIGKILL'); } catch { /* gone */ } }, 5_000);
    await this.exited;
    clearTimeout(timer);
  }

  /** Synchronous last resort (process exit): SIGKILL the whole group. */
  kill(): void {
    try { process.kill(-this.child.pid!, 'SIGKILL'); } catch { /* gone already */ }
  }
}

function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

function commOf(pid: number): string {
  try { return readFileSync(`/proc/${pid}/comm`, 'utf8').trim(); } catch { return ''; }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function status(url: string): Promise<number> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 0;
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export async function startServer(name: string, command: string[], env: Record<string, string>): Promise<{ server: Server; readySeconds: number }> {
  const server = new Server(name, command, await freePort(), env);
  return { server, readySeconds: await server.ready() };
}

/** A fresh, empty database; `drop` removes it (also on exit or SIGINT, through dropAll). */
export interface BenchDatabase { kind: 'sqlite' | 'postgres'; url: string; drop(): Promise<void> }
const databases = new Set<BenchDatabase>();

export async function createDatabase(kind: 'sqlite' | 'postgres'): Promise<BenchDatabase> {
  let db: BenchDatabase;
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'ketenbot-bench-turns-'));
    db = { kind, url: `sqlite:${join(dir, 'bot.sqlite')}`, drop: async () => { databases.delete(db); rmSync(dir, { recursive: true, force: true }); } };
  } else {
    const name = `ketenbot_bench_turns_${randomBytes(4).toString('hex')}`;
    await pgAdmin(`CREATE DATABASE ${name}`);
    db = { kind, url: `${POSTGRES_SERVER}/${name}`, drop: async () => { databases.delete(db); await pgAdmin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`); } };
  }
  databases.add(db);
  return db;
}

async function pgAdmin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: `${POSTGRES_SERVER}/postgres` });
  await client.connect();
  try { await client.query(sql); } finally { await client.end(); }
}

/** Stops every server still running and drops every database still there. */
export async function cleanUp(): Promise<void> {
  await Promise.all([...live].map((s) => s.stop()));
  for (const db of [...databases]) await db.drop().catch((e) => console.error(`could not drop ${db.url}: ${(e as Error).message}`));
}

/** For process exit: kill what is left at once (databases need cleanUp, which is async). */
export function killAll(): void {
  for (const s of live) s.kill();
}
