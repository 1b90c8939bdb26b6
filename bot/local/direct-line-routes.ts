import type { Activity } from 'botbuilder';
import type { Request, Response, Server } from 'restify';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import restify from 'restify';
import { jsonBody, MAX_BODY_BYTES } from '../http/json-body.ts';
import type { Logger } from '../logger.ts';
import type { DirectLineStore, WireActivity } from './direct-line-store.ts';

export const DIRECT_LINE_PATH = '/v3/directline';
export const LOCAL_FILES_PATH = '/local/files';
const USER_ID = /^[A-Za-z0-9_-]{1,64}$/;

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

  server.post('/local/session', jsonBody(), async (req: Request, res: Response) => {
    const requested = typeof req.body?.userId === 'string' ? req.body.userId : '';
    const userId = USER_ID.test(requested) ? requested : `u-${crypto.randomUUID()}`;
    const locale = typeof req.body?.locale === 'string' && /^[a-z]{2}(-[A-Za-z]{2})?$/.test(req.body.locale) ? req.body.locale : 'nl-NL';
    const conversation = store.create(userId, locale);
    res.send(200, { token: conversation.token, conversationId: conversation.id, userId });
  });

  server.post(`${DIRECT_LINE_PATH}/tokens/refresh`, async (req: Request, res: Response) => {
    const conversation = store.byToken(req.headers.authorization);
    if (!conversation) return void res.send(403, { error: { code: 'BadArgument', message: 'unknown token' } });
    res.send(200, { conversationId: conversation.id, token: conversation.token, expires_in: 3600 });
  });

  server.post(`${DIRECT_LINE_PATH}/conversations`, async (req: Request, res: Response) => {
    const conversation = store.byToken(req.headers.authorization);
    if (!conversation) return void res.send(403, { error: { code: 'BadArgument', message: 'a token from /local/session is required' } });
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
    if (conversation) res.send(200, store.since(conversation, Number(req.query?.watermark ?? 0)));
  });

  server.post(`${DIRECT_LINE_PATH}/conversations/:id/activities`, jsonBody(), async (req: Request, res: Response) => {
    const conversation = authorized(req, res);
    if (!conversation) return;
    const body = req.body as WireActivity | undefined;
    if (!body || typeof body !== 'object' || typeof body.type !== 'string') {
      return void res.send(400, { error: { code: 'BadArgument', message: 'an activity with a type is required' } });
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
  server.post(`${DIRECT_LINE_PATH}/conversations/:id/upload`, uploadBody(), async (req: Request, res: Response) => {
    const conversation = authorized(req, res);
    if (!conversation) return;
    const parts = Object.values((req.files ?? {}) as Record<string, UploadedPart | UploadedPart[]>).flat();
    const activityPart = parts.find((p) => p.type === 'application/vnd.microsoft.activity' || p.name === 'blob');
    let body: WireActivity = { type: 'message' };
    try {
      if (activityPart) body = JSON.parse(readFileSync(activityPart.path, 'utf8')) as WireActivity;
    } catch {
      return void res.send(400, { error: { code: 'BadArgument', message: 'the activity part is not JSON' } });
    }
    const attachments = parts.filter((p) => p !== activityPart).map((p) => {
      const id = store.addFile({ name: p.name ?? 'file', contentType: p.type ?? 'application/octet-stream', data: readFileSync(p.path) });
      return { name: p.name ?? 'file', contentType: p.type ?? 'application/octet-stream', contentUrl: `${bot.serviceUrl()}${LOCAL_FILES_PATH}/${id}` };
    });
    for (const p of parts) rmSync(p.path, { force: true });
    const activity = base(conversation.id, conversation.userId, bot.serviceUrl(), {
      type: 'message', ...(typeof body.text === 'string' ? { text: body.text } : {}), attachments, locale: typeof body.locale === 'string' ? body.locale : conversation.locale,
    });
    const id = store.append(conversation, activity as WireActivity);
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
      res.send(403, { error: { code: 'BadArgument', message: 'token does not match this conversation' } });
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

interface UploadedPart {
  path: string;
  name?: string;
  type?: string;
}

const uploadBody = () =>
  restify.plugins.bodyParser({ maxBodySize: MAX_BODY_BYTES, mapParams: false, mapFiles: false, multiples: true, uploadDir: tmpdir(), rejectUnknown: true });
