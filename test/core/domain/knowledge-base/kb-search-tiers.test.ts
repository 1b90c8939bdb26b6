import { describe, expect, it } from 'vitest';
import type { IndexedEntry } from '../../../../core/domain/knowledge-base/kb-search-index.ts';
import { ANSWER_SCORE, questionScope, SUGGESTION_SCORE } from '../../../../core/domain/knowledge-base/kb-search.ts';
import { askedTerms as termsAsked, en, ENGINES, entry, expectTiers, ids, MemoryIndex, nl, scoreOf, searchOver as overEntries } from './kb-search-fixtures.ts';

/**
 * KbSearch in tiers: sure answers and suggestions, one language per result list (the user's, the
 * other when it is clearly better or alone), and no sure answer — or none at all — for questions
 * that are not for the knowledge base.
 */

describe.each(ENGINES)('KbSearch tiers with the %s engine', (engine) => {
const searchOver = (entries: IndexedEntry[]) => overEntries(engine, entries);
const askedTerms = (index: MemoryIndex) => termsAsked(engine, index);

describe('KbSearch: tiers and limit', () => {
  const { search, index } = searchOver([
    entry('e1', { title: 'Printer storing' }),
    entry('e2', { title: 'Printer leeg' }),
    entry('e3', { title: 'Printer traag' }),
    entry('e4', { title: 'Printer offline' }),
    entry('weak', { title: 'Werkplek', problem: 'De printer op de gang.' }),
  ]);

  it('a question that names an entry\'s whole title is a sure answer; entries sharing one of its words are not offered', async () => {
    const ranked = await search.rank('printer storing', nl);
    expect(ids(ranked)).toEqual(['e1', 'e2', 'e3', 'e4', 'weak']);
    expect(ranked[0]!.score).toBeGreaterThanOrEqual(ANSWER_SCORE);
    for (const other of ranked.slice(1)) expect(other.score).toBeLessThan(SUGGESTION_SCORE);
    expect(await search.search('printer storing', nl)).toEqual([{ id: 'e1', score: ranked[0]!.score, tier: 'answer' }]);
  });

  it('one word shared by several titles: the titles first, all alike, at most 3 unless asked otherwise, ties in id order', async () => {
    const ranked = await search.rank('printer', nl);
    expect(ids(ranked)).toEqual(['e1', 'e2', 'e3', 'e4', 'weak']);
    expect(new Set(ranked.slice(0, 4).map((h) => h.score)).size).toBe(1);
    expect(ranked.at(-1)!.score).toBeLessThan(ranked[0]!.score);
    const hits = await search.search('printer', nl);
    expect(ids(hits)).toEqual(['e1', 'e2', 'e3']);
    expectTiers(hits);
    expect(ids(await search.search('printer', { ...nl, limit: 1 }))).toEqual(['e1']);
    // The entry holding it only in its body comes last, and is never more than a suggestion.
    const all = await search.search('printer', { ...nl, limit: 10 });
    expect(ids(all)).toEqual(['e1', 'e2', 'e3', 'e4', 'weak']);
    expect(all.at(-1)!.tier).toBe('suggestion');
    expectTiers(all);
  });

  it('one word that only one title holds is a sure answer', async () => {
    expect(await search.search('storing', nl)).toEqual([{ id: 'e1', score: (await scoreOf(search, 'storing', 'e1'))!, tier: 'answer' }]);
    expect((await search.search('werkplek', nl))[0]).toMatchObject({ id: 'weak', tier: 'answer' });
  });

  // No single best: the person chooses, nothing is shown as the answer.
  it('one word shared alike by several titles is only likely (suggestions), not a sure answer', async () => {
    const hits = await search.search('printer', nl);
    expect(ids(hits)).toEqual(['e1', 'e2', 'e3']);
    expect(hits.map((h) => h.tier)).toEqual(['suggestion', 'suggestion', 'suggestion']);
  });

  it('below the suggestion tier nothing is returned, though rank() still shows the candidates', async () => {
    const ranked = await search.rank('printer vingerafdruk', nl);
    expect(ids(ranked).slice(0, 4)).toEqual(['e1', 'e2', 'e3', 'e4']);
    expect(ranked[0]!.score).toBeLessThan(SUGGESTION_SCORE);
    expect(await search.search('printer vingerafdruk', nl)).toEqual([]);
  });

  it('a long question with filler and everyday words still gets its sure answer', async () => {
    const hits = await search.search('Hoi allemaal, sinds vanochtend geeft de printer op de gang steeds een storing. Iemand een idee? Alvast bedankt!', nl);
    expect(hits[0]).toMatchObject({ id: 'e1', tier: 'answer' });
    expectTiers(hits);
  });

  it('filler words are dropped from the question: they neither dilute the score nor are looked up', async () => {
    expect(await search.rank('hoi, printer storing, alvast bedankt!', nl)).toEqual(await search.rank('printer storing', nl));
    expect(await search.rank('hello everyone, printer storing please, thanks', en)).toEqual(await search.rank('printer storing', en));
    if (askedTerms(index)) {
      const lastAsked = index.calls.candidates.at(-1)!;
      for (const filler of ['hello', 'everyone', 'please', 'thanks']) expect(lastAsked).not.toContain(filler);
    }
  });

  const greeted = () => searchOver([entry('printer', { title: 'Printer storing' }), entry('invite', { title: 'Collega uitnodigen' }), entry('all', { title: 'Allemaal tegelijk afmelden' })]).search;

  it('the greeting "Hoi allemaal" does not change what is found, though an entry holds "allemaal"', async () => {
    const s = greeted();
    const ranked = await s.rank('Hoi allemaal, printer storing', nl);
    expect(ranked).toEqual(await s.rank('printer storing', nl));
    expect(ids(ranked)).toEqual(['printer']);
  });

  // KNOWN DEFECTS (reported): words() splits at the apostrophe, and the parts are searched:
  // "collega's" as "collega" (a real word) + "s", "m'n" as "m" + "n", "zo'n" as "zo" + "n". The
  // letters are words no entry holds, so they dilute the score; "collega" finds another entry.
  it.fails.each([
    ["Hoi collega's, printer storing", 'printer storing'],
    ["m'n printer geeft een storing", 'mijn printer geeft een storing'],
    ["de printer geeft zo'n storing", 'de printer geeft een storing'],
  ])('KNOWN DEFECT: %j (a greeting or chat spelling with an apostrophe) is found as %j is', async (question, plain) => {
    const s = greeted();
    expect(await s.rank(question, nl)).toEqual(await s.rank(plain, nl));
  });

  it('scores are between 0 and 1, rounded to 3 decimals, best first', async () => {
    for (const q of ['printer', 'printer storing', 'printer vingerafdruk', 'werkplek gang']) {
      const ranked = await search.rank(q, nl);
      expect(ranked.length, q).toBeGreaterThan(0);
      for (const h of ranked) {
        expect(h.score).toBeGreaterThanOrEqual(0);
        expect(h.score).toBeLessThanOrEqual(1);
        expect(Math.round(h.score * 1000) / 1000).toBe(h.score);
      }
      expect(ranked.map((h) => h.score)).toEqual([...ranked.map((h) => h.score)].sort((a, b) => b - a));
      expectTiers(await search.search(q, { ...nl, limit: 10 }));
    }
  });

  it('a word found in more entries counts less than a rare one', async () => {
    const { search: s } = searchOver([
      entry('common-1', { title: 'Viewer instellingen' }),
      entry('common-2', { title: 'Viewer openen' }),
      entry('common-3', { title: 'Viewer sluiten' }),
      entry('rare', { title: 'Zomertijd in berichten' }),
    ]);
    const ranked = await s.rank('viewer zomertijd', nl);
    expect(ranked[0]!.id).toBe('rare');
    expect(ranked[0]!.score).toBeGreaterThan(ranked[1]!.score);
  });
});

describe('KbSearch: languages', () => {
  const { search, index } = searchOver([
    entry('viewer-en', { language: 'en', title: 'Viewer shows no data', tags: ['viewer'] }),
    entry('viewer-nl', { language: 'nl', title: 'Viewer toont geen gegevens', tags: ['viewer'] }),
    entry('password-en', { language: 'en', title: 'Password reset', tags: ['password'] }),
    entry('password-nl', { language: 'nl', title: 'Wachtwoord vergeten', tags: ['wachtwoord', 'vergeten'] }),
  ]);
  const languageOf = new Map(index.entries.map((e) => [e.id, e.language]));
  const QUESTIONS = ['viewer', 'viewer geen gegevens', 'viewer shows no data', 'password', 'wachtwoord', 'wachtwoord vergeten', 'forgot password',
    'password reset', 'wachtwoord viewer', 'Hoi, mijn wachtwoord werkt niet meer in de viewer'];

  it('a result list is in one language: never the Dutch and the English copy of an entry together', async () => {
    for (const language of ['nl', 'en'] as const) {
      for (const q of QUESTIONS) {
        const hits = await search.search(q, { language, limit: 10 });
        expect(new Set(hits.map((h) => languageOf.get(h.id))).size, `${language}: ${q} → ${ids(hits)}`).toBeLessThanOrEqual(1);
        expectTiers(hits);
      }
    }
  });

  it("on a tie, only the entry in the user's language", async () => {
    const ranked = await search.rank('viewer', en);
    expect(ranked.find((h) => h.id === 'viewer-en')!.score).toBe(ranked.find((h) => h.id === 'viewer-nl')!.score);
    expect(ids(await search.search('viewer', en))).toEqual(['viewer-en']);
    expect(ids(await search.search('viewer', nl))).toEqual(['viewer-nl']);
  });

  it('when nothing in the user\'s language reaches a tier, the other language\'s results are shown', async () => {
    // The English "Password reset" has only "password"; the Dutch entry is about forgetting it.
    expect(await scoreOf(search, 'forgot password', 'password-en', en)).toBeLessThan(SUGGESTION_SCORE);
    const hits = await search.search('forgot password', en);
    expect(hits).toEqual([{ id: 'password-nl', score: (await scoreOf(search, 'forgot password', 'password-nl', en))!, tier: 'answer' }]);
    expect(ids(await search.search('wachtwoord vergeten', en))).toEqual(['password-nl']);
  });

  it('an English question whose answer exists only in Dutch gets the Dutch entry', async () => {
    const { search: s } = searchOver([
      entry('password-nl', { language: 'nl', title: 'Wachtwoord vergeten', tags: ['wachtwoord', 'vergeten'] }),
      entry('viewer-en', { language: 'en', title: 'Viewer shows no data', tags: ['viewer'] }),
    ]);
    const hits = await s.search('I forgot my password', en);
    expect(ids(hits)).toEqual(['password-nl']);
    expect(hits[0]!.tier).toBe('answer');
    expect(ids(await s.search('viewer', en))).toEqual(['viewer-en']);
    expect(ids(await s.search('viewer', nl))).toEqual(['viewer-en']);
  });

  it('a Dutch user gets the Dutch entry even when the English copy scores higher (an English word in a Dutch question)', async () => {
    const ranked = await search.rank('password', nl);
    const [first, second] = ranked;
    // "password" is the English entry's own word, a synonym for the Dutch one.
    expect([first!.id, second!.id]).toEqual(['password-en', 'password-nl']);
    expect(first!.score).toBeGreaterThanOrEqual(second!.score + 0.02);
    expect(ids(await search.search('password', nl))).toEqual(['password-nl']);
  });

  it('an English user gets a Dutch entry instead of the English ones only when it is clearly (0.02) better, as a whole list', async () => {
    expect(ids(await search.search('wachtwoord', en))).toEqual(['password-nl']);
    const ranked = await search.rank('password', en);
    expect(ranked[0]!.id).toBe('password-en');
    expect(ids(await search.search('password', en))).toEqual(['password-en']);
  });

  it('rank() shows the candidates of both languages, with their language', async () => {
    const ranked = await search.rank('viewer', nl);
    expect(ranked.map((h) => [h.id, h.language]).sort()).toEqual([['viewer-en', 'en'], ['viewer-nl', 'nl']]);
  });

  it('the database engine asks its index for one language at a time when searching, for both when ranking', async () => {
    if (engine !== 'database') return;
    const { search: s, index: i } = searchOver(index.entries);
    await s.search('viewer', nl);
    expect(i.calls.languages).toEqual(['nl', 'en']);
    await s.rank('viewer', nl);
    expect(i.calls.languages.at(-1)).toBeUndefined();
  });
});

describe('KbSearch: questions that are not for the knowledge base', () => {
  const { search } = searchOver([
    entry('bleeding', { title: 'Bloedverlies na de bevalling vastleggen', tags: ['bloedverlies', 'bevalling'] }),
    entry('sick', { title: 'Ziek melden', tags: ['ziekmelding'] }),
    entry('password', { title: 'Wachtwoord vergeten', tags: ['wachtwoord', 'vergeten'] }),
    entry('password-change', { title: 'Wachtwoord wijzigen', tags: ['wachtwoord'] }),
    entry('viewer', { title: 'Viewer toont geen gegevens', tags: ['viewer'] }),
  ]);

  // The word lists may misread an ICT question: only an entry that answers it overwhelmingly well
  // (0.9) is still offered, and never as the answer.
  const onlyOverwhelming = async (q: string) => {
    const ranked = (await search.rank(q, nl)).filter((h) => h.language === 'nl');
    const hits = await search.search(q, { ...nl, limit: 10 });
    expect(hits.map((h) => h.id)).toEqual(ranked.filter((h) => h.score >= 0.9).map((h) => h.id));
    for (const h of hits) expect(h.tier).toBe('suggestion');
    return { ranked, hits };
  };

  it('a clinical question gets no answer, even when an entry shares its words; at most an overwhelming match as a suggestion', async () => {
    const q = 'cliënt heeft veel bloedverlies na de bevalling, wat moet ik doen';
    expect(questionScope(q)).toBe('none');
    const { ranked } = await onlyOverwhelming(q);
    expect(ranked[0]).toMatchObject({ id: 'bleeding' });
    expect(ranked[0]!.score).toBeGreaterThanOrEqual(ANSWER_SCORE);
    // A clinical question that shares less with the entry gets nothing at all.
    const vaguer = 'veel bloedverlies, wat moet ik doen';
    expect(questionScope(vaguer)).toBe('none');
    const { hits } = await onlyOverwhelming(vaguer);
    expect(hits.filter((h) => h.tier === 'answer')).toEqual([]);
  });

  it('a personal (HR) question gets no answer; at most an overwhelming match as a suggestion', async () => {
    const q = 'hoe meld ik me ziek voor morgen';
    expect(questionScope(q)).toBe('none');
    expect((await search.rank(q, nl))[0]!.score).toBeGreaterThanOrEqual(ANSWER_SCORE);
    await onlyOverwhelming(q);
  });

  it('an ICT question with clinical words is answered as usual', async () => {
    const q = 'bloedverlies na de bevalling wordt niet getoond in de viewer';
    expect(questionScope(q)).toBe('chain');
    const hits = await search.search(q, nl);
    expect(hits[0]).toMatchObject({ id: 'bleeding', tier: 'answer' });
  });

  it('a question about something outside the chain\'s systems never gets a sure answer: answers drop to suggestions', async () => {
    const q = 'wachtwoord vergeten van de webshop';
    expect(questionScope(q)).toBe('lower');
    const best = (await search.rank(q, nl))[0]!;
    expect(best.id).toBe('password');
    expect(best.score).toBeGreaterThanOrEqual(ANSWER_SCORE);
    expect(await search.search(q, nl)).toEqual([{ id: 'password', score: best.score, tier: 'suggestion' }]);
    const english = await search.search('I forgot my password for the web shop', en);
    expect(ids(english)).toEqual(['password']);
    expect(english.map((h) => h.tier)).toEqual(['suggestion']);
  });

  it('…and what would have been a suggestion is not offered', async () => {
    expect(ids(await search.search('wachtwoord', nl))).toEqual(['password', 'password-change']);
    const ranked = await search.rank('wachtwoord webshop', nl);
    expect(ranked[0]!.score).toBeGreaterThanOrEqual(SUGGESTION_SCORE);
    expect(ranked[0]!.score).toBeLessThan(ANSWER_SCORE);
    expect(await search.search('wachtwoord webshop', nl)).toEqual([]);
  });
});
});
