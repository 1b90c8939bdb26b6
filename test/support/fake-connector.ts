import { startRecordingServer, type RecordedCall, type RecordingServer } from './recording-server.ts';

export type { RecordedCall } from './recording-server.ts';

/**
 * Stands in for the Bot Framework connector (Teams' serviceUrl): records what the bot sends.
 * POST /v3/conversations/:id/activities[/:replyToId] → { id: 'activity-<n>' };
 * PUT  /v3/conversations/:id/activities/:activityId  → { id: activityId }.
 */
export interface FakeConnector extends RecordingServer {
  /** The bot's activities (POSTs) to one conversation, oldest first. */
  sentTo(conversationId: string): RecordedCall[];
}

const ACTIVITIES = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/;

export async function startFakeConnector(): Promise<FakeConnector> {
  let sent = 0;
  const server = await startRecordingServer((call) => {
    const match = ACTIVITIES.exec(call.path);
    if (match && call.method === 'POST') return { json: { id: `activity-${++sent}` } };
    if (match?.[2] && call.method === 'PUT') return { json: { id: match[2] } };
    return { status: 404, json: { error: { code: 'NotFound', message: `fake connector has no ${call.method} ${call.path}` } } };
  });
  return {
    ...server,
    sentTo: (conversationId) =>
      server.calls.filter((c) => c.method === 'POST' && ACTIVITIES.exec(c.path)?.[1] === conversationId),
  };
}
