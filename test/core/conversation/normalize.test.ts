import { describe, expect, it } from 'vitest';
import { normalizeText } from '../../../core/conversation/normalize.ts';

describe('normalizeText', () => {
  it.each<[string | undefined, string]>([
    // nothing
    [undefined, ''],
    ['', ''],
    ['   ', ''],
    ['\n\t ', ''],
    // case
    ['HELP', 'help'],
    ['Help', 'help'],
    ['RivierenNet', 'rivierennet'],
    // punctuation becomes white space, then collapses
    ['Help!', 'help'],
    ['help?', 'help'],
    ['¿help?', 'help'],
    ['"help"', 'help'],
    ['(help)', 'help'],
    ['help, please', 'help please'],
    ['what\'s up', 'what s up'],
    ['Wie beheert RivierenNet?', 'wie beheert rivierennet'],
    ['help 👍', 'help'],
    ['👋 hallo', 'hallo'],
    // sentence dots and colons at a word end go, inside a word they stay
    ['Help.', 'help'],
    ['help...', 'help'],
    ['Help.!', 'help'],
    ['Storing: ZorgDomein', 'storing zorgdomein'],
    ['versie 1.2.3', 'versie 1.2.3'],
    ['om 12:30 uur', 'om 12:30 uur'],
    ['www.example.org', 'www.example.org'],
    // characters that carry meaning are kept
    ['@ketenbot help', '@ketenbot help'],
    ['#ketenregie', '#ketenregie'],
    ['e-mail', 'e-mail'],
    ['snake_case', 'snake_case'],
    ['ticket 4711', 'ticket 4711'],
    // white space
    ['  wat   kun\tje \n ', 'wat kun je'],
    ['wat\u00a0kun\u2003je', 'wat kun je'],
    // diacritics fold
    ['Één café', 'een cafe'],
    ['ZIEKENHUIS GÖTEBORG', 'ziekenhuis goteborg'],
    ['crème brûlée', 'creme brulee'],
    ['naïef', 'naief'],
    // compatibility forms fold too (full width, ligatures)
    ['ＨＥＬＰ', 'help'],
    ['ﬁle', 'file'],
    ['ĳs', 'ijs'],
  ])('%j → %j', (input, expected) => {
    expect(normalizeText(input)).toBe(expected);
  });

  it('is idempotent', () => {
    for (const input of ['Wie beheert RivierenNet?', 'Help.!', '  Één café  ', 'om 12:30 uur.', '@ketenbot #help!']) {
      const once = normalizeText(input);
      expect(normalizeText(once)).toBe(once);
    }
  });
});
