import restify from 'restify';

export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * JSON body parsing for one route (never server-wide: Slack needs the raw bytes for its signature).
 * Malformed JSON → 400, over 1 MB → 413.
 */
export const jsonBody = () =>
  restify.plugins.bodyParser({ maxBodySize: MAX_BODY_BYTES, mapParams: false, mapFiles: false, rejectUnknown: true });
