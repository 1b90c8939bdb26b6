import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** The real server, started as `npm start` starts it (bin/start.mjs: the build in dist/), in its own process group. */
/** Builds dist/ when it is stale, once, before servers start side by side (they must not each build it). */
export function buildOnce(root: string): void {
  const result = spawnSync(process.execPath, ['bin/build.mjs', '--if-stale'], { cwd: root, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`the build failed:\n${result.stderr}`);
}

export class ServerProcess {
  readonly spawnedAt = Date.now();
  listeningAt: number | undefined;
  exitedAt: number | undefined;
  exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  readonly exited: Promise<void>;
  private log = '';
  private readonly child: ChildProcess;
  private polling = true;

  constructor(root: string, readonly port: number, env: Record<string, string>) {
    this.child = spawn(process.execPath, ['--disable-warning=DEP0111', 'bin/start.mjs'], {
      cwd: root,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...env },
    });
    const keep = (d: Buffer) => { this.log = (this.log + d.toString('utf8')).slice(-200_000); };
    this.child.stdout!.on('data', keep);
    this.child.stderr!.on('data', keep);
    this.exited = new Promise((resolve) => this.child.once('exit', (code, signal) => {
      this.exitedAt = Date.now();
      this.exit = { code, signal };
      this.polling = false;
      resolve();
    }));
    void this.pollListening();
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get output(): string {
    return this.log;
  }

  /** SIGKILL to the whole process group: no shutdown hooks, no last writes. */
  kill(signal: NodeJS.Signals = 'SIGKILL'): void {
    this.polling = false;
    if (this.child.pid === undefined || this.exit) return;
    try { process.kill(-this.child.pid, signal); } catch { /* already gone */ }
  }

  /** SIGTERM (graceful), then SIGKILL when it does not exit in time. */
  async stop(graceMs = 5000): Promise<void> {
    if (this.exit) return;
    this.kill('SIGTERM');
    const timer = setTimeout(() => this.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }

  /** GET a path of this server (undefined when it does not answer). */
  get(path: string): Promise<{ status: number; text: string } | undefined> {
    return new Promise((resolve) => {
      const req = http.get({ host: '127.0.0.1', port: this.port, path, timeout: 5000 }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      });
      req.on('error', () => resolve(undefined));
      req.on('timeout', () => req.destroy(new Error('timeout')));
    });
  }

  private async pollListening(): Promise<void> {
    while (this.polling && this.listeningAt === undefined) {
      await new Promise((r) => setTimeout(r, 25));
      if ((await this.get('/healthz'))?.status === 200 && this.polling) this.listeningAt = Date.now();
    }
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = http.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });
}
