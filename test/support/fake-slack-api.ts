import { startRecordingServer, type RecordedCall, type RecordingServer } from './recording-server.ts';

/**
 * Stands in for the Slack Web API (`/api/<method>`, form-encoded or JSON) and for response_url
 * targets (`/response/<n>`). Records every call. users.info answers with the locale set per user
 * in `locales` (default nl-NL) and the profile set in `profiles` (default none).
 */
export interface FakeSlackApi extends RecordingServer {
  /** Pass as SLACK_API_URL. */
  apiUrl: string;
  /** A response_url on this fake. */
  responseUrl(n: number | string): string;
  locales: Map<string, string>;
  profiles: Map<string, { display_name?: string; real_name?: string }>;
  /** Web API calls of one method, oldest first. */
  callsOf(method: string): RecordedCall[];
}

export async function startFakeSlackApi(): Promise<FakeSlackApi> {
  const locales = new Map<string, string>();
  const profiles = new Map<string, { display_name?: string; real_name?: string }>();
  let ts = 0;
  const server = await startRecordingServer((call) => {
    if (call.path.startsWith('/response/')) return { json: { ok: true } };
    const method = call.path.startsWith('/api/') ? call.path.slice('/api/'.length) : undefined;
    const body = (call.body ?? {}) as Record<string, any>;
    switch (method) {
      case 'auth.test':
        return { json: { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1' } };
      case 'users.info':
        return { json: { ok: true, user: { id: body.user, locale: locales.get(body.user) ?? 'nl-NL', ...(profiles.has(body.user) ? { profile: profiles.get(body.user) } : {}) } } };
      case 'chat.postMessage':
        return { json: { ok: true, channel: body.channel, ts: `${++ts}.000100` } };
      case 'chat.update':
        return { json: { ok: true, channel: body.channel, ts: body.ts } };
      default:
        return { json: { ok: false, error: 'unknown_method' } };
    }
  });
  return {
    ...server,
    apiUrl: `${server.url}/api/`,
    responseUrl: (n) => `${server.url}/response/${n}`,
    locales,
    profiles,
    callsOf: (method) => server.calls.filter((c) => c.path === `/api/${method}`),
  };
}
