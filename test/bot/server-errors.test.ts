import type { AddressInfo } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { createLogger } from '../../bot/logger.ts';
import { createServer } from '../../bot/server.ts';
import { httpRequest } from '../support/http-request.ts';

/**
 * Without restify's per-request domains (they cost a chat turn about a fifth of its time), a handler
 * that throws is still answered, with a 500 that says nothing of the error, and the server goes on.
 */
let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

it('a handler that throws: 500 {"error":"internal error"} without its message; the next request is served', async () => {
  const server = createServer({
    logger: createLogger('silent', false),
    teams: { adapter: {} as never, run: async () => undefined, authenticated: false },
    homePage: () => '<p>ok</p>',
    readiness: async () => { throw new Error('secret detail: password=hunter2'); },
    metrics: () => '',
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  close = () => new Promise((resolve) => server.close(() => resolve()));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const failed = await httpRequest(`${base}/readyz`);
  expect(failed.status).toBe(500);
  expect(failed.json).toEqual({ error: 'internal error' });
  expect(failed.text).not.toContain('hunter2');
  expect((await httpRequest(`${base}/healthz`)).status).toBe(200);
  // Client errors keep restify's own answer.
  expect((await httpRequest(`${base}/nope`)).status).toBe(404);
});
