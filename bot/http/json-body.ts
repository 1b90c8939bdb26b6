import type { Next, Request, RequestHandler, Response } from 'restify';
import type { Logger } from '../logger.ts';
import { jsonTooDeep, MAX_JSON_DEPTH } from './json-depth.ts';
import { readLimitedBody } from './limited-body.ts';
import { refuse } from './refuse.ts';

export const MAX_BODY_BYTES = 1024 * 1024;

/** `application/json`, optionally with `charset=utf-8` (JSON is UTF-8); anything else is not JSON. */
export function isJsonContentType(header: string | undefined): boolean {
  if (!header) return false;
  const [type, ...params] = header.split(';').map((p) => p.trim().toLowerCase());
  if (type !== 'application/json') return false;
  return params.every((p) => p === '' || /^charset="?utf-8"?$/.test(p));
}

/**
 * JSON body parsing for one route (never server-wide: Slack needs the raw bytes for its signature).
 * Not `application/json` → 415 (so a web page cannot post a form here without a CORS preflight),
 * compressed → 415, over 1 MB → 413 before it is read, nested deeper than 64 levels or malformed →
 * 400. An empty body leaves `req.body` undefined for the route to judge.
 */
export function jsonBody(logger: Logger): RequestHandler {
  return (req: Request, res: Response, next: Next) => {
    const stop = (status: number, reason: string) => {
      refuse(req, res, logger, status, reason);
      next(false);
    };
    if (!isJsonContentType(req.headers['content-type'])) return stop(415, 'the body must be application/json');
    const encoding = req.headers['content-encoding'];
    if (encoding && encoding.toLowerCase() !== 'identity') return stop(415, 'compressed bodies are not accepted');
    void readLimitedBody(req, MAX_BODY_BYTES).then((body) => {
      if (body.kind === 'aborted') return next(false);
      if (body.kind === 'too-large') return stop(413, 'the body is larger than 1 MB');
      const text = body.data.toString('utf8');
      if (!text.trim()) {
        req.body = undefined;
        return next();
      }
      if (jsonTooDeep(text)) return stop(400, `JSON nested deeper than ${MAX_JSON_DEPTH} levels`);
      try {
        req.body = JSON.parse(text);
      } catch {
        return stop(400, 'malformed JSON');
      }
      next();
    });
  };
}
