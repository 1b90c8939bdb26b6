import { createReadStream } from 'node:fs';
import restify, { type Request, type Response, type Server } from 'restify';
import type { TurnContext } from 'botbuilder';
import { jsonBody } from './http/json-body.ts';
import { pathOf, refuse } from './http/refuse.ts';
import type { DatabaseHealth } from '../storage/data-source.ts';
import type { Logger } from './logger.ts';
import { projectFile } from './project-files.ts';
import type { CheckedCloudAdapter } from './teams/cloud-adapter.ts';
import { activityEnvelopeProblem, activityProblem } from './teams/validate-activity.ts';

export interface ServerParts {
  logger: Logger;
  teams: { adapter: CheckedCloudAdapter; run: (context: TurnContext) => Promise<void>; authenticated: boolean };
  slack?: { handle(req: Request, res: Response): Promise<void> };
  /** Extra routes (the local web chat) registered on the same server. */
  registerExtraRoutes?(server: Server): void;
  homePage(): string;
  readiness(): Promise<DatabaseHealth>;
  /** Prometheus text for GET /metrics. */
  metrics(): string | Promise<string>;
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

/** The peer of a connection on this machine (IPv4, IPv6, or IPv4 mapped into IPv6). */
function isLoopbackAddress(address: string | undefined): boolean {
  return !!address && (address === '::1' || /^(?:::ffff:)?127\./.test(address));
}

/** restify's JSON answer, except that a server error says only that: no message or stack of the error. */
function jsonBodyOf(res: Response, body: unknown): string {
  const shown = body instanceof Error
    ? (res.statusCode ?? 500) >= 500 ? { error: 'internal error' } : ((body as { toJSON?: () => unknown }).toJSON?.() ?? { message: body.message })
    : body;
  const data = JSON.stringify(shown ?? null);
  res.setHeader('Content-Length', Buffer.byteLength(data));
  return data;
}

export function createServer(parts: ServerParts): Server {
  // restify's own log lines follow LOG_LEVEL and name only method and path (never headers: tokens).
  const httpLog = parts.logger.child({ component: 'http' }, { serializers: { req: (r: { method?: string; url?: string }) => ({ method: r.method, path: pathOf(r) }), res: () => undefined } });
  // No per-request domains (handleUncaughtExceptions): they cost a chat turn about a fifth of its time
  // (node:domain and the async hooks it turns on). Every handler is async, so what one throws
  // reaches restify as a rejected promise: logged (see 'restifyError' below) and answered 500 with
  // nothing of the error in it (jsonBodyOf), never a crash.
  const server = restify.createServer({
    name: 'ketenbot', handleUncaughtExceptions: false, ignoreTrailingSlash: true, log: httpLog as never,
    formatters: { 'application/json': (_req: Request, res: Response, body: unknown) => jsonBodyOf(res, body) },
  });
  server.use(restify.plugins.queryParser({ mapParams: false }));

  server.on('restifyError', (req: Request, _res: Response, error: Error & { statusCode?: number }, callback: () => void) => {
    const status = error.statusCode ?? 500;
    if (status >= 500) parts.logger.error({ err: error, path: pathOf(req) }, 'request failed');
    // Unknown paths and methods are everyday scanner noise; other refusals are one warn line, no stack.
    else if (status === 404 || status === 405) parts.logger.debug({ status, method: req.method, path: pathOf(req) }, 'request refused');
    else parts.logger.warn({ status, method: req.method, path: pathOf(req), reason: String(error.message).slice(0, 200) }, 'request refused');
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
    const body = await parts.metrics();
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

  server.post('/api/messages', jsonBody(parts.logger), async (req: Request, res: Response) => {
    const problem = activityEnvelopeProblem(req.body);
    if (problem) return refuse(req, res, parts.logger, 400, problem);
    // Unauthenticated mode is for local tools: only from this machine, and never making the bot call an arbitrary URL.
    if (!parts.teams.authenticated && (!isLoopbackAddress(req.socket.remoteAddress) || !isLoopbackUrl((req.body as { serviceUrl: string }).serviceUrl))) {
      return refuse(req, res, parts.logger, 401, 'MicrosoftAppId is not set, so only local (loopback) Bot Framework traffic is accepted');
    }
    const authorization = req.headers.authorization ?? '';
    let outcome;
    try {
      outcome = await parts.teams.adapter.handle(req.body as Record<string, unknown>, authorization, parts.teams.run, activityProblem);
    } catch (error) {
      parts.logger.error({ err: error }, 'Bot Framework request failed');
      if (!res.headersSent) res.send(500, { error: 'internal error' });
      return;
    }
    if (outcome.kind === 'invalid') return refuse(req, res, parts.logger, 400, outcome.reason);
    if (outcome.kind === 'unauthorized') {
      return refuse(req, res, parts.logger, 401, `Bot Framework credentials refused: ${outcome.reason}`, { error: 'missing or invalid Bot Framework credentials' });
    }
    if (outcome.kind === 'unverifiable') {
      parts.logger.warn({ status: 503, reason: outcome.reason }, 'Bot Framework signing keys could not be loaded; request not checked');
      return void res.send(503, { error: 'the Bot Framework signing keys could not be loaded; try again later' });
    }
    if (outcome.body === undefined) res.send(outcome.status);
    else res.send(outcome.status, outcome.body);
  });

  server.post('/slack/events', async (req: Request, res: Response) => {
    if (!parts.slack) return void res.send(503, { error: 'Slack is not configured: set SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN' });
    await parts.slack.handle(req, res);
  });

  // Web Chat's browser bundle, vendored (bot/local/vendor/README.md): the npm package is 160 MB for this one file.
  const webchatBundle = projectFile('bot', 'local', 'vendor', 'webchat.js');
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
