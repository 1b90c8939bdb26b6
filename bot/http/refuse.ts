import type { Request, Response } from 'restify';
import type { Logger } from '../logger.ts';

/**
 * Answers a request the server will not handle (4xx) and logs it as one warn line: status, method,
 * path and the reason. Never the error object (no stack), never headers or the body.
 */
export function refuse(req: Request, res: Response, logger: Logger, status: number, reason: string, body: unknown = { error: reason }): void {
  logger.warn({ status, method: req.method, path: pathOf(req), reason: reason.slice(0, 200) }, 'request refused');
  if (status === 413) res.setHeader('connection', 'close');
  if (!res.headersSent) res.send(status, body);
}

export const pathOf = (req: { url?: string }): string => (req.url ?? '').split('?')[0]!.slice(0, 200);
