import { describe, expect, it } from 'vitest';
import { editDistance, matchScore } from '../../../../core/domain/directory/fuzzy.ts';

/** The score directory search needs to list a hit at all (directory-search.ts MIN_SCORE). */
const FINDS = 40;

describe('editDistance (Levenshtein plus adjacent transpositions, capped)', () => {
  it.each<[string, string, number]>([
    ['rivierennet', 'rivierennet', 0],
    ['rivierenet', 'rivierennet', 1], // a letter missing
    ['lindedael', 'lindendael', 1],
    ['zorgadresbook', 'zorgadresboek', 1], // a letter wrong
    ['wiegwijs', 'wiegewijs', 1],
    ['meadner', 'meander', 1], // two letters swapped count once
    ['kitten', 'sitting', 3],
    ['abc', 'abcd', 1],
  ])('%j → %j: %i', (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
    expect(editDistance(b, a)).toBe(distance);
  });

  it('stops counting past the cap: anything further away is max + 1', () => {
    expect(editDistance('kitten', 'sitting', 2)).toBe(3);
    expect(editDistance('a', 'abcdefgh', 3)).toBe(4);
    expect(editDistance('abcdefgh', 'hgfedcba', 2)).toBe(3);
    expect(editDistance('lindendael', 'lindedael', 1)).toBe(1);
  });
});

describe('matchScore: how well a query matches a name', () => {
  it.each<[string, string, number]>([
    ['RivierenNet uitwisselplatform', 'RivierenNet uitwisselplatform', 100],
    ['rivierennet uitwisselplatform', 'RivierenNet uitwisselplatform', 100],
    ['RIVIERENNET UITWISSELPLATFORM', 'RivierenNet uitwisselplatform', 100],
    ['Zïekenhuis Lîndendaël', 'Ziekenhuis Lindendael', 100],
    ['  Ziekenhuis   Lindendael ', 'Ziekenhuis Lindendael', 100],
    ['RivierenNet-uitwisselplatform', 'RivierenNet uitwisselplatform', 98],
    ['rivierennetuitwisselplatform', 'RivierenNet uitwisselplatform', 98],
    ['riv', 'RivierenNet uitwisselplatform', 90],
    ['Ziekenhuis', 'Ziekenhuis Lindendael', 90],
  ])('%j ~ %j = %i (exact, case, diacritics, spacing, whole-name prefix)', (query, name, score) => {
    expect(matchScore(query, name)).toBe(score);
  });

  it.each<[string, string]>([
    ['lindedael', 'Ziekenhuis Lindendael'],
    ['ziekenhuis lindedael', 'Ziekenhuis Lindendael'],
    ['Lindendäl', 'Ziekenhuis Lindendael'],
    ['zorgadresbook', 'Zorgadresboek'],
    ['rivierenet', 'RivierenNet uitwisselplatform'],
    ['wiegwijs', 'Kraamzorg Wiegewijs'],
    ['meadner', 'Verloskundigenpraktijk De Meander'],
    ['lindendael ziekenhuis', 'Ziekenhuis Lindendael'],
    ['gasthuis', 'Sint Amandus Gasthuis'],
    ['uzi', 'Identiteitsdienst (UZI-aanmelding)'],
    ['epd', 'Medicura EPD'],
  ])('%j still finds %j (small typos, word order, one word of several)', (query, name) => {
    expect(matchScore(query, name)).toBeGreaterThanOrEqual(FINDS);
    expect(matchScore(query, name)).toBeLessThan(100);
  });

  it.each<[string, string]>([
    ['xyz', 'Ziekenhuis Lindendael'],
    ['qwerty', 'Ziekenhuis Lindendael'],
    ['ziekenhuis duinzicht', 'Ziekenhuis Lindendael'], // every query word must match
    ['ziekenhuis qwerty', 'Ziekenhuis Lindendael'],
    ['abd', 'abc'], // no typos allowed in words under 4 letters
    ['ep', 'Medicura EPD'], // a 2-letter prefix is too short
    ['lndndl', 'Ziekenhuis Lindendael'], // too many typos
    ['', 'Ziekenhuis Lindendael'],
    ['   ', 'Ziekenhuis Lindendael'],
    ['?!', 'Ziekenhuis Lindendael'],
    ['Lindendael', ''],
  ])('%j does not match %j', (query, name) => {
    expect(matchScore(query, name)).toBe(0);
  });

  it('ranks the closer match higher: exact > whole-name prefix > a word > a word with a typo', () => {
    const name = 'Ziekenhuis Lindendael';
    const exact = matchScore('Ziekenhuis Lindendael', name);
    const prefix = matchScore('Ziekenhuis Lin', name);
    const word = matchScore('Lindendael', name);
    const typo = matchScore('Lindedael', name);
    expect(exact).toBeGreaterThan(prefix);
    expect(prefix).toBeGreaterThan(word);
    expect(word).toBeGreaterThan(typo);
    expect(typo).toBeGreaterThanOrEqual(FINDS);
  });

  it('a query naming more of a long name scores higher than one naming a single word of it', () => {
    const name = 'Regioportaal Geboortezorg Rivierenland';
    expect(matchScore('geboortezorg rivierenland', name)).toBeGreaterThan(matchScore('rivierenland', name));
  });

  it('scores stay within 0..100', () => {
    for (const [q, n] of [['a', 'a b c d e f'], ['medicura medicura medicura', 'Medicura EPD'], ['zorg', 'Zorgadresboek en Identiteitsdienst (voorbeeld)']]) {
      const s = matchScore(q!, n!);
      expect(s).toBeGreaterThanOrEqual(0);
      expect(s).toBeLessThanOrEqual(100);
    }
  });
});
