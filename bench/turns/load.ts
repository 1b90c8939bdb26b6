/**
 * Load for `npm run bench:turns`: N connections, each posting one Bot Framework activity (as Teams
 * sends it) to /api/messages and waiting for the first reply at the connector fake before the next.
 * Latency is send → first reply arrival. Scenarios: `kb` and `help` send a message in a new
 * conversation each time; `tree` clicks "Verder" (Action.Submit, the choice merged into its value
 * as Teams does) on the first question of a decision tree started beforehand in that conversation
 * (`prepareTree`, outside the timed part).
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import type { Connector, Reply } from './connector.ts';

export type Scenario = 'kb' | 'tree' | 'help';
export const SCENARIO_TEXT: Record<Scenario, string> = { kb: 'wachtwoord vergeten', tree: 'ik heb een probleem', help: 'help' };

export function activity(serviceUrl: string, user: string, conversation: string, extra: Record<string, unknown>): Record<string, unknown> {
  return {
    type: 'message', id: randomUUID(), timestamp: new Date().toISOString(), channelId: 'msteams', serviceUrl, locale: 'nl-NL',
    from: { id: `29:${user}`, name: 'Bench', aadObjectId: user }, recipient: { id: '28:ketenbot', name: 'Ketenbot' },
    conversation: { id: conversation, conversationType: 'personal', tenantId: 'tenant-bench' }, channelData: { tenant: { id: 'tenant-bench' } },
    ...extra,
  };
}

export class Poster {
  private readonly agent: http.Agent;
  constructor(private readonly url: string, connections: number) { this.agent = new http.Agent({ keepAlive: true, maxSockets: connections + 4 }); }
  post(body: Record<string, unknown>): Promise<number> {
    const data = JSON.stringify(body);
    return new Promise<number>((resolve) => {
      const req = http.request(`${this.url}/api/messages`, { method: 'POST', agent: this.agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) } },
        (res) => { res.resume(); res.on('end', () => resolve(res.statusCode ?? 0)); });
      req.on('error', () => resolve(0));
      req.end(data);
    });
  }
  close(): void { this.agent.destroy(); }
}

/** Sends one activity and waits for its first reply; returns the reply and latency (ms). */
export async function turn(poster: Poster, connector: Connector, body: any): Promise<{ ms: number; status: number; reply?: Reply }> {
  const replied = connector.next(body.conversation.id);
  const t0 = performance.now();
  const status = await poster.post(body);
  if (status !== 200 && status !== 201 && status !== 202) { replied.catch(() => undefined); return { ms: NaN, status, reply: undefined }; }
  const reply = await replied;
  return { ms: reply.at - t0, status, reply };
}

/** A tree started in its own conversation, ready for a click: the activity that clicks it. */
export type PreparedClick = Record<string, unknown>;

/** The Action.Submit "tree.choose" value Teams sends for the card's first choice (inputs merged into data). */
export function chooseValue(card: any, pick: (choices: any[]) => any = (c) => c[0]): Record<string, unknown> | undefined {
  const sets: any[] = [];
  const walk = (n: any): void => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (!n || typeof n !== 'object') return;
    if (n.type === 'Input.ChoiceSet') sets.push(n);
    Object.values(n).forEach(walk);
  };
  walk(card?.body);
  const submit = (card?.actions ?? []).find((a: any) => a.type === 'Action.Submit' && a.data?.action === 'tree.choose');
  if (!sets.length || !submit) return undefined;
  return { ...submit.data, [sets[0].id]: pick(sets[0].choices).value };
}

export const cardOf = (reply: any) => reply?.attachments?.find((a: any) => a.contentType === 'application/vnd.microsoft.card.adaptive')?.content;

/**
 * Starts a tree in a new conversation of `user` and answers the organisation question if asked
 * (the organisation is remembered per user, so that happens once per user); returns the click on
 * the tree's first question, or throws with what came back.
 */
export async function prepareTree(poster: Poster, connector: Connector, user: string, rootNode: string): Promise<PreparedClick> {
  const conversation = `a:bench-tree-${randomUUID()}`;
  let { reply, status } = await turn(poster, connector, activity(connector.serviceUrl, user, conversation, { text: SCENARIO_TEXT.tree }));
  const replyToId = reply?.id;
  for (let step = 0; step < 3; step++) {
    const value = chooseValue(cardOf(reply?.activity));
    if (!value) throw new Error(`no tree card in the reply (HTTP ${status}): ${String(JSON.stringify(reply?.activity)).slice(0, 400)}`);
    const click = activity(connector.serviceUrl, user, conversation, { value, replyToId });
    if (value.node === rootNode) return click;
    ({ reply, status } = await turn(poster, connector, click));
  }
  throw new Error(`tree never reached its first question (${rootNode})`);
}

export interface Measured { turns: number; errors: number; seconds: number; latencies: number[] }

/**
 * Runs `connections` loops for `seconds` (or until `next` runs dry): each takes an activity from
 * `next`, sends it, waits for the reply. Turns/s = answered turns / wall time of the run.
 */
export async function measure(poster: Poster, connector: Connector, connections: number, seconds: number, next: () => any | undefined): Promise<Measured> {
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(Array.from({ length: connections }, async () => {
    while (performance.now() < deadline) {
      const body = next();
      if (!body) return;
      try {
        const { ms } = await turn(poster, connector, body);
        if (Number.isNaN(ms)) errors++; else latencies.push(ms);
      } catch {
        errors++;
      }
    }
  }));
  return { turns: latencies.length, errors, seconds: (performance.now() - started) / 1000, latencies };
}
