import { connect } from 'node:net';
import { postgresUrl } from './databases.ts';

/** Whether the test Postgres server (TEST_POSTGRES_URL) accepts connections: suites that need it skip otherwise. */
export function postgresReachable(timeoutMs = 1000): Promise<boolean> {
  const url = new URL(postgresUrl());
  return new Promise((resolve) => {
    const socket = connect({ host: url.hostname, port: Number(url.port || 5432) });
    const done = (ok: boolean) => { socket.destroy(); resolve(ok); };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}
