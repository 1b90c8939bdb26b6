import { renderAdaptiveCard } from '../../cards/adaptive/render-adaptive-card.ts';
import { defangPlainText } from '../../cards/text/clean-text.ts';
import type { CardView } from '../../cards/views/card-view.ts';

/** The message activity carrying a card, as botbuilder's MessageFactory would build it (without loading botbuilder). */
export function cardActivity(card: CardView): { type: 'message'; attachmentLayout: 'list'; attachments: Array<{ contentType: string; content: unknown }>; inputHint: 'acceptingInput'; summary: string } {
  return {
    type: 'message',
    attachmentLayout: 'list',
    attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: renderAdaptiveCard(card) }],
    inputHint: 'acceptingInput',
    // The notification preview: plain text, which may hold a user's title.
    summary: defangPlainText(card.fallbackText),
  };
}

/**
 * A text message (which may hold what a user typed: an incident title, an update) as plain text:
 * Teams and Web Chat read activity text as markdown unless told otherwise, so it could make links
 * or mentions. Defanged as well, for a client that ignores `textFormat`.
 */
export function textActivity(text: string): { type: 'message'; text: string; textFormat: 'plain'; inputHint: 'acceptingInput' } {
  return { type: 'message', text: defangPlainText(text), textFormat: 'plain', inputHint: 'acceptingInput' };
}
