import { createRequire } from 'node:module';
import pino, { type Logger } from 'pino';

export type { Logger } from 'pino';

/** pino-pretty is an optional dependency (a production install may leave it out): JSON logs then. */
function prettyInstalled(): boolean {
  try {
    createRequire(import.meta.url).resolve('pino-pretty');
    return true;
  } catch {
    return false;
  }
}

/** Pino JSON logs; pretty when a person watches the terminal (and pino-pretty is installed). Known secret fields are redacted. */
export function createLogger(level: string, pretty = process.stdout.isTTY === true && prettyInstalled()): Logger {
  return pino({
    level,
    base: { app: 'ketenbot' },
    redact: {
      paths: ['*.MicrosoftAppPassword', '*.botToken', '*.signingSecret', '*.token', '*.password', 'req.headers.authorization', 'headers.authorization', '*.headers.authorization'],
      censor: '[redacted]',
    },
    ...(pretty ? { transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,app' } } } : {}),
  });
}
