import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_RATES, fate, type Fate, type Rates } from './failure-plan.ts';

/**
 * Local stand-ins for the Teams Bot Connector and the Slack Web API that enforce the platforms'
 * published limits and inject seeded failures. They are written independently of the product's
 * RateLimiter: they judge what arrives, by arrival time, as the real services do.
 *
 * Accounting (the bound in fanout.bench.ts relies on it):
 * - A request over a limit gets 429 with Retry-After (whole seconds until the window has room,
 *   at least 1) and does NOT count towards any window.
 * - Every other request is admitted and counts towards its windows; then the failure plan decides
 *   whether it is accepted, or answered 429 `Retry-After: 1` (5%) or 500 (1%). Injected failures
 *   use up quota like a real processed request would.
 */

export const TEAMS_LIMITS = { perConversation: [{ count: 7, ms: 1000 }, { count: 8, ms: 2000 }, { count: 60, ms: 30_000 }], perApp: [{ count: 50, ms: 1000 }] };
export const SLACK_LIMITS = { perChannel: [{ count: 1, ms: 1000 }] };
interface Window { count: number; ms: number }

/** Sliding windows over admitted request times. */
class Windows {
  private readonly times = new Map<string, number[]>();
  constructor(private readonly limits: Window[]) {}

  /** 0 when a request may be admitted now, else ms until it may. */
  waitMs(key: string, now: number): number {
    const times = this.times.get(key) ?? [];
    let wait = 0;
    for (const { count, ms } of this.limits) {
      const inWindow = times.filter((t) => t > now - ms);
      if (inWindow.length >= count) wait = Math.max(wait, inWindow[inWindow.length - count]! + ms - now);
    }
    return wait;
  }

  record(key: string, now: number): void {
    const longest = Math.max(...this.limits.map((l) => l.ms));
    const times = this.times.get(key) ?? [];
    while (times.length && times[0]! <= now - longest) times.shift();
    times.push(now);
    this.times.set(key, times);
  }
}

export type Outcome = 'accepted' | 'limit-429' | 'injected-429' | 'injected-500';

export interface RequestEvent {
  at: number;
  platform: 'teams' | 'slack';
  channel: string;
  outcome: Outcome;
  limit?: 'app' | 'channel'; // which limit was hit (limit-429)
  retryAfter?: number;
  from?: string; // the sending server (FakeOptions.whoIs), when known
}

export interface Accepted {
  at: number;
  platform: 'teams' | 'slack';
  channel: string;
  messageId: string;
  key?: string; // Slack: the idempotency key from the message metadata
  path?: string; // Teams: the Bot Framework call used (sendToConversation or replyToActivity)
  card?: boolean; // Teams: the activity carried an Adaptive Card
  text?: string; // Teams: the text of an activity without a card
  /** Marked as a possible repeat by the product: Teams, a card element `"id": "possibly-repeated"`;
   *  Slack, `metadata.event_payload.possibly_repeated === true`. */
  marked: boolean;
  from?: string; // as RequestEvent.from
}

export interface FakeOptions {
  seed: number;
  rates?: Rates;
  /** Called synchronously when a message is accepted, before the answer is written. */
  onAccepted?(accepted: Accepted): void;
  /** Which server sent the request, when the request tells (Slack: the API URL's `/from/<label>/` prefix). */
  whoIs?(req: http.IncomingMessage): string | undefined;
}

export class FakePlatforms {
  readonly events: RequestEvent[] = [];
  readonly accepted: Accepted[] = [];
  /** Accepted notice messages per channel (Teams: with the Adaptive Card; Slack: with the delivery metadata). */
  readonly perChannel = new Map<string, number>();
  /** Accepted messages that are not the notice (e.g. an error text the bot posts into the channel). */
  readonly otherMessages: Accepted[] = [];
  readonly otherCalls = new Map<string, number>();
  private readonly admitted = new Map<string, number>();
  private readonly teamsConversation = new Windows(TEAMS_LIMITS.perConversation);
  private readonly teamsApp = new Windows(TEAMS_LIMITS.perApp);
  private readonly slackChannel = new Windows(SLACK_LIMITS.perChannel);
  private readonly slackMessages = new Map<string, Array<{ ts: string; text: string; metadata?: unknown }>>();
  private counter = 0;
  private teamsServer?: http.Server;
  private slackServer?: http.Server;
  teamsUrl = '';
  slackUrl = '';

  constructor(private readonly o: FakeOptions) {}

  async start(): Promise<void> {
    this.teamsServer = await listen((req, res, body) => this.tagged(req, () => this.teams(req, res, body)));
    this.slackServer = await listen((req, res, body) => this.tagged(req, () => this.slack(req, res, body)));
    this.teamsUrl = `http://127.0.0.1:${(this.teamsServer.address() as AddressInfo).port}/teams/`;
    this.slackUrl = `http://127.0.0.1:${(this.slackServer.address() as AddressInfo).port}/api/`;
  }

  async close(): Promise<void> {
    for (const server of [this.teamsServer, this.slackServer]) {
      if (!server) continue;
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }

  /** Tags the events and acceptances one (synchronous) request adds with its sender. */
  private tagged(req: http.IncomingMessage, handle: () => void): void {
    const from = this.o.whoIs?.(req);
    const [events, accepted] = [this.events.length, this.accepted.length];
    handle();
    if (from === undefined) return;
    for (let i = events; i < this.events.length; i++) this.events[i]!.from = from;
    for (let i = accepted; i < this.accepted.length; i++) this.accepted[i]!.from = from;
  }

  /** Channels whose message was accepted at least once. */
  get deliveredChannels(): number {
    return this.perChannel.size;
  }

  /** The failure plan's fate for the next admitted request of this channel. */
  private admit(platform: 'teams' | 'slack', channel: string): Fate {
    const key = `${platform}:${channel}`;
    const n = this.admitted.get(key) ?? 0;
    this.admitted.set(key, n + 1);
    return fate(this.o.seed, platform, channel, n, this.o.rates ?? DEFAULT_RATES);
  }

  private accept(a: Accepted): void {
    const key = `${a.platform}:${a.channel}`;
    if (a.platform === 'teams' ? a.card : a.key) this.perChannel.set(key, (this.perChannel.get(key) ?? 0) + 1);
    else this.otherMessages.push(a);
    this.accepted.push(a);
    this.events.push({ at: a.at, platform: a.platform, channel: a.channel, outcome: 'accepted' });
    this.o.onAccepted?.(a);
  }

  // --- Teams: POST /teams/v3/conversations/:id/activities[/:replyToId] ---------------------------

  private teams(req: http.IncomingMessage, res: http.ServerResponse, body: string): void {
    const now = Date.now();
    const match = /^\/teams\/v3\/conversations\/([^/]+)\/activities(?:\/([^/?]+))?\/?(?:\?.*)?$/.exec(req.url ?? '');
    if (req.method !== 'POST' || !match) {
      this.count(`teams ${req.method} ${req.url}`);
      return send(res, 404, { error: { code: 'NotFound', message: `no route ${req.method} ${req.url}` } });
    }
    // A reply in a channel thread addresses "<channel>;messageid=<id>"; the channel is the part before.
    const channel = decodeURIComponent(match[1]!).split(';messageid=')[0]!;
    const appWait = this.teamsApp.waitMs('app', now);
    const channelWait = this.teamsConversation.waitMs(channel, now);
    if (appWait > 0 || channelWait > 0) {
      const retryAfter = Math.max(1, Math.ceil(Math.max(appWait, channelWait) / 1000));
      this.events.push({ at: now, platform: 'teams', channel, outcome: 'limit-429', limit: appWait >= channelWait ? 'app' : 'channel', retryAfter });
      return send(res, 429, { error: { code: 'Throttled', message: 'too many requests' } }, { 'retry-after': String(retryAfter) });
    }
    this.teamsApp.record('app', now);
    this.teamsConversation.record(channel, now);
    const f = this.admit('teams', channel);
    if (f === '429') {
      this.events.push({ at: now, platform: 'teams', channel, outcome: 'injected-429', retryAfter: 1 });
      return send(res, 429, { error: { code: 'Throttled', message: 'injected throttle' } }, { 'retry-after': '1' });
    }
    if (f === '500') {
      this.events.push({ at: now, platform: 'teams', channel, outcome: 'injected-500' });
      return send(res, 500, { error: { code: 'ServiceError', message: 'injected failure' } });
    }
    const activity = safeJson(body) as { text?: string; attachments?: Array<{ contentType?: string; content?: unknown }> } | undefined;
    const cards = (activity?.attachments ?? []).filter((a) => a.contentType === 'application/vnd.microsoft.card.adaptive');
    const card = cards.length > 0;
    const marked = cards.some((a) => hasElementId(a.content, 'possibly-repeated'));
    const id = `1:bench-activity-${++this.counter}`;
    this.accept({ at: now, platform: 'teams', channel, messageId: id, card, marked, ...(!card && activity?.text ? { text: activity.text } : {}), path: match[2] ? 'replyToActivity' : 'sendToConversation' });
    send(res, 200, { id });
  }

  // --- Slack Web API: POST /api/<method> ------------------------------------------------------------

  private slack(req: http.IncomingMessage, res: http.ServerResponse, body: string): void {
    const now = Date.now();
    const method = (req.url ?? '').replace(/^(\/from\/[^/]+)?\/api\//, '').split('?')[0]!;
    const args = parseArgs(req.headers['content-type'] ?? '', body, req.url ?? '');
    switch (method) {
      case 'chat.postMessage':
        return this.postMessage(res, args, now);
      case 'conversations.history': {
        this.count('slack conversations.history');
        const channel = String(args.channel ?? '');
        const oldest = Number(args.oldest ?? 0);
        const latest = args.latest !== undefined ? Number(args.latest) : Infinity;
        const limit = Number(args.limit ?? 100);
        const withMetadata = args.include_all_metadata === true || args.include_all_metadata === 'true';
        const messages = (this.slackMessages.get(channel) ?? [])
          .filter((m) => Number(m.ts) > oldest && Number(m.ts) < latest)
          .reverse() // newest first, as Slack answers
          .slice(0, limit)
          .map((m) => ({ type: 'message', user: 'UBENCHBOT', bot_id: 'BBENCH', ts: m.ts, text: m.text, ...(withMetadata && m.metadata ? { metadata: m.metadata } : {}) }));
        return send(res, 200, { ok: true, messages, has_more: false, pin_count: 0 });
      }
      case 'auth.test':
        this.count('slack auth.test');
        return send(res, 200, { ok: true, url: 'https://bench.slack.com/', team: 'Bench', user: 'ketenbot', team_id: 'TBENCH', user_id: 'UBENCHBOT', bot_id: 'BBENCH' });
      case 'users.info':
        this.count('slack users.info');
        return send(res, 200, { ok: true, user: { id: String(args.user ?? 'U0'), name: 'bench', real_name: 'Bench User', locale: 'nl-NL', tz: 'Europe/Amsterdam' } });
      default:
        this.count(`slack ${method}`);
        return send(res, 200, { ok: false, error: 'unknown_method' });
    }
  }

  private postMessage(res: http.ServerResponse, args: Record<string, unknown>, now: number): void {
    const channel = String(args.channel ?? '');
    if (!channel) return send(res, 200, { ok: false, error: 'channel_not_found' });
    const wait = this.slackChannel.waitMs(channel, now);
    if (wait > 0) {
      const retryAfter = Math.max(1, Math.ceil(wait / 1000));
      this.events.push({ at: now, platform: 'slack', channel, outcome: 'limit-429', limit: 'channel', retryAfter });
      return send(res, 429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(retryAfter) });
    }
    this.slackChannel.record(channel, now);
    const f = this.admit('slack', channel);
    if (f === '429') {
      this.events.push({ at: now, platform: 'slack', channel, outcome: 'injected-429', retryAfter: 1 });
      return send(res, 429, { ok: false, error: 'ratelimited' }, { 'retry-after': '1' });
    }
    if (f === '500') {
      this.events.push({ at: now, platform: 'slack', channel, outcome: 'injected-500' });
      return send(res, 500, { ok: false, error: 'internal_error' });
    }
    const metadata = typeof args.metadata === 'string' ? safeJson(args.metadata) : args.metadata;
    const ts = `${Math.floor(now / 1000)}.${String(++this.counter % 1_000_000).padStart(6, '0')}`;
    const text = String(args.text ?? '');
    const list = this.slackMessages.get(channel) ?? [];
    list.push({ ts, text, ...(metadata ? { metadata } : {}) });
    this.slackMessages.set(channel, list);
    const payload = (metadata as { event_payload?: { key?: string; possibly_repeated?: unknown } } | undefined)?.event_payload;
    const key = payload?.key;
    this.accept({ at: now, platform: 'slack', channel, messageId: ts, marked: payload?.possibly_repeated === true, ...(key ? { key } : {}) });
    send(res, 200, { ok: true, channel, ts, message: { type: 'message', ts, text, bot_id: 'BBENCH', user: 'UBENCHBOT' } });
  }

  private count(name: string): void {
    this.otherCalls.set(name, (this.otherCalls.get(name) ?? 0) + 1);
  }
}

function listen(handler: (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handler(req, res, Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => undefined);
    res.on('error', () => undefined);
  });
  server.keepAliveTimeout = 30_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

function send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.destroyed || res.writableEnded) return;
  const text = JSON.stringify(body);
  try {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
    res.end(text);
  } catch { /* the client is gone (killed) */ }
}

function parseArgs(contentType: string, body: string, url: string): Record<string, unknown> {
  const query = Object.fromEntries(new URL(url, 'http://x').searchParams);
  if (contentType.includes('application/json')) return { ...query, ...(safeJson(body) as Record<string, unknown> | undefined ?? {}) };
  return { ...query, ...Object.fromEntries(new URLSearchParams(body)) };
}

/** Whether a card (any depth: body, containers, columns, actions) holds an element with this id. */
function hasElementId(node: unknown, id: string): boolean {
  if (Array.isArray(node)) return node.some((n) => hasElementId(n, id));
  if (!node || typeof node !== 'object') return false;
  if ((node as { id?: unknown }).id === id) return true;
  return Object.values(node).some((v) => hasElementId(v, id));
}

function safeJson(text: string): unknown {
  try { return JSON.parse(text); } catch { return undefined; }
}
