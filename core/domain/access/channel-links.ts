import { randomUUID } from 'node:crypto';
import type { Clock } from '../../clock.ts';
import type { AuditEntry } from '../audit/audit-entry.ts';
import type { DirectoryRepository } from '../directory/directory-repository.ts';
import type { Organisation } from '../directory/types.ts';
import { fail, forbidden, ok, type Outcome } from './access-errors.ts';
import type { AdminNotifier } from './admin-notifier.ts';
import type { ChannelLink, ChannelLinkRepository, ChannelPlace } from './channel-link.ts';
import { authorize } from './permissions.ts';
import { resolveOrganisation } from './resolve-organisation.ts';
import type { Person } from './types.ts';

/**
 * Alert channels: an administrator makes a Teams or Slack channel an alert channel of an
 * organisation ("kanaal koppel"), removes it ("kanaal ontkoppel") or lists them. When the
 * platform says the bot was removed, the links go inactive and the administrators are told.
 */
export class ChannelLinks {
  constructor(
    private readonly links: ChannelLinkRepository,
    private readonly directory: DirectoryRepository,
    private readonly notifier: AdminNotifier,
    private readonly clock: Clock,
  ) {}

  async link(actor: Person, place: ChannelPlace | undefined, organisationQuery: string): Promise<Outcome<{ link: ChannelLink; organisation: Organisation; alreadyLinked: boolean }>> {
    if (!place) return fail({ code: 'not-in-a-channel' });
    const org = resolveOrganisation(await this.directory.load(), organisationQuery);
    if (!org.ok) return org;
    const decision = authorize(actor, 'channel.link', [org.value.id]);
    if (!decision.allowed) return forbidden(decision);
    const existing = (await this.links.forChannel(place.platform, place.channelId)).find((l) => l.organisationId === org.value.id);
    if (existing?.active) return ok({ link: existing, organisation: org.value, alreadyLinked: true });
    const at = this.clock.now().toISOString();
    const link: ChannelLink = {
      id: existing?.id ?? randomUUID(),
      organisationId: org.value.id,
      platform: place.platform,
      channelId: place.channelId,
      ...(place.teamId ? { teamId: place.teamId } : {}),
      ...(place.name ? { name: place.name } : {}),
      ...(place.reference !== undefined ? { reference: place.reference } : {}),
      active: true,
      createdBy: actor.id,
      createdAt: at,
    };
    await this.links.save([link], [this.audit(actor.id, 'channel.link', link, existing)]);
    return ok({ link, organisation: org.value, alreadyLinked: false });
  }

  async unlink(actor: Person, place: ChannelPlace | undefined, organisationQuery?: string): Promise<Outcome<{ links: ChannelLink[] }>> {
    if (!place) return fail({ code: 'not-in-a-channel' });
    let active = (await this.links.forChannel(place.platform, place.channelId)).filter((l) => l.active);
    if (organisationQuery) {
      const org = resolveOrganisation(await this.directory.load(), organisationQuery);
      if (!org.ok) return org;
      active = active.filter((l) => l.organisationId === org.value.id);
      if (!active.length) return fail({ code: 'not-linked', organisationId: org.value.id });
    }
    if (!active.length) return fail({ code: 'not-linked' });
    const decision = authorize(actor, 'channel.link', active.map((l) => l.organisationId));
    if (!decision.allowed) return forbidden(decision);
    const at = this.clock.now().toISOString();
    const ended = active.map((l) => ({ ...l, active: false, deactivatedAt: at, deactivatedReason: `unlinked by ${actor.id}` }));
    await this.links.save(ended, ended.map((l, i) => this.audit(actor.id, 'channel.unlink', l, active[i])));
    return ok({ links: ended });
  }

  /** The links of this channel (active ones), for "kanaal lijst". Everyone may see where alerts go. */
  async inChannel(place: ChannelPlace | undefined): Promise<Outcome<Array<{ link: ChannelLink; organisation?: Organisation }>>> {
    if (!place) return fail({ code: 'not-in-a-channel' });
    const directory = await this.directory.load();
    const links = (await this.links.forChannel(place.platform, place.channelId)).filter((l) => l.active);
    return ok(links.map((link) => ({ link, organisation: directory.organisations.find((o) => o.id === link.organisationId) })));
  }

  /** The platform reports the bot gone from a channel (or a whole team): deactivate and tell the admins. */
  async channelGone(platform: ChannelPlace['platform'], where: { channelId?: string; teamId?: string }, reason: string): Promise<ChannelLink[]> {
    const found = [
      ...(where.channelId ? await this.links.forChannel(platform, where.channelId) : []),
      ...(where.teamId ? await this.links.forTeam(platform, where.teamId) : []),
    ].filter((l, i, all) => l.active && all.findIndex((x) => x.id === l.id) === i);
    if (!found.length) return [];
    const at = this.clock.now().toISOString();
    const ended = found.map((l) => ({ ...l, active: false, deactivatedAt: at, deactivatedReason: reason }));
    await this.links.save(ended, ended.map((l, i) => this.audit(`platform:${platform}`, 'channel.deactivate', l, found[i])));
    const directory = await this.directory.load();
    for (const link of ended) {
      const organisation = directory.organisations.find((o) => o.id === link.organisationId)?.name ?? link.organisationId;
      await this.notifier.notifyAdministrators(link.organisationId, {
        key: 'channel.gone.notice',
        params: { channel: link.name ?? link.channelId, platform: platform === 'slack' ? 'Slack' : 'Teams', organisation },
      });
    }
    return ended;
  }

  private audit(actor: string, action: string, after: ChannelLink, before?: ChannelLink): AuditEntry {
    return { at: this.clock.now().toISOString(), actor, action, subjectType: 'channel-link', subjectId: after.id, ...(before ? { before } : {}), after };
  }
}
