import type { ChannelLinks } from '../core/domain/access/channel-links.ts';
import type { ChannelPlace } from '../core/domain/access/channel-link.ts';
import type { DirectoryRepository } from '../core/domain/directory/directory-repository.ts';
import type { People } from '../core/domain/access/people.ts';
import { audienceHas, type Flow } from '../core/conversation/flow.ts';
import type { Inbound } from '../core/conversation/inbound.ts';
import { normalizeText } from '../core/conversation/normalize.ts';
import { cardReply, textReply } from '../core/conversation/reply.ts';
import { accessErrorText } from './access-error-text.ts';

const COMMAND = /^(?:kanaal|kanalen|channel|channels)(?:\s+(koppel|koppelen|link|ontkoppel|ontkoppelen|unlink|lijst|list))?(?:\s+(.+))?$/;

/** Where the message was sent, when that is a channel or group (alerts never go to a 1:1 chat). */
export function placeOf(inbound: Inbound): ChannelPlace | undefined {
  if (inbound.conversation.kind === 'personal') return undefined;
  const c = inbound.conversation;
  return { platform: inbound.platform, channelId: c.id, ...(c.teamId ? { teamId: c.teamId } : {}), ...(c.name ? { name: c.name } : {}), ...(c.reference !== undefined ? { reference: c.reference } : {}) };
}

/** "kanaal koppel <organisatie>", "kanaal ontkoppel [organisatie]", "kanaal lijst". */
export function createChannelFlow(deps: { channels: ChannelLinks; people: People; directory: DirectoryRepository }): Flow<never> {
  return {
    id: 'channel',
    matches: (text) => COMMAND.test(text),
    async start(ctx, inbound) {
      const match = COMMAND.exec(normalizeText(inbound.text)) ?? [];
      const verb = match[1] ?? 'lijst';
      // The organisation as typed (case kept), after the verb.
      const query = (inbound.text ?? '').trim().split(/\s+/).slice(2).join(' ').trim();
      const person = await deps.people.of(inbound);
      const place = placeOf(inbound);
      const directory = await deps.directory.load();
      const name = (id: string) => directory.organisations.find((o) => o.id === id)?.name ?? id;

      if (['koppel', 'koppelen', 'link'].includes(verb)) {
        if (!query) return { replies: [textReply(ctx.t('channel.usage'))] };
        const result = await deps.channels.link(person, place, query);
        if (!result.ok) return { replies: [textReply(accessErrorText(ctx.t, result.error, name))] };
        const organisation = result.value.organisation.name;
        return { replies: [textReply(ctx.t(result.value.alreadyLinked ? 'channel.alreadyLinked' : 'channel.linked', { organisation }))] };
      }
      if (['ontkoppel', 'ontkoppelen', 'unlink'].includes(verb)) {
        const result = await deps.channels.unlink(person, place, query || undefined);
        if (!result.ok) return { replies: [textReply(accessErrorText(ctx.t, result.error, name))] };
        return { replies: [textReply(ctx.t('channel.unlinked', { organisations: result.value.links.map((l) => name(l.organisationId)).join(', ') }))] };
      }
      const result = await deps.channels.inChannel(place);
      if (!result.ok) return { replies: [textReply(accessErrorText(ctx.t, result.error, name))] };
      if (!result.value.length) return { replies: [textReply(ctx.t('channel.list.empty'))] };
      return {
        replies: [cardReply({
          kind: 'channel.list',
          title: ctx.t('channel.list.title'),
          blocks: [{ type: 'list', items: result.value.map(({ link, organisation }) => ({ title: organisation?.name ?? link.organisationId, text: link.organisationId })) }],
          fallbackText: `${ctx.t('channel.list.title')}: ${result.value.map(({ link, organisation }) => organisation?.name ?? link.organisationId).join(', ')}`,
        })],
      };
    },
    capabilities: (t, audience) => (audienceHas(audience, 'administrator', 'chain-coordinator') ? [{ title: t('channel.capability.title'), text: t('channel.capability.text'), administration: true }] : []),
  };
}
