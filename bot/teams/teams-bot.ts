import { TeamsActivityHandler, type TurnContext } from 'botbuilder';
import type { Clock } from '../../core/clock.ts';
import type { ConversationEngine } from '../../core/conversation/engine.ts';
import { activityToInbound } from './to-inbound.ts';
import type { TeamsResponder } from './teams-responder.ts';

/**
 * The Bot Framework side (Teams and the local web chat): turns activities into Inbounds for the
 * engine and sends its replies. No feature logic lives here.
 */
export class TeamsBot extends TeamsActivityHandler {
  constructor(
    private readonly engine: ConversationEngine,
    private readonly responder: TeamsResponder,
    private readonly clock: Clock,
  ) {
    super();
    this.onMessage(async (context, next) => {
      await this.converse(context, undefined);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      // Greet once when a personal chat starts (Teams adds the bot; the web chat adds the user).
      const personal = (context.activity.conversation.conversationType ?? 'personal') === 'personal';
      if (personal && context.activity.membersAdded?.length) await this.converse(context, 'help');
      await next();
    });
  }

  private async converse(context: TurnContext, text: string | undefined): Promise<void> {
    const inbound = activityToInbound(context.activity, this.clock.now());
    const replies = await this.engine.handle(text === undefined ? inbound : { ...inbound, text, action: undefined });
    await this.responder.send(context, inbound, replies);
  }
}
