import { execFile, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

/**
 * A PRIVATE Postgres cluster for the database-outage run: the bench must be able to stop and start
 * the server under the running bot, which it may not do to the machine's shared server. initdb into
 * a temp dir owned by the `postgres` OS user (we run as root; Postgres refuses to run as root), with
 * the binaries of the newest /usr/lib/postgresql/<version>/bin, listening on 127.0.0.1 and a free
 * port, its unix socket inside the temp dir, fsync off (a bench, not a store). stop() + start() is the
 * outage; remove() stops it and deletes the directory (also from an 'exit' hook, synchronously).
 */
const run = promisify(execFile);

export class PrivateCluster {
  readonly dir: string;
  readonly data: string;
  readonly bin: string;
  running = false;
  private readonly onExit = () => this.removeSync();

  private constructor(readonly port: number) {
    this.bin = postgresBin();
    this.dir = mkdtempSync(join(tmpdir(), 'ketenbot-pg-'));
    this.data = join(this.dir, 'data');
    mkdirSync(join(this.dir, 'socket'));
    for (const d of [this.dir, join(this.dir, 'socket')]) chownSync(d, postgresUid(), postgresGid());
    process.once('exit', this.onExit);
  }

  /** initdb + start; resolves when the server accepts connections. */
  static async create(port: number): Promise<PrivateCluster> {
    const cluster = new PrivateCluster(port);
    try {
      await cluster.asPostgres('initdb', ['-D', cluster.data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
      await cluster.start();
      return cluster;
    } catch (error) {
      cluster.removeSync();
      throw error;
    }
  }

  /** postgres://postgres@127.0.0.1:<port>/<database> */
  url(database: string): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  get log(): string {
    const file = join(this.dir, 'server.log');
    return existsSync(file) ? readFileSync(file, 'utf8') : '';
  }

  async start(): Promise<void> {
    const options = `-c listen_addresses=127.0.0.1 -p ${this.port} -k ${join(this.dir, 'socket')} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
    await this.asPostgres('pg_ctl', ['-D', this.data, '-l', join(this.dir, 'server.log'), '-o', options, '-w', '-t', '60', 'start']);
    this.running = true;
  }

  /** `pg_ctl stop -m fast`: open connections are cut, as in a failover or a restart by the host. */
  async stop(): Promise<void> {
    this.running = false;
    await this.asPostgres('pg_ctl', ['-D', this.data, '-m', 'fast', '-w', '-t', '60', 'stop']);
  }

  /** Stops (if running) and deletes the directory (unless keepFiles). Safe to call twice. */
  removeSync(keepFiles = false): void {
    process.removeListener('exit', this.onExit);
    if (!existsSync(this.dir)) return;
    if (existsSync(join(this.data, 'postmaster.pid'))) {
      spawnSync('runuser', ['-u', 'postgres', '--', join(this.bin, 'pg_ctl'), '-D', this.data, '-m', 'immediate', '-w', '-t', '30', 'stop'], { stdio: 'ignore' });
    }
    this.running = false;
    if (!keepFiles) rmSync(this.dir, { recursive: true, force: true });
  }

  private async asPostgres(program: string, args: string[]): Promise<void> {
    try {
      await run('runuser', ['-u', 'postgres', '--', join(this.bin, program), ...args], { cwd: this.dir, timeout: 120_000 });
    } catch (error) {
      const e = error as { stderr?: string; stdout?: string; message: string };
      throw new Error(`${program} failed: ${e.message}\n${e.stdout ?? ''}${e.stderr ?? ''}\n${this.log.slice(-2000)}`);
    }
  }
}

/** The newest installed server's bin directory (/usr/lib/postgresql/<version>/bin). */
export function postgresBin(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))) : [];
  versions.sort((a, b) => Number.parseFloat(b) - Number.parseFloat(a));
  if (!versions.length) throw new Error(`no Postgres server binaries (initdb) under ${root}/<version>/bin`);
  return join(root, versions[0]!, 'bin');
}

function postgresUid(): number {
  return Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim());
}
function postgresGid(): number {
  return Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim());
}

/** CREATE / DROP DATABASE through a connection to the server's `postgres` database. */
export async function adminQuery(serverUrl: string, sql: string): Promise<void> {
  const url = new URL(serverUrl);
  url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
