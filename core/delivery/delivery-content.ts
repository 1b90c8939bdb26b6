import type { Delivery, Notice } from './delivery.ts';
import type { DeliveryContent } from './sender.ts';

/** The repeat line when the wiring gives none (the bot's channel texts are Dutch by default). */
const REPEAT_NOTICE = 'Mogelijk herhaald: dit bericht is na een storing opnieuw verstuurd.';

/**
 * What a delivery sends: the notice's card (post, update) or its reply text. Sent again after a
 * crash without anyone knowing whether the first one arrived (recovery "resent"), a post or a reply
 * says so first; an update needs no such line (editing twice does no harm).
 */
export function deliveryContent(delivery: Delivery, notice: Notice, repeatNotice = REPEAT_NOTICE): DeliveryContent {
  const repeat = delivery.recovery === 'resent' ? repeatNotice : undefined;
  if (delivery.operation === 'reply') return { text: repeat ? `${repeat}\n\n${delivery.text ?? ''}` : delivery.text ?? '' };
  return { card: repeat && delivery.operation === 'post' ? { ...notice.card, repeatNotice: repeat } : notice.card };
}

/** Exponential backoff with jitter: 1 s, 2 s, 4 s … (at most a minute), each between 50% and 100%. */
export function backoffMs(attempt: number, baseMs: number, random: () => number): number {
  const base = Math.min(baseMs * 2 ** (attempt - 1), 60_000);
  return Math.round(base * (0.5 + random() * 0.5));
}
