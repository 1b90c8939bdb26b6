import { readFileSync } from 'node:fs';
import { unansweredPhrasings } from '../support/unanswered-questions.ts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CardInput, CardView } from '../../cards/views/card-view.ts';
import type { Reply } from '../../core/conversation/reply.ts';
import { importKbEntries } from '../../core/domain/knowledge-base/import-entries.ts';
import type { KbEvent } from '../../core/domain/knowledge-base/kb-events.ts';
import { phrasingId } from '../../core/domain/knowledge-base/unanswered-groups.ts';
import { grantHarnessRole, harnessPersonId, HARNESS_NOW, loadDemoDirectory, onlyText, openDialogHarness, translate, type DialogHarness } from './dialog-harness.ts';

/**
 * The review of questions without a sure answer in chat ("kb vragen"): for those who write the
 * knowledge base only, checked on every button; a group links to an article (its phrasings become
 * alternative questions) or opens the article form filled in with it. Real flows, engine and SQLite.
 */

const DEMO_KB = JSON.parse(readFileSync(new URL('../../data/demo-kb.json', import.meta.url), 'utf8')) as unknown;
const ADMIN = 'admin-1';
const EDITOR = 'editor-1';
const CARE = 'care-1';
const ago = (minutes: number) => new Date(HARNESS_NOW.getTime() - minutes * 60_000).toISOString();
const EVENTS: KbEvent[] = unansweredPhrasings((n) => ago(310 - n * 10)).slice(0, 6);
const PRINTING = phrasingId('kan niks printen', 'nl');
const COFFEE = phrasingId('de koffieautomaat is kapot', 'nl');

let h: DialogHarness;

beforeEach(async () => {
  h = await openDialogHarness();
  const directory = await loadDemoDirectory(h);
  const result = await importKbEntries(h.services.kb, DEMO_KB, { actor: 'test', now: h.clock.now(), knownApplicationIds: new Set(directory.applications.map((a) => a.id)) });
  if ('problems' in result) throw new Error(JSON.stringify(result.problems));
  h.services.kbSearch.invalidate();
  await h.services.kbEvents.record(EVENTS);
  await grantHarnessRole(h, ADMIN, 'chain-coordinator');
  await grantHarnessRole(h, EDITOR, 'kb-editor', 'org-vp-de-zeester');
});
afterEach(async () => {
  await h.dispose();
});

const editor = { user: EDITOR };
const cards = (replies: Reply[]): CardView[] => replies.flatMap((r) => (r.kind === 'card' ? [r.card] : []));
const inputs = (card: CardView): CardInput[] => card.blocks.flatMap((b) => (b.type === 'input' ? [b.input] : []));
const inputValues = (card: CardView) => Object.fromEntries(inputs(card).map((i) => [i.id, i.value]));
const learnedAudit = async () => (await h.services.audit.since(new Date(0))).filter((a) => a.action === 'kb.question.learned');
const questionsOf = async (id: string) => (await h.services.kb.byIds([id]))[0]!.questions;
const forbidden = translate('nl', 'access.forbidden', { role: translate('nl', 'role.kb-editor') });

describe('kb vragen: the review card', () => {
  it.each([['kb vragen'], ['kennisbank vragen'], ['kb review'], ['KB open vragen']])('%j by a knowledge-base editor → the intro and one card per group, most asked first', async (text) => {
    const replies = await h.say(text, editor);
    expect(replies[0]).toEqual({ kind: 'text', text: translate('nl', 'kbReview.intro', { days: 30 }) });
    const [printing, coffee, ...rest] = cards(replies);
    expect(rest).toEqual([]);
    expect(printing).toMatchObject({ kind: 'kb.review', title: '"Kan niks printen!"' });
    expect(printing!.subtitle).toContain('4×');
    expect(inputValues(printing!)).toMatchObject({ entry: 'kb-025' });
    expect(printing!.actions?.map((a) => (a.kind === 'submit' ? [a.id, a.data] : []))).toEqual([['kbReview.link', { group: PRINTING }], ['kbReview.new', { group: PRINTING }]]);
    expect(coffee).toMatchObject({ kind: 'kb.review', title: '"koffie automaat doet het niet"' });
  });

  it('in English: "kb questions" → the English texts', async () => {
    const replies = await h.say('kb questions', { ...editor, locale: 'en' });
    expect(replies[0]).toEqual({ kind: 'text', text: translate('en', 'kbReview.intro', { days: 30 }) });
    expect(cards(replies)[0]!.actions?.[0]).toMatchObject({ label: translate('en', 'kbReview.link') });
  });

  it('a care professional, or a practice\'s administrator, gets a refusal naming the role, and no questions', async () => {
    await grantHarnessRole(h, 'practice-admin', 'administrator', 'org-vp-de-zeester');
    for (const user of [CARE, 'practice-admin']) {
      const replies = await h.say('kb vragen', { user });
      expect(onlyText(replies)).toBe(forbidden);
      expect(JSON.stringify(replies)).not.toContain('printen');
    }
  });

  it('nothing open → says so', async () => {
    h.clock.set(new Date(HARNESS_NOW.getTime() + 40 * 86_400_000));
    expect(onlyText(await h.say('kb vragen', editor))).toBe(translate('nl', 'kbReview.none', { days: 30 }));
  });
});

describe('Koppel aan artikel', () => {
  it('the chosen article learns the group\'s phrasings (audited, source review); confirmed in chat; the group leaves the review; the next person asking finds the article', async () => {
    const before = await h.say('kan niks printen', { user: CARE });
    expect(JSON.stringify(before)).not.toContain('Printen vanuit de viewer lukt niet');
    const text = onlyText(await h.submit('kbReview.link', { group: PRINTING, entry: 'kb-025', entryId: '' }, editor));
    // The care professional's question just now is the group's phrasing as last typed.
    expect(text).toBe(translate('nl', 'kbLearn.linkedMany', { title: 'Printen vanuit de viewer lukt niet', question: 'kan niks printen', count: 3 }));
    expect(new Set(await questionsOf('kb-025'))).toEqual(new Set(['kan niks printen', 'printer doet het niet', 'printen lukt niet meer']));
    const audit = await learnedAudit();
    expect(audit).toHaveLength(3);
    for (const a of audit) expect(a).toMatchObject({ actor: harnessPersonId(EDITOR), subjectId: 'kb-025', after: { source: 'review' } });

    const review = cards(await h.say('kb vragen', editor));
    expect(review.map((c) => c.title)).toEqual(['"koffie automaat doet het niet"']);
    expect((await h.services.kbSearch.search('kan niks printen', { language: 'nl' }))[0]).toMatchObject({ id: 'kb-025', tier: 'answer' });
    expect(JSON.stringify(await h.say('kan niks printen', { user: CARE }))).toContain('Printen vanuit de viewer lukt niet');
    // Pressed again (a second copy of the card): the question is no longer open.
    expect(onlyText(await h.submit('kbReview.link', { group: PRINTING, entry: 'kb-025' }, editor))).toBe(translate('nl', 'kbReview.gone', { days: 30 }));
  });

  it('a typed id wins over the list; in English the confirmation is English', async () => {
    const text = onlyText(await h.submit('kbReview.link', { group: COFFEE, entry: '', entryId: ' kb-049 ' }, { ...editor, locale: 'en' }));
    expect(text).toBe(translate('en', 'kbLearn.linkedMany', { title: 'Viewer shows no data for the client', question: 'koffie automaat doet het niet', count: 2 }));
    expect(new Set(await questionsOf('kb-049'))).toEqual(new Set(['koffie automaat doet het niet', 'de koffieautomaat is kapot']));
  });

  it('nothing chosen → asks to choose; an id that is no article → not found; nothing learned either way', async () => {
    expect(onlyText(await h.submit('kbReview.link', { group: COFFEE, entry: '', entryId: '' }, editor))).toBe(translate('nl', 'kbReview.chooseEntry'));
    expect(onlyText(await h.submit('kbReview.link', { group: COFFEE, entryId: 'kb-999' }, editor))).toBe(translate('nl', 'kbEdit.notFound', { id: 'kb-999' }));
    const long = 'kb-'.padEnd(5000, 'x');
    expect(onlyText(await h.submit('kbReview.link', { group: COFFEE, entryId: long }, editor))).toBe(translate('nl', 'kbEdit.notFound', { id: long.slice(0, 100) }));
    expect(await learnedAudit()).toEqual([]);
  });

  it('the article already knows the question → says so, nothing written', async () => {
    await h.services.kbLearning.learn('kb-025', 'Kan niks printen!', { actor: 'test', source: 'review' });
    await h.services.kbLearning.learn('kb-025', 'printer doet het niet', { actor: 'test', source: 'review' });
    // Learned: the group is gone from the review, so a stale card cannot add it twice either.
    expect(onlyText(await h.submit('kbReview.link', { group: PRINTING, entry: 'kb-025' }, editor))).toBe(translate('nl', 'kbReview.gone', { days: 30 }));
    expect(await questionsOf('kb-025')).toEqual(['Kan niks printen!', 'printer doet het niet']);
  });
});

describe('forged review buttons link nothing', () => {
  const gone = translate('nl', 'kbReview.gone', { days: 30 });
  it.each([
    ['a care professional links a real group to a real article', CARE, 'kbReview.link', { group: PRINTING, entry: 'kb-025' }, forbidden],
    ['a care professional asks for a new article', CARE, 'kbReview.new', { group: PRINTING }, forbidden],
    ['an editor links a group that does not exist', EDITOR, 'kbReview.link', { group: 'ffffffffffffffff', entry: 'kb-025' }, gone],
    ['an editor links a group id that is no id', EDITOR, 'kbReview.link', { group: `${PRINTING}' OR 1=1`, entry: 'kb-025' }, gone],
    ['an editor links without a group', EDITOR, 'kbReview.link', { entry: 'kb-025' }, gone],
    ['an editor opens a new article for a group that does not exist', EDITOR, 'kbReview.new', { group: 'ffffffffffffffff' }, gone],
  ])('%s → refused', async (_who, user, action, values, expected) => {
    expect(onlyText(await h.submit(action, values, { user }))).toBe(expected);
    expect(await questionsOf('kb-025')).toEqual([]);
    expect(await learnedAudit()).toEqual([]);
  });

  it('an unknown review action → "unknown action", nothing learned', async () => {
    expect(onlyText(await h.submit('kbReview.linkAll', { group: PRINTING, entry: 'kb-025' }, editor))).toBe(translate('nl', 'unknown.action'));
    expect(await learnedAudit()).toEqual([]);
  });
});

describe('Nieuw artikel', () => {
  it('opens the article form prefilled: the question as title and problem, its phrasings as alternative questions; saved, the group leaves the review', async () => {
    const replies = await h.submit('kbReview.new', { group: PRINTING }, editor);
    expect(replies).toHaveLength(1);
    const reply = replies[0]!;
    expect(reply).toMatchObject({ kind: 'card', asModal: true, card: { kind: 'kb.edit', title: translate('nl', 'kbEdit.title.new') } });
    const form = cards(replies)[0]!;
    const values = inputValues(form);
    expect(values).toMatchObject({ id: '', language: 'nl', title: 'Kan niks printen!', problem: 'Kan niks printen!', solution: '' });
    expect(new Set(String(values.questions).split('\n'))).toEqual(new Set(['Kan niks printen!', 'printer doet het niet', 'printen lukt niet meer']));
    // A knowledge-base editor writes drafts: no "published" switch.
    expect(inputs(form).map((i) => i.id)).not.toContain('published');

    const submitted = { mode: 'new', ...Object.fromEntries(inputs(form).map((i) => [i.id, Array.isArray(i.value) ? i.value.join(',') : String(i.value ?? '')])) };
    const saved = onlyText(await h.submit('kbEdit.save', { ...submitted, id: 'kb-200', solution: 'Kies een andere printer in het afdrukvenster.' }, editor));
    expect(saved).toBe(translate('nl', 'kbEdit.savedForReview', { id: 'kb-200' }));
    expect((await h.services.kb.byIds(['kb-200']))[0]).toMatchObject({ title: 'Kan niks printen!', published: false, questions: expect.arrayContaining(['printer doet het niet']) });
    expect(cards(await h.say('kb vragen', editor)).map((c) => c.title)).toEqual(['"koffie automaat doet het niet"']);
  });

  it('chain coordination gets the "published" switch in the prefilled form', async () => {
    const form = cards(await h.submit('kbReview.new', { group: COFFEE }, { user: ADMIN }))[0]!;
    expect(inputs(form).map((i) => i.id)).toContain('published');
    expect(inputValues(form)).toMatchObject({ title: 'koffie automaat doet het niet' });
  });
});

describe('Voorgesteld door gebruikers: phrasings people picked another article for after "Nee"', () => {
  const proposeAsCare = (question = 'viewer blijft leeg', entry = 'kb-014', user = CARE) =>
    h.services.kbLearning.learn(entry, question, { actor: harnessPersonId(user), source: 'feedback' });
  const proposalCards = (replies: Reply[]) => cards(replies).filter((c) => c.kind === 'kb.proposal');
  const texts = (card: CardView) => card.blocks.flatMap((b) => (b.type === 'text' ? [b.text] : b.type === 'facts' ? b.facts.map((f) => `${f.label}: ${f.value}`) : []));
  const confirmData = (card: CardView) => { const a = card.actions!.find((x) => x.kind === 'submit' && x.id === 'kbReview.confirm'); return a?.kind === 'submit' ? { ...a.data } : {}; };
  const title14 = async () => (await h.services.kb.byIds(['kb-014']))[0]!.title;

  it('one person\'s proposal is shown to a writer with the who-count, not used; "Bevestig" links it at once (audited as review) and it leaves the review', async () => {
    expect(await proposeAsCare()).toBe('pending');
    expect(await questionsOf('kb-014')).toEqual([]);
    const replies = await h.say('kb vragen', editor);
    expect(replies).toContainEqual({ kind: 'text', text: translate('nl', 'kbReview.proposals.intro') });
    const [card, ...rest] = proposalCards(replies);
    expect(rest).toEqual([]);
    expect(card).toMatchObject({ kind: 'kb.proposal', title: 'Voorgesteld door gebruikers' });
    expect(card!.subtitle).toMatch(/^Door 1 persoon voorgesteld/);
    expect(texts(card!)).toEqual(expect.arrayContaining(['"viewer blijft leeg"', `Artikel: ${await title14()}`]));
    expect(card!.actions?.map((a) => a.label)).toEqual(['Bevestig: koppel aan artikel', 'Afwijzen']);

    const data = confirmData(card!);
    expect(onlyText(await h.submit('kbReview.confirm', data, editor))).toBe(translate('nl', 'kbLearn.linked', { title: await title14(), question: 'viewer blijft leeg' }));
    expect(await questionsOf('kb-014')).toEqual(['viewer blijft leeg']);
    expect(await learnedAudit()).toEqual([expect.objectContaining({ actor: harnessPersonId(EDITOR), subjectId: 'kb-014', after: expect.objectContaining({ source: 'review' }) })]);
    expect(proposalCards(await h.say('kb vragen', editor))).toEqual([]);
    expect(onlyText(await h.submit('kbReview.confirm', data, editor))).toBe(translate('nl', 'kbReview.proposal.gone'));
  });

  it('only proposals open (no questions without an answer): the proposals, without the questions\' intro', async () => {
    await proposeAsCare();
    await proposeAsCare('viewer blijft leeg', 'kb-014', 'care-2');
    h.clock.set(new Date(HARNESS_NOW.getTime() + 40 * 86_400_000));
    await proposeAsCare('kan de viewer niet openen', 'kb-001');
    const replies = await h.say('kb vragen', { ...editor, locale: 'en' });
    expect(replies[0]).toEqual({ kind: 'text', text: translate('en', 'kbReview.proposals.intro') });
    // Two people made the first one: it is learned already, not proposed.
    expect(proposalCards(replies).map((c) => c.subtitle)).toEqual([expect.stringMatching(/^Proposed by 1 person/)]);
    expect(await questionsOf('kb-014')).toEqual(['viewer blijft leeg']);
  });

  it('"Afwijzen": audited, said, gone from the review; people cannot bring it back', async () => {
    await proposeAsCare();
    const [card] = proposalCards(await h.say('kb vragen', editor));
    expect(onlyText(await h.submit('kbReview.reject', confirmData(card!), editor))).toBe(translate('nl', 'kbReview.proposal.rejected', { title: await title14(), question: 'viewer blijft leeg' }));
    const rejected = (await h.services.audit.since(new Date(0))).filter((a) => a.action === 'kb.question.rejected');
    expect(rejected).toEqual([expect.objectContaining({ actor: harnessPersonId(EDITOR), subjectId: 'kb-014' })]);
    expect(proposalCards(await h.say('kb vragen', editor))).toEqual([]);
    expect(await proposeAsCare('viewer blijft leeg', 'kb-014', 'care-2')).toBe('ignored');
    expect(await questionsOf('kb-014')).toEqual([]);
  });

  it('forged: a care professional confirming is refused; a made-up proposal or entry is not open; nothing learned', async () => {
    await proposeAsCare();
    const [card] = proposalCards(await h.say('kb vragen', editor));
    const data = confirmData(card!);
    expect(onlyText(await h.submit('kbReview.confirm', data, { user: CARE }))).toBe(forbidden);
    expect(onlyText(await h.submit('kbReview.reject', data, { user: CARE }))).toBe(forbidden);
    const gone = translate('nl', 'kbReview.proposal.gone');
    for (const forged of [{ ...data, phrasing: 'f'.repeat(64) }, { ...data, entry: 'kb-001' }, { ...data, phrasing: `${String(data.phrasing)}' OR 1=1` }, {}]) {
      expect(onlyText(await h.submit('kbReview.confirm', forged, editor))).toBe(gone);
    }
    expect(await learnedAudit()).toEqual([]);
    expect(proposalCards(await h.say('kb vragen', editor))).toHaveLength(1);
  });
});
