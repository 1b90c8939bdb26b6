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

/** Slack shows at most this much of a field's error; longer texts are cut at a word. */
const ERROR_MAX = 300;

/**
 * Slack's own per-field errors (`response_action: "errors"`, keyed by block id) for a form that came
 * back with problems on its inputs. Only when the form still has exactly the inputs of the modal
 * that was submitted: a form that gained or lost an input (the patient-details confirmation, say)
 * must be redrawn instead. Undefined: no field errors, or the form changed.
 */
export function fieldErrors(card: CardView, submittedInputIds: readonly string[]): Record<string, string> | undefined {
  const inputs = card.blocks.flatMap((b) => (b.type === 'input' ? [b.input] : []));
  const same = inputs.length === submittedInputIds.length && inputs.every((i) => submittedInputIds.includes(i.id));
  const errors = Object.fromEntries(inputs.filter((i) => i.error).map((i) => [i.id, clip(i.error!)]));
  return same && Object.keys(errors).length ? errors : undefined;
}

/** The block ids of the inputs of a submitted view (`view.blocks` of a view_submission). */
export function inputBlockIds(blocks: unknown): string[] {
  if (!Array.isArray(blocks)) return [];
  return blocks.flatMap((b) => (b && typeof b === 'object' && (b as { type?: unknown }).type === 'input' && typeof (b as { block_id?: unknown }).block_id === 'string' ? [(b as { block_id: string }).block_id] : []));
}

function clip(text: string): string {
  if (text.length <= ERROR_MAX) return text;
  const cut = text.slice(0, ERROR_MAX - 1);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), ERROR_MAX / 2))}…`;
}
