import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadSynonyms } from '../../../../bot/kb-synonyms.ts';
import { KbSearch } from '../../../../core/domain/knowledge-base/kb-search.ts';
import { Synonyms } from '../../../../core/domain/knowledge-base/synonyms.ts';
import { SqlKbSearchIndex } from '../../../../storage/knowledge-base/kb-search-index.ts';
import { DATABASE_KINDS, databasePerTest, type DatabaseKind } from '../../../support/databases.ts';
import { servicesWithDemoData } from '../../../support/demo-data.ts';

/**
 * Learning from use: a phrasing linked to an entry becomes one of its alternative questions,
 * audited, and the very next search for it finds that entry — on both databases, both engines.
 * A person's pick after "Nee" counts only once a second person made it (kb-learning-proposals.test.ts).
 */

const demoKb = () => JSON.parse(readFileSync(new URL('../../../../data/demo-kb.json', import.meta.url), 'utf8')) as unknown;
const T0 = new Date('2026-03-02T09:00:00.000Z');
const NL = { language: 'nl' as const };
const REVIEWER = { actor: 'local:editor-1', source: 'review' as const };

describe.each(DATABASE_KINDS)('KbLearning on %s', (kind: DatabaseKind) => {
  const databases = databasePerTest(kind);

  async function setup() {
    const db = await databases.open();
    const { services, clock } = await servicesWithDemoData(db, T0, { kb: demoKb() });
    services.kbSearch.invalidate();
    const entry = async (id: string) => (await services.kb.byIds([id]))[0]!;
    const learnedAudit = async () => (await services.audit.since(new Date(0))).filter((a) => a.action === 'kb.question.learned');
    const databaseSearch = new KbSearch(new SqlKbSearchIndex(db.dataSource), new Synonyms(loadSynonyms()), { engine: 'database' });
    return { services, clock, entry, learnedAudit, databaseSearch };
  }

  it('learned from feedback once a second person picks the same: stored with the entry, audited with who and where from, and the next search (either engine) answers it with that entry', async () => {
    const { services, entry, learnedAudit, databaseSearch } = await setup();
    // Care staff type this; the article about being logged out all the time is not what the search put first.
    const question = 'na 1 uur spreekuur moet ik telkens opnieuw mijn code intikken';
    const before = await entry('kb-030');
    const firstBefore = (await services.kbSearch.search(question, NL))[0]?.id;
    expect(firstBefore).not.toBe('kb-030');

    // One person: a proposal only. The entry, the audit and the search are as they were.
    expect(await services.kbLearning.learn('kb-030', question, { actor: 'local:care-1', source: 'feedback' })).toBe('pending');
    expect(await entry('kb-030')).toEqual(before);
    expect(await learnedAudit()).toEqual([]);
    expect((await services.kbSearch.search(question, NL))[0]?.id).toBe(firstBefore);

    // A second person, typing it a little differently (case, spacing, another number): learned, as first typed.
    expect(await services.kbLearning.learn('kb-030', '  Na 2 uur SPREEKUUR moet ik telkens opnieuw mijn code intikken', { actor: 'local:care-2', source: 'feedback' })).toBe('learned');
    const after = await entry('kb-030');
    expect(after).toEqual({ ...before, questions: [question] });

    const audit = await learnedAudit();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      at: T0.toISOString(), actor: 'local:care-2', action: 'kb.question.learned', subjectType: 'kb-entry', subjectId: 'kb-030',
      before: { questions: [] }, after: { questions: [question], question, source: 'feedback', people: 2 },
    });

    for (const search of [services.kbSearch, databaseSearch]) {
      const hits = await search.search(question, NL);
      expect(hits[0], search.engine).toMatchObject({ id: 'kb-030', tier: 'answer' });
      // Typed a little differently, it is still found.
      expect((await search.search('Na het spreekuur moet ik telkens opnieuw mijn code intikken?', NL))[0]?.id, search.engine).toBe('kb-030');
    }
  });

  it('a question the search found nothing for is answered after a review links it', async () => {
    const { services } = await setup();
    expect(await services.kbSearch.search('kan niks printen', NL)).toEqual([]);
    expect(await services.kbLearning.learn('kb-025', 'kan niks printen', REVIEWER)).toBe('learned');
    expect((await services.kbSearch.search('kan niks printen', NL))[0]).toMatchObject({ id: 'kb-025', tier: 'answer' });
  });

  it('known: the same question however typed (case, accents, punctuation, spacing), or the entry\'s own title; nothing written', async () => {
    const { services, entry, learnedAudit } = await setup();
    expect(await services.kbLearning.learn('kb-025', 'Kan niks printen', REVIEWER)).toBe('learned');
    const stored = await entry('kb-025');
    for (const same of ['kan niks printen', '  KAN   NIKS PRINTEN?! ', 'kán nìks printen', 'Printen vanuit de viewer lukt niet']) {
      expect(await services.kbLearning.learn('kb-025', same, REVIEWER), same).toBe('known');
    }
    expect(await entry('kb-025')).toEqual(stored);
    expect(await learnedAudit()).toHaveLength(1);
  });

  it.each([
    ['too short', 'ok'],
    ['too long (refused, not cut short)', `printer ${'heel '.repeat(80)}traag`],
    ['only stopwords', 'hoe kan dat dan?'],
    ['a patient\'s name', 'cliënt Jansen kan niet printen'],
    ['a patient\'s name after a title', 'mw. J. de Vries ziet haar uitslagen niet'],
    ['a date of birth', 'printen lukt niet, geboren 12 maart 1990'],
  ])('refused: %s — nothing written', async (_why, question) => {
    const { services, entry, learnedAudit } = await setup();
    const before = await entry('kb-025');
    expect(await services.kbLearning.learn('kb-025', question, REVIEWER)).toBe('refused');
    expect(await entry('kb-025')).toEqual(before);
    expect(await learnedAudit()).toEqual([]);
  });

  it('refused: an entry that does not exist', async () => {
    const { services, learnedAudit } = await setup();
    expect(await services.kbLearning.learn('kb-999', 'kan niks printen', REVIEWER)).toBe('refused');
    expect(await services.kb.byIds(['kb-999'])).toEqual([]);
    expect(await learnedAudit()).toEqual([]);
  });

  it('numbers that could identify a patient are scrubbed before anything is stored', async () => {
    const { services, entry, learnedAudit } = await setup();
    expect(await services.kbLearning.learn('kb-001', 'viewer leeg bij dossier 123 456 782', REVIEWER)).toBe('learned');
    expect((await entry('kb-001')).questions).toEqual(['viewer leeg bij dossier [nummer]']);
    expect(JSON.stringify(await learnedAudit())).not.toMatch(/123.?456.?782/);
  });

  it('50 questions typed by editors: none makes room for a learned one ("full"), nothing written', async () => {
    const { services, entry, learnedAudit } = await setup();
    const fifty = Array.from({ length: 50 }, (_, i) => `printer probleem variant ${i + 1}`);
    const current = await entry('kb-025');
    await services.kb.upsert([{ ...current, questions: fifty }], []);
    expect(await services.kbLearning.learn('kb-025', 'kan niks printen', REVIEWER)).toBe('full');
    expect((await entry('kb-025')).questions).toEqual(fifty);
    expect(await learnedAudit()).toEqual([]);
  });

  it('questions learned at the same moment are all kept (one learn at a time)', async () => {
    const { services, entry } = await setup();
    const questions = ['kan niks printen', 'printer geeft een foutmelding', 'pdf afdrukken lukt niet', 'printen blijft hangen'];
    const results = await Promise.all(questions.map((q) => services.kbLearning.learn('kb-025', q, REVIEWER)));
    expect(results).toEqual(['learned', 'learned', 'learned', 'learned']);
    expect((await entry('kb-025')).questions).toEqual(questions);
  });
});
