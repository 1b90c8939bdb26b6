import type { Activity } from 'botbuilder';
import type { Request, Response, Server } from 'restify';
import { jsonBody, MAX_BODY_BYTES } from '../http/json-body.ts';
import { jsonTooDeep } from '../http/json-depth.ts';
import { readLimitedBody } from '../http/limited-body.ts';
import { refuse } from '../http/refuse.ts';
import type { Logger } from '../logger.ts';
import type { DirectLineStore, WireActivity } from './direct-line-store.ts';

export const DIRECT_LINE_PATH = '/v3/directline';
export const LOCAL_FILES_PATH = '/local/files';
const USER_ID = /^[A-Za-z0-9_-]{1,64}$/;
/** What Web Chat sends as the user (membership changes come from this server itself). */
const USER_ACTIVITY_TYPES: unknown[] = ['message', 'event', 'typing'];

export interface LocalBotDispatcher {
  /** Hands an activity to the bot (through the Bot Framework adapter), as a channel would. */
  dispatch(activity: Partial<Activity>): Promise<void>;
  /** Where the bot posts its replies: this server's own connector endpoints. */
  serviceUrl(): string;
}

/**
 * The Direct Line 3.0 subset Microsoft's Web Chat uses when polling: start a conversation, post
 * an activity, get activities after a watermark, refresh the token. Plus `/local/session`, which
 * hands the page a token bound to its user id.
 */
export function registerDirectLineRoutes(server: Server, store: DirectLineStore, bot: LocalBotDispatcher, logger: Logger): void {
  const send = (activity: Partial<Activity>) =>
    bot.dispatch(activity).catch((error) => logger.error({ err: error }, 'local web chat activity failed'));

  server.post('/local/session', jsonBody(logger), async (req: Request, res: Response) => {
    const requested = typeof req.body?.userId === 'string' ? req.body.userId : '';
    const userId = USER_ID.test(requested) ? requested : `u-${crypto.randomUUID()}`;
    const locale = typeof req.body?.locale === 'string' && /^[a-z]{2}(-[A-Za-z]{2})?$/.test(req.body.locale) ? req.body.locale : 'nl-NL';
    const conversation = store.create(userId, locale);
    res.send(200, { token: conversation.token, conversationId: conversation.id, userId });
  });

  server.post(`${DIRECT_LINE_PATH}/tokens/refresh`, async (req: Request, res: Response) => {
    const conversation = store.byToken(req.headers.authorization);
    if (!conversation) return refuse(req, res, logger, 403, 'unknown token', { error: { code: 'BadArgument', message: 'unknown token' } });
    res.send(200, { conversationId: conversation.id, token: conversation.token, expires_in: 3600 });
  });

  server.post(`${DIRECT_LINE_PATH}/conversations`, async (req: Request, res: Response) => {
    const conversation = store.byToken(req.headers.authorization);
    if (!conversation) return refuse(req, res, logger, 403, 'a token from /local/session is required', { error: { code: 'BadArgument', message: 'a token from /local/session is required' } });
    res.send(201, { conversationId: conversation.id, token: conversation.token, expires_in: 3600 });
    if (conversation.log.length === 0) {
      void send(base(conversation.id, conversation.userId, bot.serviceUrl(), {
        type: 'conversationUpdate',
        locale: conversation.locale,
        membersAdded: [{ id: conversation.userId, name: 'U' }],
      }));
    }
  });

  server.get(`${DIRECT_LINE_PATH}/conversations/:id`, async (req: Request, res: Response) => {
    const conversation = authorized(req, res);
    if (conversation) res.send(200, { conversationId: conversation.id, token: conversation.token, expires_in: 3600 });
  });

  server.get(`${DIRECT_LINE_PATH}/conversations/:id/activities`, async (req: Request, res: Response) => {
    const conversation = authorized(req, res);
    if (!conversation) return;
    const watermark = watermarkOf(req.query?.watermark, conversation.log.length);
    if (watermark === undefined) return refuse(req, res, logger, 400, 'watermark must be a whole number no greater than the last one given', { error: { code: 'BadArgument', message: 'watermark must be a whole number no greater than the last one given' } });
    res.send(200, store.since(conversation, watermark));
  });

  server.post(`${DIRECT_LINE_PATH}/conversations/:id/activities`, jsonBody(logger), async (req: Request, res: Response) => {
    const conversation = authorized(req, res);
    if (!conversation) return;
    const body = req.body as WireActivity | undefined;
    if (!body || typeof body !== 'object' || Array.isArray(body) || !USER_ACTIVITY_TYPES.includes(body.type)) {
      return refuse(req, res, logger, 400, 'an activity of type message, event or typing is required', { error: { code: 'BadArgument', message: 'an activity of type message, event or typing is required' } });
    }
    const activity = base(conversation.id, conversation.userId, bot.serviceUrl(), {
      type: body.type,
      ...(typeof body.text === 'string' ? { text: body.text } : {}),
      ...(body.value !== undefined ? { value: body.value } : {}),
      ...(typeof body.name === 'string' ? { name: body.name } : {}),
      locale: typeof body.locale === 'string' ? body.locale : conversation.locale,
      channelData: body.channelData,
    });
    let id: string;
    try {
      id = store.append(conversation, activity as WireActivity);
    } catch (error) {
      return void res.send(409, { error: { code: 'Conflict', message: (error as Error).message } });
    }
    res.send(200, { id });
    void send({ ...activity, id });
  });

  // Web Chat sends a message with files as multipart: an "activity" part and one part per file.
  // The token is checked before a byte is read, and at most 1 MB is ever held (no temporary files).
  server.post(`${DIRECT_LINE_PATH}/conversations/:id/upload`, async (req: Request, res: Response) => {
    const conversation = authorized(req, res);
    if (!conversation) return;
    const bad = (status: number, reason: string) => refuse(req, res, logger, status, reason, { error: { code: 'BadArgument', message: reason } });
    const contentType = req.headers['content-type'] ?? '';
    if (!/^multipart\/form-data\s*;.*boundary=/i.test(contentType)) return bad(415, 'an upload must be multipart/form-data');
    const read = await readLimitedBody(req, MAX_BODY_BYTES);
    if (read.kind === 'aborted') return;
    if (read.kind === 'too-large') return bad(413, 'an upload may be at most 1 MB');
    let parts: UploadedPart[];
    try {
      const form = await new Response(read.data, { headers: { 'content-type': contentType } }).formData();
      parts = [...form.values()].filter((v) => typeof v !== 'string') as unknown as UploadedPart[];
    } catch {
      return bad(400, 'the upload is not valid multipart/form-data');
    }
    const activityPart = parts.find((p) => p.type === 'application/vnd.microsoft.activity' || p.name === 'blob');
    let body: WireActivity = { type: 'message' };
    if (activityPart) {
      const text = await activityPart.text();
      if (jsonTooDeep(text)) return bad(400, 'the activity part is nested too deeply');
      try {
        body = JSON.parse(text) as WireActivity;
      } catch {
        return bad(400, 'the activity part is not JSON');
      }
      if (!body || typeof body !== 'object') return bad(400, 'the activity part is not a JSON object');
    }
    const attachments: Array<{ name: string; contentType: string; contentUrl: string }> = [];
    for (const p of parts.filter((part) => part !== activityPart)) {
      const name = p.name || 'file';
      const type = p.type || 'application/octet-stream';
      const id = store.addFile({ name, contentType: type, data: Buffer.from(await p.arrayBuffer()) });
      attachments.push({ name, contentType: type, contentUrl: `${bot.serviceUrl()}${LOCAL_FILES_PATH}/${id}` });
    }
    const activity = base(conversation.id, conversation.userId, bot.serviceUrl(), {
      type: 'message', ...(typeof body.text === 'string' ? { text: body.text } : {}), attachments, locale: typeof body.locale === 'string' ? body.locale : conversation.locale,
    });
    let id: string;
    try {
      id = store.append(conversation, activity as WireActivity);
    } catch (error) {
      return void res.send(409, { error: { code: 'Conflict', message: (error as Error).message } });
    }
    res.send(200, { id });
    void send({ ...activity, id });
  });

  server.get(`${LOCAL_FILES_PATH}/:fileId`, async (req: Request, res: Response) => {
    const file = store.file(req.params.fileId);
    if (!file) return void res.send(404, { error: 'unknown file' });
    res.writeHead(200, { 'content-type': file.contentType, 'content-length': file.data.length });
    res.end(file.data);
  });

  function authorized(req: Request, res: Response) {
    const conversation = store.byToken(req.headers.authorization);
    if (!conversation || conversation.id !== req.params.id) {
      refuse(req, res, logger, 403, 'token does not match this conversation', { error: { code: 'BadArgument', message: 'token does not match this conversation' } });
      return undefined;
    }
    return conversation;
  }
}

function base(conversationId: string, userId: string, serviceUrl: string, extra: Partial<Activity>): Partial<Activity> {
  return {
    channelId: 'webchat',
    serviceUrl,
    conversation: { id: conversationId, conversationType: 'personal', isGroup: false, name: 'local' },
    from: { id: userId, name: 'U', role: 'user' },
    recipient: { id: 'ketenbot', name: 'Ketenbot', role: 'bot' },
    timestamp: new Date(),
    ...extra,
  } as Partial<Activity>;
}

/** The Direct Line watermark: absent or empty is the start; otherwise digits, never past the end of the log. */
function watermarkOf(raw: unknown, length: number): number | undefined {
  if (raw === undefined || raw === '') return 0;
  if (typeof raw !== 'string' || !/^\d{1,9}$/.test(raw)) return undefined;
  const watermark = Number(raw);
  return watermark <= length ? watermark : undefined;
}

/** A file part of a parsed multipart body (the web File, as far as it is used here). */
interface UploadedPart {
  name: string;
  type: string;
  text(): Promise<string>;
  arrayBuffer(): Promise<ArrayBuffer>;
}
