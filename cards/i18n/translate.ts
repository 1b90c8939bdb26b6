import type { Locale } from '../../core/conversation/locale.ts';
import { en } from './en.ts';
import { nl, type MessageKey } from './nl.ts';

export type { MessageKey } from './nl.ts';
export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

const catalogues: Record<Locale, Record<MessageKey, string>> = { nl, en };

/** Fills {name} placeholders; an unknown placeholder is left visible rather than silently dropped. */
export function format(template: string, params: Params = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
  );
}

export function translate(locale: Locale, key: MessageKey, params?: Params): string {
  return format(catalogues[locale][key], params);
}

export function translator(locale: Locale): Translate {
  return (key, params) => translate(locale, key, params);
}

export function catalogue(locale: Locale): Readonly<Record<MessageKey, string>> {
  return catalogues[locale];
}
