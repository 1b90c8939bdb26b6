import { startRecordingServer, type Answer, type RecordedCall, type RecordingServer } from './recording-server.ts';

/**
 * Fakes of the Slack Web API and the Bot Framework connector for the outbox tests. They answer
 * late, with headers (Retry-After), or never (a crash while the request was on the wire), and the
 * Slack fake keeps what each channel shows, so conversations.history answers with the messages it
 * received, metadata included.
 */

/** One request a fake received, with when (Date.now()) and what it answered. */
export type TimedCall = RecordedCall;
export type FakeAnswer = Answer;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** A message as a Slack channel shows it. */
export interface SlackMessage {
  channel: string;
  ts: string;
  text?: string;
  blocks?: unknown;
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
  /** Set for a reply in a thread. */
  thread_ts?: string;
  /** How often chat.update changed it. */
  updates: number;
}

/**
 * What the Slack fake does with a call instead of the normal answer:
 * - an answer (status, json, headers): that answer, nothing posted;
 * - { never: true, post: true }: Slack posted the message but the answer never comes back;
 * - { never: true }: the request is lost (nothing posted, no answer);
 * - undefined: the normal behaviour.
 */
export type SlackScript = (call: TimedCall) => (FakeAnswer & { post?: boolean }) | undefined;

export interface FakeSlackDelivery extends RecordingServer {
  /** Pass as SLACK_API_URL. */
  apiUrl: string;
  responseUrl(key: string): string;
  callsOf(method: string): TimedCall[];
  /** What the channel shows: every message posted there (top level and thread replies), oldest first. */
  messages(channel: string): SlackMessage[];
  /** Top-level messages of a channel carrying this outbox idempotency key in their metadata. */
  withKey(channel: string, key: string): SlackMessage[];
  /** A member deletes a message (chat.update of it then answers message_not_found). */
  deleteMessage(channel: string, ts: string): void;
  script: SlackScript | undefined;
  /** Every Web API answer waits this long (the message is posted when the request arrives). */
  delayMs: number;
  /** While set, chat.postMessage answers wait for it (the message is posted at once). */
  hold: Promise<void> | undefined;
}

let tsSequence = 0;

export async function startFakeSlackDelivery(options: { delayMs?: number; script?: SlackScript } = {}): Promise<FakeSlackDelivery> {
  const channels = new Map<string, SlackMessage[]>();
  const inChannel = (channel: string) => {
    let list = channels.get(channel);
    if (!list) channels.set(channel, (list = []));
    return list;
  };
  const post = (body: Record<string, any>): SlackMessage => {
    const message: SlackMessage = {
      channel: String(body.channel),
      ts: `${Math.floor(Date.now() / 1000)}.${String(++tsSequence).padStart(6, '0')}`,
      ...(body.text !== undefined ? { text: String(body.text) } : {}),
      ...(body.blocks !== undefined ? { blocks: body.blocks } : {}),
      ...(body.metadata && typeof body.metadata === 'object' ? { metadata: body.metadata } : {}),
      ...(body.thread_ts ? { thread_ts: String(body.thread_ts) } : {}),
      updates: 0,
    };
    inChannel(message.channel).push(message);
    return message;
  };

  const fake: FakeSlackDelivery = {
    ...(await startRecordingServer(async (call) => {
      if (call.path.startsWith('/response/')) return { json: { ok: true } };
      const method = call.path.startsWith('/api/') ? call.path.slice('/api/'.length) : undefined;
      const body = (call.body ?? {}) as Record<string, any>;
      const scripted = fake.script?.(call);
      if (scripted) {
        if (scripted.post && method === 'chat.postMessage') post(body);
        if (!scripted.never && fake.delayMs) await sleep(fake.delayMs);
        return scripted;
      }
      let answer: FakeAnswer;
      switch (method) {
        case 'auth.test':
          answer = { json: { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1' } };
          break;
        case 'users.info':
          answer = { json: { ok: true, user: { id: body.user, locale: 'nl-NL' } } };
          break;
        case 'chat.postMessage': {
          const message = post(body);
          if (fake.hold) await fake.hold;
          answer = { json: { ok: true, channel: message.channel, ts: message.ts, message: { ts: message.ts, text: message.text } } };
          break;
        }
        case 'chat.update': {
          const message = inChannel(String(body.channel)).find((m) => m.ts === String(body.ts));
          if (!message) {
            answer = { json: { ok: false, error: 'message_not_found' } };
            break;
          }
          if (body.blocks !== undefined) message.blocks = body.blocks;
          if (body.text !== undefined) message.text = String(body.text);
          message.updates++;
          answer = { json: { ok: true, channel: message.channel, ts: message.ts } };
          break;
        }
        case 'conversations.history': {
          const oldest = Number(body.oldest ?? 0);
          const withMetadata = String(body.include_all_metadata) === 'true';
          const messages = inChannel(String(body.channel))
            .filter((m) => !m.thread_ts && Number(m.ts) >= oldest)
            .reverse()
            .slice(0, Number(body.limit ?? 100))
            .map(({ ts, text, blocks, metadata }) => ({ type: 'message', ts, text, blocks, ...(withMetadata && metadata ? { metadata } : {}) }));
          answer = { json: { ok: true, messages, has_more: false } };
          break;
        }
        default:
          answer = { json: { ok: false, error: 'unknown_method' } };
      }
      if (fake.delayMs) await sleep(fake.delayMs);
      return answer;
    })),
    get apiUrl() {
      return `${fake.url}/api/`;
    },
    responseUrl: (key) => `${fake.url}/response/${key}`,
    callsOf: (method) => fake.calls.filter((c) => c.path === `/api/${method}`),
    messages: (channel) => [...inChannel(channel)],
    withKey: (channel, key) => inChannel(channel).filter((m) => !m.thread_ts && m.metadata?.event_payload?.key === key),
    deleteMessage: (channel, ts) => {
      const list = inChannel(channel);
      const index = list.findIndex((m) => m.ts === ts);
      if (index >= 0) list.splice(index, 1);
    },
    script: options.script,
    delayMs: options.delayMs ?? 0,
    hold: undefined,
  };
  return fake;
}

/**
 * The Bot Framework connector (a Teams serviceUrl): POST …/activities[/:replyToId] → { id: "activity-<n>" },
 * PUT …/activities/:id → { id }. `script` may answer a call differently (or never).
 */
export interface FakeTeamsConnector extends RecordingServer {
  script: ((call: TimedCall) => FakeAnswer | undefined) | undefined;
  /** The bot's POSTs into one conversation id (exactly, e.g. with ";messageid=…" for a thread). */
  postsTo(conversationId: string): TimedCall[];
  putsTo(conversationId: string): TimedCall[];
}

const ACTIVITIES = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/;

export async function startFakeTeamsConnector(): Promise<FakeTeamsConnector> {
  let sent = 0;
  const fake: FakeTeamsConnector = {
    ...(await startRecordingServer((call) => {
      const scripted = fake.script?.(call);
      if (scripted) return scripted;
      const match = ACTIVITIES.exec(call.path);
      if (match && call.method === 'POST') return { json: { id: `activity-${++sent}` } };
      if (match?.[2] && call.method === 'PUT') return { json: { id: match[2] } };
      return { status: 404, json: { error: { code: 'NotFound', message: `fake connector has no ${call.method} ${call.path}` } } };
    })),
    script: undefined,
    postsTo: (conversationId) => fake.calls.filter((c) => c.method === 'POST' && ACTIVITIES.exec(c.path)?.[1] === conversationId),
    putsTo: (conversationId) => fake.calls.filter((c) => c.method === 'PUT' && ACTIVITIES.exec(c.path)?.[1] === conversationId),
  };
  return fake;
}
