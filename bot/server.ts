import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createReadStream } from 'node:fs';
import restify, { type Request, type Response, type Server } from 'restify';
import type { CloudAdapter, TurnContext } from 'botbuilder';
import { jsonBody } from './http/json-body.ts';
import type { DatabaseHealth } from '../storage/data-source.ts';
import type { Logger } from './logger.ts';
import { activityProblem } from './teams/validate-activity.ts';

export interface ServerParts {
  logger: Logger;
  teams: { adapter: CloudAdapter; run: (context: TurnContext) => Promise<void>; authenticated: boolean };
  slack?: { handle(req: Request, res: Response): Promise<void> };
  /** Extra routes (the local web chat) registered on the same server. */
  registerExtraRoutes?(server: Server): void;
  homePage(): string;
  readiness(): Promise<DatabaseHealth>;
  /** Prometheus text for GET /metrics. */
  metrics(): string;
  /** A stored report chart by its token (GET /reports/chart/<token>.png). */
  reportImage?(token: string): Promise<Buffer | undefined>;
}

/**
 * One restify server for everything: Bot Framework on /api/messages, Slack on /slack/events,
 * health and readiness, and the local web chat. No route handler can take the process down.
 */
function isLoopbackUrl(url: string): boolean {
  try {
    return ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(url).hostname);
  } catch {
    return false;
  }
}

export function createServer(parts: ServerParts): Server {
  const server = restify.createServer({ name: 'ketenbot', handleUncaughtExceptions: true, ignoreTrailingSlash: true });
  server.use(restify.plugins.queryParser({ mapParams: false }));

  server.on('uncaughtException', (req: Request, res: Response, _route: unknown, error: Error) => {
    parts.logger.error({ err: error, url: req.url }, 'request handler crashed');
    if (!res.headersSent) res.send(500, { error: 'internal error' });
  });
  server.on('restifyError', (req: Request, _res: Response, error: Error & { statusCode?: number }, callback: () => void) => {
    if ((error.statusCode ?? 500) >= 500) parts.logger.error({ err: error, url: req.url }, 'request failed');
    else parts.logger.debug({ url: req.url, status: error.statusCode, reason: error.message }, 'request refused');
    callback();
  });

  server.get('/healthz', async (_req: Request, res: Response) => {
    res.send(200, { status: 'ok' });
  });

  server.get('/readyz', async (_req: Request, res: Response) => {
    const health = await parts.readiness();
    res.send(health.ok ? 200 : 503, health.ok ? { status: 'ready' } : { status: 'not ready', reason: health.reason });
  });

  server.get('/metrics', async (_req: Request, res: Response) => {
    const body = parts.metrics();
    res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });

  // Report charts: the unguessable token is the only key; unknown tokens look like any missing page.
  server.get('/reports/chart/:file', async (req: Request, res: Response) => {
    const file = String(req.params.file ?? '');
    const png = file.endsWith('.png') && parts.reportImage ? await parts.reportImage(file.slice(0, -4)).catch(() => undefined) : undefined;
    if (!png) {
      res.send(404, { error: 'not found' });
      return;
    }
    res.writeHead(200, { 'content-type': 'image/png', 'content-length': png.length, 'cache-control': 'private, max-age=86400' });
    res.end(png);
  });

  server.post('/api/messages', jsonBody(), async (req: Request, res: Response) => {
    const problem = activityProblem(req.body);
    if (problem) return void res.send(400, { error: problem });
    // Unauthenticated mode is for local tools: never let an outsider make the bot call an arbitrary URL.
    if (!parts.teams.authenticated && !isLoopbackUrl((req.body as { serviceUrl: string }).serviceUrl)) {
      return void res.send(401, { error: 'MicrosoftAppId is not set, so only local (loopback) Bot Framework traffic is accepted' });
    }
    try {
      await parts.teams.adapter.process(req as never, res as never, parts.teams.run);
    } catch (error) {
      parts.logger.error({ err: error }, 'Bot Framework request failed');
      if (!res.headersSent) res.send(500, { error: 'internal error' });
    }
  });

  server.post('/slack/events', async (req: Request, res: Response) => {
    if (!parts.slack) return void res.send(503, { error: 'Slack is not configured: set SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN' });
    await parts.slack.handle(req, res);
  });

  // The package exports no subpath for its browser bundle; find it next to the CommonJS entry (lib/).
  const webchatBundle = join(dirname(createRequire(import.meta.url).resolve('botframework-webchat')), '..', 'dist', 'webchat.js');
  server.get('/webchat/webchat.js', async (_req: Request, res: Response) => {
    res.writeHead(200, { 'content-type': 'application/javascript; charset=utf-8', 'cache-control': 'public, max-age=86400' });
    createReadStream(webchatBundle).pipe(res);
  });

  server.get('/', async (_req: Request, res: Response) => {
    const html = parts.homePage();
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(html) });
    res.end(html);
  });

  parts.registerExtraRoutes?.(server);
  return server;
}
