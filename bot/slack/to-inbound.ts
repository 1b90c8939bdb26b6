import { actionIdFromSlack, inputValuesFromSlackState } from '../../cards/blockkit/render-blocks.ts';
import type { ConversationKind, Inbound } from '../../core/conversation/inbound.ts';
import type { Locale } from '../../core/conversation/locale.ts';

/** Slack channel ids tell their kind: D… direct message, G… private/group, C… public channel. */
export function conversationKind(channelId: string | undefined): ConversationKind {
  if (channelId?.startsWith('D')) return 'personal';
  if (channelId?.startsWith('G')) return 'group';
  return 'channel';
}

/**
 * Mentions of the bot are dropped ("<@UBOT> help" → "help"); mentions of people become the person
 * id Ketenbot uses ("<@U123|jan>" → "slack:U123"), so "uitnodigen <@U123> …" names that person.
 * When the bot's own id is unknown, `leadingIsBot` drops a mention at the start (app_mention).
 */
export function slackMentionsToIds(text: string | undefined, botUserId: string | undefined, leadingIsBot = false): string {
  let value = (text ?? '').trim();
  if (leadingIsBot && !botUserId) value = value.replace(/^<@[A-Z0-9]+(\|[^>]*)?>/, ' ');
  return value
    .replace(/<@([A-Z0-9]+)(?:\|[^>]*)?>/g, (_m, id: string) => (id === botUserId ? ' ' : ` slack:${id} `))
    .replace(/\s+/g, ' ')
    .trim();
}

interface Common {
  userId: string;
  userName?: string;
  channelId: string;
  teamId?: string;
  locale: Locale;
  now: Date;
  /** The bot's own Slack user id, when known (its mentions are not about a person). */
  botUserId?: string;
}

function base(c: Common): Omit<Inbound, 'text' | 'action'> {
  return {
    platform: 'slack',
    actor: { id: c.userId, ...(c.userName ? { name: c.userName } : {}) },
    conversation: { id: c.channelId, kind: conversationKind(c.channelId), ...(c.teamId ? { tenantId: c.teamId, teamId: c.teamId } : {}) },
    locale: c.locale,
    receivedAt: c.now,
  };
}

export const textInbound = (c: Common, text: string | undefined, leadingIsBot = false): Inbound => ({
  ...base(c),
  text: slackMentionsToIds(text, c.botUserId, leadingIsBot),
});

/** A button press (block_actions): the action id, its JSON value and every input on the message. */
export function actionInbound(c: Common, action: { action_id: string; value?: string }, state: unknown): Inbound {
  let data: Record<string, unknown> = {};
  if (action.value) {
    try {
      const parsed = JSON.parse(action.value);
      if (parsed && typeof parsed === 'object') data = parsed as Record<string, unknown>;
    } catch {
      // A value that is not our JSON (another app's button): treat it as no data.
    }
  }
  const inputs = state && typeof state === 'object' && 'values' in state ? inputValuesFromSlackState(state as never) : {};
  return { ...base(c), action: { id: actionIdFromSlack(action.action_id), values: { ...inputs, ...data } } };
}
