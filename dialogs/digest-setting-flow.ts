import type { Flow } from '../core/conversation/flow.ts';
import { normalizeText } from '../core/conversation/normalize.ts';
import { textReply } from '../core/conversation/reply.ts';
import type { ChannelLinks } from '../core/domain/access/channel-links.ts';
import type { People } from '../core/domain/access/people.ts';
import { authorize } from '../core/domain/access/permissions.ts';
import type { DigestFrequency, DigestSettings } from '../core/domain/reports/digest-settings.ts';
import type { MessageKey } from '../cards/i18n/translate.ts';
import { placeOf } from './channel-flow.ts';

const COMMAND = /^(?:kanaal|channel)\s+(?:rapport|rapporten|rapportage|report|reports|digest)(?:\s+(\S+))?$/i;
const WORDS: Record<string, DigestFrequency> = {
  dag: 'daily', dagelijks: 'daily', daily: 'daily', day: 'daily',
  week: 'weekly', wekelijks: 'weekly', weekly: 'weekly',
  uit: 'off', geen: 'off', off: 'off', none: 'off',
};

/** "kanaal rapport dag|week|uit" in an alert channel: how often its organisation's report is posted there. */
export function createDigestSettingFlow(deps: { channels: ChannelLinks; people: People; digestSettings: DigestSettings }): Flow<never> {
  return {
    id: 'digestSetting',
    matches: (text) => COMMAND.test(text),
    async start(ctx, inbound) {
      const word = COMMAND.exec(normalizeText(inbound.text))?.[1]?.toLowerCase();
      const found = await deps.channels.inChannel(placeOf(inbound));
      const active = found.ok ? found.value.map((x) => x.link) : [];
      if (!active.length) return { replies: [textReply(ctx.t('digest.notLinked'))] };
      if (!word) {
        const current = await deps.digestSettings.frequency(active[0]!.id);
        return { replies: [textReply(ctx.t('digest.current', { frequency: ctx.t(`digest.frequency.${current}` as MessageKey) }))] };
      }
      const frequency = WORDS[word];
      if (!frequency) return { replies: [textReply(ctx.t('digest.usage'))] };
      const person = await deps.people.of(inbound);
      if (!authorize(person, 'channel.link', active.map((l) => l.organisationId)).allowed) return { replies: [textReply(ctx.t('digest.forbidden'))] };
      for (const link of active) await deps.digestSettings.setFrequency(link.id, frequency, person.id, ctx.now.toISOString());
      return { replies: [textReply(ctx.t(`digest.set.${frequency}` as MessageKey))] };
    },
  };
}
