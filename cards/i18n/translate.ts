import type { Locale } from '../../core/conversation/locale.ts';
import { en } from './en.ts';
import { nl, type MessageKey } from './nl.ts';

export type { MessageKey } from './nl.ts';
export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

const catalogues: Record<Locale, Record<MessageKey, string>> = { nl, en };

/**
 * Placeholders: {name} is filled in; {name|one|other} is the word for that number, singular or
 * plural ("{channels} {channels|kanaal|kanalen}"), chosen by the language's plural rules.
 */
const PLACEHOLDER = /\{(\w+)(?:\|([^{}|]*)\|([^{}|]*))?\}(\.?)/g;

/**
 * Fills placeholders; an unknown placeholder is left visible rather than silently dropped.
 * A value that ends in a full stop ("Vroedsoft B.V.") swallows the sentence's own full stop
 * right after it, so no text ever shows "B.V..".
 */
export function format(template: string, params: Params = {}, locale: Locale = 'nl'): string {
  return template.replace(PLACEHOLDER, (whole, name: string, one: string | undefined, other: string | undefined, stop: string) => {
    if (!Object.prototype.hasOwnProperty.call(params, name)) return whole;
    const value = params[name]!;
    if (one !== undefined) return (pluralOf(locale, Number(value)) === 'one' ? one : other!) + stop;
    const text = String(value);
    return stop && text.endsWith('.') ? text : text + stop;
  });
}

const rules = new Map<Locale, Intl.PluralRules>();
function pluralOf(locale: Locale, count: number): Intl.LDMLPluralRule {
  let rule = rules.get(locale);
  if (!rule) rules.set(locale, (rule = new Intl.PluralRules(locale)));
  return rule.select(count);
}

export function translate(locale: Locale, key: MessageKey, params?: Params): string {
  return format(catalogues[locale][key], params, locale);
}

export function translator(locale: Locale): Translate {
  return (key, params) => translate(locale, key, params);
}

export function catalogue(locale: Locale): Readonly<Record<MessageKey, string>> {
  return catalogues[locale];
}
