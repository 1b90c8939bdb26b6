import type { Request, Response, Server } from 'restify';
import { jsonBody } from '../http/json-body.ts';
import type { DirectLineStore, WireActivity } from './direct-line-store.ts';

/**
 * The bot-facing half of the local channel: the Bot Connector endpoints the bot's replies go to
 * (send, reply, update in place, delete), for local conversations only.
 */
export function registerConnectorRoutes(server: Server, store: DirectLineStore): void {
  const post = async (req: Request, res: Response) => {
    const conversation = store.get(req.params.conversationId);
    if (!conversation) return void res.send(404, { error: { code: 'ConversationNotFound', message: 'unknown local conversation' } });
    const activity = req.body as WireActivity | undefined;
    if (!activity || typeof activity.type !== 'string') return void res.send(400, { error: { code: 'BadArgument', message: 'activity.type is required' } });
    try {
      res.send(200, { id: store.append(conversation, { ...activity, from: activity.from ?? { id: 'ketenbot', role: 'bot' } }) });
    } catch (error) {
      res.send(409, { error: { code: 'Conflict', message: (error as Error).message } });
    }
  };
  server.post('/v3/conversations/:conversationId/activities', jsonBody(), post);
  server.post('/v3/conversations/:conversationId/activities/:activityId', jsonBody(), post);

  server.put('/v3/conversations/:conversationId/activities/:activityId', jsonBody(), async (req: Request, res: Response) => {
    const conversation = store.get(req.params.conversationId);
    const activity = req.body as WireActivity | undefined;
    if (!conversation || !activity) return void res.send(404, { error: { code: 'NotFound', message: 'unknown conversation or activity' } });
    if (!store.update(conversation, req.params.activityId, activity)) {
      return void res.send(404, { error: { code: 'ActivityNotFound', message: 'unknown activity' } });
    }
    res.send(200, { id: req.params.activityId });
  });

  server.del('/v3/conversations/:conversationId/activities/:activityId', async (req: Request, res: Response) => {
    const conversation = store.get(req.params.conversationId);
    if (!conversation || !store.update(conversation, req.params.activityId, { type: 'message', text: '', attachments: [] })) {
      return void res.send(404, { error: { code: 'NotFound', message: 'unknown conversation or activity' } });
    }
    res.send(200, {});
  });
}
