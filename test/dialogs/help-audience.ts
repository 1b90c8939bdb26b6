import type { CardView, ListItem } from '../../cards/views/card-view.ts';
import type { ConversationKind, Inbound, Platform } from '../../core/conversation/inbound.ts';
import type { Locale } from '../../core/conversation/locale.ts';
import type { Reply } from '../../core/conversation/reply.ts';
import type { Role } from '../../core/domain/access/types.ts';
import { translate } from '../../cards/i18n/translate.ts';
import { loadDemoDirectory, type DialogHarness } from './dialog-harness.ts';

/** Someone talking to the bot on a platform, with an optional role (granted as `ketenbot admin grant` would). */
export interface Who {
  platform: Platform;
  user: string;
  role?: [Role, string?];
}

export const loadDirectory = (h: DialogHarness) => loadDemoDirectory(h);

/** Gives the person their role on their own platform. */
export async function asWho(h: DialogHarness, who: Who): Promise<void> {
  if (!who.role) return;
  const person = await h.services.people.of({ platform: who.platform, actor: { id: who.user } });
  const result = await h.services.people.grant(person, who.role[0], who.role[1], 'test');
  if (!result.ok) throw new Error(`grant failed: ${JSON.stringify(result.error)}`);
}

/** What the person says on their platform (the harness itself speaks as the local web chat). */
export function say(h: DialogHarness, who: Who, text: string | undefined, options: { locale?: Locale; kind?: ConversationKind; conversation?: string; action?: Inbound['action'] } = {}): Promise<Reply[]> {
  return h.engine.handle({
    platform: who.platform,
    actor: { id: who.user },
    conversation: { id: options.conversation ?? `${who.platform}-dm-${who.user}`, kind: options.kind ?? 'personal', ...(options.kind && options.kind !== 'personal' ? { teamId: 'team-1', name: 'storingen' } : {}) },
    locale: options.locale ?? 'nl',
    ...(text !== undefined ? { text } : {}),
    ...(options.action ? { action: options.action } : {}),
    receivedAt: h.clock.now(),
  });
}

/** Every string a card shows, in one text (to look for words that must or must not be there). */
export function cardText(card: CardView): string {
  const parts: string[] = [card.title, card.subtitle ?? '', card.fallbackText];
  for (const b of card.blocks) {
    if (b.type === 'text') parts.push(b.text);
    if (b.type === 'list') parts.push(...b.items.flatMap((i) => [i.title, i.text ?? '']));
    if (b.type === 'facts') parts.push(...b.facts.flatMap((f) => [f.label, f.value]));
  }
  parts.push(...(card.actions ?? []).map((a) => a.label));
  return parts.join('\n');
}

/** The help card's items: all of them, or those under the administration heading. */
export function helpItems(card: CardView, part: 'all' | 'administration' = 'all'): ListItem[] {
  const lists = card.blocks.flatMap((b) => (b.type === 'list' ? [b.items] : []));
  if (part === 'all') return lists.flat();
  const heading = card.blocks.findIndex((b) => b.type === 'text' && b.style === 'heading' && [translate('nl', 'help.administration'), translate('en', 'help.administration')].includes(b.text));
  const next = card.blocks[heading + 1];
  return heading >= 0 && next?.type === 'list' ? next.items : [];
}
