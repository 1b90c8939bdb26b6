import fc from 'fast-check';

/** A deterministic "word" of lower-case letters of this length (no real word, so every typo path runs). */
export function randomWord(length: number, seed = 13): string {
  let out = '';
  for (let i = 0; i < length; i++) out += 'abcdefghijklmnopqrstuvwxyz'[(i * 7919 + seed) % 26];
  return out;
}

/** Characters people and attackers paste: controls, invisibles, right-to-left marks, emoji, combining marks, lone surrogates. */
const ODD_CHARACTERS = ['\u0000', '\u0007', '\t', '\n', '\r', '\u00a0', '\u00ad', '\u200b', '\u200d', '\u2060', '\u202e', '\ufeff', '\ud83d',
  '\udc00', '😀', 'é', 'e\u0301', 'ß', 'İ', 'ǅ', '١', '５', '<', '>', '&', '"', "'", '\\', '`', '*', '_', '~', '[', ']', '(', ')', '#', '|', '@', '<!channel>',
  '<at>x</at>', '](https://evil.example)', '${x}', '{{x}}', '%s', '../', '\u0085', '\u2028'];

/**
 * Text as hostile and careless users produce it: empty, blank, arbitrary Unicode (including lone
 * surrogates), long random words, odd characters, many short words, and digit runs.
 */
export function hostileText(): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constant(''),
    fc.constantFrom(' ', '\n\n\n', '\u200b\u200b'),
    fc.string({ unit: 'binary', maxLength: 200 }),
    fc.string({ unit: fc.constantFrom(...ODD_CHARACTERS), maxLength: 300 }),
    fc.integer({ min: 1, max: 6000 }).map((n) => randomWord(n, n)),
    fc.array(fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 12 }), { maxLength: 400 }).map((ws) => ws.join(' ')),
    fc.string({ unit: fc.constantFrom('0', '1', '2', '3', '4', '5', '6', '7', '8', '9', ' ', '-', '.', '/'), maxLength: 2000 }),
  );
}
