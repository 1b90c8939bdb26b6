import { TeamsActivityHandler, type Activity, type MessagingExtensionQuery, type MessagingExtensionResponse, type TurnContext } from 'botbuilder';
import { toLocale } from '../../core/conversation/locale.ts';
import type { DirectoryRepository } from '../../core/domain/directory/directory-repository.ts';
import type { KbRepository } from '../../core/domain/knowledge-base/kb-repository.ts';
import type { KbSearch } from '../../core/domain/knowledge-base/kb-search.ts';
import { knowledgeBaseQuery } from './messaging-extension.ts';
import type { Clock } from '../../core/clock.ts';
import type { ChannelLinks } from '../../core/domain/access/channel-links.ts';
import type { ConversationReferenceStore } from '../../core/conversation/conversation-references.ts';
import type { ConversationEngine } from '../../core/conversation/engine.ts';
import type { Logger } from '../logger.ts';
import { resolveMentions } from './resolve-mentions.ts';
import { activityToInbound, stripMentions } from './to-inbound.ts';
import type { TeamsResponder } from './teams-responder.ts';

export interface TeamsBotDeps {
  engine: ConversationEngine;
  responder: TeamsResponder;
  clock: Clock;
  conversations: ConversationReferenceStore;
  channels: ChannelLinks;
  logger: Logger;
  /** Where the local web chat serves uploaded files (only those are downloaded for it). */
  localFilesUrl?: () => string;
  /** The messaging extension's knowledge-base search. */
  knowledgeBase: { search: KbSearch; kb: KbRepository; directory: DirectoryRepository };
}

type TeamsChannelData = { team?: { id?: string }; channel?: { id?: string } } | undefined;

/**
 * The Bot Framework side (Teams and the local web chat): turns activities into Inbounds for the
 * engine and sends its replies; keeps each conversation's reference (so the bot can write there
 * later) and notices when it is removed. No feature logic lives here.
 */
export class TeamsBot extends TeamsActivityHandler {
  constructor(private readonly deps: TeamsBotDeps) {
    super();
    this.onMessage(async (context, next) => {
      await this.remember(context);
      await this.converse(context, undefined);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      await this.remember(context);
      // Greet once when a personal chat starts (Teams adds the bot; the web chat adds the user).
      const personal = (context.activity.conversation.conversationType ?? 'personal') === 'personal';
      if (personal && context.activity.membersAdded?.length) await this.converse(context, 'help');
      await next();
    });
    this.onInstallationUpdateAdd(async (context, next) => {
      await this.remember(context);
      await next();
    });
    this.onInstallationUpdateRemove(async (context, next) => {
      await this.gone(context, 'the app was removed');
      await next();
    });
    this.onMembersRemoved(async (context, next) => {
      if (context.activity.membersRemoved?.some((m) => m.id === context.activity.recipient.id)) await this.gone(context, 'the bot was removed');
      await next();
    });
    this.onTeamsChannelDeletedEvent(async (channel, _team, _context, next) => {
      if (channel.id) await this.deps.channels.channelGone('teams', { channelId: channel.id }, 'the channel was deleted');
      await next();
    });
  }

  protected override async handleTeamsMessagingExtensionQuery(context: TurnContext, query: MessagingExtensionQuery): Promise<MessagingExtensionResponse> {
    return knowledgeBaseQuery(query, toLocale(context.activity.locale), this.deps.knowledgeBase);
  }

  private async converse(context: TurnContext, text: string | undefined): Promise<void> {
    let inbound = activityToInbound(context.activity, this.deps.clock.now(), this.deps.localFilesUrl?.());
    if (inbound.text && context.activity.entities?.some((e) => e.type === 'mention')) {
      inbound = { ...inbound, text: stripMentions({ ...context.activity, text: await resolveMentions(context, context.activity.text ?? '') } as Activity) };
    }
    const replies = await this.deps.engine.handle(text === undefined ? inbound : { ...inbound, text, action: undefined });
    await this.deps.responder.send(context, inbound, replies);
  }

  /** Keeps the conversation reference fresh (its serviceUrl can change), for proactive messages. */
  private async remember(context: TurnContext): Promise<void> {
    const inbound = activityToInbound(context.activity, this.deps.clock.now());
    try {
      await this.deps.conversations.save({
        platform: inbound.platform,
        conversationId: inbound.conversation.id,
        kind: inbound.conversation.kind,
        ...(inbound.conversation.kind === 'personal' ? { userId: inbound.actor.id } : {}),
        reference: inbound.conversation.reference,
      });
    } catch (error) {
      this.deps.logger.warn({ err: error }, 'could not store the conversation reference');
    }
  }

  private async gone(context: TurnContext, reason: string): Promise<void> {
    const data = context.activity.channelData as TeamsChannelData;
    const platform = activityToInbound(context.activity, this.deps.clock.now()).platform;
    const teamId = data?.team?.id;
    await this.deps.channels.channelGone(platform, { channelId: context.activity.conversation.id.split(';messageid=')[0]!, ...(teamId ? { teamId } : {}) }, reason);
  }
}
