import { startRecordingServer } from './recording-server.ts';
import type { FakeConnector } from './fake-connector.ts';

/** A member as the connector's roster API returns it (TeamsChannelAccount). */
export interface RosterMember {
  id: string;
  name: string;
  aadObjectId: string;
  email?: string;
  userPrincipalName?: string;
}

/**
 * The fake Bot Framework connector of fake-connector.ts plus Teams' roster lookup:
 * GET /v3/conversations/:id/members/:memberId answers the member from `roster` (any conversation
 * or team id), or 404 MemberNotFoundInConversation as the real connector does.
 */
export interface FakeRosterConnector extends FakeConnector {
  roster: Map<string, RosterMember>;
}

const ACTIVITIES = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/;
const MEMBER = /^\/v3\/conversations\/([^/]+)\/members\/([^/]+)$/;

export async function startFakeConnectorWithRoster(): Promise<FakeRosterConnector> {
  const roster = new Map<string, RosterMember>();
  let sent = 0;
  const server = await startRecordingServer((call) => {
    const activity = ACTIVITIES.exec(call.path);
    if (activity && call.method === 'POST') return { json: { id: `activity-${++sent}` } };
    if (activity?.[2] && call.method === 'PUT') return { json: { id: activity[2] } };
    const member = MEMBER.exec(call.path);
    if (member && call.method === 'GET') {
      const found = roster.get(member[2]!);
      return found
        ? { json: found }
        : { status: 404, json: { error: { code: 'MemberNotFoundInConversation', message: 'The member was not found in the conversation.' } } };
    }
    return { status: 404, json: { error: { code: 'NotFound', message: `fake connector has no ${call.method} ${call.path}` } } };
  });
  return {
    ...server,
    roster,
    sentTo: (conversationId) => server.calls.filter((c) => c.method === 'POST' && ACTIVITIES.exec(c.path)?.[1] === conversationId),
  };
}
