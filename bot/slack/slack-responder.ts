import type { RespondFn, webApi } from '@slack/bolt';
import { escapeMrkdwn } from '../../cards/blockkit/mrkdwn.ts';
import { renderBlocks } from '../../cards/blockkit/render-blocks.ts';
import { translate } from '../../cards/i18n/translate.ts';
import type { Locale } from '../../core/conversation/locale.ts';
import { formModal } from './slack-modal.ts';
import type { Reply } from '../../core/conversation/reply.ts';
import type { PostedCards } from '../posted-cards.ts';

/** Where a reply to one Slack interaction goes. */
export interface SlackReplyTarget {
  channel: string;
  /** Slash commands and button presses: answer through response_url (works where the bot is no member). */
  respond?: RespondFn;
  /** A button press: the card it came from may be replaced in place. */
  fromAction?: boolean;
  /** App mentions in a channel: answer in the thread of the mention. */
  threadTs?: string;
  /** Slash commands and button presses: a form reply opens as a modal with this. */
  triggerId?: string;
}

// Message text is mrkdwn: a text reply (which may hold what a user typed) is escaped like card text.
const message = (reply: Reply) => (reply.kind === 'text' ? { text: escapeMrkdwn(reply.text) } : renderBlocks(reply.card));

/**
 * Sends replies to Slack. Through response_url: ephemeral for commands, replacing the original
 * message for a card with a replace key after a button press. Otherwise chat.postMessage, and
 * chat.update of the message that showed the previous card with the same replace key.
 */
export class SlackResponder {
  constructor(private readonly postedCards: PostedCards) {}

  async send(client: webApi.WebClient, target: SlackReplyTarget, replies: Reply[], locale: Locale = 'nl'): Promise<void> {
    let replacedOriginal = false;
    for (const reply of replies) {
      if (reply.kind === 'card' && reply.asModal && target.triggerId) {
        await client.views.open({ trigger_id: target.triggerId, view: formModal(reply.card, target.channel, translate(locale, 'form.cancel')) as never });
        continue;
      }
      const body = message(reply);
      const replaceKey = reply.kind === 'card' ? reply.replaceKey : undefined;
      if (target.respond) {
        const replace: boolean = Boolean(replaceKey && target.fromAction && !replacedOriginal);
        replacedOriginal ||= replace;
        await target.respond(replace ? { ...body, replace_original: true } : { ...body, response_type: 'ephemeral', replace_original: false });
        continue;
      }
      const newKey = reply.kind === 'card' && reply.newKey === true;
      const previousTs = replaceKey && !newKey ? await this.postedCards.find('slack', target.channel, replaceKey) : undefined;
      if (previousTs) {
        await client.chat.update({ channel: target.channel, ts: previousTs, ...body });
        continue;
      }
      const posted = await client.chat.postMessage({ channel: target.channel, ...body, ...(target.threadTs ? { thread_ts: target.threadTs } : {}) });
      if (replaceKey && posted.ts) await this.postedCards.remember('slack', target.channel, replaceKey, posted.ts);
    }
  }
}
