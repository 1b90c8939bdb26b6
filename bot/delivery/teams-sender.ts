import type { ConversationReference } from 'botbuilder';
import type { Delivery } from '../../core/delivery/delivery.ts';
import type { ChannelSender, DeliveryContent, SendResult } from '../../core/delivery/sender.ts';
import { cardActivity, textActivity } from './card-activity.ts';
import { sendJson, type HttpAnswer } from './http-send.ts';

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
    const conversationId = delivery.operation === 'reply' && messageId ? `${delivery.channelId};messageid=${messageId}` : delivery.channelId;
    const update = delivery.operation === 'update' && messageId ? messageId : undefined;
    return this.request(reference, conversationId, 'text' in content ? textActivity(content.text) : cardActivity(content.card), update);
  }

  /** A text into a stored conversation (an administrator's personal chat), outside the outbox. */
  sendText(reference: unknown, text: string): Promise<SendResult> {
    const r = reference as Partial<ConversationReference> | undefined;
    return this.request(r, r?.conversation?.id ?? '', textActivity(text));
  }

  private async request(reference: Partial<ConversationReference> | undefined, conversationId: string, body: object, update?: string): Promise<SendResult> {
    if (!reference?.conversation || !reference.serviceUrl || !conversationId) return { kind: 'gone', error: 'no conversation reference stored for this conversation' };
    const base = `${reference.serviceUrl.replace(/\/+$/, '')}/v3/conversations/${encodeURIComponent(conversationId)}/activities`;
    const activity = { ...body, ...(reference.bot ? { from: reference.bot } : {}), conversation: { ...reference.conversation, id: conversationId } };
    let answer: HttpAnswer;
    try {
      const token = await this.token();
      answer = await sendJson(update ? `${base}/${encodeURIComponent(update)}` : base, update ? 'PUT' : 'POST', JSON.stringify(update ? { ...activity, id: update } : activity),
        token ? { authorization: `Bearer ${token}` } : {}, 15_000);
    } catch (error) {
      return { kind: 'retry', error: `request failed: ${(error as Error).message}` };
    }
    const { status, text, leftAt } = answer;
    const retryAfter = answer.headers['retry-after'];
    if (status < 200 || status > 299) return { ...teamsResult(status, (Array.isArray(retryAfter) ? retryAfter[0] : retryAfter) ?? null, text), leftAt };
    if (update) return { kind: 'sent', messageId: update, leftAt };
    try {
      const id = (JSON.parse(text) as { id?: string }).id;
      return { kind: 'sent', ...(id ? { messageId: id } : {}), leftAt };
    } catch {
      return { kind: 'sent', leftAt };
    }
  }
}
