import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LEARNING, proposalKey } from '../../../../core/domain/knowledge-base/kb-learning.ts';
import { DATABASE_KINDS, databasePerTest, type DatabaseKind } from '../../../support/databases.ts';
import { servicesWithDemoData } from '../../../support/demo-data.ts';

/**
 * Learning from feedback is a proposal until it is sure: one person's pick after "Nee" changes
 * nothing for anyone; the phrasing is used once two different people picked the same entry for it,
 * or a knowledge-base writer confirms it. Learned questions never push out what editors typed, and
 * one person can propose only so much a day. Both databases.
 */

const demoKb = () => JSON.parse(readFileSync(new URL('../../../../data/demo-kb.json', import.meta.url), 'utf8')) as unknown;
const T0 = new Date('2026-03-02T09:00:00.000Z');
const NL = { language: 'nl' as const };
const by = (n: number) => ({ actor: `local:care-${n}`, source: 'feedback' as const });
const WRITER = { actor: 'local:editor-1', source: 'review' as const };
/** Distinct phrasings about printing (no digits: numbers do not tell phrasings apart). */
const printing = (n: number) => `printer probleem variant ${'abcdefghijklmnopqrstuvwxyz'[n % 26]}${'abcdefghijklmnopqrstuvwxyz'[Math.floor(n / 26) % 26]}`;

describe.each(DATABASE_KINDS)('KbLearning proposals on %s', (kind: DatabaseKind) => {
  const databases = databasePerTest(kind);

  async function setup() {
    const db = await databases.open();
    const { services, clock } = await servicesWithDemoData(db, T0, { kb: demoKb() });
    services.kbSearch.invalidate();
    const entry = async (id: string) => (await services.kb.byIds([id]))[0]!;
    const audit = async (action: string) => (await services.audit.since(new Date(0))).filter((a) => a.action === action);
    const setQuestions = async (id: string, questions: string[]) => services.kb.upsert([{ ...(await entry(id)), questions }], []);
    return { services, clock, entry, audit, setQuestions };
  }

  it('one person cannot change an answer for everyone: asked again and again, it stays one pending proposal', async () => {
    const { services, entry, audit } = await setup();
    const question = 'viewer blijft leeg';
    const answerBefore = (await services.kbSearch.search(question, NL))[0];
    const before = await entry('kb-014');
    for (const typed of ['viewer blijft leeg', 'Viewer  blijft LEEG!', 'viewer blijft leeg']) {
      expect(await services.kbLearning.learn('kb-014', typed, by(1))).toBe('pending');
    }
    expect(await entry('kb-014')).toEqual(before);
    expect(await audit('kb.question.learned')).toEqual([]);
    expect((await services.kbSearch.search(question, NL))[0]).toEqual(answerBefore);
    // Writers see it, with who-count 1.
    expect(await services.kbLearning.proposals(10)).toEqual([{
      entry: { id: 'kb-014', title: before.title, language: 'nl', published: true }, phrasing: proposalKey(question), question: 'viewer blijft leeg', people: 1, lastAt: T0.toISOString(),
    }]);
  });

  it('two people picking different entries for one phrasing: neither is learned, both wait for a writer', async () => {
    const { services, entry } = await setup();
    expect(await services.kbLearning.learn('kb-014', 'viewer blijft leeg', by(1))).toBe('pending');
    expect(await services.kbLearning.learn('kb-002', 'viewer blijft leeg', by(2))).toBe('pending');
    expect((await entry('kb-014')).questions).toEqual([]);
    expect((await entry('kb-002')).questions).toEqual([]);
    expect((await services.kbLearning.proposals(10)).map((p) => [p.entry.id, p.people]).sort()).toEqual([['kb-002', 1], ['kb-014', 1]]);
  });

  it('the second person makes it active at once; two at the same moment learn it once', async () => {
    const { services, entry, audit } = await setup();
    const results = await Promise.all([1, 2, 3].map((n) => services.kbLearning.learn('kb-030', 'moet steeds opnieuw inloggen', by(n))));
    expect(results.sort()).toEqual(['known', 'learned', 'pending']);
    expect((await entry('kb-030')).questions).toEqual(['moet steeds opnieuw inloggen']);
    expect(await audit('kb.question.learned')).toHaveLength(1);
    expect(await services.kbLearning.proposals(10)).toEqual([]);
    expect((await services.kbSearch.search('moet steeds opnieuw inloggen', NL))[0]?.id).toBe('kb-030');
  });

  it('a writer\'s confirmation (source review) is used at once and settles what people proposed', async () => {
    const { services, entry, audit } = await setup();
    expect(await services.kbLearning.learn('kb-025', 'kan niks printen', by(1))).toBe('pending');
    const [proposal] = await services.kbLearning.proposals(10);
    expect(await services.kbLearning.proposal('kb-025', proposal!.phrasing)).toEqual(proposal);
    expect(await services.kbLearning.learn('kb-025', proposal!.question, WRITER)).toBe('learned');
    expect((await entry('kb-025')).questions).toEqual(['kan niks printen']);
    expect(await audit('kb.question.learned')).toEqual([expect.objectContaining({ actor: WRITER.actor, after: expect.objectContaining({ source: 'review' }) })]);
    expect(await services.kbLearning.proposals(10)).toEqual([]);
    expect(await services.kbLearning.proposal('kb-025', proposal!.phrasing)).toBeUndefined();
    expect(await services.kbLearning.learn('kb-025', 'kan niks printen', by(2))).toBe('known');
  });

  it(`one person proposes at most ${LEARNING.proposalsPerDay} phrasings in 24 hours: more are ignored without an error; a day later they count again`, async () => {
    const { services, clock } = await setup();
    for (let i = 0; i < LEARNING.proposalsPerDay; i++) expect(await services.kbLearning.learn('kb-025', printing(i), by(1))).toBe('pending');
    expect(await services.kbLearning.learn('kb-025', printing(99), by(1))).toBe('ignored');
    // Another person's proposal of the ignored phrasing is the first one for it.
    expect(await services.kbLearning.learn('kb-025', printing(99), by(2))).toBe('pending');
    expect(await services.kbLearning.proposals(50)).toHaveLength(LEARNING.proposalsPerDay + 1);
    clock.current = new Date(T0.getTime() + 24 * 3_600_000 + 1000);
    expect(await services.kbLearning.learn('kb-025', printing(100), by(1))).toBe('pending');
  });

  it('the defect: one person doing 51 "Nee" + pick rounds leaves the editors\' questions and the search as they were', async () => {
    const { services, entry, setQuestions } = await setup();
    const editors = ['printer doet het niet', 'afdrukken lukt niet'];
    await setQuestions('kb-025', editors);
    for (let i = 0; i < 51; i++) await services.kbLearning.learn('kb-025', printing(i), by(1));
    expect((await entry('kb-025')).questions).toEqual(editors);
    expect(await services.kbLearning.proposals(100)).toHaveLength(LEARNING.proposalsPerDay);
  });

  it(`learned questions have their own cap (${LEARNING.learnedPerEntry}, the oldest learned makes room); an editor's are never pushed out`, async () => {
    const { services, entry, audit, setQuestions } = await setup();
    const editors = ['printer doet het niet', 'afdrukken lukt niet', 'pdf printen geeft een fout'];
    await setQuestions('kb-025', editors);
    const learned = Array.from({ length: LEARNING.learnedPerEntry + 2 }, (_, i) => printing(i));
    for (const q of learned) expect(await services.kbLearning.learn('kb-025', q, WRITER)).toBe('learned');
    expect((await entry('kb-025')).questions).toEqual([...editors, ...learned.slice(2)]);
    expect((await audit('kb.question.learned')).at(-1)!.after).toMatchObject({ question: learned.at(-1), dropped: [learned[1]] });
  });

  it('within the 50 of an entry: a learned question makes room by pushing out the oldest learned one, never an editor\'s', async () => {
    const { services, entry, setQuestions } = await setup();
    const editors = Array.from({ length: 47 }, (_, i) => `vraag van de redactie ${printing(i)}`);
    await setQuestions('kb-025', editors);
    const learned = ['kan niks printen', 'printer geeft een foutmelding', 'pdf afdrukken lukt niet', 'printen blijft hangen'];
    for (const q of learned) expect(await services.kbLearning.learn('kb-025', q, WRITER)).toBe('learned');
    expect((await entry('kb-025')).questions).toEqual([...editors, ...learned.slice(1)]);
  });

  it('an editor removing a learned question in the form makes room for a new learned one, and keeps editors\' questions', async () => {
    const { services, entry, setQuestions } = await setup();
    await setQuestions('kb-025', ['printer doet het niet']);
    expect(await services.kbLearning.learn('kb-025', 'kan niks printen', WRITER)).toBe('learned');
    // The editor keeps only their own and adds another.
    await setQuestions('kb-025', ['printer doet het niet', 'afdrukken lukt niet']);
    for (let i = 0; i < LEARNING.learnedPerEntry + 1; i++) await services.kbLearning.learn('kb-025', printing(i), WRITER);
    const questions = (await entry('kb-025')).questions;
    expect(questions.slice(0, 2)).toEqual(['printer doet het niet', 'afdrukken lukt niet']);
    expect(questions).toHaveLength(2 + LEARNING.learnedPerEntry);
  });

  it('rejected by a writer: audited, no longer proposed, and people cannot bring it back; a writer still can link it', async () => {
    const { services, entry, audit } = await setup();
    expect(await services.kbLearning.learn('kb-014', 'viewer blijft leeg', by(1))).toBe('pending');
    const phrasing = proposalKey('viewer blijft leeg');
    expect(await services.kbLearning.reject('kb-014', phrasing, WRITER.actor)).toBe(true);
    expect(await audit('kb.question.rejected')).toEqual([expect.objectContaining({ actor: WRITER.actor, subjectId: 'kb-014', after: { question: 'viewer blijft leeg', people: 1 } })]);
    expect(await services.kbLearning.proposals(10)).toEqual([]);
    expect(await services.kbLearning.reject('kb-014', phrasing, WRITER.actor)).toBe(false);
    for (const n of [2, 3]) expect(await services.kbLearning.learn('kb-014', 'Viewer blijft leeg', by(n))).toBe('ignored');
    expect((await entry('kb-014')).questions).toEqual([]);
    expect(await services.kbLearning.learn('kb-014', 'viewer blijft leeg', WRITER)).toBe('learned');
  });

  it('a proposal is what people typed scrubbed of numbers; refused questions are never proposed', async () => {
    const { services } = await setup();
    expect(await services.kbLearning.learn('kb-001', 'viewer leeg bij dossier 123 456 782', by(1))).toBe('pending');
    expect(await services.kbLearning.learn('kb-001', 'cliënt Jansen kan niet printen', by(1))).toBe('refused');
    expect(await services.kbLearning.learn('kb-999', 'viewer leeg', by(1))).toBe('refused');
    expect((await services.kbLearning.proposals(10)).map((p) => p.question)).toEqual(['viewer leeg bij dossier [nummer]']);
  });
});
