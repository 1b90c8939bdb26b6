import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compoundParts, diminutiveBases } from '../../../../core/domain/knowledge-base/word-forms.ts';

/**
 * Everyday Dutch forms the stemmer does not undo: diminutives ("pasje") and compounds
 * ("werktelefoon"). KbSearch tries them for words the index does not know (see kb-search.test.ts
 * for what that finds); here the forms themselves.
 */

describe('diminutiveBases', () => {
  it.each([
    ['pasje', ['pas']],
    ['pasjes', ['pas']],
    ['linkje', ['link']],
    ['vraagje', ['vraag']],
    ['dingetje', ['ding']],
  ])('%j → %j (-je, -jes, -etje)', (word, bases) => {
    expect(diminutiveBases(word)).toEqual(bases);
  });

  it.each([
    ['mailtje', ['mail', 'mailt']],
    ['berichtje', ['berich', 'bericht']],
    ['kaartje', ['kaar', 'kaart']],
    ['foutje', ['fou', 'fout']],
    ['schermpje', ['scherm', 'schermp']],
    ['knopje', ['kno', 'knop']],
  ])('%j → %j: after -tje or -pje the t or p may belong to the word itself', (word, bases) => {
    expect(diminutiveBases(word)).toEqual(bases);
  });

  it.each([
    ['balletje', ['ball', 'bal']],
    ['appje', ['ap', 'app']],
  ])('%j → %j: a doubled last letter is also tried single', (word, bases) => {
    expect(diminutiveBases(word)).toEqual(bases);
  });

  it('no diminutive ending, or nothing left before it: no bases', () => {
    for (const word of ['printer', 'pas', 'storing', 'je', 'tje', 'jes', 'aje', '']) expect(diminutiveBases(word), word).toEqual([]);
  });

  it('every base is the word without its ending (plus at most its t or p), at least 2 letters, without repeats (property)', () => {
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom(...'abjeklpst'), maxLength: 14 }), (word) => {
      const bases = diminutiveBases(word);
      expect(new Set(bases).size).toBe(bases.length);
      if (!/(?:je|jes)$/.test(word)) expect(bases).toEqual([]);
      for (const base of bases) {
        expect(base.length).toBeGreaterThanOrEqual(2);
        expect(base.length).toBeLessThan(word.length - 1);
        expect(word.startsWith(base)).toBe(true);
      }
    }), { numRuns: 2000 });
  });
});

describe('compoundParts', () => {
  const vocabulary = new Set(['telefoon', 'foon', 'werk', 'pagina', 'onderhoud', 'app', 'gezondheid', 'pas', 'uzi', 'ziekte', 'wet', 'reset', 'wachtwoord']);
  const known = (part: string) => vocabulary.has(part);

  it('a compound of two known words: the head (last part) first, then the modifier', () => {
    expect(compoundParts('werktelefoon', known)).toEqual(['telefoon', 'werk']);
    expect(compoundParts('wachtwoordreset', known)).toEqual(['reset', 'wachtwoord']);
    expect(compoundParts('ziektewet', known)).toEqual(['wet', 'ziekte']);
    expect(compoundParts('uzipas', known)).toEqual(['pas', 'uzi']);
  });

  it('a linking s (or e) between the parts is dropped from the modifier', () => {
    expect(compoundParts('onderhoudspagina', known)).toEqual(['pagina', 'onderhoud']);
    expect(compoundParts('gezondheidsapp', known)).toEqual(['app', 'gezondheid']);
    expect(compoundParts('werkstelefoon', known)).toEqual(['telefoon', 'werk']);
    expect(compoundParts('werketelefoon', known)).toEqual(['telefoon', 'werk']);
  });

  it('an unknown modifier leaves only the head ("speeltelefoon" is some kind of telephone)', () => {
    expect(compoundParts('speeltelefoon', known)).toEqual(['telefoon']);
    expect(compoundParts('xyzpagina', known)).toEqual(['pagina']);
  });

  it('the longest known head wins: "telefoon", not "foon"', () => {
    expect(compoundParts('werktelefoon', known)).toEqual(['telefoon', 'werk']);
    // With only two letters before it, "telefoon" cannot be the head: parts are at least 3 letters.
    expect(compoundParts('abtelefoon', known)).toEqual(['foon']);
  });

  it('parts shorter than 3 letters do not count; no known head, no parts', () => {
    expect(compoundParts('telefoonap', (p) => p === 'ap' || p === 'telefoon')).toEqual([]);
    expect(compoundParts('apwerk', (p) => p === 'ap' || p === 'werk')).toEqual([]); // "werk" would need a 2-letter modifier
    expect(compoundParts('onbekendwoord', known)).toEqual([]);
    expect(compoundParts('', known)).toEqual([]);
  });

  it('`known` decides what a part is: it is asked about the parts as written', () => {
    const asked: string[] = [];
    compoundParts('werktelefoon', (p) => (asked.push(p), p === 'telefoon'));
    expect(asked).toContain('telefoon');
    expect(asked).toContain('werk');
    for (const part of asked) expect('werktelefoon'.includes(part), part).toBe(true); // not stemmed: KbSearch's `known` stems
  });

  it('the head is the longest known suffix of at least 3 letters with at least 3 before it, the modifier what is before it (property)', () => {
    const parts = fc.constantFrom('werk', 'telefoon', 'app', 'pas', 'pagina', 'ab', 's', 'e', 'x', 'onderhoud');
    fc.assert(fc.property(fc.array(parts, { minLength: 1, maxLength: 4 }), fc.subarray(['werk', 'telefoon', 'app', 'pas', 'pagina', 'onderhoud', 'ab']), (pieces, knownList) => {
      const word = pieces.join('');
      const isKnown = (p: string) => knownList.includes(p);
      const result = compoundParts(word, isKnown);
      const heads = [...word].map((_, at) => word.slice(at)).filter((h, at) => at >= 3 && h.length >= 3 && isKnown(h));
      if (!heads.length) {
        expect(result).toEqual([]);
        return;
      }
      const [head, modifier] = result;
      expect(head).toBe(heads[0]); // the longest
      const left = word.slice(0, word.length - head!.length);
      if (modifier === undefined) expect(isKnown(left) || isKnown(left.replace(/[se]$/, '')) && left.replace(/[se]$/, '').length >= 3).toBe(false);
      else {
        expect(isKnown(modifier)).toBe(true);
        expect([left, left.replace(/[se]$/, '')]).toContain(modifier);
        expect(modifier.length).toBeGreaterThanOrEqual(3);
      }
    }), { numRuns: 2000 });
  });
});
