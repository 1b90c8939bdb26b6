/**
 * The connector fake for `npm run bench:turns`: stands in for the Bot Framework connector at the
 * activity's serviceUrl. Accepts what a bot posts (POST /v3/conversations/:id/activities and
 * .../activities/:replyToId) and card updates in place (PUT .../activities/:activityId), answers
 * { id }, and hands the first reply to a conversation after a send to whoever waits for it, with
 * its arrival time (performance.now()). Typing indicators are not replies and are ignored.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';

export interface Reply { at: number; method: string; id: string; activity: any }

export interface Connector {
  /** The serviceUrl to put in activities (ends in a slash). */
  serviceUrl: string;
  /** Resolves with the next reply to `conversationId` (arm it before sending); rejects after timeoutMs. */
  next(conversationId: string, timeoutMs?: number): Promise<Reply>;
  /** Replies that arrived with nobody waiting (late or extra replies), and requests of other shapes. */
  stray: { replies: number; other: number };
  close(): Promise<void>;
}

const ACTIVITIES = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/;

export async function startConnector(): Promise<Connector> {
  const waiting = new Map<string, (reply: Reply) => void>();
  const stray = { replies: 0, other: 0 };
  let ids = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const at = performance.now();
      const match = ACTIVITIES.exec((req.url ?? '').split('?')[0]!);
      res.setHeader('content-type', 'application/json');
      if (!match || (req.method !== 'POST' && req.method !== 'PUT')) {
        stray.other++;
        res.statusCode = 404;
        res.end('{"error":{"code":"NotFound"}}');
        return;
      }
      const id = req.method === 'PUT' ? decodeURIComponent(match[2] ?? '') : `activity-${++ids}`;
      res.end(JSON.stringify({ id }));
      let activity: any;
      try { activity = JSON.parse(Buffer.concat(chunks).toString('utf8')); } catch { activity = undefined; }
      if (activity?.type === 'typing') return;
      const conversation = decodeURIComponent(match[1]!);
      const resolve = waiting.get(conversation);
      if (!resolve) { stray.replies++; return; }
      waiting.delete(conversation);
      resolve({ at, method: req.method, id, activity });
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    serviceUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    stray,
    next: (conversationId, timeoutMs = 30_000) => new Promise<Reply>((resolve, reject) => {
      const timer = setTimeout(() => { waiting.delete(conversationId); reject(new Error(`no reply to ${conversationId} within ${timeoutMs} ms`)); }, timeoutMs);
      waiting.set(conversationId, (reply) => { clearTimeout(timer); resolve(reply); });
    }),
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
