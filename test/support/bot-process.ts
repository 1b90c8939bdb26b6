import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { BOT_FRAMEWORK_KEYS, SECRET_KEYS } from '../../bot/config.ts';
import { httpRequest } from './http-request.ts';
import { START_COMMAND } from './start-command.ts';

const ROOT = join(import.meta.dirname, '..', '..');

/**
 * The real server, started as `npm start` starts it (START_COMMAND), in a child process of its own group, with a clean
 * environment plus `env`: for tests with several instances and a kill -9.
 */
export class BotProcess {
  readonly url: string;
  output = '';
  readonly exited: Promise<void>;
  private readonly child: ChildProcess;

  constructor(readonly port: number, env: Record<string, string>) {
    this.url = `http://127.0.0.1:${port}`;
    const clean: Record<string, string> = {};
    for (const [key, value] of Object.entries(process.env)) if (value !== undefined) clean[key] = value;
    for (const key of [...SECRET_KEYS, ...BOT_FRAMEWORK_KEYS, 'SLACK_API_URL', 'LOCAL_CHAT', 'PUBLIC_URL']) clean[key] = '';
    this.child = spawn(START_COMMAND[0]!, START_COMMAND.slice(1), {
      cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...clean, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', DEMO_DATA: 'false', ...env },
    });
    const keep = (d: Buffer) => { this.output = (this.output + d.toString()).slice(-50_000); };
    this.child.stdout!.on('data', keep);
    this.child.stderr!.on('data', keep);
    this.exited = new Promise((resolve) => this.child.on('exit', () => resolve()));
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Resolves once GET /healthz answers 200; throws with the output when it exits or takes longer than `ms`. */
  async ready(ms = 60_000): Promise<void> {
    const deadline = Date.now() + ms;
    for (;;) {
      if (!this.running) throw new Error(`the bot exited:\n${this.output}`);
      if (Date.now() > deadline) throw new Error(`the bot did not answer within ${ms} ms:\n${this.output}`);
      const answer = await httpRequest(`${this.url}/healthz`).catch(() => undefined);
      if (answer?.status === 200) return;
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** The value of one /metrics line (e.g. `ketenbot_delivery_leader`), or undefined. */
  async metric(line: string): Promise<number | undefined> {
    const text = (await httpRequest(`${this.url}/metrics`).catch(() => undefined))?.text ?? '';
    const found = text.split('\n').find((l) => l.startsWith(`${line} `));
    return found === undefined ? undefined : Number(found.slice(line.length + 1));
  }

  /** SIGKILL to the whole group: no shutdown hooks, no last writes. */
  async kill(): Promise<void> {
    if (this.running && this.child.pid) {
      try { process.kill(-this.child.pid, 'SIGKILL'); } catch { /* gone */ }
    }
    await this.exited;
  }

  async stop(): Promise<void> {
    if (this.running && this.child.pid) {
      try { process.kill(-this.child.pid, 'SIGTERM'); } catch { /* gone */ }
      const timer = setTimeout(() => void this.kill(), 10_000);
      await this.exited;
      clearTimeout(timer);
    }
  }
}
