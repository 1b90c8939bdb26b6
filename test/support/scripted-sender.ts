import type { Clock } from '../../core/clock.ts';
import type { Delivery, DeliveryOperation } from '../../core/delivery/delivery.ts';
import type { ChannelSender, DeliveryContent, SendResult } from '../../core/delivery/sender.ts';

/** One send the worker asked for. */
export interface SenderCall {
  /** Clock time (ms) of the call. */
  at: number;
  deliveryId: string;
  noticeId: string;
  linkId: string;
  channelId: string;
  operation: DeliveryOperation;
  idempotencyKey: string;
  content: DeliveryContent;
  /** The message id the worker passed (the post's, for updates and replies). */
  messageId: string | undefined;
  /** How many calls this delivery had before this one (0 = first attempt). */
  attempt: number;
}

export type Script = (call: SenderCall) => SendResult | Promise<SendResult>;
export type CheckResult = { delivered: true; messageId?: string } | { delivered: false } | undefined;

/**
 * An in-memory ChannelSender: records every call and answers what the script says. By default
 * every send succeeds; a post gets message id "<channel>/post-<n>", a reply "<channel>/reply-<n>".
 * Without `check` it has no check method, like the Teams sender.
 */
export class ScriptedSender implements ChannelSender {
  readonly calls: SenderCall[] = [];
  readonly checks: Delivery[] = [];
  check?: (delivery: Delivery) => Promise<CheckResult>;
  private count = 0;

  constructor(
    private readonly clock: Clock,
    public script: Script = () => ({ kind: 'sent' }),
    check?: (delivery: Delivery) => CheckResult | Promise<CheckResult>,
  ) {
    if (check) {
      this.check = async (delivery) => {
        this.checks.push(delivery);
        return check(delivery);
      };
    }
  }

  async send(delivery: Delivery, content: DeliveryContent, messageId: string | undefined): Promise<SendResult> {
    const call: SenderCall = {
      at: this.clock.now().getTime(),
      deliveryId: delivery.id,
      noticeId: delivery.noticeId,
      linkId: delivery.linkId,
      channelId: delivery.channelId,
      operation: delivery.operation,
      idempotencyKey: delivery.idempotencyKey,
      content,
      messageId,
      attempt: this.calls.filter((c) => c.deliveryId === delivery.id).length,
    };
    this.calls.push(call);
    const n = ++this.count;
    const result = await this.script(call);
    if (result.kind === 'sent' && result.messageId === undefined && delivery.operation !== 'update') {
      return { kind: 'sent', messageId: `${delivery.channelId}/${delivery.operation}-${n}` };
    }
    return result;
  }

  to(channelId: string): SenderCall[] {
    return this.calls.filter((c) => c.channelId === channelId);
  }
}
