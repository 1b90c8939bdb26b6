import { renderModal, type SlackModalView } from '../../cards/blockkit/render-blocks.ts';
import type { CardView } from '../../cards/views/card-view.ts';

/** What a modal carries to its submission: the submit action's data and where the form was opened. */
export interface ModalMetadata {
  data: Record<string, unknown>;
  channel: string;
}

/** A form card as a Slack modal; its callback id is the card's submit action id. */
export function formModal(card: CardView, channel: string, closeLabel: string): SlackModalView {
  const submit = card.actions?.find((a) => a.kind === 'submit');
  const metadata: ModalMetadata = { data: submit?.kind === 'submit' ? { ...submit.data } : {}, channel };
  return renderModal(card, submit?.kind === 'submit' ? submit.id : 'form', JSON.stringify(metadata), closeLabel);
}

export function readModalMetadata(raw: string | undefined): ModalMetadata | undefined {
  try {
    const parsed = JSON.parse(raw ?? '') as ModalMetadata;
    return parsed && typeof parsed.channel === 'string' ? parsed : undefined;
  } catch {
    return undefined;
  }
}
