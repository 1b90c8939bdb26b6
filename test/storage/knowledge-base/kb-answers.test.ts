import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { KbReply } from '../../../core/domain/knowledge-base/kb-answers.ts';
import { DATABASE_KINDS, databasePerTest, type DatabaseKind } from '../../support/databases.ts';
import { servicesWithDemoData } from '../../support/demo-data.ts';

const root = (path: string) => new URL(`../../../${path}`, import.meta.url);
const json = (path: string) => JSON.parse(readFileSync(root(path), 'utf8')) as unknown;
const demoKb = () => json('data/demo-kb.json') as { entries: Array<Record<string, unknown>> };

const T0 = new Date('2026-03-02T09:00:00.000Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const NL = { language: 'nl' as const, includeDrafts: false };
const EN = { language: 'en' as const, includeDrafts: false };
/** A realistic question the demo knowledge base can only answer with likely entries: the right one (kb-047) first. */
const LIKELY = 'de bevaltijd in de viewer klopt niet, staat precies 2 uur later dan in ons xis';

/** The reply with entry ids instead of whole entries. */
const idsOf = (reply: KbReply) =>
  reply.kind === 'answer' ? { kind: reply.kind, entry: reply.entry.id, others: reply.others.map((e) => e.id) }
    : reply.kind === 'suggestions' ? { kind: reply.kind, entries: reply.entries.map((e) => e.id) }
      : { kind: reply.kind };

describe.each(DATABASE_KINDS)('knowledge-base answers and their events on %s', (kind: DatabaseKind) => {
  const databases = databasePerTest(kind);

  async function setup(kb: unknown = demoKb()) {
    const db = await databases.open();
    const { services, clock } = await servicesWithDemoData(db, T0, { kb });
    const dataSource = db.dataSource;
    /** Every stored event row, as the database has it. */
    const rows = async (): Promise<Array<{ kind: string; entry_id: string | null; query: string | null; language: string; at: string }>> =>
      dataSource.query('SELECT kind, entry_id, query, language, at FROM kb_event ORDER BY id');
    const ask = (question: string, minutes = 0, options: { language: 'nl' | 'en'; includeDrafts: boolean } = NL) => {
      clock.current = at(minutes);
      return services.kbAnswers.ask(question, options);
    };
    const open = (entryId: string, minutes = 0, options: { language: 'nl' | 'en'; includeDrafts: boolean } = NL) => {
      clock.current = at(minutes);
      return services.kbAnswers.open(entryId, options);
    };
    const feedback = (entryId: string, helped: boolean, minutes = 0) => {
      clock.current = at(minutes);
      return services.kbAnswers.feedback(entryId, helped, 'nl');
    };
    return { services, clock, rows, ask, open, feedback };
  }

  it('a sure answer: the best entry as stored, the next results as others, and one view recorded for the answer', async () => {
    const { services, rows, ask } = await setup();
    const hits = await services.kbSearch.search('wachtwoord vergeten', { language: 'nl' });
    expect(hits[0]).toMatchObject({ id: 'kb-026', tier: 'answer' });
    const reply = await ask('wachtwoord vergeten');
    expect(reply.kind).toBe('answer');
    if (reply.kind !== 'answer') return;
    expect(reply.entry).toMatchObject({ id: 'kb-026', title: 'Wachtwoord vergeten of opnieuw instellen', language: 'nl', published: true });
    expect(reply.others.map((e) => e.id)).toEqual(hits.slice(1, 3).map((h) => h.id));
    expect(reply.others.map((e) => e.id)).toEqual(['kb-042']);
    expect(await rows()).toEqual([{ kind: 'view', entry_id: 'kb-026', query: null, language: 'nl', at: T0.toISOString() }]);
  });

  it('a Dutch question never gets the English copy of its answer, and an English one never the Dutch copy', async () => {
    const { ask } = await setup();
    expect(idsOf(await ask('wachtwoord vergeten'))).toEqual({ kind: 'answer', entry: 'kb-026', others: ['kb-042'] });
    expect(idsOf(await ask('forgot my password', 0, EN))).toEqual({ kind: 'answer', entry: 'kb-054', others: [] });
  });

  it('an English question whose answer exists only in Dutch gets the Dutch entry; the language asked in is recorded', async () => {
    const { rows, ask } = await setup();
    const reply = await ask('JGZ import failed', 0, EN);
    expect(idsOf(reply)).toEqual({ kind: 'answer', entry: 'kb-020', others: [] });
    expect(reply.kind === 'answer' && reply.entry.language).toBe('nl');
    expect(await rows()).toEqual([{ kind: 'view', entry_id: 'kb-020', query: null, language: 'en', at: T0.toISOString() }]);
  });

  it('likely answers only: suggestions in the order search ranks them, a "suggested" event with the question, no view', async () => {
    const { services, rows, ask } = await setup();
    const hits = await services.kbSearch.search(LIKELY, { language: 'nl' });
    expect(hits.map((h) => h.tier)).toEqual(['suggestion', 'suggestion']);
    expect(hits[0]!.score).toBeGreaterThan(hits[1]!.score);
    expect(idsOf(await ask(LIKELY, 3))).toEqual({ kind: 'suggestions', entries: hits.map((h) => h.id) });
    expect(hits[0]!.id).toBe('kb-047');
    expect(await rows()).toEqual([{ kind: 'suggested', entry_id: null, query: LIKELY, language: 'nl', at: at(3).toISOString() }]);
  });

  it('a question about something outside the chain\'s systems gets suggestions at most', async () => {
    const { services, rows, ask } = await setup();
    const ranked = await services.kbSearch.rank('wachtwoord van de webshop vergeten', { language: 'nl' });
    expect(ranked[0]!.id).toBe('kb-026');
    const reply = await ask('wachtwoord van de webshop vergeten');
    expect(idsOf(reply)).toEqual({ kind: 'suggestions', entries: ['kb-026', 'kb-042'] });
    expect((await rows()).map((r) => r.kind)).toEqual(['suggested']);
  });

  it('a clinical question gets no entry at all, though an entry shares its words; nothing is recorded, not even the question', async () => {
    const { services, rows, ask } = await setup();
    const q = 'cliënt heeft veel bloedverlies na de bevalling, wat moet ik doen';
    expect((await services.kbSearch.rank(q, { language: 'nl' })).length).toBeGreaterThan(0);
    expect(await ask(q)).toEqual({ kind: 'none' });
    expect(await rows()).toEqual([]);
  });

  it('a personal (HR) question is not recorded either; one about something outside the chain\'s systems is', async () => {
    const { services, rows, ask } = await setup();
    const personal = 'hoe meld ik me ziek voor morgen';
    expect((await services.kbSearch.rank(personal, { language: 'nl' })).length).toBeGreaterThan(0);
    expect(await ask(personal, 1)).toEqual({ kind: 'none' });
    expect(await ask('how do I call in sick tomorrow', 2, EN)).toEqual({ kind: 'none' });
    expect(await rows()).toEqual([]);
    // Outside the chain's systems is not the same: such a question without an answer is kept.
    expect(await ask('De koffieautomaat is kapot', 3)).toEqual({ kind: 'none' });
    expect((await rows()).map((r) => [r.kind, r.query])).toEqual([['unanswered', 'De koffieautomaat is kapot']]);
  });

  it('an unanswered question is recorded as asked, without views', async () => {
    const { rows, ask } = await setup();
    expect(await ask('De koffieautomaat is kapot')).toEqual({ kind: 'none' });
    expect(await rows()).toEqual([{ kind: 'unanswered', entry_id: null, query: 'De koffieautomaat is kapot', language: 'nl', at: T0.toISOString() }]);
  });

  it('open(): the entry a person picked, recorded as a view in their language; gone or a draft for others: nothing', async () => {
    const kb = demoKb();
    kb.entries.find((e) => e.id === 'kb-047')!.published = false;
    const { rows, open } = await setup(kb);
    expect(await open('kb-011', 1)).toMatchObject({ id: 'kb-011', language: 'nl', published: true });
    expect(await open('kb-011', 2, EN)).toMatchObject({ id: 'kb-011' });
    expect(await open('kb-999', 3)).toBeUndefined();
    expect(await open('kb-047', 4)).toBeUndefined();
    expect(await open('kb-047', 5, { language: 'nl', includeDrafts: true })).toMatchObject({ id: 'kb-047', published: false });
    expect(await rows()).toEqual([
      { kind: 'view', entry_id: 'kb-011', query: null, language: 'nl', at: at(1).toISOString() },
      { kind: 'view', entry_id: 'kb-011', query: null, language: 'en', at: at(2).toISOString() },
      { kind: 'view', entry_id: 'kb-047', query: null, language: 'nl', at: at(5).toISOString() },
    ]);
  });

  it('numbers that could identify a patient are never stored: a citizen service number, a phone number, a record number', async () => {
    const { rows, ask } = await setup();
    const questions = [
      'koffieautomaat kapot bij cliënt 123456789',
      'BSN 123.456.789 parkeerplek reserveren',
      'bel mij terug op 06-12345678 over de kerstborrel',
      'dossiernummer 12 34 56 789 vakantierooster',
    ];
    for (const q of questions) expect(await ask(q), q).toEqual({ kind: 'none' });
    // Questions that get suggestions are kept too, as scrubbed.
    expect((await ask('wachtwoord van de webshop vergeten, klantnummer 123456789')).kind).toBe('suggestions');
    const stored = await rows();
    expect(stored.map((r) => [r.kind, r.query])).toEqual([
      ['unanswered', 'koffieautomaat kapot bij cliënt [nummer]'],
      ['unanswered', 'BSN [nummer] parkeerplek reserveren'],
      ['unanswered', 'bel mij terug op [nummer] over de kerstborrel'],
      ['unanswered', 'dossiernummer [nummer] vakantierooster'],
      ['suggested', 'wachtwoord van de webshop vergeten, klantnummer [nummer]'],
    ]);
    const everything = JSON.stringify(await databases.current!.dataSource.query('SELECT * FROM kb_event'));
    for (const digits of ['123456789', '123.456.789', '12345678', '12 34 56 789']) expect(everything).not.toContain(digits);
    // Short numbers (an error code, a year) are kept: they help to understand the question.
    await ask('foutcode 4711 bij de koffieautomaat in 2026');
    expect((await rows()).at(-1)!.query).toBe('foutcode 4711 bij de koffieautomaat in 2026');
  });

  it('a very long unanswered question is kept to 300 characters', async () => {
    const { rows, ask } = await setup();
    const question = `koffieautomaat ${'kapot '.repeat(80)}`.trim();
    expect(await ask(question)).toEqual({ kind: 'none' });
    const [row] = await rows();
    expect(row!.query).toBe(question.slice(0, 300));
  });

  it('feedback is recorded per entry: helped and not helped', async () => {
    const { rows, feedback } = await setup();
    await feedback('kb-026', true);
    await feedback('kb-054', false);
    expect(await rows()).toEqual([
      { kind: 'helped', entry_id: 'kb-026', query: null, language: 'nl', at: T0.toISOString() },
      { kind: 'not-helped', entry_id: 'kb-054', query: null, language: 'nl', at: T0.toISOString() },
    ]);
  });

  it('stats: most viewed first (ties by id), limited, only since the given moment; answers and opened entries count, suggestions do not', async () => {
    const { services, ask, open } = await setup();
    expect(idsOf(await ask('wachtwoord vergeten', 0))).toMatchObject({ kind: 'answer', entry: 'kb-026' }); // before `since`
    await ask('wachtwoord vergeten', 10);
    await ask('wachtwoord vergeten', 11);
    expect(idsOf(await ask(LIKELY, 12))).toMatchObject({ kind: 'suggestions', entries: ['kb-047', expect.any(String)] }); // not a view
    await open('kb-047', 12);
    await open('kb-047', 13);
    expect(idsOf(await ask('token nog niet geldig', 14))).toMatchObject({ kind: 'answer', entry: 'kb-029' });
    expect(idsOf(await ask('JGZ import mislukt', 15))).toMatchObject({ kind: 'answer', entry: 'kb-020' });
    const stats = await services.kbEvents.stats(at(5), 3);
    expect(stats.mostViewed).toEqual([
      { entryId: 'kb-026', views: 2 },
      { entryId: 'kb-047', views: 2 },
      { entryId: 'kb-020', views: 1 },
    ]);
    expect((await services.kbEvents.stats(at(0), 1)).mostViewed).toEqual([{ entryId: 'kb-026', views: 3 }]);
    expect((await services.kbEvents.stats(at(60), 10)).mostViewed).toEqual([]);
  });

  it('stats: the "did not help" rate per entry, worst first, views not counted as feedback', async () => {
    const { services, ask, feedback } = await setup();
    await ask('wachtwoord vergeten', 1);
    for (const helped of [true, true, true, false]) await feedback('kb-026', helped, 2);
    for (const helped of [false, false]) await feedback('kb-054', helped, 3);
    await feedback('kb-047', true, 4);
    for (const helped of [true, false, false]) await feedback('kb-029', helped, 5);
    const { feedback: rates } = await services.kbEvents.stats(T0, 10);
    expect(rates).toEqual([
      { entryId: 'kb-054', helped: 0, notHelped: 2, notHelpedRate: 1 },
      { entryId: 'kb-029', helped: 1, notHelped: 2, notHelpedRate: 0.67 },
      { entryId: 'kb-026', helped: 3, notHelped: 1, notHelpedRate: 0.25 },
      { entryId: 'kb-047', helped: 1, notHelped: 0, notHelpedRate: 0 },
    ]);
  });

  it('stats: unanswered questions grouped case-insensitively, most asked first, with the last time asked', async () => {
    const { services, ask } = await setup();
    await ask('De koffieautomaat is kapot', 1);
    await ask('parkeerplek reserveren', 2);
    await ask('de KOFFIEAUTOMAAT is kapot', 3);
    await ask('Parkeerplek reserveren', 4);
    await ask('de koffieautomaat is kapot', 5);
    await ask('hoe bestel ik nieuwe visitekaartjes', 6);
    const { unanswered } = await services.kbEvents.stats(T0, 10);
    expect(unanswered).toEqual([
      { query: 'de koffieautomaat is kapot', count: 3, lastAt: at(5).toISOString() },
      { query: 'parkeerplek reserveren', count: 2, lastAt: at(4).toISOString() },
      { query: 'hoe bestel ik nieuwe visitekaartjes', count: 1, lastAt: at(6).toISOString() },
    ]);
    expect((await services.kbEvents.stats(T0, 1)).unanswered).toHaveLength(1);
    expect((await services.kbEvents.stats(at(4), 10)).unanswered).toEqual([
      { query: 'de koffieautomaat is kapot', count: 1, lastAt: at(5).toISOString() },
      { query: 'parkeerplek reserveren', count: 1, lastAt: at(4).toISOString() },
      { query: 'hoe bestel ik nieuwe visitekaartjes', count: 1, lastAt: at(6).toISOString() },
    ].sort((a, b) => b.lastAt.localeCompare(a.lastAt)));
  });

  it('stats: unanswered questions that differ only in accented capitals ("Één" / "één") are one question', async () => {
    const { services, ask } = await setup();
    await ask('Één vraag over de kerstborrel', 1);
    await ask('één vraag over de kerstborrel', 2);
    const { unanswered } = await services.kbEvents.stats(T0, 10);
    expect(unanswered).toEqual([{ query: 'één vraag over de kerstborrel', count: 2, lastAt: at(2).toISOString() }]);
  });

  it('drafts are found for administrators only', async () => {
    const kb = demoKb();
    kb.entries.find((e) => e.id === 'kb-047')!.published = false;
    const { rows, ask } = await setup(kb);
    expect(await ask('zomertijd')).toEqual({ kind: 'none' });
    const reply = await ask('tijden in berichten wijken een uur af door de zomertijd', 1, { language: 'nl', includeDrafts: true });
    expect(reply.kind).toBe('answer');
    expect(reply.kind === 'answer' && [reply.entry.id, reply.entry.published]).toEqual(['kb-047', false]);
    expect((await rows()).map((r) => [r.kind, r.entry_id ?? r.query])).toEqual([['unanswered', 'zomertijd'], ['view', 'kb-047']]);
  });
});
