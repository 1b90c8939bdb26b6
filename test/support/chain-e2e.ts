import { expect } from 'vitest';
import type { Clock } from '../../core/clock.ts';
import { officeMsBetween } from '../../core/domain/directory/office-time.ts';
import type { Organisation } from '../../core/domain/directory/types.ts';
import { addDays, fromLocal, localParts } from '../../core/time/amsterdam-time.ts';
import { adaptiveCardIn, textsIn } from './adaptive-cards.ts';
import { postJson } from './http-request.ts';
import { cli } from './outbox-bot.ts';
import type { RecordedCall, RecordingServer } from './recording-server.ts';

/**
 * What the chain end-to-end suites (incidents, maintenance and access over Teams and Slack) share:
 * the bot's clock and sweeps, role grants, Bot Framework activities as Teams sends them to a real
 * bot behind a fake connector, and reading the Adaptive Cards the bot sends back.
 */

const HOUR = 3_600_000;

/** Waits `ms` milliseconds. */
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------- the bot's clock and roles

/** Real time plus an offset the test moves (the delivery worker's limits keep seeing time pass); 0 until then. */
export class ShiftedClock implements Clock {
  private offset = 0;
  now(): Date {
    return new Date(Date.now() + this.offset);
  }
  jumpTo(at: string | number | Date): void {
    this.offset = new Date(at).getTime() - Date.now();
  }
}

/** Moves the bot's clock and runs one sweep of a service's clock (the app's SweepClock may run it too: same outcome). */
export async function moveClockAndSweep(clock: ShiftedClock, at: Date | number, service: { sweep(): Promise<unknown> }): Promise<void> {
  clock.jumpTo(at);
  await service.sweep();
}

/** `ketenbot admin grant <person> <role> <organisation>` for each grant; each must succeed. */
export async function grantRoles(databaseUrl: string, grants: string[][]): Promise<void> {
  for (const grant of grants) {
    const result = await cli(databaseUrl, 'admin', 'grant', ...grant);
    expect(result.code, result.err).toBe(0);
  }
}

/**
 * The first day after today at 14:00 Amsterdam time from which the organisation's desk is open 4 hours
 * until 07:59 the next day and 8 hours until 12:00 (open until 18:00, again from 08:00); `nextDay(minutes)`
 * is that next day at a time of day. `start` stays 0 when no such day comes within 60 days.
 */
export function afternoonBeforeWorkingDay(organisation: Organisation): { start: number; nextDay: (minutes: number) => number } {
  let start = 0;
  let nextDay: (minutes: number) => number = () => 0;
  const today = localParts(new Date());
  for (let d = 1; d < 60 && !start; d++) {
    const day = addDays(today.year, today.month, today.day, d);
    const next = addDays(day.year, day.month, day.day, 1);
    const candidate = fromLocal(day.year, day.month, day.day, 14 * 60).getTime();
    const after = (minutes: number) => fromLocal(next.year, next.month, next.day, minutes).getTime();
    if (officeMsBetween(organisation, new Date(candidate), new Date(after(7 * 60 + 59))) === 4 * HOUR && officeMsBetween(organisation, new Date(candidate), new Date(after(12 * 60))) === 8 * HOUR) {
      start = candidate;
      nextDay = after;
    }
  }
  return { start, nextDay };
}

// ---------------------------------------------------------------- Teams: the wire

export const TEAMS_TENANT = '7a1f3c55-0c8e-4d0a-9b1e-2f6d8c4e5a10';
export const TEAMS_BOT = { id: '28:ketenbot-app-id', name: 'Ketenbot' };

/** A Teams user: AAD object id, display name, the id of their 1:1 chat with the bot, and optionally a locale (default nl-NL). */
export type TeamsUser = { aad: string; name: string; personal: string; locale?: string };

export interface TeamChannel { team: string; teamName: string; channel: string; channelName: string }

/** An alert channel "Meldingen" in the team `19:team-<key>@thread.tacv2`. */
export const alertChannel = (key: string, teamName: string): TeamChannel => ({ team: `19:team-${key}@thread.tacv2`, teamName, channel: `19:meldingen-${key}@thread.tacv2`, channelName: 'Meldingen' });

/** A Bot Framework activity as Teams posts it to /api/messages. */
export type TeamsActivity = Record<string, any> & { id: string; conversation: { id: string } };

/** The conversation and channelData of a team channel (or, with `conversationId`, of its team or one of its threads). */
export const teamsChannelConversation = (place: TeamChannel, conversationId = place.channel) => ({
  conversation: { id: conversationId, conversationType: 'channel', isGroup: true, tenantId: TEAMS_TENANT },
  channelData: { team: { id: place.team, name: place.teamName }, channel: { id: place.channel, name: place.channelName }, tenant: { id: TEAMS_TENANT } },
});

/** The id the connector answered for a POST (waits for the answer). */
export async function answeredId(call: RecordedCall): Promise<string> {
  for (let i = 0; i < 200 && call.answer === undefined; i++) await sleep(25);
  expect(call.answer?.id, `no answer to ${call.method} ${call.path}`).toBeTruthy();
  return call.answer.id as string;
}

/** Teams talking to the bot, and what the bot sent to the fake connector. */
export interface TeamsWire {
  /** An activity from the user in this conversation (no type yet). */
  activity(user: TeamsUser, conversation: Record<string, unknown>, channelData: Record<string, unknown>): TeamsActivity;
  /** A message (or a card's Action.Submit) in the user's 1:1 chat with the bot. */
  personal(user: TeamsUser, fields: Record<string, unknown>): TeamsActivity;
  /** "@Ketenbot <text>" in a team channel, with the mention entity Teams adds. */
  inChannel(user: TeamsUser, place: TeamChannel, text: string): TeamsActivity;
  /** Posts the activity to the bot; expects 200. */
  deliver(activity: TeamsActivity): Promise<void>;
  /** Posts the activity; returns the bot's new calls to that conversation once `count` have arrived. */
  send(activity: TeamsActivity, count?: number): Promise<RecordedCall[]>;
  /** The bot's calls (POST or PUT) to one conversation (exactly that id: a thread is another conversation). */
  callsTo(conversationId: string): RecordedCall[];
  /** Cards posted as new messages into a channel (not replies in a thread, not updates). */
  cardPostsIn(channel: string): RecordedCall[];
  /** The notes posted into the thread of a channel card. */
  threadNotes(channel: string, cardId: string): RecordedCall[];
  /**
   * A button on a card in a channel, as Teams sends it: a message in the card's thread
   * (";messageid=<card id>"), replying to the card, whose value is the button's data and the card's inputs.
   */
  clickInChannel(user: TeamsUser, place: TeamChannel, cardId: string, value: Record<string, unknown>): TeamsActivity;
  /** What the bot told `user` alone about this activity: a text in their personal chat (Teams has no ephemeral messages), nothing in the thread. */
  privately(user: TeamsUser, activity: TeamsActivity): Promise<RecordedCall>;
}

/** The Teams wire to a bot and its fake connector, both read when used (they start in beforeAll). */
export function teamsWire(live: () => { connector: RecordingServer; botUrl: string }): TeamsWire {
  let sequence = 0;
  const calls = () => live().connector.calls;
  const wire: TeamsWire = {
    activity: (user, conversation, channelData) => ({
      id: `1${Date.now()}${++sequence}`,
      timestamp: new Date().toISOString(),
      localTimestamp: new Date().toISOString(),
      channelId: 'msteams',
      serviceUrl: `${live().connector.url}/`,
      locale: user.locale ?? 'nl-NL',
      from: { id: `29:${user.aad}`, name: user.name, aadObjectId: user.aad },
      recipient: TEAMS_BOT,
      conversation: conversation as TeamsActivity['conversation'],
      channelData,
    }),
    personal: (user, fields) => ({
      ...wire.activity(user, { id: user.personal, conversationType: 'personal', tenantId: TEAMS_TENANT }, { tenant: { id: TEAMS_TENANT } }),
      type: 'message',
      ...fields,
    }),
    inChannel: (user, place, text) => {
      const { conversation, channelData } = teamsChannelConversation(place);
      return {
        ...wire.activity(user, conversation, channelData),
        type: 'message',
        text: `<at>${TEAMS_BOT.name}</at> ${text}`,
        textFormat: 'plain',
        entities: [{ type: 'mention', text: `<at>${TEAMS_BOT.name}</at>`, mentioned: { id: TEAMS_BOT.id, name: TEAMS_BOT.name } }],
      };
    },
    deliver: async (activity) => {
      const res = await postJson(`${live().botUrl}/api/messages`, activity);
      expect(res.status).toBe(200);
    },
    send: async (activity, count = 1) => {
      const before = wire.callsTo(activity.conversation.id).length;
      await wire.deliver(activity);
      await live().connector.waitFor(() => wire.callsTo(activity.conversation.id).length >= before + count);
      return wire.callsTo(activity.conversation.id).slice(before);
    },
    callsTo: (conversationId) => calls().filter((c) => c.path.startsWith(`/v3/conversations/${conversationId}/activities`)),
    cardPostsIn: (channel) => calls().filter((c) => c.method === 'POST' && c.path === `/v3/conversations/${channel}/activities` && adaptiveCardIn(c) !== undefined),
    threadNotes: (channel, cardId) => calls().filter((c) => c.method === 'POST' && c.path === `/v3/conversations/${channel};messageid=${cardId}/activities`),
    clickInChannel: (user, place, cardId, value) => {
      const { conversation, channelData } = teamsChannelConversation(place, `${place.channel};messageid=${cardId}`);
      return { ...wire.activity(user, conversation, channelData), type: 'message', replyToId: cardId, value };
    },
    privately: async (user, activity) => {
      const before = wire.callsTo(user.personal).length;
      await wire.deliver(activity);
      await live().connector.waitFor(() => wire.callsTo(user.personal).length > before);
      await sleep(200);
      expect(calls().filter((c) => c.path === `/v3/conversations/${activity.conversation.id}/activities/${activity.id}`)).toEqual([]);
      return wire.callsTo(user.personal)[before]!;
    },
  };
  return wire;
}

// ---------------------------------------------------------------- Teams: reading Adaptive Cards

/** Every input of the card (body and nested containers), by id. */
export function inputsOf(card: any): Map<string, any> {
  const found = new Map<string, any>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const element = node as Record<string, unknown>;
    if (typeof element.type === 'string' && element.type.startsWith('Input.') && typeof element.id === 'string') found.set(element.id, element);
    Object.values(element).forEach(walk);
  };
  walk(card.body);
  return found;
}

/** Every text of the card's body, in document order. */
export const textsOf = (card: any): string[] => textsIn(card.body);

/** The card's facts, value by label: each fact is a ColumnSet row of a bold label column and a 'stretch' value column (render-adaptive-card.ts). */
export const factsOf = (card: any): Record<string, string> => Object.fromEntries(card.body
  .filter((e: any) => e.type === 'ColumnSet' && e.columns?.length === 2 && e.columns[1].width === 'stretch' && e.columns[0].items?.[0]?.weight === 'Bolder')
  .map((e: any) => [e.columns[0].items[0].text, e.columns[1].items[0].text]));

/** The card's Action.Submit buttons, in order. */
export const submitsOf = (card: any): any[] => (card.actions ?? []).filter((a: any) => a.type === 'Action.Submit');

/** The card's Action.Submit button for `action`; fails the test when there is none. */
export function submitOf(card: any, action: string): any {
  const found = submitsOf(card).find((a) => a.data?.action === action);
  expect(found, `no ${action} button in ${JSON.stringify(card.actions)}`).toBeDefined();
  return found;
}

/** What Teams sends when the form's `action` button is pressed: the button's data merged with every input's current value, `changes` typed over them. */
export function formSubmission(card: any, action: string, changes: Record<string, string>): Record<string, unknown> {
  const value: Record<string, unknown> = {};
  for (const [id, input] of inputsOf(card)) value[id] = input.value ?? '';
  return { ...value, ...changes, ...submitOf(card, action).data };
}
