import { describe, expect, it } from 'vitest';
import { en } from '../../../cards/i18n/en.ts';
import { nl } from '../../../cards/i18n/nl.ts';
import { catalogue, format, translate, translator, type MessageKey, type Params } from '../../../cards/i18n/translate.ts';

// {name} and the count-aware {name|one|other}
const PLACEHOLDER = /\{(\w+)(?:\|[^{}|]*\|[^{}|]*)?\}/g;
const placeholders = (text: string) => new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]));
const keys = (o: object) => Object.keys(o).sort();

describe('the nl and en catalogues', () => {
  it('have exactly the same keys', () => {
    expect(keys(en)).toEqual(keys(nl));
    expect(keys(catalogue('nl'))).toEqual(keys(catalogue('en')));
  });

  it.each(keys(nl).map((k) => [k]))('%s: same placeholders in both languages', (key) => {
    const k = key as MessageKey;
    expect(placeholders(en[k]), `nl: ${nl[k]}\nen: ${en[k]}`).toEqual(placeholders(nl[k]));
  });

  it.each(keys(nl).map((k) => [k]))('%s: a real text in both languages (not empty, no stray braces, no surrounding space)', (key) => {
    const k = key as MessageKey;
    for (const text of [nl[k], en[k]]) {
      expect(text.trim()).not.toBe('');
      expect(text).toBe(text.trim());
      // every brace belongs to a {name} placeholder
      expect(text.replace(PLACEHOLDER, '')).not.toMatch(/[{}]/);
    }
  });

  it('English is not just a copy of Dutch: only short texts such as names may be the same', () => {
    const sameLongTexts = keys(nl).filter((k) => nl[k as MessageKey] === en[k as MessageKey] && nl[k as MessageKey].length > 30);
    expect(sameLongTexts).toEqual([]);
  });

  it('catalogue(locale) returns the catalogue of that language', () => {
    expect(catalogue('nl')).toBe(nl);
    expect(catalogue('en')).toBe(en);
  });

  it('translate and translator pick the language', () => {
    expect(translate('nl', 'flow.stopped')).toBe(nl['flow.stopped']);
    expect(translate('en', 'flow.stopped')).toBe(en['flow.stopped']);
    expect(translator('en')('unknown.text')).toBe(en['unknown.text']);
    expect(translator('nl')('unknown.text')).toBe(nl['unknown.text']);
  });
});

describe('format', () => {
  it.each<[string, Params | undefined, string]>([
    ['Hallo {name}', { name: 'Fatima' }, 'Hallo Fatima'],
    ['{a} en {b}', { a: 'Noord', b: 'Zuid' }, 'Noord en Zuid'],
    ['{n} meldingen', { n: 3 }, '3 meldingen'],
    ['{n} meldingen', { n: 0 }, '0 meldingen'],
    ['{x}{x}{x}', { x: 'ab' }, 'ababab'],
    ['{snake_case} {camelCase} {n1}', { snake_case: 's', camelCase: 'c', n1: 1 }, 's c 1'],
    ['geen plaatshouders', { name: 'ongebruikt' }, 'geen plaatshouders'],
    ['', { a: 'b' }, ''],
    // unknown placeholders stay visible
    ['Hallo {name}', {}, 'Hallo {name}'],
    ['Hallo {name}', undefined, 'Hallo {name}'],
    ['{known} {unknown}', { known: 'ja' }, 'ja {unknown}'],
    ['Hallo {Name}', { name: 'Fatima' }, 'Hallo {Name}'],
    // inherited object properties are not parameters
    ['{toString} {constructor} {__proto__} {hasOwnProperty}', {}, '{toString} {constructor} {__proto__} {hasOwnProperty}'],
    // values are inserted literally, never formatted again
    ['{a}', { a: '{b}', b: 'nee' }, '{b}'],
    ['{a}', { a: '$& $1 $$' }, '$& $1 $$'],
    ['{a}', { a: '' }, ''],
    // things that are not placeholders
    ['{ name }', { name: 'x' }, '{ name }'],
    ['{na-me}', { 'na-me': 'x' }, '{na-me}'],
    ['{}', {}, '{}'],
    ['{{name}}', { name: 'x' }, '{x}'],
    // count-aware words: singular for 1, plural otherwise (Dutch and English both say "0 kanalen")
    ['{n} {n|kanaal|kanalen}', { n: 1 }, '1 kanaal'],
    ['{n} {n|kanaal|kanalen}', { n: 2 }, '2 kanalen'],
    ['{n} {n|kanaal|kanalen}', { n: 0 }, '0 kanalen'],
    ['{n|die organisatie beheert|die organisaties beheren} niets', { n: 1 }, 'die organisatie beheert niets'],
    ['{n|één|meer}.', { n: 3 }, 'meer.'],
    ['{n|a|b}', {}, '{n|a|b}'],
    // a name that ends in a full stop takes the sentence's own: never "B.V.."
    ['Koppel {org}.', { org: 'Vroedsoft B.V.' }, 'Koppel Vroedsoft B.V.'],
    ['Koppel {org}. Daarna {x}.', { org: 'Vroedsoft B.V.', x: 'klaar' }, 'Koppel Vroedsoft B.V. Daarna klaar.'],
    ['Koppel {org}.', { org: 'Medicura' }, 'Koppel Medicura.'],
    ['"{org}".', { org: 'Vroedsoft B.V.' }, '"Vroedsoft B.V.".'],
    ['{org}...', { org: 'X B.V.' }, 'X B.V...'],
  ])('format(%j, %j) → %j', (template, params, expected) => {
    expect(format(template, params)).toBe(expected);
  });

  it('translate fills placeholders the same way', () => {
    // no key has a placeholder yet; a text without one is returned unchanged whatever the params
    expect(translate('nl', 'help.title', { name: 'x' })).toBe(nl['help.title']);
  });
});
