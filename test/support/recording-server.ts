import http, { type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request a fake server received, with when (Date.now()) and what it answered. */
export interface RecordedCall {
  method: string;
  /** The raw request target, e.g. `/v3/conversations/a%3A1/activities`. */
  url: string;
  /** The decoded path without query, e.g. `/v3/conversations/a:1/activities`. */
  path: string;
  headers: IncomingHttpHeaders;
  raw: string;
  /** JSON or form-encoded bodies parsed into an object; anything else stays the raw text. */
  body: any;
  at: number;
  /** The JSON answered (undefined while held or never answered). */
  answer?: any;
  status?: number;
}

export interface Answer {
  status?: number;
  json?: unknown;
  headers?: Record<string, string>;
  /** Never answer: the caller waits until it dies (or times out). */
  never?: boolean;
}

export interface RecordingServer {
  /** Base URL without trailing slash, e.g. http://127.0.0.1:40123 */
  url: string;
  calls: RecordedCall[];
  /** Resolves with the first recorded call matching the predicate; rejects after timeoutMs with what was seen. */
  waitFor(predicate: (call: RecordedCall) => boolean, timeoutMs?: number): Promise<RecordedCall>;
  close(): Promise<void>;
}

/**
 * A loopback HTTP server that records every request and answers through `answer` (at once, later,
 * or never). Form fields that hold JSON (Slack's Web API sends `blocks` that way) are parsed too.
 */
export async function startRecordingServer(answer: (call: RecordedCall) => Answer | Promise<Answer>): Promise<RecordingServer> {
  const calls: RecordedCall[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const url = req.url ?? '/';
      const call: RecordedCall = {
        method: req.method ?? 'GET',
        url,
        path: safeDecode(new URL(url, 'http://fake').pathname),
        headers: req.headers,
        raw,
        body: parseBody(raw, req.headers['content-type']),
        at: Date.now(),
      };
      calls.push(call);
      void Promise.resolve()
        .then(() => answer(call))
        .catch((error: unknown): Answer => ({ status: 500, json: { error: String(error) } }))
        .then((reply) => {
          if (reply.never || res.destroyed) return;
          call.answer = reply.json;
          call.status = reply.status ?? 200;
          const text = JSON.stringify(reply.json ?? {});
          res.writeHead(call.status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...reply.headers });
          res.end(text);
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    waitFor: async (predicate, timeoutMs = 5000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = calls.find(predicate);
        if (found) return found;
        if (Date.now() > deadline) {
          const seen = calls.map((c) => `${c.method} ${c.path} ${c.raw.slice(0, 120)}`).join('\n  ') || '(nothing)';
          throw new Error(`no matching request within ${timeoutMs} ms; received:\n  ${seen}`);
        }
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function parseBody(raw: string, contentType: string | undefined): unknown {
  if (!raw) return undefined;
  if (contentType?.includes('application/x-www-form-urlencoded')) {
    const fields: Record<string, unknown> = {};
    for (const [key, value] of new URLSearchParams(raw)) fields[key] = /^[[{]/.test(value) ? tryJson(value) ?? value : value;
    return fields;
  }
  return tryJson(raw) ?? raw;
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
