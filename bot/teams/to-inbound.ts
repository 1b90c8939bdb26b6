import { TurnContext, type Activity } from 'botbuilder';
import type { ConversationKind, Inbound, InboundAttachment, Platform } from '../../core/conversation/inbound.ts';
import { fetchText } from '../http/fetch-text.ts';
import { toLocale } from '../../core/conversation/locale.ts';

/** The local web chat speaks the Bot Framework protocol too; only Teams' own channel id is Teams. */
export const platformOf = (activity: Pick<Activity, 'channelId'>): Platform =>
  activity.channelId === 'msteams' ? 'teams' : 'local';

/**
 * The text of a mention entity as Teams writes it into the message: "<at>Name</at>". Anything else
 * (empty, a single letter, a long string) is not replaced: replacing "" or a common letter would
 * multiply the text with every entity.
 */
export const isMentionText = (text: unknown): text is string => typeof text === 'string' && /^<at>[^<>]{1,256}<\/at>$/.test(text);

/** Removes "<at>Ketenbot</at>" mentions of the bot so "@Ketenbot help" reads as "help". */
export function stripMentions(activity: Activity): string {
  let text = activity.text ?? '';
  for (const entity of activity.entities ?? []) {
    if (entity.type === 'mention' && entity.mentioned?.id === activity.recipient?.id && isMentionText(entity.text)) {
      text = text.split(entity.text).join(' ');
    }
  }
  return text.replace(/<at>[^<]*<\/at>/g, ' ').replace(/\s+/g, ' ').trim();
}

const TEAMS_FILE = 'application/vnd.microsoft.teams.file.download.info';

/**
 * Files the user sent: Teams personal-chat files (a pre-authorised download URL from Teams) and
 * web chat uploads (served by this server). Other attachments (cards, inline images) are not files.
 */
function attachmentsOf(activity: Activity, localFilesUrl?: string): InboundAttachment[] {
  const files: InboundAttachment[] = [];
  for (const a of activity.attachments ?? []) {
    if (a.contentType === TEAMS_FILE && activity.channelId === 'msteams') {
      const url = (a.content as { downloadUrl?: string } | undefined)?.downloadUrl;
      if (url) files.push({ name: a.name ?? 'file', contentType: (a.content as { fileType?: string }).fileType ?? '', readText: () => fetchText(url) });
    } else if (localFilesUrl && typeof a.contentUrl === 'string' && a.contentUrl.startsWith(localFilesUrl)) {
      const url = a.contentUrl;
      files.push({ name: a.name ?? 'file', ...(a.contentType ? { contentType: a.contentType } : {}), readText: () => fetchText(url) });
    }
  }
  return files;
}

/** A Bot Framework message activity (Teams or local web chat) as a platform-neutral Inbound. */
export function activityToInbound(activity: Activity, now: Date, localFilesUrl?: string): Inbound {
  const conversationType = activity.conversation?.conversationType;
  const kind: ConversationKind = conversationType === 'channel' ? 'channel' : conversationType === 'groupChat' ? 'group' : 'personal';
  const value = activity.value && typeof activity.value === 'object' ? (activity.value as Record<string, unknown>) : undefined;
  const actionId = typeof value?.action === 'string' ? value.action : undefined;
  const channelData = activity.channelData as { tenant?: { id?: string }; team?: { id?: string; name?: string }; channel?: { name?: string } } | undefined;
  const tenantId = activity.conversation?.tenantId ?? channelData?.tenant?.id;
  const teamId = channelData?.team?.id;
  const name = channelData?.channel?.name ?? activity.conversation?.name ?? channelData?.team?.name;
  // A reply in a channel thread carries ";messageid=…"; the channel itself is the part before it.
  const conversationId = activity.conversation.id.split(';messageid=')[0]!;
  const reference = TurnContext.getConversationReference(activity);
  if (reference.conversation) reference.conversation = { ...reference.conversation, id: conversationId };
  return {
    platform: platformOf(activity),
    // The AAD object id is stable across Teams conversations; the channel account id is per bot.
    actor: { id: activity.from.aadObjectId ?? activity.from.id, ...(activity.from.name ? { name: activity.from.name } : {}) },
    conversation: {
      id: conversationId,
      kind,
      ...(tenantId ? { tenantId } : {}),
      ...(teamId ? { teamId } : {}),
      ...(name ? { name } : {}),
      reference,
    },
    locale: toLocale(activity.locale),
    ...(actionId ? { action: { id: actionId, values: omit(value!, 'action') } } : { text: stripMentions(activity) }),
    ...(attachmentsOf(activity, localFilesUrl).length ? { attachments: attachmentsOf(activity, localFilesUrl) } : {}),
    receivedAt: activity.timestamp ? new Date(activity.timestamp) : now,
  };
}

function omit(values: Record<string, unknown>, key: string): Record<string, unknown> {
  const { [key]: _dropped, ...rest } = values;
  return rest;
}
