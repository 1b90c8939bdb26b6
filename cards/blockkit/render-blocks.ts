import type { ContextBlock, DividerBlock, HeaderBlock, ImageBlock, MrkdwnElement, PlainTextElement, SectionBlock } from '@slack/types';
import { cleanText } from '../text/clean-text.ts';
import { CARD_TEXT_MAX, clipText } from '../text/clip-text.ts';
import type { CardAction, CardBlock, CardInput, CardView, Choice, Fact, ListItem, Tone } from '../views/card-view.ts';
import { fitText, restAfter } from '../text/fit-text.ts';
import { chunk, escapeMrkdwn, mrkdwnLink, noQuoteAtStart, trustedMarkdownToMrkdwn, truncate } from './mrkdwn.ts';

/** One Slack Block Kit block (or element), as plain JSON. */
export type SlackBlock = { type: string } & { [key: string]: unknown };

export interface PlainText {
  type: 'plain_text';
  text: string;
  emoji?: boolean;
}

export interface SlackModalView {
  type: 'modal';
  title: PlainText;
  submit?: PlainText;
  close?: PlainText;
  callback_id: string;
  private_metadata: string;
  blocks: SlackBlock[];
}

/** What Slack sends back per input in `state.values[blockId][actionId]` (block_actions and view_submission). */
export interface SlackStateValue {
  type: string;
  value?: string | null;
  selected_option?: { value: string } | null;
  selected_options?: { value: string }[];
  selected_date?: string | null;
  selected_time?: string | null;
}

// Slack's documented limits.
const MESSAGE_BLOCKS_MAX = 50;
const MODAL_BLOCKS_MAX = 100;
const HEADER_TEXT_MAX = 150;
const INPUT_LENGTH_MAX = 3000;
const SECTION_TEXT_MAX = 3000;
const FIELD_MAX = 2000;
const FIELDS_PER_SECTION = 10;
const ACTIONS_PER_BLOCK = 25;
const BUTTON_TEXT_MAX = 75;
const BUTTON_VALUE_MAX = 2000;
const MODAL_TEXT_MAX = 24;
const EXPANDED_OPTIONS_MAX = 10;
const OPTION_TEXT_MAX = 75;

/** The notification text of a card message: the title and state, never more. */
const FALLBACK_TEXT_MAX = 3000;

const TOGGLE_SUFFIX = '::toggle';

const TONE_EMOJI: Record<Tone, string> = {
  good: '✅ ',
  warning: '⚠️ ',
  attention: '🚨 ',
  accent: '🔷 ',
  default: '',
};

/**
 * Every text of the view is plain text: it goes out as plain_text where Block Kit has it (header,
 * buttons, options, labels) and escaped by escapeMrkdwn elsewhere, with `verbatim` so Slack does
 * not turn URLs, channel names or mentions in it into links. The notification text is escaped too.
 */
export function renderBlocks(view: CardView): { text: string; blocks: SlackBlock[] } {
  const header = { type: 'header', text: plain(truncate(view.title, HEADER_TEXT_MAX)) } satisfies HeaderBlock;
  const actions = actionBlocks(view.actions ?? []);
  const repeat = view.repeatNotice ? [{ ...context([escapeMrkdwn(view.repeatNotice)]), block_id: 'possibly-repeated' }] : [];
  const fallback = view.repeatNotice ? `${view.repeatNotice} ${view.fallbackText}` : view.fallbackText;
  return {
    text: truncate(escapeMrkdwn(clipText(fallback, FALLBACK_TEXT_MAX)), FALLBACK_TEXT_MAX) || '–',
    blocks: [header, ...repeat, ...capped(bodyBlocks(view), MESSAGE_BLOCKS_MAX - 1 - repeat.length - actions.length), ...actions],
  };
}

/** At most `max` blocks: a longer body ends in "…" instead of being refused by Slack. */
function capped(blocks: SlackBlock[], max: number): SlackBlock[] {
  return blocks.length <= max ? blocks : [...blocks.slice(0, Math.max(0, max - 1)), context(['…'])];
}

/** A modal with the card's body: the title moves to the modal title, the first submit action becomes its submit button. */
export function renderModal(view: CardView, callbackId: string, privateMetadata: string, closeLabel?: string): SlackModalView {
  const modal: SlackModalView = {
    type: 'modal',
    title: plain(truncate(view.title, MODAL_TEXT_MAX)),
    callback_id: callbackId,
    private_metadata: privateMetadata,
    blocks: capped(bodyBlocks(view), MODAL_BLOCKS_MAX),
  };
  const submit = view.actions?.find((a) => a.kind === 'submit');
  if (submit) modal.submit = plain(truncate(submit.label, MODAL_TEXT_MAX));
  if (closeLabel) modal.close = plain(truncate(closeLabel, MODAL_TEXT_MAX));
  return modal;
}

/** The view's action id from a button's action_id (`<id>#<index>`). */
export function actionIdFromSlack(actionId: string): string {
  return actionId.replace(/#\d+$/, '');
}

/**
 * Turns Slack's `state.values` back into `{ inputId: value }`. Empty text, select, date and time
 * inputs are absent; multi-selects and checkbox groups give an array, toggles a boolean.
 */
export function inputValuesFromSlackState(state: {
  values: Record<string, Record<string, SlackStateValue>>;
}): Record<string, string | string[] | boolean> {
  const result: Record<string, string | string[] | boolean> = {};
  for (const actions of Object.values(state.values)) {
    for (const [actionId, input] of Object.entries(actions)) {
      if (actionId.endsWith(TOGGLE_SUFFIX)) {
        result[actionId.slice(0, -TOGGLE_SUFFIX.length)] = (input.selected_options ?? []).length > 0;
        continue;
      }
      const value = stateValue(input);
      if (value !== undefined) result[actionId] = value;
    }
  }
  return result;
}

function stateValue(input: SlackStateValue): string | string[] | undefined {
  switch (input.type) {
    case 'plain_text_input':
      return input.value ?? undefined;
    case 'static_select':
    case 'radio_buttons':
      return input.selected_option?.value;
    case 'multi_static_select':
    case 'checkboxes':
      return (input.selected_options ?? []).map((o) => o.value);
    case 'datepicker':
      return input.selected_date ?? undefined;
    case 'timepicker':
      return input.selected_time ?? undefined;
    default:
      return undefined;
  }
}

function bodyBlocks(view: CardView): SlackBlock[] {
  const intro = [
    ...(view.subtitle ? [escaped(view.subtitle, SECTION_TEXT_MAX)] : []),
    ...(view.badge ? [`${TONE_EMOJI[view.badge.tone]}${bold(escaped(view.badge.text, SECTION_TEXT_MAX))}`] : []),
  ].filter((text) => text.length > 0);
  const blocks: SlackBlock[] = intro.length ? [context(intro)] : [];
  for (const block of view.blocks) blocks.push(...renderBlock(block));
  return blocks;
}

function renderBlock(block: CardBlock): SlackBlock[] {
  switch (block.type) {
    case 'text': {
      // One text never takes more than 6 sections.
      const text = clipText(block.text, CARD_TEXT_MAX.text);
      return renderText(block.format === 'markdown' ? trustedMarkdownToMrkdwn(text) : escapeMrkdwn(text), block.style);
    }
    case 'facts': {
      const fields = block.facts.map((f) => mrkdwn(truncate(`${bold(escaped(f.label, FIELD_MAX))}\n${factValue(f)}`, FIELD_MAX)));
      const sections: SlackBlock[] = [];
      for (let i = 0; i < fields.length; i += FIELDS_PER_SECTION) {
        sections.push({ type: 'section', fields: fields.slice(i, i + FIELDS_PER_SECTION) } satisfies SectionBlock);
      }
      return sections;
    }
    case 'list':
      return listBlocks(block.items);
    case 'divider':
      return [{ type: 'divider' } satisfies DividerBlock];
    case 'image':
      return [{ type: 'image', image_url: block.url, alt_text: truncate(cleanText(block.alt), 2000) || '–' } satisfies ImageBlock];
    case 'input':
      return renderInput(block.input);
  }
}

/**
 * One item per line: titles alone become "• " lines, several to a section (a long list takes few
 * of the 50 blocks a message may have); an item with a text gets a section of its own, its title bold.
 */
function listBlocks(items: ListItem[]): SlackBlock[] {
  const blocks: SlackBlock[] = [];
  let bullets: string[] = [];
  const flush = () => {
    for (const piece of chunk(bullets.join('\n'), SECTION_TEXT_MAX)) if (piece.trim()) blocks.push({ type: 'section', text: mrkdwn(noQuoteAtStart(piece)) } satisfies SectionBlock);
    bullets = [];
  };
  for (const item of items) {
    const title = escaped(item.title, SECTION_TEXT_MAX);
    if (!item.text && !item.links?.length) {
      if (title.trim()) bullets.push(`• ${title}`);
      continue;
    }
    flush();
    const links = (item.links ?? []).map((l) => mrkdwnLink(clipText(l.label, FIELD_MAX), l.url)).join(' · ');
    const text = [`• ${bold(title)}`, escaped(item.text ?? '', SECTION_TEXT_MAX), links].filter((p) => p.trim()).join('\n');
    blocks.push({ type: 'section', text: mrkdwn(truncate(text, SECTION_TEXT_MAX)) } satisfies SectionBlock);
  }
  flush();
  return blocks;
}

/** A fact's value; a link only when the view gave a (trusted) URL. */
function factValue(fact: Fact): string {
  const value = clipText(fact.value, FIELD_MAX);
  return fact.url ? mrkdwnLink(value, fact.url) : escapeMrkdwn(value);
}

/** Plain text as mrkdwn; cut first when it could never fit in `max` anyway, so escaping a huge text costs nothing. */
function escaped(text: string, max: number): string {
  return escapeMrkdwn(clipText(text, max));
}

/** Renders text that is already mrkdwn (escaped, or trusted); empty text gives no block (Slack refuses empty text). */
function renderText(text: string, style: 'heading' | 'muted' | 'warning' | undefined): SlackBlock[] {
  if (!text.trim()) return [];
  const prefix = style === 'warning' ? '⚠️ ' : '';
  // Bold markers go around every piece, so leave room for them.
  const pieces = chunk(prefix + text, SECTION_TEXT_MAX - 2).filter((p) => p.trim()).map(noQuoteAtStart);
  if (style === 'muted') return pieces.map((p) => context([p]));
  return pieces.map((p) => ({ type: 'section', text: mrkdwn(style === 'heading' ? bold(p) : p) }) satisfies SectionBlock);
}

/** Bold, when there is something to make bold ("**" alone would show as two stars). */
function bold(text: string): string {
  return text ? `*${text}*` : '';
}

function renderInput(input: CardInput): SlackBlock[] {
  const block: SlackBlock = {
    type: 'input',
    block_id: input.id,
    label: plain(truncate(input.label, 2000)),
    optional: !input.required,
    element: inputElement(input),
  };
  return input.error ? [block, context([`🚨 ${escaped(input.error, SECTION_TEXT_MAX)}`])] : [block];
}

function inputElement(input: CardInput): SlackBlock {
  const placeholder = 'placeholder' in input && input.placeholder ? plain(truncate(input.placeholder, 150)) : undefined;
  switch (input.kind) {
    case 'text':
      return withDefined({
        type: 'plain_text_input',
        action_id: input.id,
        multiline: input.multiline,
        max_length: input.maxLength === undefined ? undefined : Math.min(input.maxLength, INPUT_LENGTH_MAX),
        // Empty, or longer than Slack's inputs hold: Slack would refuse the whole modal.
        initial_value: cleanText(clipText(input.value ?? '', INPUT_LENGTH_MAX)) || undefined,
        placeholder,
      });
    case 'choice': {
      const options = input.choices.map(option);
      const selected = options.filter((o) => [input.value ?? []].flat().includes(o.value));
      // Radio buttons and checkboxes take at most 10 options; more fall back to a select menu.
      const expanded = input.expanded === true && options.length <= EXPANDED_OPTIONS_MAX;
      if (input.multiSelect) {
        return withDefined({
          type: expanded ? 'checkboxes' : 'multi_static_select',
          action_id: input.id,
          options,
          initial_options: selected.length ? selected : undefined,
          placeholder: expanded ? undefined : placeholder,
        });
      }
      return withDefined({
        type: expanded ? 'radio_buttons' : 'static_select',
        action_id: input.id,
        options,
        initial_option: selected[0],
        placeholder: expanded ? undefined : placeholder,
      });
    }
    case 'date':
      return withDefined({ type: 'datepicker', action_id: input.id, initial_date: input.value || undefined });
    case 'time':
      return withDefined({ type: 'timepicker', action_id: input.id, initial_time: input.value || undefined });
    case 'toggle': {
      const on = option({ title: input.label, value: 'true' });
      return withDefined({
        type: 'checkboxes',
        action_id: input.id + TOGGLE_SUFFIX,
        options: [on],
        initial_options: input.value ? [on] : undefined,
      });
    }
  }
}

function actionBlocks(actions: CardAction[]): SlackBlock[] {
  const buttons = actions.map(button);
  const blocks: SlackBlock[] = [];
  for (let i = 0; i < buttons.length; i += ACTIONS_PER_BLOCK) {
    blocks.push({ type: 'actions', elements: buttons.slice(i, i + ACTIONS_PER_BLOCK) });
  }
  return blocks;
}

// action_ids must be unique within a message, so every button gets `#<index>`; see actionIdFromSlack.
function button(action: CardAction, index: number): SlackBlock {
  const text = plain(fitText(action.label, BUTTON_TEXT_MAX));
  if (action.kind === 'url') return { type: 'button', text, url: action.url, action_id: `url#${index}` };
  const value = JSON.stringify(action.data ?? {});
  if (value.length > BUTTON_VALUE_MAX) {
    throw new Error(`Data of action "${action.id}" is ${value.length} chars as JSON; Slack allows ${BUTTON_VALUE_MAX}`);
  }
  const style = action.style === 'primary' ? 'primary' : action.style === 'danger' ? 'danger' : undefined;
  return withDefined({ type: 'button', text, action_id: `${action.id}#${index}`, value, style });
}

/**
 * An option: its label (at most 75 characters, cut at a word) and, under it, its description (also
 * 75). A label too long to fit goes on in the description line instead of being cut off.
 */
function option(choice: Choice): { text: PlainText; value: string; description?: PlainText } {
  const title = cleanText(choice.title).replace(/\s+/g, ' ').trim();
  const shown = fitText(title, OPTION_TEXT_MAX);
  const more = [restAfter(title, shown), choice.description ? cleanText(choice.description).replace(/\s+/g, ' ').trim() : ''].filter(Boolean).join(' – ');
  return { text: plain(shown), value: choice.value, ...(more ? { description: plain(fitText(more, OPTION_TEXT_MAX)) } : {}) };
}

/** Plain text is never read as markup; Slack refuses it empty, so an empty text shows as "–". */
function plain(text: string): PlainText & PlainTextElement {
  return { type: 'plain_text', text: cleanText(text) || '–', emoji: true };
}

/** Text that is already mrkdwn; `verbatim`: Slack adds no links or mentions of its own. */
function mrkdwn(text: string): MrkdwnElement {
  return { type: 'mrkdwn', text, verbatim: true };
}

function context(texts: string[]): SlackBlock {
  return { type: 'context', elements: texts.map((t) => mrkdwn(truncate(t, SECTION_TEXT_MAX))) } satisfies ContextBlock;
}

/** Drops undefined properties: Slack rejects explicit nulls and this keeps the JSON minimal. */
function withDefined(block: SlackBlock): SlackBlock {
  return Object.fromEntries(Object.entries(block).filter(([, v]) => v !== undefined)) as SlackBlock;
}
