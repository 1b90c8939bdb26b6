import type { WebClient } from '@slack/web-api';
import { escapeMrkdwn } from '../../cards/blockkit/mrkdwn.ts';
import { renderBlocks } from '../../cards/blockkit/render-blocks.ts';
import type { Delivery } from '../../core/delivery/delivery.ts';
import type { ChannelSender, DeliveryContent, SendResult } from '../../core/delivery/sender.ts';

// Only answers that mean the channel itself is gone end a channel link. A deleted message or a bad
// token is a failed delivery, not a reason to stop alerting the channel.
const GONE = new Set(['channel_not_found', 'not_in_channel', 'is_archived']);
const METADATA_TYPE = 'ketenbot_delivery';

export function slackResult(error: unknown): SendResult {
  const e = error as { code?: string; retryAfter?: number; statusCode?: number; data?: { error?: string }; message?: string };
  const message = `${e.data?.error ?? e.code ?? 'error'}: ${e.message ?? String(error)}`.slice(0, 500);
  if (e.code === 'slack_webapi_rate_limited_error') return { kind: 'retry', error: message, rateLimited: true, ...(e.retryAfter ? { afterMs: e.retryAfter * 1000 } : {}) };
  if (e.code === 'slack_webapi_platform_error') return GONE.has(e.data?.error ?? '') ? { kind: 'gone', error: message } : { kind: 'failed', error: message };
  if (e.code === 'slack_webapi_http_error' && e.statusCode && e.statusCode < 500 && e.statusCode !== 408) return { kind: 'failed', error: message };
  return { kind: 'retry', error: message };
}

/**
 * Posts into Slack channels with the bot token. Every post carries its idempotency key as message
 * metadata, so after a crash conversations.history can tell whether an in-flight post arrived.
 */
export class SlackSender implements ChannelSender {
  /** The client must not retry by itself: the outbox decides (and honours Retry-After). */
  constructor(private readonly client: WebClient) {}

  async send(delivery: Delivery, content: DeliveryContent, messageId: string | undefined): Promise<SendResult> {
    try {
      if ('text' in content) {
        // A thread note holds what people typed (an update, a reason): mrkdwn-escaped like card text.
        const r = await this.client.chat.postMessage({ channel: delivery.channelId, text: escapeMrkdwn(content.text), ...(messageId ? { thread_ts: messageId } : {}) });
        return { kind: 'sent', ...(r.ts ? { messageId: r.ts } : {}) };
      }
      const message = renderBlocks(content.card);
      if (delivery.operation === 'update' && messageId) {
        await this.client.chat.update({ channel: delivery.channelId, ts: messageId, ...message });
        return { kind: 'sent', messageId };
      }
      const r = await this.client.chat.postMessage({
        channel: delivery.channelId, ...message,
        metadata: { event_type: METADATA_TYPE, event_payload: { key: delivery.idempotencyKey, ...(content.card.repeatNotice ? { possibly_repeated: true } : {}) } },
      });
      return { kind: 'sent', ...(r.ts ? { messageId: r.ts } : {}) };
    } catch (error) {
      return slackResult(error);
    }
  }

  async check(delivery: Delivery): Promise<{ delivered: true; messageId?: string } | { delivered: false } | undefined> {
    if (delivery.operation !== 'post' || !delivery.sendingStartedAt) return undefined;
    const oldest = (Date.parse(delivery.sendingStartedAt) / 1000 - 60).toFixed(6);
    const history = await this.client.conversations.history({ channel: delivery.channelId, oldest, include_all_metadata: true, limit: 200 });
    const found = history.messages?.find((m) => (m as { metadata?: { event_payload?: { key?: string } } }).metadata?.event_payload?.key === delivery.idempotencyKey);
    return found ? { delivered: true, ...(found.ts ? { messageId: found.ts } : {}) } : { delivered: false };
  }
}
