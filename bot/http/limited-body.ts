import type { IncomingMessage } from 'node:http';

export type LimitedBody = { kind: 'ok'; data: Buffer } | { kind: 'too-large' } | { kind: 'aborted' };

/**
 * Reads a request body of at most `limit` bytes. A Content-Length over the limit is refused before
 * a byte is read; a body without one (chunked) is counted while it streams and dropped at the
 * limit, so no more than `limit` bytes are ever held. The caller answers 413 with `connection: close`.
 */
export function readLimitedBody(req: IncomingMessage, limit: number): Promise<LimitedBody> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve({ kind: 'too-large' });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let received = 0;
    let settled = false;
    const settle = (result: LimitedBody) => {
      if (settled) return;
      settled = true;
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onAbort);
      req.off('aborted', onAbort);
      req.off('close', onClose);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > limit) {
        chunks.length = 0;
        // Keep draining without holding anything, so the 413 can still be written on this socket.
        req.resume();
        return settle({ kind: 'too-large' });
      }
      chunks.push(chunk);
    };
    const onEnd = () => settle({ kind: 'ok', data: Buffer.concat(chunks) });
    const onAbort = () => settle({ kind: 'aborted' });
    const onClose = () => settle(req.complete ? { kind: 'ok', data: Buffer.concat(chunks) } : { kind: 'aborted' });
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onAbort);
    req.on('aborted', onAbort);
    req.on('close', onClose);
  });
}
