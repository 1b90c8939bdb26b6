import { createHash, timingSafeEqual } from 'node:crypto';
import type { Next, Request, Response, Server } from 'restify';
import { jsonBody } from '../http/json-body.ts';
import { refuse } from '../http/refuse.ts';
import type { Logger } from '../logger.ts';
import type { DirectLineStore, WireActivity } from './direct-line-store.ts';

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * The bot-facing half of the local channel: the Bot Connector endpoints the bot's replies go to
 * (send, reply, update in place, delete), for local conversations only. Only the bot itself may
 * call them: every call must carry the connector token made at start (the local adapter and the
 * local proactive sender sign with it; the page never sees it), or anyone could post "bot" messages.
 */
export function registerConnectorRoutes(server: Server, store: DirectLineStore, connectorToken: string, logger: Logger): void {
  const expected = digest(`Bearer ${connectorToken}`);
  const botOnly = (req: Request, res: Response, next: Next) => {
    const given = req.headers.authorization;
    if (typeof given === 'string' && timingSafeEqual(digest(given), expected)) return next();
    refuse(req, res, logger, 401, 'the local connector accepts only the bot itself', { error: { code: 'Unauthorized', message: 'the local connector accepts only the bot itself' } });
    next(false);
  };

  const post = async (req: Request, res: Response) => {
    const conversation = store.get(req.params.conversationId);
    if (!conversation) return void res.send(404, { error: { code: 'ConversationNotFound', message: 'unknown local conversation' } });
    const activity = req.body as WireActivity | undefined;
    if (!isObject(activity) || typeof activity.type !== 'string') return void res.send(400, { error: { code: 'BadArgument', message: 'activity.type is required' } });
    try {
      res.send(200, { id: store.append(conversation, { ...activity, from: activity.from ?? { id: 'ketenbot', role: 'bot' } }) });
    } catch (error) {
      res.send(409, { error: { code: 'Conflict', message: (error as Error).message } });
    }
  };
  server.post('/v3/conversations/:conversationId/activities', botOnly, jsonBody(logger), post);
  server.post('/v3/conversations/:conversationId/activities/:activityId', botOnly, jsonBody(logger), post);

  server.put('/v3/conversations/:conversationId/activities/:activityId', botOnly, jsonBody(logger), async (req: Request, res: Response) => {
    const conversation = store.get(req.params.conversationId);
    const activity = req.body as WireActivity | undefined;
    if (!conversation) return void res.send(404, { error: { code: 'NotFound', message: 'unknown local conversation' } });
    if (!isObject(activity)) return void res.send(400, { error: { code: 'BadArgument', message: 'an activity object is required' } });
    try {
      if (!store.update(conversation, req.params.activityId, activity)) {
        return void res.send(404, { error: { code: 'ActivityNotFound', message: 'unknown activity' } });
      }
    } catch (error) {
      return void res.send(409, { error: { code: 'Conflict', message: (error as Error).message } });
    }
    res.send(200, { id: req.params.activityId });
  });

  server.del('/v3/conversations/:conversationId/activities/:activityId', botOnly, async (req: Request, res: Response) => {
    const conversation = store.get(req.params.conversationId);
    try {
      if (!conversation || !store.update(conversation, req.params.activityId, { type: 'message', text: '', attachments: [] })) {
        return void res.send(404, { error: { code: 'NotFound', message: 'unknown conversation or activity' } });
      }
    } catch (error) {
      return void res.send(409, { error: { code: 'Conflict', message: (error as Error).message } });
    }
    res.send(200, {});
  });
}

const isObject = (v: unknown): v is WireActivity => typeof v === 'object' && v !== null && !Array.isArray(v);
