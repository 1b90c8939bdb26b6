import type { Capability } from '../../core/conversation/flow.ts';
import type { Translate } from '../i18n/translate.ts';
import type { CardAction, CardView } from './card-view.ts';

/** The welcome/help card: what Ketenbot can do, built from the capabilities of the installed flows. */
export function buildHelpCard(t: Translate, capabilities: Capability[]): CardView {
  const actions: CardAction[] = capabilities.flatMap((c) => (c.action ? [c.action] : []));
  return {
    kind: 'help',
    title: t('help.title'),
    subtitle: t('help.subtitle'),
    blocks: [
      { type: 'text', text: t('help.intro') },
      { type: 'list', items: capabilities.map(({ title, text }) => ({ title, text })) },
      { type: 'text', text: t('help.examples'), style: 'muted' },
    ],
    ...(actions.length ? { actions } : {}),
    fallbackText: t('help.fallback'),
  };
}
