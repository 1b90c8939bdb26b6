import type { SlackBlock, SlackModalView } from '../../cards/blockkit/render-blocks.ts';
import type { CardView, Choice } from '../../cards/views/card-view.ts';
import { slackLimitProblems } from '../security/slack-limits.ts';

type Json = Record<string, any>;

/**
 * Slack's limits (test/security/slack-limits.ts) plus what makes a card fit for a reader: an
 * option's description at most 75 characters, and no option text or button title cut mid-word.
 * An option or button whose label had to be shortened must show the start of the label up to a
 * word boundary, followed by "…" (and, for options, the rest on the description line).
 */
export function slackFitProblems(view: CardView, message: { text?: string; blocks: SlackBlock[] } | SlackModalView): string[] {
  const problems = slackLimitProblems(message);
  const choices = new Map<string, Choice>();
  for (const block of view.blocks) if (block.type === 'input' && block.input.kind === 'choice') for (const c of block.input.choices) choices.set(`${block.input.id}/${c.value}`, c);

  for (const block of message.blocks as Json[]) {
    if (block.type === 'input') {
      const element = block.element as Json;
      for (const option of (element.options as Json[] | undefined) ?? []) {
        const shown = String(option.text?.text ?? '');
        const description = option.description?.text as string | undefined;
        if (description !== undefined && (description.length < 1 || description.length > 75)) problems.push(`option ${JSON.stringify(shown)}: description of ${description.length} characters`);
        const choice = choices.get(`${block.block_id}/${option.value}`);
        if (choice && !fitsAtWord(choice.title, shown)) problems.push(`option ${JSON.stringify(shown)} cut mid-word from ${JSON.stringify(choice.title)}`);
        if (choice?.description && !description) problems.push(`option ${JSON.stringify(shown)} lost its description`);
      }
    }
    if (block.type === 'actions') {
      for (const button of block.elements as Json[]) {
        const shown = String(button.text?.text ?? '');
        const action = (view.actions ?? []).find((a) => a.label.startsWith(shown.replace(/…$/u, '')));
        if (!action) problems.push(`button ${JSON.stringify(shown)} matches no action of the card`);
        else if (!fitsAtWord(action.label, shown)) problems.push(`button ${JSON.stringify(shown)} cut mid-word from ${JSON.stringify(action.label)}`);
      }
    }
  }
  return problems;
}

/** The label in full, or its start up to a word boundary followed by "…". */
function fitsAtWord(label: string, shown: string): boolean {
  const full = label.replace(/\s+/g, ' ').trim();
  if (shown === full) return true;
  if (!shown.endsWith('…')) return false;
  const head = shown.slice(0, -1);
  return full.startsWith(head) && /^[\s,;:–-]/u.test(full.slice(head.length));
}
