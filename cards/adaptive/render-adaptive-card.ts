import type { CardAction, CardBlock, CardInput, CardView, Fact, Tone } from '../views/card-view.ts';
import { cleanText } from '../text/clean-text.ts';
import { CARD_TEXT_MAX, clipText } from '../text/clip-text.ts';
import { cardLink, escapeCardText, trustedCardMarkdown } from './card-markdown.ts';

/** One element or action of an Adaptive Card, as plain JSON. */
export type AdaptiveElement = { type: string } & { [key: string]: unknown };

export interface AdaptiveCardJson {
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json';
  type: 'AdaptiveCard';
  /** Teams renders up to 1.5. */
  version: '1.5';
  fallbackText: string;
  body: AdaptiveElement[];
  actions?: AdaptiveElement[];
}

/**
 * The key under which an Action.Submit carries its action id. Teams sends the submit back
 * as a message activity whose `value` is the action's `data` merged with the input values,
 * so the bot reads `value.action`.
 */
export const SUBMIT_ACTION_KEY = 'action';

const TONE_COLOR: Record<Tone, string> = {
  good: 'Good',
  warning: 'Warning',
  attention: 'Attention',
  accent: 'Accent',
  default: 'Default',
};

/**
 * Every text of the view is plain text and is escaped here for the markdown of TextBlocks, facts,
 * error messages and expanded choices (see card-markdown.ts); input labels, placeholders, select
 * options and button titles are shown as plain text by the clients and go out only cleaned (cleanText).
 */
export function renderAdaptiveCard(view: CardView): AdaptiveCardJson {
  const body: AdaptiveElement[] = [
    ...(view.repeatNotice ? [{ type: 'TextBlock', id: 'possibly-repeated', text: line(view.repeatNotice), color: 'Warning', wrap: true }] : []),
    { type: 'TextBlock', text: line(view.title), size: 'Large', weight: 'Bolder', wrap: true },
  ];
  if (view.subtitle) body.push({ type: 'TextBlock', text: line(view.subtitle), isSubtle: true, wrap: true, spacing: 'None' });
  if (view.badge) body.push({ type: 'TextBlock', text: line(view.badge.text), color: TONE_COLOR[view.badge.tone], wrap: true });

  // A divider becomes `separator` on the next element: an empty separator Container is not drawn.
  let separateNext = false;
  for (const [i, block] of view.blocks.entries()) {
    if (block.type === 'divider') {
      separateNext = true;
      continue;
    }
    if (isTimeAfterDate(view.blocks[i - 1], block)) continue;
    const next = view.blocks[i + 1];
    const elements = isTimeAfterDate(block, next) ? [dateAndTime(block, next)] : renderBlock(block);
    const first = elements[0];
    if (first && separateNext) {
      first.separator = true;
      first.spacing = 'Medium';
      separateNext = false;
    }
    body.push(...elements);
  }

  const card: AdaptiveCardJson = {
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: '1.5',
    // The fallback text is markdown too (shown by clients that cannot draw the card).
    fallbackText: line(view.repeatNotice ? `${view.repeatNotice} ${view.fallbackText}` : view.fallbackText),
    body,
  };
  if (view.actions?.length) card.actions = view.actions.map(renderAction);
  return card;
}

function renderBlock(block: Exclude<CardBlock, { type: 'divider' }>): AdaptiveElement[] {
  switch (block.type) {
    case 'text': {
      const text = clipText(block.text, CARD_TEXT_MAX.text);
      return [renderText(block.format === 'markdown' ? trustedCardMarkdown(text) : lineBreaks(escapeCardText(text)), block.style)];
    }
    case 'facts': {
      const width = labelWidth(block.facts);
      return block.facts.map((fact, i) => factRow(fact, i, width));
    }
    case 'list':
      // One row per item: a title alone is a bullet line; a title with a text, a bold title above it.
      return block.items.map((item, i) =>
        item.text || item.links?.length
          ? {
              type: 'Container',
              items: [
                { type: 'TextBlock', text: short(item.title), weight: 'Bolder', wrap: true },
                ...(item.text ? [{ type: 'TextBlock', text: short(item.text), wrap: true, spacing: 'None' }] : []),
                ...(item.links?.length ? [{ type: 'TextBlock', text: item.links.map((l) => cardLink(breakable(clipText(l.label, CARD_TEXT_MAX.short)), l.url)).join(' · '), wrap: true, spacing: 'None' }] : []),
              ],
              ...(i > 0 ? { spacing: 'Small' } : {}),
            }
          : { type: 'TextBlock', text: `• ${short(item.title)}`, wrap: true, ...(i > 0 ? { spacing: 'Small' } : {}) },
      );
    case 'image':
      return [{ type: 'Image', url: block.url, altText: plain(block.alt) }];
    case 'input':
      return renderInput(block.input);
  }
}

type InputBlock = Extract<CardBlock, { type: 'input' }>;

/** A time input right after a date input ("Begin (datum)", "Begin (tijd)"): one row of two columns. */
function isTimeAfterDate(first: CardBlock | undefined, second: CardBlock | undefined): second is InputBlock {
  return first?.type === 'input' && first.input.kind === 'date' && second?.type === 'input' && second.input.kind === 'time';
}

/** A date and its time side by side: the form is shorter, and each field is still wide enough for its value. */
function dateAndTime(date: CardBlock, time: InputBlock): AdaptiveElement {
  return {
    type: 'ColumnSet',
    columns: [
      { type: 'Column', width: 'stretch', items: renderBlock(date as InputBlock) },
      { type: 'Column', width: 'stretch', items: renderBlock(time) },
    ],
  };
}

/**
 * A fact as a row of two columns, the label and the value taking the rest. A FactSet gives its
 * titles a narrow column that Teams breaks inside words ("Coördinatiel/aag"); here the label
 * column of every row has one width, wide enough for the longest label (or, for long labels, the
 * longest word, so they wrap between words), and 'auto' when even a word is too long for that.
 */
function factRow(fact: Fact, index: number, width: string): AdaptiveElement {
  return {
    type: 'ColumnSet',
    columns: [
      { type: 'Column', width, items: [{ type: 'TextBlock', text: line(fact.label), weight: 'Bolder', wrap: true }] },
      { type: 'Column', width: 'stretch', items: [{ type: 'TextBlock', text: factValue(fact), wrap: true }] },
    ],
    ...(index > 0 ? { spacing: 'Small' } : {}),
  };
}

// Bold 14 px text is at most about 9.5 px a character in the clients' fonts (Segoe UI in Teams,
// wider DejaVu Sans in Chromium on Linux): a label column of n characters gets n × 9.5 px.
const LABEL_PX_PER_CHAR = 9.5;
const LABEL_CHARS_MAX = 18;

function labelWidth(facts: Fact[]): string {
  const longest = (texts: string[]) => Math.max(0, ...texts.map((t) => [...t].length));
  const labels = facts.map((f) => cleanText(f.label).trim());
  const whole = longest(labels);
  const word = longest(labels.flatMap((l) => l.split(/\s+/)));
  const chars = whole <= LABEL_CHARS_MAX ? whole : word <= LABEL_CHARS_MAX ? word : undefined;
  return chars ? `${Math.ceil(chars * LABEL_PX_PER_CHAR) + 4}px` : 'auto';
}

/**
 * A long address shown as a link ("servicedesk.rivierennet@example.org", a web address) has no
 * place to wrap: Teams then breaks it anywhere ("example.or/g") and Web Chat moves it whole to a
 * line of its own. An invisible zero-width space after "@" and "/" and before "." lets it wrap there.
 */
const breakable = (label: string) => (label.length > 24 ? label.replace(/[@/](?=[^/])/g, '$&\u200B').replace(/(?<=\p{L}|\p{N})\.(?=\p{L})/gu, '\u200B.') : label);

/** A fact's value; a link only when the view gave a (trusted) URL. */
function factValue(fact: Fact): string {
  return fact.url ? cardLink(breakable(clipText(fact.value, CARD_TEXT_MAX.short)), fact.url) : short(fact.value);
}

function renderText(text: string, style: 'heading' | 'muted' | 'warning' | undefined): AdaptiveElement {
  const element: AdaptiveElement = { type: 'TextBlock', text, wrap: true };
  if (style === 'heading') Object.assign(element, { size: 'Medium', weight: 'Bolder' });
  if (style === 'muted') element.isSubtle = true;
  if (style === 'warning') element.color = 'Warning';
  return element;
}

function renderInput(input: CardInput): AdaptiveElement[] {
  const elements = renderInputElements(input);
  if (input.kind !== 'choice' || !input.multiSelect || !input.collapsedUnder || input.error !== undefined) return elements;
  // A required list with nothing chosen stays open: the client refuses to send it, and would point at a hidden field.
  if (input.required && (input.value === undefined || input.value.length === 0)) return elements;
  // Hidden, not removed: a hidden container's inputs are still sent with the form.
  const box = `${input.id}-box`;
  return [
    { type: 'ActionSet', actions: [{ type: 'Action.ToggleVisibility', title: plain(input.collapsedUnder), targetElements: [box] }] },
    { type: 'Container', id: box, isVisible: false, spacing: 'None', items: elements },
  ];
}

function renderInputElements(input: CardInput): AdaptiveElement[] {
  if (input.id === SUBMIT_ACTION_KEY) {
    // Teams merges input values into the submit data, so this input would hide the action id.
    throw new Error(`Input id "${SUBMIT_ACTION_KEY}" is reserved for the submit action id`);
  }
  // A toggle shows its label as its own title beside the box; a label above it would say it twice
  // (a required one keeps it: Adaptive Cards require a label on required inputs).
  const element: AdaptiveElement = { ...inputElement(input), id: input.id, ...(input.kind === 'toggle' && !input.required ? {} : { label: plain(input.label) }) };
  if (input.required) element.isRequired = true;
  // Teams checks required inputs itself before sending; this is what it shows when one is empty.
  if (input.required && input.requiredMessage && input.error === undefined) element.errorMessage = short(input.requiredMessage);
  if (input.error === undefined) return [element];
  const error = short(input.error);
  element.errorMessage = error;
  // Teams only shows errorMessage after a submit attempt; the card was sent back with this error.
  return [element, { type: 'TextBlock', text: error, color: 'Attention', wrap: true, spacing: 'Small' }];
}

function inputElement(input: CardInput): AdaptiveElement {
  switch (input.kind) {
    case 'text':
      return withDefined({
        type: 'Input.Text',
        isMultiline: input.multiline,
        maxLength: input.maxLength,
        placeholder: optionalText(input.placeholder),
        // What the person typed, sent back with the form: kept up to the longest text a card shows.
        value: input.value === undefined ? undefined : cleanText(clipText(input.value, CARD_TEXT_MAX.text)),
      });
    case 'choice':
      return withDefined({
        type: 'Input.ChoiceSet',
        // Radio buttons and checkboxes draw their titles as markdown; a select menu as plain text.
        // A description follows its label after a dash: Adaptive Cards have one title per choice.
        choices: input.choices.map((c) => {
          const title = c.description ? `${c.title} – ${c.description}` : c.title;
          return { title: input.expanded ? line(title) : plain(title), value: c.value };
        }),
        isMultiSelect: input.multiSelect,
        style: input.expanded ? 'expanded' : 'compact',
        // Without wrap, Teams and Web Chat cut a long choice off with "…".
        wrap: true,
        placeholder: optionalText(input.placeholder),
        value: Array.isArray(input.value) ? input.value.join(',') : input.value,
      });
    case 'date':
      return withDefined({ type: 'Input.Date', value: input.value });
    case 'time':
      return withDefined({ type: 'Input.Time', value: input.value });
    case 'toggle':
      return {
        type: 'Input.Toggle',
        title: line(input.label),
        wrap: true,
        value: input.value ? 'true' : 'false',
        valueOn: 'true',
        valueOff: 'false',
      };
  }
}

function renderAction(action: CardAction): AdaptiveElement {
  if (action.kind === 'url') return { type: 'Action.OpenUrl', title: plain(action.label), url: action.url };
  return withDefined({
    type: 'Action.Submit',
    title: plain(action.label),
    style: action.style === 'primary' ? 'positive' : action.style === 'danger' ? 'destructive' : undefined,
    // A cancel: no required-field check, no inputs sent.
    associatedInputs: action.ignoresInputs ? 'None' : undefined,
    mode: action.secondary ? 'secondary' : undefined,
    // The id goes last so extra data can never overwrite it.
    data: { ...action.data, [SUBMIT_ACTION_KEY]: action.id },
  });
}

/**
 * In markdown a single line break is only a space (Web Chat runs the lines together); an empty
 * line between them keeps each line of a plain text (a "• " list, an address) on its own line.
 */
const lineBreaks = (markdown: string) => markdown.replace(/\n/g, '\n\n');
/** A one-line text (title, label, badge) for a markdown field. */
const line = (text: string) => escapeCardText(clipText(text, CARD_TEXT_MAX.line));
/** A fact value, list item or message for a markdown field. */
const short = (text: string) => lineBreaks(escapeCardText(clipText(text, CARD_TEXT_MAX.short)));
/** A one-line text for a field the clients show as plain text (input label, placeholder, select option, button). */
const plain = (text: string) => cleanText(clipText(text, CARD_TEXT_MAX.line));
const optionalText = (text: string | undefined) => (text === undefined ? undefined : plain(text));

/** Drops undefined properties, so the JSON only holds what the view set. */
function withDefined(element: AdaptiveElement): AdaptiveElement {
  return Object.fromEntries(Object.entries(element).filter(([, v]) => v !== undefined)) as AdaptiveElement;
}
