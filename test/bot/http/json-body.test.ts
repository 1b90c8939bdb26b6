import { describe, expect, it } from 'vitest';
import { isJsonContentType } from '../../../bot/http/json-body.ts';
import { jsonTooDeep } from '../../../bot/http/json-depth.ts';

const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

describe('jsonTooDeep', () => {
  it.each([
    ['64 levels of arrays', nested(64), false],
    ['65 levels of arrays', nested(65), true],
    ['65 levels of objects', `${'{"a":'.repeat(65)}1${'}'.repeat(65)}`, true],
    ['brackets inside a string', `{"text":"${'['.repeat(500)}"}`, false],
    ['an escaped quote does not end the string', `{"text":"\\"${'['.repeat(500)}"}`, false],
    ['an escaped backslash before the closing quote', `["\\\\",${nested(70)}]`, true],
    ['siblings do not add up', `[${Array.from({ length: 100 }, () => nested(10)).join(',')}]`, false],
    ['10,000 levels', nested(10_000), true],
    ['no JSON at all', 'hello', false],
  ])('%s → %s', (_name, text, deep) => {
    expect(jsonTooDeep(text)).toBe(deep);
  });
});

describe('isJsonContentType', () => {
  it.each([
    ['application/json', true],
    ['application/json; charset=utf-8', true],
    ['Application/JSON;charset="UTF-8"', true],
    ['application/json; charset=iso-8859-1', false],
    ['application/json; boundary=x', false],
    ['application/jsonp', false],
    ['application/x-www-form-urlencoded', false],
    ['text/plain', false],
    ['', false],
    [undefined, false],
  ])('%s → %s', (header, json) => {
    expect(isJsonContentType(header)).toBe(json);
  });
});
