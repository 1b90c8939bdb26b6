import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendJson } from '../../../bot/delivery/http-send.ts';

/** A local server that records what arrived, when, and over which connection. */
const arrivals: Array<{ method: string; url: string; headers: http.IncomingHttpHeaders; body: string; at: number; port: number }> = [];
let hang = false;
let server: http.Server;
let base = '';

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      arrivals.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now(), port: req.socket.remotePort ?? 0 });
      if (hang) return; // never answers
      res.writeHead(req.url === '/busy' ? 429 : 201, { 'content-type': 'application/json', 'retry-after': '2' });
      res.end(JSON.stringify({ id: `a-${arrivals.length}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('sendJson', () => {
  it('sends the JSON body with its type and length, and returns status, headers, text and when the request left', async () => {
    const before = Date.now();
    const answer = await sendJson(`${base}/v3/conversations/x/activities`, 'POST', '{"text":"één"}', { authorization: 'Bearer t' }, 5000);
    const arrived = arrivals.at(-1)!;
    expect(arrived).toMatchObject({ method: 'POST', url: '/v3/conversations/x/activities', body: '{"text":"één"}' });
    expect(arrived.headers).toMatchObject({ 'content-type': 'application/json', 'content-length': String(Buffer.byteLength('{"text":"één"}')), authorization: 'Bearer t' });
    expect(answer).toMatchObject({ status: 201, text: '{"id":"a-1"}' });
    expect(answer.headers['retry-after']).toBe('2');
    // It left before the server had read it all: the platform cannot have counted it earlier.
    expect(answer.leftAt).toBeGreaterThanOrEqual(before);
    expect(answer.leftAt).toBeLessThanOrEqual(arrived.at);
  });

  it('an error status is an answer, not an exception', async () => {
    const answer = await sendJson(`${base}/busy`, 'PUT', '{}', {}, 5000);
    expect(answer.status).toBe(429);
    expect(arrivals.at(-1)!.method).toBe('PUT');
  });

  it('keeps the connection open for the next request', async () => {
    await sendJson(`${base}/one`, 'POST', '{}', {}, 5000);
    await sendJson(`${base}/two`, 'POST', '{}', {}, 5000);
    const [one, two] = arrivals.slice(-2);
    expect(two!.port).toBe(one!.port);
  });

  it('no answer within the timeout: rejected, saying so', async () => {
    hang = true;
    try {
      await expect(sendJson(`${base}/slow`, 'POST', '{}', {}, 200)).rejects.toThrow(/no answer within 200 ms/);
    } finally {
      hang = false;
    }
  });

  it('the deadline covers the whole exchange: an answer trickling in slower is cut off', async () => {
    const trickle = http.createServer((req, res) => {
      req.resume();
      res.writeHead(200, { 'content-type': 'application/json' });
      const timer = setInterval(() => res.write(' '), 50); // a byte now and then: never idle for long
      res.on('close', () => clearInterval(timer));
    });
    await new Promise<void>((resolve) => trickle.listen(0, '127.0.0.1', resolve));
    const start = Date.now();
    try {
      await expect(sendJson(`http://127.0.0.1:${(trickle.address() as AddressInfo).port}/x`, 'POST', '{}', {}, 300)).rejects.toThrow(/no answer within 300 ms/);
      expect(Date.now() - start).toBeLessThan(1000);
    } finally {
      trickle.closeAllConnections();
      await new Promise((resolve) => trickle.close(resolve));
    }
  });

  it('nothing listening, or not http(s): rejected', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await expect(sendJson(`http://127.0.0.1:${port}/x`, 'POST', '{}', {}, 2000)).rejects.toThrow(/ECONNREFUSED/);
    await expect(sendJson('ftp://127.0.0.1/x', 'POST', '{}', {}, 2000)).rejects.toThrow(/unsupported protocol/);
  });
});
