import { TeamsInfo, type TurnContext } from 'botbuilder';
import { MAX_MESSAGE_CHARS } from '../../core/conversation/input-limits.ts';
import { isMentionText } from './to-inbound.ts';

/**
 * "@Jan" in Teams arrives as "<at>Jan</at>" with the member's Bot Framework id. Core commands
 * (e.g. inviting someone by mention) need the person id Ketenbot uses, "teams:<AAD object id>",
 * so each mention of someone other than the bot is replaced by it (looked up in the roster).
 */
export async function resolveMentions(context: TurnContext, text: string): Promise<string> {
  // A text the engine will refuse as too long is not worth a roster lookup per mention.
  if (text.length > MAX_MESSAGE_CHARS) return text;
  let resolved = text;
  for (const entity of context.activity.entities ?? []) {
    const mentioned = entity.mentioned as { id?: string; aadObjectId?: string } | undefined;
    if (entity.type !== 'mention' || !mentioned?.id || mentioned.id === context.activity.recipient.id || !isMentionText(entity.text)) continue;
    let aadObjectId = mentioned.aadObjectId;
    if (!aadObjectId && context.activity.channelId === 'msteams') {
      aadObjectId = await TeamsInfo.getMember(context, mentioned.id).then((m) => m.aadObjectId, () => undefined);
    }
    if (aadObjectId) resolved = resolved.split(entity.text).join(`teams:${aadObjectId}`);
  }
  return resolved;
}
