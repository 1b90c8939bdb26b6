import type { CardAction, CardBlock, CardInput, CardView, Tone } from '../views/card-view.ts';

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

export function renderAdaptiveCard(view: CardView): AdaptiveCardJson {
  const body: AdaptiveElement[] = [
    { type: 'TextBlock', text: view.title, size: 'Large', weight: 'Bolder', wrap: true },
  ];
  if (view.subtitle) body.push({ type: 'TextBlock', text: view.subtitle, isSubtle: true, wrap: true, spacing: 'None' });
  if (view.badge) body.push({ type: 'TextBlock', text: view.badge.text, color: TONE_COLOR[view.badge.tone], wrap: true });

  // A divider becomes `separator` on the next element: an empty separator Container is not drawn.
  let separateNext = false;
  for (const block of view.blocks) {
    if (block.type === 'divider') {
      separateNext = true;
      continue;
    }
    const elements = renderBlock(block);
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
    fallbackText: view.fallbackText,
    body,
  };
  if (view.actions?.length) card.actions = view.actions.map(renderAction);
  return card;
}

function renderBlock(block: Exclude<CardBlock, { type: 'divider' }>): AdaptiveElement[] {
  switch (block.type) {
    case 'text':
      return [renderText(block.text, block.style)];
    case 'facts':
      return block.facts.length
        ? [{ type: 'FactSet', facts: block.facts.map((f) => ({ title: f.label, value: f.value })) }]
        : [];
    case 'list':
      return block.items.map((item) => ({
        type: 'Container',
        items: [
          { type: 'TextBlock', text: item.title, weight: 'Bolder', wrap: true },
          ...(item.text ? [{ type: 'TextBlock', text: item.text, wrap: true, spacing: 'Small' }] : []),
        ],
      }));
    case 'image':
      return [{ type: 'Image', url: block.url, altText: block.alt }];
    case 'input':
      return renderInput(block.input);
  }
}

function renderText(text: string, style: 'heading' | 'muted' | 'warning' | undefined): AdaptiveElement {
  const element: AdaptiveElement = { type: 'TextBlock', text, wrap: true };
  if (style === 'heading') Object.assign(element, { size: 'Medium', weight: 'Bolder' });
  if (style === 'muted') element.isSubtle = true;
  if (style === 'warning') element.color = 'Warning';
  return element;
}

function renderInput(input: CardInput): AdaptiveElement[] {
  if (input.id === SUBMIT_ACTION_KEY) {
    // Teams merges input values into the submit data, so this input would hide the action id.
    throw new Error(`Input id "${SUBMIT_ACTION_KEY}" is reserved for the submit action id`);
  }
  const element: AdaptiveElement = { ...inputElement(input), id: input.id, label: input.label };
  if (input.required) element.isRequired = true;
  // Teams checks required inputs itself before sending; this is what it shows when one is empty.
  if (input.required && input.requiredMessage && input.error === undefined) element.errorMessage = input.requiredMessage;
  if (input.error === undefined) return [element];
  element.errorMessage = input.error;
  // Teams only shows errorMessage after a submit attempt; the card was sent back with this error.
  return [element, { type: 'TextBlock', text: input.error, color: 'Attention', wrap: true, spacing: 'Small' }];
}

function inputElement(input: CardInput): AdaptiveElement {
  switch (input.kind) {
    case 'text':
      return withDefined({
        type: 'Input.Text',
        isMultiline: input.multiline,
        maxLength: input.maxLength,
        placeholder: input.placeholder,
        value: input.value,
      });
    case 'choice':
      return withDefined({
        type: 'Input.ChoiceSet',
        choices: input.choices.map((c) => ({ title: c.title, value: c.value })),
        isMultiSelect: input.multiSelect,
        style: input.expanded ? 'expanded' : 'compact',
        placeholder: input.placeholder,
        value: Array.isArray(input.value) ? input.value.join(',') : input.value,
      });
    case 'date':
      return withDefined({ type: 'Input.Date', value: input.value });
    case 'time':
      return withDefined({ type: 'Input.Time', value: input.value });
    case 'toggle':
      return {
        type: 'Input.Toggle',
        title: input.label,
        value: input.value ? 'true' : 'false',
        valueOn: 'true',
        valueOff: 'false',
      };
  }
}

function renderAction(action: CardAction): AdaptiveElement {
  if (action.kind === 'url') return { type: 'Action.OpenUrl', title: action.label, url: action.url };
  return withDefined({
    type: 'Action.Submit',
    title: action.label,
    style: action.style === 'primary' ? 'positive' : action.style === 'danger' ? 'destructive' : undefined,
    // The id goes last so extra data can never overwrite it.
    data: { ...action.data, [SUBMIT_ACTION_KEY]: action.id },
  });
}

/** Drops undefined properties, so the JSON only holds what the view set. */
function withDefined(element: AdaptiveElement): AdaptiveElement {
  return Object.fromEntries(Object.entries(element).filter(([, v]) => v !== undefined)) as AdaptiveElement;
}
