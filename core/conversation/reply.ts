import type { CardView } from '../../cards/views/card-view.ts';

/**
 * What the bot answers, in platform-neutral form. Platform responders render each reply:
 * cards become Adaptive Cards (Teams, web chat) or Block Kit (Slack).
 */
export type Reply =
  | {
      kind: 'text';
      text: string;
      /**
       * Meant only for the person who acted. In a channel or group chat it goes where only they see it
       * (Slack: ephemeral; Teams: their personal chat with the bot). When that is not possible:
       * 'or-here' posts it where they are, 'or-skip' drops it (the card updating in place says it already).
       */
      private?: 'or-here' | 'or-skip';
    }
  | {
      kind: 'card';
      card: CardView;
      /**
       * When set, a reply to an action on a card with the same key replaces that card in place
       * (Teams updateActivity, Slack chat.update / replace_original) instead of posting a new one.
       */
      replaceKey?: string;
      /** The replace key was made for this reply: no message shows it yet, so none is looked up. */
      newKey?: boolean;
      /** A form: Slack shows it as a modal where the platform allows (Teams and web chat: a card). */
      asModal?: boolean;
    };

export const textReply = (text: string): Reply => ({ kind: 'text', text });
/** A text for the person who acted only (see `private` above). */
export const privateReply = (text: string, otherwise: 'or-here' | 'or-skip' = 'or-here'): Reply => ({ kind: 'text', text, private: otherwise });
export const cardReply = (card: CardView, replaceKey?: string, newKey = false): Reply =>
  replaceKey ? { kind: 'card', card, replaceKey, ...(newKey ? { newKey } : {}) } : { kind: 'card', card };

export const formReply = (card: CardView, replaceKey?: string): Reply => ({ kind: 'card', card, asModal: true, ...(replaceKey ? { replaceKey } : {}) });
