import { describe, expect, it } from 'vitest';
import { loadSynonyms } from '../../../../bot/kb-synonyms.ts';
import { Synonyms } from '../../../../core/domain/knowledge-base/synonyms.ts';
import { stem, words } from '../../../../core/domain/knowledge-base/text-analysis.ts';

const nl = (w: string) => stem(w, 'nl');
const en = (w: string) => stem(w, 'en');

describe('Synonyms', () => {
  const synonyms = new Synonyms({
    groups: [
      ['inloggen', 'aanmelden', 'login', 'log in', 'sign in'],
      ['printen', 'afdrukken', 'printing'],
      ['client', 'cliënt', 'patiënt'],
      ['fout', 'error'],
      ['foute', 'verkeerde', 'wrong'],
    ],
  });

  it('a word of a group finds every other word of the group, as stems', () => {
    expect(synonyms.of(nl('inloggen'))).toEqual(expect.arrayContaining([nl('aanmelden'), 'login']));
    expect(synonyms.of(nl('afdrukken'))).toEqual(expect.arrayContaining([nl('printen')]));
  });

  it('never includes the word itself', () => {
    for (const s of [nl('inloggen'), nl('aanmelden'), 'login', nl('printen')]) expect(synonyms.of(s)).not.toContain(s);
  });

  it('holds the stems of both languages, so Dutch and English words meet', () => {
    // "printing" is an English word: its English stem "print" is the Dutch stem of "printen".
    expect(en('printing')).toBe(nl('printen'));
    expect(synonyms.of(en('printing'))).toEqual(expect.arrayContaining([nl('afdrukken')]));
    // Each word joins with its Dutch and its English stem: "afdrukken" → "afdruk" (nl) and "afdrukken" (en).
    expect(nl('afdrukken')).toBe('afdruk');
    expect(synonyms.of('afdruk')).toEqual(expect.arrayContaining(['afdrukken', 'printing', 'print']));
  });

  it('folds accents: cliënt, patiënt and client are the same words', () => {
    expect(synonyms.of('client')).toEqual(expect.arrayContaining(['patient']));
    expect(synonyms.of('patient')).toEqual(expect.arrayContaining(['client']));
    expect(synonyms.of('client').some((s) => /[^\x00-\x7f]/.test(s))).toBe(false);
  });

  it('a phrase joins the group as its words glued together ("log in" → "login", "sign in" → "signin")', () => {
    expect(synonyms.of('login')).toEqual(expect.arrayContaining([nl('inloggen')]));
    expect(synonyms.of('signin')).toEqual(expect.arrayContaining([nl('inloggen')]));
    // Its single words are not synonyms: "sign" alone (or "log") is no word for logging in.
    expect(synonyms.of('sign')).toEqual([]);
    expect(synonyms.of('log')).toEqual([]);
  });

  it('unknown words have no synonyms', () => {
    expect(synonyms.of('koffieautomaat')).toEqual([]);
    expect(synonyms.of('')).toEqual([]);
  });

  it('a stem in two groups belongs to the first: "fout" (error) and "foute" (wrong) share the Dutch stem "fout"', () => {
    expect(nl('foute')).toBe('fout');
    expect(synonyms.of('fout')).toEqual(expect.arrayContaining(['error']));
    expect(synonyms.of('fout')).not.toContain('wrong');
    // The later group still lists it: its other words find "fout".
    expect(synonyms.of('wrong')).toContain('fout');
  });

  it('an empty file has no synonyms', () => {
    expect(new Synonyms({ groups: [] }).of('login')).toEqual([]);
  });
});

describe('the shipped synonym groups (data/kb-synonyms.json)', () => {
  const file = loadSynonyms();
  const synonyms = new Synonyms(file);

  it('every group has at least two different words, each a word or a short phrase', () => {
    for (const group of file.groups) {
      expect(new Set(group.map((w) => words(w).join(' '))).size, JSON.stringify(group)).toBeGreaterThanOrEqual(2);
      for (const w of group) expect(words(w).length, w).toBeGreaterThanOrEqual(1);
    }
  });

  it('care words meet their everyday and English synonyms', () => {
    const meets = (a: string, b: string) => {
      const as = [nl(words(a).join('')), en(words(a).join(''))];
      const bs = [nl(words(b).join('')), en(words(b).join(''))];
      return as.some((x) => synonyms.of(x).some((y) => bs.includes(y)));
    };
    const pairs: Array<[string, string]> = [
      ['aanmelden', 'inloggen'], ['login', 'inloggen'], ['afdrukken', 'printen'], ['uitprinten', 'printen'], ['printing', 'afdrukken'],
      ['password', 'wachtwoord'], ['kwijt', 'vergeten'], ['patiënt', 'cliënt'], ['sloom', 'traag'], ['slow', 'traag'],
      ['smartcard', 'pas'], ['gsm', 'telefoon'], ['activatielink', 'uitnodiging'], ['twice', 'dubbel'], ['sessie', 'session'],
      ['opheffen', 'intrekken'], ['rejected', 'afgewezen'], ['attempts', 'pogingen'], ['warning', 'waarschuwing'], ['shown', 'getoond'],
    ];
    for (const [a, b] of pairs) expect(meets(a, b), `${a} ~ ${b}`).toBe(true);
  });
});
