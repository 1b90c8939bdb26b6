import { describe, expect, it } from 'vitest';
import { loadSynonyms } from '../../../../bot/kb-synonyms.ts';
import { Synonyms } from '../../../../core/domain/knowledge-base/synonyms.ts';
import { canonicalBy, groupQuestions, phrasingId, questionSimilarity, questionTerms, type AskedQuestion } from '../../../../core/domain/knowledge-base/unanswered-groups.ts';

/**
 * Questions without a sure answer, as people type them, grouped into one question each: filler,
 * typos, word order, compounds and synonyms aside; different subjects apart; never across languages.
 */

const canonical = canonicalBy(new Synonyms(loadSynonyms()));
const at = (minute: number) => new Date(Date.UTC(2026, 2, 2, 9, minute)).toISOString();

/** What people asked, in this order, a minute apart (text, language). */
const ASKED: Array<[string, 'nl' | 'en']> = [
  ['wachtwoord vergeten', 'nl'],
  ['Wachtwoord vergeten?', 'nl'],
  ['ik ben mijn wachtwoord vergeten', 'nl'],
  ['wachtwoord vergten', 'nl'],
  ['wachtwrd vergeten hoe reset ik dat', 'nl'],
  ['Hoi, ik ben mijn wachtwoord vergeten, hoe kan ik het resetten? Alvast bedankt', 'nl'],
  ['wachtwoord kwijt', 'nl'],
  ['forgot my password', 'en'],
  ['I forgot my password, how do I reset it', 'en'],
  ['password forgotten', 'en'],
  ['printer doet het niet', 'nl'],
  ['printer kapot', 'nl'],
  ['printen lukt niet', 'nl'],
  ['de koffieautomaat is kapot', 'nl'],
  ['koffie automaat kapot', 'nl'],
  ['koffieautomaat doet het niet', 'nl'],
  ['the coffee machine is broken', 'en'],
  ['waar vind ik het lunchmenu', 'nl'],
  ['Waar vind ik het LUNCHMENU', 'nl'],
  ['lunchmenu', 'nl'],
  ['inloggen lukt niet in portaal', 'nl'],
  ['inloggen lukt niet in EPD', 'nl'],
  ['pincode 3x fout ingetikt nu zit alles op slot', 'nl'],
  ['uzi pas geblokkeerd na pincode', 'nl'],
  ['activatielink werkt niet meer na 10 dagen', 'nl'],
  ['activatielink verlopen na 10 dagen', 'nl'],
  ['rooster van volgende week', 'nl'],
  ['waar staat mijn rooster', 'nl'],
];
const asked = (list = ASKED): AskedQuestion[] => list.map(([query, language], i) => ({ query, language, at: at(i) }));

/** The groups as sets of phrasings, for comparing without caring about order inside a group. */
const phrasingSets = (list: AskedQuestion[]) => groupQuestions(list, canonical).map((g) => new Set(g.phrasings));
const groupOf = (list: AskedQuestion[], phrasing: string) => groupQuestions(list, canonical).find((g) => g.phrasings.includes(phrasing))!;

describe('groupQuestions', () => {
  it('phrasings of one question are one group: case, punctuation, filler, greetings, typos and synonyms aside', () => {
    // "wachtwoord vergeten" and "Wachtwoord vergeten?" are one phrasing: counted twice, shown once (as last typed).
    const group = groupOf(asked(), 'Wachtwoord vergeten?');
    expect(new Set(group.phrasings)).toEqual(new Set([
      'Wachtwoord vergeten?', 'ik ben mijn wachtwoord vergeten', 'wachtwoord vergten', 'wachtwrd vergeten hoe reset ik dat',
      'Hoi, ik ben mijn wachtwoord vergeten, hoe kan ik het resetten? Alvast bedankt', 'wachtwoord kwijt',
    ]));
    expect(group).toMatchObject({ count: 7, language: 'nl', question: 'Wachtwoord vergeten?', lastAt: at(6) });
    expect(group.examples).toEqual(group.phrasings.slice(0, 3));
    expect(group.examples[0]).toBe('Wachtwoord vergeten?');
  });

  it('English phrasings group among themselves ("forgot", "forgotten"), never with the Dutch ones', () => {
    const group = groupOf(asked(), 'forgot my password');
    expect(new Set(group.phrasings)).toEqual(new Set(['forgot my password', 'I forgot my password, how do I reset it', 'password forgotten']));
    expect(group).toMatchObject({ count: 3, language: 'en' });
    expect(groupOf(asked(), 'the coffee machine is broken').phrasings).toEqual(['the coffee machine is broken']);
  });

  it('a compound written apart or together, and "kapot" or "doet het niet", is one question', () => {
    expect(new Set(groupOf(asked(), 'de koffieautomaat is kapot').phrasings)).toEqual(new Set(['de koffieautomaat is kapot', 'koffie automaat kapot', 'koffieautomaat doet het niet']));
    expect(new Set(groupOf(asked(), 'printer kapot').phrasings)).toEqual(new Set(['printer kapot', 'printer doet het niet', 'printen lukt niet']));
    expect(new Set(groupOf(asked(), 'lunchmenu').phrasings)).toEqual(new Set(['Waar vind ik het LUNCHMENU', 'lunchmenu']));
  });

  it('questions that share a word but are about something else stay apart', () => {
    const sets = phrasingSets(asked());
    const together = (a: string, b: string) => sets.some((s) => s.has(a) && s.has(b));
    expect(together('inloggen lukt niet in portaal', 'inloggen lukt niet in EPD')).toBe(false);
    expect(together('pincode 3x fout ingetikt nu zit alles op slot', 'uzi pas geblokkeerd na pincode')).toBe(false);
    expect(together('rooster van volgende week', 'waar staat mijn rooster')).toBe(false);
    expect(together('Wachtwoord vergeten?', 'printer kapot')).toBe(false);
    expect(together('activatielink werkt niet meer na 10 dagen', 'activatielink verlopen na 10 dagen')).toBe(true);
    // Every phrasing is in exactly one group; the counts add up to what was asked.
    const groups = groupQuestions(asked(), canonical);
    expect(groups.reduce((n, g) => n + g.count, 0)).toBe(ASKED.length);
    expect(groups.flatMap((g) => g.phrasings)).toHaveLength(new Set(groups.flatMap((g) => g.phrasings)).size);
  });

  it('most asked groups first, then the most recently asked; the most asked phrasing leads its group', () => {
    const list = asked([['printer kapot', 'nl'], ['lunchmenu', 'nl'], ['printer doet het niet', 'nl'], ['printer doet het niet', 'nl'], ['rooster', 'nl']]);
    const groups = groupQuestions(list, canonical);
    expect(groups.map((g) => [g.question, g.count])).toEqual([['printer doet het niet', 3], ['rooster', 1], ['lunchmenu', 1]]);
    expect(groups[0]!.examples).toEqual(['printer doet het niet', 'printer kapot']);
  });

  it('the id is stable (the leading phrasing\'s, in its language) and differs per language', () => {
    const [first] = groupQuestions(asked([['printer kapot', 'nl']]));
    const [again] = groupQuestions(asked([['Printer  KAPOT!', 'nl'], ['printer kapot', 'nl']]));
    expect(first!.id).toMatch(/^[0-9a-f]{16}$/);
    expect(again!.id).toBe(first!.id);
    expect(phrasingId('printer kapot', 'en')).not.toBe(first!.id);
  });

  it('nothing to group: nothing asked, or only punctuation', () => {
    expect(groupQuestions([])).toEqual([]);
    expect(groupQuestions(asked([['???', 'nl'], ['  ', 'nl']]))).toEqual([]);
  });

  it('groups a month of questions quickly (20,000 asked, 2,000 phrasings)', () => {
    const subjects = ['printer', 'wachtwoord', 'viewer', 'koppeling', 'uitnodiging', 'rooster', 'pincode', 'bijlage', 'onderhoud', 'certificaat'];
    const many: AskedQuestion[] = Array.from({ length: 20_000 }, (_, i) => ({
      query: `${subjects[i % 10]} probleem ${i % 2000} ${subjects[(i * 7) % 10]}`, language: 'nl', at: at(i % 600),
    }));
    // CPU time, not wall time: a loaded machine slows the clock, not the work (about 0.3–0.5 s here).
    const started = process.cpuUsage();
    const groups = groupQuestions(many, canonical);
    const used = process.cpuUsage(started);
    expect((used.user + used.system) / 1000).toBeLessThan(4000);
    expect(groups.reduce((n, g) => n + g.count, 0)).toBe(20_000);
  });
});

describe('questionSimilarity', () => {
  const terms = (text: string) => questionTerms(text, 'nl');
  it.each([
    ['wachtwoord vergeten', 'wachtwoord vergten', 1],
    ['wachtwoord vergeten', 'wachtwoord kwijt', 1],
    ['de koffieautomaat is kapot', 'koffie automaat', 1],
    ['inloggen lukt niet in portaal', 'inloggen lukt niet in EPD', 0.5],
    ['printer', 'rooster', 0],
  ])('%j ~ %j = %d', (a, b, expected) => {
    expect(questionSimilarity(terms(a), terms(b), canonical)).toBeCloseTo(expected, 5);
  });
});
