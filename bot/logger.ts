import pino, { type Logger } from 'pino';

export type { Logger } from 'pino';

/** Pino JSON logs; pretty when a person watches the terminal. Known secret fields are redacted. */
export function createLogger(level: string, pretty = process.stdout.isTTY === true): Logger {
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
