import type { CardView } from '../../cards/views/card-view.ts';
import type { Delivery } from './delivery.ts';

export type SendResult = (
  | { kind: 'sent'; messageId?: string }
  /** 429 (with Retry-After), 412, 5xx, a timeout: try again later. */
  | { kind: 'retry'; error: string; afterMs?: number; rateLimited?: boolean }
  /** The channel is gone or the bot was removed (403/404, channel_not_found, not_in_channel). */
  | { kind: 'gone'; error: string }
  /** Refused for good (a malformed request): retrying will not help. */
  | { kind: 'failed'; error: string }
) & {
  /**
   * When the request had been written out (epoch ms), where the sender can tell: the platform
   * counted it no earlier. Without it the send is counted from its answer.
   */
  leftAt?: number;
};

export type DeliveryContent = { card: CardView } | { text: string };

/** Sends into one platform's channels, proactively (no user message to answer). */
export interface ChannelSender {
  send(delivery: Delivery, content: DeliveryContent, messageId: string | undefined): Promise<SendResult>;
  /**
   * After a crash: did a send that was in flight arrive? Undefined when the platform offers no way
   * to tell (then the delivery is reported "uncertain", never blindly repeated).
   */
  check?(delivery: Delivery): Promise<{ delivered: true; messageId?: string } | { delivered: false } | undefined>;
}
