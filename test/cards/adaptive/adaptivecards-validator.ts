import { createRequire } from 'node:module';
import type * as AdaptiveCards from 'adaptivecards';

// The UMD bundle loads and parses in Node without any DOM stand-ins: only rendering touches the DOM.
const AC = createRequire(import.meta.url)('adaptivecards/dist/adaptivecards.js') as typeof AdaptiveCards;

const TARGET = new AC.Version(1, 5);

// Collections the library parses by hand, outside the schema (see AdaptiveCard, Container, ColumnSet…).
const COLLECTION_KEYS = new Set(['body', 'items', 'actions', 'columns', 'rows', 'cells', 'pages', 'inlines', 'card', 'fallback']);

/**
 * Checks a card the way the official Adaptive Cards library does for schema version 1.5:
 * every parse event (unknown element/action types, invalid values, properties newer than 1.5)
 * and every `validateProperties()` event (missing labels, empty collections, duplicate ids…).
 * The library silently ignores property names it does not know, so those are reported too.
 * Returns readable lines, `[]` when the card is clean.
 */
export function validateAdaptiveCard(json: object): string[] {
  const context = new AC.SerializationContext(TARGET);
  const card = new AC.AdaptiveCard();
  card.parse(json, context);

  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i++) {
    const e = context.getEventAt(i);
    problems.push(describe(e.phase, e.event, e.source, e.message));
  }
  for (const e of card.validateProperties().validationEvents) {
    problems.push(describe(e.phase, e.event, e.source, e.message));
  }
  return [...problems, ...unknownProperties(json, '$')];
}

function describe(
  phase: AdaptiveCards.ValidationPhase,
  event: AdaptiveCards.ValidationEvent,
  source: AdaptiveCards.SerializableObject | undefined,
  message: string,
): string {
  const where = source instanceof AC.CardObject ? ` (${source.getJsonTypeName()}${source.id ? `#${source.id}` : ''})` : '';
  return `${AC.ValidationPhase[phase]} ${AC.ValidationEvent[event]}${where}: ${message}`;
}

/** Keys of the card, its elements and actions that are not in the library's schema for that type. */
function unknownProperties(value: unknown, path: string): string[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => unknownProperties(item, `${path}[${i}]`));
  if (typeof value !== 'object' || value === null) return [];

  const entries = Object.entries(value);
  const known = knownKeys((value as { type?: unknown }).type);
  const problems = known
    ? entries.filter(([key]) => !known.has(key)).map(([key]) => `Parse UnknownProperty: "${key}" at ${path}`)
    : [];
  // Action.Submit data is free-form: whatever is in it goes back to the bot untouched.
  const nested = entries.filter(([key]) => key !== 'data');
  return [...problems, ...nested.flatMap(([key, child]) => unknownProperties(child, `${path}.${key}`))];
}

function knownKeys(type: unknown): Set<string> | undefined {
  if (typeof type !== 'string') return undefined;
  const instance =
    type === 'AdaptiveCard'
      ? new AC.AdaptiveCard()
      : (AC.GlobalRegistry.elements.createInstance(type, TARGET) ?? AC.GlobalRegistry.actions.createInstance(type, TARGET));
  if (!instance) return undefined;
  const schema = instance.getSchema();
  const keys = new Set(COLLECTION_KEYS);
  for (let i = 0; i < schema.getCount(); i++) keys.add(schema.getItemAt(i).name);
  return keys;
}
