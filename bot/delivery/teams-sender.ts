import type { CloudAdapter, ConversationReference } from 'botbuilder';
import type { Delivery } from '../../core/delivery/delivery.ts';
import type { ChannelSender, DeliveryContent, SendResult } from '../../core/delivery/sender.ts';
import { cardActivity } from '../teams/teams-responder.ts';

const RETRY = new Set([412, 429, 500, 502, 503, 504]);

/** Maps a Bot Connector error to what the outbox should do. */
export function teamsResult(error: unknown): SendResult {
  const e = error as { statusCode?: number; response?: { headers?: { get?(n: string): string | undefined } | Record<string, string> }; message?: string; code?: string };
  const status = e.statusCode;
  const message = `${status ?? e.code ?? 'error'}: ${e.message ?? String(error)}`.slice(0, 500);
  if (status === 403 || status === 404) return { kind: 'gone', error: message };
  if (status === 429) {
    const headers = e.response?.headers as { get?(n: string): string | undefined } & Record<string, string> | undefined;
    const retryAfter = Number(headers?.get?.('retry-after') ?? headers?.['retry-after']);
    return { kind: 'retry', error: message, rateLimited: true, ...(Number.isFinite(retryAfter) && retryAfter > 0 ? { afterMs: retryAfter * 1000 } : {}) };
  }
  if (status === undefined || RETRY.has(status) || status >= 500) return { kind: 'retry', error: message };
  return { kind: 'failed', error: message };
}

/**
 * Proactive Teams (and local web chat) sends through the stored ConversationReference. The Bot
 * Framework offers no way to ask whether a send arrived, so there is no check after a crash.
 */
export class TeamsSender implements ChannelSender {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly appId: string,
  ) {}

  async send(delivery: Delivery, content: DeliveryContent, messageId: string | undefined): Promise<SendResult> {
    const reference = delivery.reference as Partial<ConversationReference> | undefined;
    if (!reference?.conversation) return { kind: 'gone', error: 'no conversation reference stored for this channel' };
    let sentId: string | undefined;
    const target = delivery.operation === 'reply' && messageId
      ? { ...reference, conversation: { ...reference.conversation, id: `${delivery.channelId};messageid=${messageId}` } }
      : reference;
    try {
      await this.adapter.continueConversationAsync(this.appId, target as Partial<ConversationReference>, async (context) => {
        if ('text' in content) sentId = (await context.sendActivity(content.text))?.id;
        else if (delivery.operation === 'update' && messageId) await context.updateActivity({ ...cardActivity(content.card), id: messageId });
        else sentId = (await context.sendActivity(cardActivity(content.card)))?.id;
      });
    } catch (error) {
      return teamsResult(error);
    }
    return { kind: 'sent', ...(sentId ? { messageId: sentId } : {}) };
  }
}
