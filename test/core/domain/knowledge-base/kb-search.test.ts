import { describe, expect, it } from 'vitest';
import type { IndexedEntry } from '../../../../core/domain/knowledge-base/kb-search-index.ts';
import { ANSWER_SCORE, KbSearch, SUGGESTION_SCORE } from '../../../../core/domain/knowledge-base/kb-search.ts';
import { stem } from '../../../../core/domain/knowledge-base/text-analysis.ts';
import { askedTerms as termsAsked, en, ENGINES, entry, expectTiers, ids, MemoryIndex, nl, scoreOf, searchOver as overEntries, SYNONYMS } from './kb-search-fixtures.ts';

/**
 * KbSearch: where words are found, drafts, questions without meaning, word forms (stems,
 * synonyms, typos, diminutives, compounds) and the vocabulary. Tiers, languages and questions
 * that are not for the knowledge base: kb-search-tiers.test.ts.
 */

describe.each(ENGINES)('KbSearch with the %s engine', (engine) => {
const searchOver = (entries: IndexedEntry[]) => overEntries(engine, entries);
const askedTerms = (index: MemoryIndex) => termsAsked(engine, index);

describe('KbSearch: fields', () => {
  const { search } = searchOver([
    entry('body-only', { title: 'Werkplek en randapparatuur', problem: 'Ik wil iets op de printer zetten maar er gebeurt niets.' }),
    entry('in-tags', { title: 'Randapparatuur op de afdeling', tags: ['printer', 'toner'] }),
    entry('in-title', { title: 'Printer geeft een foutmelding' }),
  ]);

  it('a word in the title or the tags outweighs the same word in the body, by a tier', async () => {
    const ranked = await search.rank('printer', nl);
    expect(ids(ranked)).toEqual(['in-title', 'in-tags', 'body-only']);
    const [title, tags, body] = ranked.map((h) => h.score);
    expect(title).toBeGreaterThan(tags!);
    expect(tags).toBeGreaterThan(body!);
    expect(tags).toBeGreaterThanOrEqual(ANSWER_SCORE);
    expect(body).toBeLessThan(ANSWER_SCORE);
  });

  it('one word found only in the body is never a sure answer: at most a suggestion, after the title and tag matches', async () => {
    const hits = await search.search('printer', nl);
    expect(ids(hits)).toEqual(['in-title', 'in-tags', 'body-only']);
    expect(hits.map((h) => h.tier)).toEqual(['answer', 'answer', 'suggestion']);
    expectTiers(hits);
    const { search: bodyOnly } = searchOver([entry('body-only', { problem: 'Ik wil iets op de printer zetten.' })]);
    const alone = await bodyOnly.search('printer', nl);
    expect(ids(alone)).toEqual(['body-only']);
    expect(alone[0]!.tier).toBe('suggestion');
  });

  // KNOWN DEFECT (reported): a one-word question scores a body-only match the same (0.459) whatever
  // the word's idf, so a word every entry mentions in passing offers the first three by id.
  it.fails('KNOWN DEFECT: a word every entry mentions only in its body is not offered', async () => {
    const { search: s } = searchOver(['a', 'b', 'c', 'd', 'e'].map((id) => entry(id, { title: `Onderwerp ${id}`, problem: 'Open eerst het scherm.' })));
    expect(ids(await s.rank('scherm', nl))).toHaveLength(5);
    expect(await s.search('scherm', nl)).toEqual([]);
  });
});

describe('KbSearch: drafts', () => {
  const { search } = searchOver([
    entry('draft', { title: 'Uitnodiging verlopen', published: false }),
    entry('published', { title: 'Uitnodiging opnieuw versturen' }),
  ]);

  it('unpublished entries are hidden unless drafts are asked for', async () => {
    expect(ids(await search.search('uitnodiging', nl))).toEqual(['published']);
    expect(ids(await search.rank('uitnodiging verlopen', nl))).toEqual(['published']);
    expect(ids(await search.search('uitnodiging', { ...nl, includeDrafts: false }))).toEqual(['published']);
    expect(ids(await search.search('uitnodiging', { ...nl, includeDrafts: true }))).toEqual(['draft', 'published']);
    expect(ids(await search.search('uitnodiging verlopen', { ...nl, includeDrafts: true }))).toEqual(['draft']);
    expect((await search.search('uitnodiging verlopen', { ...nl, includeDrafts: true }))[0]!.tier).toBe('answer');
  });

  it('a question only a draft answers has no answer for everyone else', async () => {
    expect(await search.search('verlopen', nl)).toEqual([]);
    expect(await search.rank('verlopen', nl)).toEqual([]);
    expect(ids(await search.search('verlopen', { ...nl, includeDrafts: true }))).toEqual(['draft']);
  });
});

describe('KbSearch: questions without meaning', () => {
  it('a question of stopwords and filler only finds nothing and does not ask the index', async () => {
    const { search, index } = searchOver([entry('a', { title: 'Hoe kan ik dat doen' })]);
    const questions = ['hoe kan ik dat doen', 'how do I do this', 'wat is het', '', '   ?! ', 'het werkt niet', 'Hoi iedereen, alvast bedankt!', 'hello everyone, thanks'];
    for (const q of questions) {
      expect(await search.search(q, nl), q).toEqual([]);
      expect(await search.rank(q, nl), q).toEqual([]);
    }
    expect(index.calls.candidates).toEqual([]);
    expect(index.calls.allEntries).toBe(0); // not even the vocabulary is loaded for a question without words
  });

  it('stopwords of both languages are dropped from the question, whatever its language', async () => {
    const { search, index } = searchOver([entry('printer', { title: 'Printer' })]);
    expect(ids(await search.rank('how kan I the printer gebruiken', en))).toEqual(['printer']);
    if (askedTerms(index)) expect(askedTerms(index)![0]).not.toEqual(expect.arrayContaining(['how', 'kan', 'the']));
  });
});

describe('KbSearch: word variants', () => {
  const { search } = searchOver([
    entry('print', { title: 'Printen vanuit de viewer', tags: ['printen'] }),
    entry('2fa', { title: 'Code voor tweestapsverificatie afgewezen', tags: ['tweestapsverificatie'] }),
    entry('client', { title: 'Gegevens van de cliënt ontbreken', tags: ['cliënt'] }),
    entry('invite', { title: 'Uitnodiging verlopen', tags: ['uitnodiging'] }),
  ]);

  it('stems: another form of the same word is an exact match', async () => {
    expect(await search.rank('print', nl)).toEqual(await search.rank('printen', nl));
    expect(ids(await search.rank('print', nl))).toEqual(['print']);
    expect(await search.rank('uitnodigingen', nl)).toEqual(await search.rank('uitnodiging', nl));
  });

  it('a synonym finds the entry, counting a little less than the word itself', async () => {
    expect(ids(await search.rank('afdrukken', nl))).toEqual(['print']);
    expect(await scoreOf(search, 'afdrukken', 'print')).toBeLessThan((await scoreOf(search, 'printen', 'print'))!);
    expect(ids(await search.search('afdrukken vanuit de viewer', nl))).toEqual(['print']);
  });

  it('typos are corrected against the indexed words, and count less than a synonym', async () => {
    expect(ids(await search.rank('uitnodging', nl))).toEqual(['invite']);
    expect(await scoreOf(search, 'uitnodging', 'invite')).toBeLessThan((await scoreOf(search, 'uitnodiging', 'invite'))!);
    expect(ids(await search.rank('tweestapsverificatei', nl))).toEqual(['2fa']);
    expect(await search.search('uitnodging verlopen', nl)).toEqual([{ id: 'invite', score: (await scoreOf(search, 'uitnodging verlopen', 'invite'))!, tier: 'answer' }]);
  });

  it('the start of a compound finds the compound', async () => {
    expect(ids(await search.rank('tweestaps', nl))).toEqual(['2fa']);
    expect(await scoreOf(search, 'tweestaps', '2fa')).toBeLessThan((await scoreOf(search, 'tweestapsverificatie', '2fa'))!);
  });

  it('accents do not matter: client, cliënt and CLIËNT find the same', async () => {
    const expected = await search.search('cliënt', nl);
    expect(ids(expected)).toEqual(['client']);
    expect(await search.search('client', nl)).toEqual(expected);
    expect(await search.search('CLIËNT', nl)).toEqual(expected);
  });

  it('a known word is not "corrected" into another known word', async () => {
    const { search: s, index } = searchOver([entry('a', { title: 'Bericht' }), entry('b', { title: 'Gericht' })]);
    expect(ids(await s.rank('bericht', nl))).toEqual(['a']);
    if (askedTerms(index)) expect(askedTerms(index)![0]).not.toContain('gericht');
    expect(ids(await s.rank('xericht', nl))).toEqual(['a', 'b']); // an unknown word is corrected to both
  });
});

describe('KbSearch: diminutives and compounds', () => {
  const { search, index } = searchOver([
    entry('pass', { title: 'Pas kwijt of kapot', tags: ['pas'] }),
    entry('phone', { title: 'Telefoon instellen voor tweestapsverificatie', tags: ['telefoon'] }),
    entry('remote', { title: 'Werk op afstand', problem: 'Thuiswerken met de laptop.' }),
    entry('page', { title: 'Pagina laadt niet', tags: ['pagina'] }),
    entry('maintenance', { title: 'Onderhoud aan het portaal', tags: ['onderhoud'] }),
  ]);

  it('a diminutive is read as its base word: "pasje" finds the entry about the pas, a little weaker', async () => {
    expect(ids(await search.rank('pasje', nl))).toEqual(['pass']);
    expect(await scoreOf(search, 'pasje kwijt', 'pass')).toBeLessThan((await scoreOf(search, 'pas kwijt', 'pass'))!);
    expect(await search.search('pasje kwijt', nl)).toEqual([{ id: 'pass', score: (await scoreOf(search, 'pasje kwijt', 'pass'))!, tier: 'answer' }]);
  });

  it('a compound of known words is read as its parts: "werktelefoon instellen" is answered by the telephone entry', async () => {
    expect((await search.search('werktelefoon instellen', nl))[0]).toMatchObject({ id: 'phone', tier: 'answer' });
    expect(ids(await search.rank('werktelefoon', nl)).sort()).toEqual(['phone', 'remote']);
    if (askedTerms(index)) expect(askedTerms(index)!.at(-1)).toEqual(expect.arrayContaining([stem('telefoon', 'nl'), stem('werk', 'nl')]));
  });

  it('with a linking s: "onderhoudspagina" finds the entries on onderhoud and on pagina', async () => {
    expect(ids(await search.rank('onderhoudspagina', nl)).sort()).toEqual(['maintenance', 'page']);
  });

  it('with an unknown modifier the head alone counts, and weakly: "speeltelefoon" is some other telephone', async () => {
    expect(ids(await search.rank('speeltelefoon', nl))).toEqual(['phone']);
    const head = (await scoreOf(search, 'speeltelefoon', 'phone'))!;
    expect(head).toBeLessThan((await scoreOf(search, 'werktelefoon', 'phone'))!);
    expect(head).toBeLessThan(SUGGESTION_SCORE);
    expect(await search.search('speeltelefoon', nl)).toEqual([]);
  });

  it('a word the index knows is not split: "tweestapsverificatie" is not also read as "verificatie"', async () => {
    const { search: s } = searchOver([entry('2fa', { title: 'Tweestapsverificatie' }), entry('check', { title: 'Verificatie van gegevens' })]);
    expect(ids(await s.rank('tweestapsverificatie', nl))).toEqual(['2fa']);
  });

  // KNOWN DEFECT (reported): a compound's modifier counts as much as its head, so an entry about
  // "werk" ranks with (here: above) the one about "telefoon" for "werktelefoon".
  it.fails('KNOWN DEFECT: the head of a compound outweighs its modifier', async () => {
    const { search: s } = searchOver([entry('work', { title: 'Werk kwijt' }), entry('phone', { title: 'Telefoon kwijt' })]);
    expect((await scoreOf(s, 'werktelefoon kwijt', 'phone'))!).toBeGreaterThan((await scoreOf(s, 'werktelefoon kwijt', 'work'))!);
  });
});

describe('KbSearch: vocabulary', () => {
  it('is built once from the index and reused', async () => {
    const { search, index } = searchOver([entry('invite', { title: 'Uitnodiging verlopen' })]);
    await search.search('uitnodiging', nl);
    await search.search('verlopen', nl);
    await search.rank('uitnodging', nl);
    expect(index.calls.allEntries).toBe(1);
  });

  it('after invalidate() new words are known for typo correction', async () => {
    const { search, index } = searchOver([entry('invite', { title: 'Uitnodiging verlopen' })]);
    expect(await search.rank('zomertjd', nl)).toEqual([]);
    index.entries.push(entry('summer', { title: 'Zomertijd in berichten' }));
    expect(await search.rank('zomertjd', nl)).toEqual([]); // the old vocabulary does not know "zomertijd" yet
    search.invalidate();
    expect(ids(await search.rank('zomertjd', nl))).toEqual(['summer']);
    expect(index.calls.allEntries).toBe(2);
  });

  it('is reloaded in the background when older than its refresh time: a stale copy answers meanwhile', async () => {
    let now = 0;
    const index = new MemoryIndex([entry('invite', { title: 'Uitnodiging verlopen' })]);
    const search = new KbSearch(index, SYNONYMS, { engine, refreshMs: 60_000, now: () => now });
    await search.search('uitnodiging', nl);
    index.entries.push(entry('summer', { title: 'Zomertijd in berichten' }));
    now = 30_000;
    // The database engine reads candidates from the index itself; the memory engine from its copy.
    // (The stale vocabulary does not know "zomertijd" yet, so the database engine's find scores low.)
    expect(ids(await search.rank('zomertijd', nl))).toEqual(engine === 'database' ? ['summer'] : []);
    expect(index.calls.allEntries).toBe(1);
    now = 61_000;
    // Stale: this search is answered from the old copy (memory: without the new entry) while the new one loads.
    expect(ids(await search.search('uitnodiging', nl))).toEqual(['invite']);
    expect(index.calls.allEntries).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(ids(await search.search('zomertijd', nl))).toEqual(['summer']);
    expect(index.calls.allEntries).toBe(2);
  });

  it('warm() loads the vocabulary before the first question', async () => {
    const { search, index } = searchOver([entry('invite', { title: 'Uitnodiging verlopen' })]);
    await search.warm();
    expect(index.calls.allEntries).toBe(1);
    await search.search('uitnodiging', nl);
    expect(index.calls.allEntries).toBe(1);
  });

  it('a failure to read the index is not remembered: the next search tries again', async () => {
    const { search, index } = searchOver([entry('invite', { title: 'Uitnodiging verlopen' })]);
    index.failNextAllEntries = true;
    await expect(search.search('uitnodiging', nl)).rejects.toThrow('database unavailable');
    expect(ids(await search.search('uitnodiging', nl))).toEqual(['invite']);
  });
});
});
