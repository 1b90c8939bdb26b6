import { describe, expect, it } from 'vitest';
import { en } from '../../../cards/i18n/en.ts';
import { nl } from '../../../cards/i18n/nl.ts';

// Web Chat and Teams treat "<word>" in card text as HTML and drop it, so "kanaal koppel <organisatie>"
// would show as "kanaal koppel". Placeholders the user must fill in are written [word].
describe('texts contain nothing a card renderer would swallow as HTML', () => {
  it.each([['nl', nl], ['en', en]] as const)('%s', (_locale, catalogue) => {
    const offending = Object.entries(catalogue).filter(([, text]) => /<[a-z/][^>]*>/i.test(text));
    expect(offending).toEqual([]);
  });
});
