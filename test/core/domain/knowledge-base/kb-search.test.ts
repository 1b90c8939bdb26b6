import { describe, expect, it } from 'vitest';
import type { IndexedEntry, KbSearchIndex } from '../../../../core/domain/knowledge-base/kb-search-index.ts';
import { GOOD_ENOUGH, KbSearch, type KbSearchEngine, type Language } from '../../../../core/domain/knowledge-base/kb-search.ts';
import { Synonyms } from '../../../../core/domain/knowledge-base/synonyms.ts';
import type { KbEntry } from '../../../../core/domain/knowledge-base/types.ts';
import { indexedEntry } from '../../../../storage/knowledge-base/kb-search-index.ts';

/** The database's full-text index, in memory: every entry with any of the terms, in index order. */
class MemoryIndex implements KbSearchIndex {
  readonly calls = { candidates: [] as string[][], allEntries: 0 };
  failNextAllEntries = false;

  constructor(public entries: IndexedEntry[]) {}

  async candidates(terms: string[], limit: number): Promise<Array<IndexedEntry & { rank: number }>> {
    this.calls.candidates.push(terms);
    return this.entries
      .map((e) => ({ ...e, rank: terms.filter((t) => [...e.titleTerms, ...e.tagTerms, ...e.bodyTerms].includes(t)).length }))
      .filter((e) => e.rank > 0)
      .slice(0, limit);
  }

  async allEntries(): Promise<IndexedEntry[]> {
    this.calls.allEntries++;
    if (this.failNextAllEntries) {
      this.failNextAllEntries = false;
      throw new Error('database unavailable');
    }
    return this.entries;
  }
}

const entry = (id: string, fields: Partial<Pick<KbEntry, 'language' | 'title' | 'problem' | 'solution' | 'tags' | 'published'>>): IndexedEntry =>
  indexedEntry({
    id,
    language: 'nl',
    title: 'Algemene vraag',
    problem: 'Er is iets met de werkplek.',
    solution: 'Neem contact op met de servicedesk.',
    tags: [],
    applicationIds: [],
    audience: 'zorgverlener',
    published: true,
    createdBy: 'test',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedBy: 'test',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...fields,
  });

const SYNONYMS = new Synonyms({
  groups: [
    ['printen', 'afdrukken', 'print', 'printer', 'printing'],
    ['wachtwoord', 'password'],
    ['vergeten', 'forgotten', 'forgot', 'kwijt'],
    ['client', 'cliënt', 'patient'],
  ],
});

const ENGINES: KbSearchEngine[] = ['memory', 'database'];

describe.each(ENGINES)('KbSearch with the %s engine', (engine) => {
const searchOver = (entries: IndexedEntry[]) => {
  const index = new MemoryIndex(entries);
  return { index, search: new KbSearch(index, SYNONYMS, { engine }) };
};
/** The terms the search looked for: asked of the database engine's index only. */
const askedTerms = (index: MemoryIndex) => (engine === 'database' ? index.calls.candidates : undefined);

const ids = (hits: Array<{ id: string }>) => hits.map((h) => h.id);
const nl = { language: 'nl' as Language };
const en = { language: 'en' as Language };

describe('KbSearch: fields', () => {
  const { search } = searchOver([
    entry('body-only', { title: 'Werkplek en randapparatuur', problem: 'Ik wil iets op de printer zetten maar er gebeurt niets.' }),
    entry('in-tags', { title: 'Randapparatuur op de afdeling', tags: ['printer', 'toner'] }),
    entry('in-title', { title: 'Printer geeft een foutmelding' }),
  ]);

  it('a word in the title or the tags outweighs the same word in the body', async () => {
    const ranked = await search.rank('printer', nl);
    expect(ids(ranked)).toEqual(['in-title', 'in-tags', 'body-only']);
    const score = Object.fromEntries(ranked.map((h) => [h.id, h.score]));
    expect(score['in-title']).toBe(1); // the whole question, in the title, in the user's language
    expect(score['in-tags']).toBe(0.99); // tags count as much as the title, only the near-tie bonus for the title differs
    expect(score['body-only']).toBeLessThan(GOOD_ENOUGH);
  });

  it('a word found only in the body is not a good enough answer on its own', async () => {
    expect(ids(await search.search('printer', nl))).toEqual(['in-title', 'in-tags']);
    const { search: bodyOnly } = searchOver([entry('body-only', { problem: 'Ik wil iets op de printer zetten.' })]);
    expect(await bodyOnly.rank('printer', nl)).toEqual([{ id: 'body-only', score: 0.462 }]);
    expect(await bodyOnly.search('printer', nl)).toEqual([]);
  });
});

describe('KbSearch: languages', () => {
  const { search } = searchOver([
    entry('viewer-en', { language: 'en', title: 'Viewer shows no data', tags: ['viewer'] }),
    entry('viewer-nl', { language: 'nl', title: 'Viewer toont geen gegevens', tags: ['viewer'] }),
    entry('password-en', { language: 'en', title: 'Password reset', tags: ['password'] }),
    entry('password-nl', { language: 'nl', title: 'Wachtwoord vergeten', tags: ['wachtwoord', 'vergeten'] }),
  ]);

  it("on a tie the entry in the user's language comes first", async () => {
    expect(ids(await search.search('viewer', en))).toEqual(['viewer-en', 'viewer-nl']);
    expect(ids(await search.search('viewer', nl))).toEqual(['viewer-nl', 'viewer-en']);
    const [first, second] = await search.search('viewer', en);
    expect(first!.score - second!.score).toBeCloseTo(0.03, 5);
  });

  it('the language only breaks near-ties: a better answer in the other language still comes first', async () => {
    // The Dutch entry has both words in its title; the English one only "password".
    expect(ids(await search.search('wachtwoord vergeten', en))[0]).toBe('password-nl');
    expect(ids(await search.search('forgot password', en))[0]).toBe('password-nl');
  });

  it('a question in either language finds entries in both, through the synonyms', async () => {
    expect(ids(await search.search('password', nl)).sort()).toEqual(['password-en', 'password-nl']);
    expect(ids(await search.search('wachtwoord', en)).sort()).toEqual(['password-en', 'password-nl']);
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
  });

  it('a question only a draft answers has no answer for everyone else', async () => {
    expect(await search.search('verlopen', nl)).toEqual([]);
    expect(ids(await search.search('verlopen', { ...nl, includeDrafts: true }))).toEqual(['draft']);
  });
});

describe('KbSearch: questions without meaning', () => {
  it('a question of stopwords only finds nothing and does not ask the index', async () => {
    const { search, index } = searchOver([entry('a', { title: 'Hoe kan ik dat doen' })]);
    for (const q of ['hoe kan ik dat doen', 'how do I do this', 'wat is het', '', '   ?! ', 'het werkt niet']) {
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

describe('KbSearch: threshold and limit', () => {
  const { search } = searchOver([
    entry('e1', { title: 'Printer storing' }),
    entry('e2', { title: 'Printer leeg' }),
    entry('e3', { title: 'Printer traag' }),
    entry('e4', { title: 'Printer offline' }),
    entry('weak', { title: 'Werkplek', problem: 'De printer op de gang.' }),
  ]);

  it(`only answers scoring at least ${GOOD_ENOUGH} are returned, at most 3 unless asked otherwise`, async () => {
    const ranked = await search.rank('printer', nl);
    expect(ranked).toHaveLength(5);
    expect(ranked.at(-1)!.id).toBe('weak');
    expect(ranked.at(-1)!.score).toBeLessThan(GOOD_ENOUGH);
    expect(ids(await search.search('printer', nl))).toEqual(['e1', 'e2', 'e3']); // ties in id order
    expect(ids(await search.search('printer', { ...nl, limit: 1 }))).toEqual(['e1']);
    expect(ids(await search.search('printer', { ...nl, limit: 10 }))).toEqual(['e1', 'e2', 'e3', 'e4']);
  });

  it('when the best answer is not good enough, nothing is returned', async () => {
    // "printer" is found, "koffieautomaat" (a rarer word) is not: less than half of the question is answered.
    const ranked = await search.rank('printer koffieautomaat', nl);
    expect(ranked.length).toBeGreaterThan(0);
    expect(ranked[0]!.score).toBeLessThan(GOOD_ENOUGH);
    expect(await search.search('printer koffieautomaat', nl)).toEqual([]);
  });

  it('scores are between 0 and 1, rounded to 3 decimals, best first', async () => {
    for (const q of ['printer', 'printer storing', 'printer koffieautomaat', 'werkplek gang']) {
      const ranked = await search.rank(q, nl);
      for (const h of ranked) {
        expect(h.score).toBeGreaterThanOrEqual(0);
        expect(h.score).toBeLessThanOrEqual(1);
        expect(Math.round(h.score * 1000) / 1000).toBe(h.score);
      }
      expect(ranked.map((h) => h.score)).toEqual([...ranked.map((h) => h.score)].sort((a, b) => b - a));
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

describe('KbSearch: word variants', () => {
  const { search } = searchOver([
    entry('print', { title: 'Printen vanuit de viewer', tags: ['printen'] }),
    entry('2fa', { title: 'Code voor tweestapsverificatie afgewezen', tags: ['tweestapsverificatie'] }),
    entry('client', { title: 'Gegevens van de cliënt ontbreken', tags: ['cliënt'] }),
    entry('invite', { title: 'Uitnodiging verlopen', tags: ['uitnodiging'] }),
  ]);

  it('stems: another form of the same word is an exact match', async () => {
    expect(await search.search('print', nl)).toEqual([{ id: 'print', score: 1 }]);
    expect(ids(await search.search('uitnodigingen', nl))).toEqual(['invite']);
  });

  it('synonyms count almost as much as the word itself', async () => {
    const [hit] = await search.search('afdrukken', nl);
    expect(hit!.id).toBe('print');
    expect(hit!.score).toBe(0.904); // 0.9 × 0.96 + 0.03 (language) + 0.01 (title)
  });

  it('typos are corrected against the indexed words, and count less', async () => {
    const [hit] = await search.search('uitnodging', nl);
    expect(hit!.id).toBe('invite');
    expect(hit!.score).toBe(0.76); // 0.75 × 0.96 + 0.03 + 0.01
    expect(ids(await search.search('tweestapsverificatei', nl))).toEqual(['2fa']);
  });

  it('the start of a compound finds the compound', async () => {
    const [hit] = await search.search('tweestaps', nl);
    expect(hit!.id).toBe('2fa');
    expect(hit!.score).toBe(0.808); // 0.8 × 0.96 + 0.03 + 0.01
  });

  it('accents do not matter: client, cliënt and CLIËNT find the same', async () => {
    const expected = await search.search('cliënt', nl);
    expect(ids(expected)).toEqual(['client']);
    expect(await search.search('client', nl)).toEqual(expected);
    expect(await search.search('CLIËNT', nl)).toEqual(expected);
  });

  it('a known word is not "corrected" into another known word', async () => {
    const { search: s, index } = searchOver([entry('a', { title: 'Bericht' }), entry('b', { title: 'Gericht' })]);
    expect(ids(await s.search('bericht', nl))).toEqual(['a']);
    if (askedTerms(index)) expect(askedTerms(index)![0]).not.toContain('gericht');
    expect(ids(await s.search('xericht', nl))).toEqual(['a', 'b']); // an unknown word is corrected to both
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
    expect(await search.search('zomertjd', nl)).toEqual([]);
    index.entries.push(entry('summer', { title: 'Zomertijd in berichten' }));
    expect(await search.search('zomertjd', nl)).toEqual([]); // the old vocabulary does not know "zomertijd" yet
    search.invalidate();
    expect(ids(await search.search('zomertjd', nl))).toEqual(['summer']);
    expect(index.calls.allEntries).toBe(2);
  });

  it('is reloaded in the background when older than its refresh time: a stale copy answers meanwhile', async () => {
    let now = 0;
    const index = new MemoryIndex([entry('invite', { title: 'Uitnodiging verlopen' })]);
    const search = new KbSearch(index, SYNONYMS, { engine, refreshMs: 60_000, now: () => now });
    await search.search('uitnodiging', nl);
    index.entries.push(entry('summer', { title: 'Zomertijd in berichten' }));
    now = 30_000;
    expect(await search.search('zomertijd', nl)).toEqual(engine === 'database' ? [{ id: 'summer', score: 1 }] : []);
    expect(index.calls.allEntries).toBe(1);
    now = 61_000;
    // Stale: this search is answered from the old copy (memory: without the new entry) while the new one loads.
    expect(ids(await search.search('uitnodiging', nl))).toEqual(['invite']);
    expect(index.calls.allEntries).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(await search.search('zomertijd', nl)).toEqual([{ id: 'summer', score: 1 }]);
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
