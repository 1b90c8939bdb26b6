import { buildOnce, freePort, ServerProcess } from './server-process.ts';

/**
 * N real servers on one database, each on its own port, and the choice of which one to kill.
 *
 * The kill must hit the instance that is SENDING (killing an idle follower tests nothing), and the
 * bench cannot see that from the fakes (every instance calls them from 127.0.0.1). So it asks the
 * servers: every ~250 ms it reads each live instance's GET /metrics. The sender is the one exposing
 * `ketenbot_delivery_leader 1`; when no instance exposes that gauge (a build without leader
 * election), the one with the highest sum of `ketenbot_delivery_sends_total{…}`. The kill itself
 * stays synchronous (called from the fake's request handler) and uses the last poll.
 */
export interface Instance {
  label: string;
  server: ServerProcess;
  /** Last poll: undefined when the server exposes no leader gauge. */
  leader?: boolean;
  sends: number;
  polledAt?: number;
  /** When a poll first saw `ketenbot_delivery_leader 1` from this instance. */
  leaderFirstSeenAt?: number;
  killedAt?: number;
  /** When the bench stopped it (SIGTERM) at the end of the run. */
  stoppedAt?: number;
  /** The server's last /metrics text (kept after it died). */
  metrics: string;
}

export interface LeaderChange { at: number; label: string; leader: boolean }

export class Instances {
  readonly all: Instance[] = [];
  readonly leaderChanges: LeaderChange[] = [];
  private polling = false;
  private loop?: Promise<void>;

  constructor(private readonly root: string, private readonly env: (port: number, label: string) => Record<string, string>) {
    buildOnce(root);
  }

  /** Spawns n servers at once and waits until each answers /healthz (or one exits). */
  async spawn(n: number, timeoutMs = 60_000): Promise<void> {
    const fresh: Instance[] = [];
    for (let i = 0; i < n; i++) fresh.push(this.add(await freePort()));
    const started = Date.now();
    while (fresh.some((x) => x.server.listeningAt === undefined) && !fresh.some((x) => x.server.exit) && Date.now() - started < timeoutMs) {
      await new Promise((r) => setTimeout(r, 10));
    }
    const failed = fresh.find((x) => x.server.listeningAt === undefined);
    if (failed) throw new Error(`${failed.label} did not start${failed.server.exit ? ` (exit ${JSON.stringify(failed.server.exit)})` : ''}:\n${failed.server.output.slice(-3000)}`);
  }

  /** A new server on the port of one that died (the single-instance crash + restart run). */
  restart(dead: Instance): Instance {
    return this.add(dead.server.port);
  }

  get live(): Instance[] {
    return this.all.filter((x) => !x.server.exit && x.killedAt === undefined);
  }

  /** Instances that exited although the bench neither killed nor stopped them. */
  get crashed(): Instance[] {
    return this.all.filter((x) => x.server.exit && x.killedAt === undefined && x.stoppedAt === undefined);
  }

  /** Graceful stop (SIGTERM, then SIGKILL after 5 s) of every live instance. */
  async stopAll(): Promise<void> {
    const live = this.live;
    for (const x of live) x.stoppedAt = Date.now();
    await Promise.all(live.map((x) => x.server.stop()));
  }

  startPolling(everyMs = 250): void {
    if (this.polling) return;
    this.polling = true;
    this.loop = (async () => {
      while (this.polling) {
        await Promise.all(this.live.map((x) => this.poll(x)));
        await new Promise((r) => setTimeout(r, everyMs));
      }
    })();
  }

  async stopPolling(): Promise<void> {
    this.polling = false;
    await this.loop;
  }

  /** The instance the last polls say is sending, and why (undefined when none is live). */
  sender(): { instance: Instance; reason: string } | undefined {
    const live = this.live;
    const leader = live.find((x) => x.leader === true);
    if (leader) return { instance: leader, reason: 'it reported ketenbot_delivery_leader 1' };
    const gauge = live.some((x) => x.leader !== undefined);
    const [top] = [...live].sort((a, b) => b.sends - a.sends);
    if (!top) return undefined;
    const sums = live.map((x) => `${x.label} ${x.sends}`).join(', ');
    return { instance: top, reason: `${gauge ? 'no instance reported leader 1 at the last poll; ' : 'no instance exposes ketenbot_delivery_leader; '}highest ketenbot_delivery_sends_total sum (${sums})` };
  }

  /** SIGKILL the sender's process group now (synchronous). */
  killSender(): { instance: Instance; reason: string } | undefined {
    const chosen = this.sender();
    if (!chosen) return undefined;
    chosen.instance.killedAt = Date.now();
    chosen.instance.server.kill('SIGKILL');
    return chosen;
  }

  kill(instance: Instance): void {
    instance.killedAt = Date.now();
    instance.server.kill('SIGKILL');
  }

  /** Reads /metrics of every live instance once more (for the report). */
  async refresh(): Promise<void> {
    await Promise.all(this.live.map((x) => this.poll(x)));
  }

  private add(port: number): Instance {
    const label = `server ${this.all.length + 1}`;
    const instance: Instance = { label, server: new ServerProcess(this.root, port, this.env(port, label)), sends: 0, metrics: '' };
    this.all.push(instance);
    return instance;
  }

  private async poll(x: Instance): Promise<void> {
    const answer = await x.server.get('/metrics');
    if (!answer || answer.status !== 200 || x.killedAt !== undefined) return;
    const now = Date.now();
    x.metrics = answer.text;
    x.polledAt = now;
    const m = parseMetrics(answer.text);
    if (m.leader !== x.leader && m.leader !== undefined) this.leaderChanges.push({ at: now, label: x.label, leader: m.leader });
    if (m.leader === undefined) delete x.leader;
    else x.leader = m.leader;
    if (m.leader && x.leaderFirstSeenAt === undefined) x.leaderFirstSeenAt = now;
    x.sends = m.sends;
  }
}

/** `ketenbot_delivery_leader` (absent: undefined) and the sum of `ketenbot_delivery_sends_total{…}`. */
export function parseMetrics(text: string): { leader?: boolean; sends: number } {
  let leader: boolean | undefined;
  let sends = 0;
  for (const line of text.split('\n')) {
    const m = /^(ketenbot_delivery_leader|ketenbot_delivery_sends_total)(\{[^}]*\})?\s+(\S+)/.exec(line.trim());
    if (!m) continue;
    const value = Number(m[3]);
    if (m[1] === 'ketenbot_delivery_leader') leader = (leader ?? false) || value === 1;
    else if (Number.isFinite(value)) sends += value;
  }
  return { ...(leader !== undefined ? { leader } : {}), sends };
}
