import type { Capability, CapabilityAudience } from '../../core/conversation/flow.ts';
import type { MessageKey, Translate } from '../i18n/translate.ts';
import type { CardAction, CardBlock, CardView } from './card-view.ts';

const listOf = (capabilities: Capability[]): CardBlock => ({ type: 'list', items: capabilities.map(({ title, text }) => ({ title, text })) });

/**
 * The welcome/help card: what Ketenbot can do, built from the capabilities of the installed flows.
 * Administration gets its own heading; the closing hint is the one for the platform in use
 * (slash commands only in Slack, @mentions only in Teams).
 */
export function buildHelpCard(t: Translate, capabilities: Capability[], audience?: CapabilityAudience): CardView {
  const actions: CardAction[] = capabilities.flatMap((c) => (c.action ? [c.action] : []));
  const everyday = capabilities.filter((c) => !c.administration);
  const administration = capabilities.filter((c) => c.administration);
  const hint = t(`help.examples.${audience?.platform ?? 'local'}` as MessageKey);
  return {
    kind: 'help',
    title: t('help.title'),
    subtitle: t('help.subtitle'),
    blocks: [
      { type: 'text', text: t('help.intro') },
      listOf(everyday),
      ...(administration.length ? [{ type: 'text', text: t('help.administration'), style: 'heading' } as const, listOf(administration)] : []),
      { type: 'text', text: hint, style: 'muted' },
    ],
    ...(actions.length ? { actions } : {}),
    fallbackText: t('help.fallback'),
  };
}
