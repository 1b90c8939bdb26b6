import http from 'node:http';
import https from 'node:https';

/** Connections are kept open between sends: a fan-out sends many requests to one connector. */
const agents = { 'http:': new http.Agent({ keepAlive: true }), 'https:': new https.Agent({ keepAlive: true }) };

export interface HttpAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  /** When the whole request had been handed to the network (epoch ms): the platform cannot have counted it before. */
  leftAt: number;
}

/**
 * One JSON request with node:http(s), which (unlike fetch) tells when the request was written out.
 * The outbox counts a send against the platform's rate window from that moment: counting from the
 * answer would lose a round trip per window. Rejects on network errors and when the whole exchange
 * takes longer than `timeoutMs`.
 */
export function sendJson(url: string, method: 'POST' | 'PUT', body: string, headers: Record<string, string>, timeoutMs: number): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const transport = target.protocol === 'https:' ? https : http;
    const agent = agents[target.protocol as keyof typeof agents];
    if (!agent) return reject(new Error(`unsupported protocol ${target.protocol}`));
    let leftAt = 0;
    // A deadline for the whole exchange: a connector that trickles its answer must not hold a send (and its channel) for long.
    const deadline = setTimeout(() => req.destroy(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    const fail = (error: Error) => {
      clearTimeout(deadline);
      reject(error);
    };
    const req = transport.request(target, { method, agent, headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        clearTimeout(deadline);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8'), leftAt: leftAt || Date.now() });
      });
      res.on('error', fail);
    });
    req.on('finish', () => { leftAt = Date.now(); });
    req.on('error', fail);
    req.end(body);
  });
}
