import type { ConversationReference } from 'botbuilder';
import type { Delivery } from '../../core/delivery/delivery.ts';
import type { ChannelSender, DeliveryContent, SendResult } from '../../core/delivery/sender.ts';
import { cardActivity } from '../teams/teams-responder.ts';

const RETRY = new Set([408, 412, 429, 500, 502, 503, 504]);

/** Maps a Bot Connector answer to what the outbox should do. */
export function teamsResult(status: number, retryAfter: string | null, body: string): SendResult {
  const error = `${status}: ${body.slice(0, 300)}`;
  if (status === 403 || status === 404) return { kind: 'gone', error };
  if (status === 429) {
    const seconds = Number(retryAfter);
    return { kind: 'retry', error, rateLimited: true, ...(Number.isFinite(seconds) && seconds > 0 ? { afterMs: seconds * 1000 } : {}) };
  }
  if (RETRY.has(status) || status >= 500) return { kind: 'retry', error };
  return { kind: 'failed', error };
}

/**
 * Proactive sends to Teams (and the local web chat) straight over the Bot Connector REST API,
 * with the stored ConversationReference. Straight, so that every request is one the outbox
 * counted against the limits: the SDK's client would retry (and wait) on its own and hide failures.
 * The Bot Framework offers no way to ask whether a send arrived, so there is no check after a crash.
 */
export class TeamsSender implements ChannelSender {
  constructor(private readonly token: () => Promise<string | undefined>) {}

  async send(delivery: Delivery, content: DeliveryContent, messageId: string | undefined): Promise<SendResult> {
    const reference = delivery.reference as Partial<ConversationReference> | undefined;
    if (!reference?.conversation || !reference.serviceUrl) return { kind: 'gone', error: 'no conversation reference stored for this channel' };
    const conversationId = delivery.operation === 'reply' && messageId ? `${delivery.channelId};messageid=${messageId}` : delivery.channelId;
    const base = `${reference.serviceUrl.replace(/\/+$/, '')}/v3/conversations/${encodeURIComponent(conversationId)}/activities`;
    const activity = {
      ...('text' in content ? { type: 'message', text: content.text } : cardActivity(content.card)),
      ...(reference.bot ? { from: reference.bot } : {}),
      conversation: { ...reference.conversation, id: conversationId },
    };
    const update = delivery.operation === 'update' && messageId;
    let response: Response;
    try {
      const token = await this.token();
      response = await fetch(update ? `${base}/${encodeURIComponent(messageId)}` : base, {
        method: update ? 'PUT' : 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(update ? { ...activity, id: messageId } : activity),
        signal: AbortSignal.timeout(15_000),
      });
    } catch (error) {
      return { kind: 'retry', error: `request failed: ${(error as Error).message}` };
    }
    const body = await response.text().catch(() => '');
    if (!response.ok) return teamsResult(response.status, response.headers.get('retry-after'), body);
    if (update) return { kind: 'sent', messageId };
    try {
      const id = (JSON.parse(body) as { id?: string }).id;
      return { kind: 'sent', ...(id ? { messageId: id } : {}) };
    } catch {
      return { kind: 'sent' };
    }
  }
}
