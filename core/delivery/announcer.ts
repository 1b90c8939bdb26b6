import { randomUUID } from 'node:crypto';
import type { CardView } from '../../cards/views/card-view.ts';
import type { Clock } from '../clock.ts';
import type { ChannelLinkRepository } from '../domain/access/channel-link.ts';
import type { DeliveryTarget, Notice } from './delivery.ts';
import type { OutboxRepository } from './outbox-repository.ts';

/**
 * "Post this card into the alert channels of these organisations, exactly once": the notice and
 * its delivery rows are stored together; the delivery worker sends them. Nothing sends directly.
 */
export class Announcer {
  constructor(
    private readonly outbox: OutboxRepository,
    private readonly links: ChannelLinkRepository,
    private readonly clock: Clock,
  ) {}

  /** The active alert channels of these organisations, each channel once. */
  async targets(organisationIds: string[]): Promise<DeliveryTarget[]> {
    const seen = new Set<string>();
    const targets: DeliveryTarget[] = [];
    for (const link of await this.links.forOrganisations(organisationIds)) {
      const key = `${link.platform}:${link.channelId}`;
      if (!link.active || seen.has(key)) continue;
      seen.add(key);
      targets.push({
        linkId: link.id, organisationId: link.organisationId, platform: link.platform, channelId: link.channelId,
        ...(link.teamId ? { teamId: link.teamId } : {}), ...(link.reference !== undefined ? { reference: link.reference } : {}),
      });
    }
    return targets;
  }

  async announce(kind: string, subjectId: string, card: CardView, organisationIds: string[]): Promise<{ notice: Notice; channels: number }> {
    const at = this.clock.now().toISOString();
    const notice: Notice = { id: randomUUID(), kind, subjectId, version: 1, card, createdAt: at, updatedAt: at };
    const targets = await this.targets(organisationIds);
    await this.outbox.publish(notice, targets);
    return { notice, channels: targets.length };
  }

  /** The card changed: update it in place everywhere, with an optional short note in its thread. */
  revise(noticeId: string, card: CardView, reply?: string): Promise<Notice | undefined> {
    return this.outbox.revise(noticeId, card, { ...(reply ? { reply } : {}), now: this.clock.now() });
  }
}
