import { buildHelpCard } from '../cards/views/help-card.ts';
import type { Flow } from '../core/conversation/flow.ts';
import { cardReply } from '../core/conversation/reply.ts';

// "hulp" is not here: it starts the decision tree ("ik heb hulp nodig").
const HELP_WORDS = new Set(['', 'help', 'menu', 'start', 'welkom', 'welcome', 'hallo', 'hello', 'hi', 'hoi', 'info', 'wat kun je', 'wat kan je', 'what can you do']);

/**
 * Welcome/help: what Ketenbot can do. It lists the capabilities of every installed flow,
 * so the card always matches what really works. It interrupts nothing: a running flow goes on.
 */
export function createHelpFlow(installedFlows: () => readonly Flow<any>[]): Flow<never> {
  return {
    id: 'help',
    interrupts: true,
    matches: (text, inbound) => HELP_WORDS.has(text) && !inbound.action,
    start: (ctx) => ({
      replies: [cardReply(buildHelpCard(ctx.t, installedFlows().flatMap((f) => f.capabilities?.(ctx.t) ?? [])))],
    }),
    capabilities: (t) => [{ title: t('help.capability.help.title'), text: t('help.capability.help.text') }],
  };
}
