import { renderAdaptiveCard } from '../../cards/adaptive/render-adaptive-card.ts';
import type { CardView } from '../../cards/views/card-view.ts';

/** The message activity carrying a card, as botbuilder's MessageFactory would build it (without loading botbuilder). */
export function cardActivity(card: CardView): { type: 'message'; attachmentLayout: 'list'; attachments: Array<{ contentType: string; content: unknown }>; inputHint: 'acceptingInput'; summary: string } {
  return {
    type: 'message',
    attachmentLayout: 'list',
    attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: renderAdaptiveCard(card) }],
    inputHint: 'acceptingInput',
    summary: card.fallbackText,
  };
}
