import http from 'node:http';

export interface HttpResult {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: any;
}

/**
 * A plain node:http request. It resolves with the response even when the server answers before
 * reading the whole body (a 413 for an oversized upload), which fetch reports as a network error.
 */
export function httpRequest(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer; timeoutMs?: number } = {},
): Promise<HttpResult> {
  const data = options.body === undefined ? undefined : Buffer.isBuffer(options.body) ? options.body : Buffer.from(options.body);
  return new Promise((resolve, reject) => {
    let responded = false;
    const req = http.request(
      url,
      {
        method: options.method ?? (data ? 'POST' : 'GET'),
        headers: { ...(data ? { 'content-length': String(data.length) } : {}), ...options.headers },
        timeout: options.timeoutMs ?? 10_000,
      },
      (res) => {
        responded = true;
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = text ? JSON.parse(text) : undefined;
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${url}: no answer within ${options.timeoutMs ?? 10_000} ms`)));
    // The server may close the connection after answering early; the response is what counts.
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') return reject(error);
      setTimeout(() => responded || reject(error), 1000);
    });
    if (data) req.write(data);
    req.end();
  });
}

export const postJson = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  httpRequest(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

/**
 * Starts a request, writes `sent` bytes of `body` and never finishes it: resolves with the status
 * the server answers meanwhile (a limit enforced before the body is read), rejects after timeoutMs.
 * Without content-length in `headers` the body goes chunked, so the server can only count.
 */
export function statusBeforeBodyEnds(url: string, headers: Record<string, string>, sent: number, timeoutMs = 5000): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', headers });
    const timer = setTimeout(() => {
      req.destroy();
      reject(new Error(`${url}: no answer within ${timeoutMs} ms while the body was still coming`));
    }, timeoutMs);
    req.on('response', (res) => {
      clearTimeout(timer);
      resolve(res.statusCode ?? 0);
      res.resume();
      req.destroy();
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') {
        clearTimeout(timer);
        reject(error);
      }
    });
    const chunk = Buffer.alloc(64 * 1024, 'a');
    for (let written = 0; written < sent; written += chunk.length) req.write(chunk);
  });
}
