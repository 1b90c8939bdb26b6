import type { Activity, TurnContext } from 'botbuilder';
import { cardActivity as plainCardActivity, textActivity } from '../delivery/card-activity.ts';
import type { CardView } from '../../cards/views/card-view.ts';
import type { Inbound } from '../../core/conversation/inbound.ts';
import type { Reply } from '../../core/conversation/reply.ts';
import type { PostedCards } from '../posted-cards.ts';

export function cardActivity(card: CardView): Partial<Activity> {
  return plainCardActivity(card) as Partial<Activity>;
}

/** Sends a text to a person's personal chat with the bot; false when there is none (or it failed). */
export type PersonalText = (platform: Inbound['platform'], userId: string, text: string) => Promise<boolean>;

/**
 * Sends replies within a Bot Framework turn (Teams or local web chat). A card with a replace key
 * updates the message that showed the previous card of that key (updateActivity) when there is one.
 * A private text said in a channel goes to the person's personal chat (Teams has no ephemeral messages).
 */
export class TeamsResponder {
  constructor(private readonly postedCards: PostedCards, private readonly personal?: PersonalText) {}

  async send(context: TurnContext, inbound: Inbound, replies: Reply[]): Promise<void> {
    for (const reply of replies) {
      if (reply.kind === 'text' && reply.private && inbound.conversation.kind !== 'personal') {
        const sent = await this.personal?.(inbound.platform, inbound.actor.id, reply.text).catch(() => false);
        if (sent || reply.private === 'or-skip') continue;
      }
      if (reply.kind === 'text') {
        await context.sendActivity(textActivity(reply.text));
        continue;
      }
      const activity = cardActivity(reply.card);
      const previous = reply.replaceKey && !reply.newKey
        ? await this.postedCards.find(inbound.platform, inbound.conversation.id, reply.replaceKey)
        : undefined;
      if (previous) {
        await context.updateActivity({ ...activity, id: previous, conversation: context.activity.conversation });
        continue;
      }
      const sent = await context.sendActivity(activity);
      if (reply.replaceKey && sent?.id) {
        await this.postedCards.remember(inbound.platform, inbound.conversation.id, reply.replaceKey, sent.id);
      }
    }
  }
}
