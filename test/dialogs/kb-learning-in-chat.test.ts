import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CardAction, CardView } from '../../cards/views/card-view.ts';
import type { Reply } from '../../core/conversation/reply.ts';
import { importKbEntries } from '../../core/domain/knowledge-base/import-entries.ts';
import { harnessPersonId, loadDemoDirectory, openDialogHarness, type DialogHarness } from './dialog-harness.ts';

/**
 * Learning from use as install-flows wires it: a person says "Nee" to an answer and picks another
 * article; their question is proposed for that article (KbLearning). One person changes nothing for
 * anyone; once a second person picks the same article for the same question, the next person
 * asking it that way gets that article first. Real flows, real search, SQLite.
 */

const DEMO_KB = JSON.parse(readFileSync(new URL('../../data/demo-kb.json', import.meta.url), 'utf8')) as unknown;
const CARE = { user: 'care-1' };
const SECOND = { user: 'care-2', conversation: 'conv-2' };
const OTHER = { user: 'care-3', conversation: 'conv-3' };
const QUESTION = 'ik moet steeds mijn wachtwoord opnieuw intypen';

let h: DialogHarness;

beforeEach(async () => {
  h = await openDialogHarness();
  const directory = await loadDemoDirectory(h);
  const result = await importKbEntries(h.services.kb, DEMO_KB, { actor: 'test', now: h.clock.now(), knownApplicationIds: new Set(directory.applications.map((a) => a.id)) });
  if ('problems' in result) throw new Error(JSON.stringify(result.problems));
  h.services.kbSearch.invalidate();
});
afterEach(async () => {
  await h.dispose();
});

const cards = (replies: Reply[]): CardView[] => replies.flatMap((r) => (r.kind === 'card' ? [r.card] : []));
const submits = (card: CardView, id: string) => (card.actions ?? []).filter((a): a is CardAction & { kind: 'submit' } => a.kind === 'submit' && a.id === id);
const press = (action: CardAction & { kind: 'submit' }, options = CARE) => h.submit(action.id, { ...action.data }, options);
/** The entry the chat offers first: the answer card's, or the first "Bedoelt u een van deze?" pick. */
const firstOffered = (replies: Reply[]) => cards(replies).flatMap((c) => [...submits(c, 'kb.helped'), ...submits(c, 'kb.pick')]).map((a) => a.data?.entry)[0];
const learnedAudit = async () => (await h.services.audit.since(new Date(0))).filter((a) => a.action === 'kb.question.learned');

/** Asks, says "Nee" and picks an article offered after it (the last one unless told): what was answered and what was picked. */
async function neeAndPick(question: string, who: { user: string; conversation?: string }, pick?: string): Promise<{ answered: unknown; chosen: string }> {
  const answer = cards(await h.say(question, who)).find((c) => c.kind === 'kb.answer');
  expect(answer, question).toBeDefined();
  const answered = submits(answer!, 'kb.helped')[0]!.data!.entry;
  const offered = cards(await press(submits(answer!, 'kb.notHelped')[0]!, who)).flatMap((c) => submits(c, 'kb.other'));
  expect(offered.length).toBeGreaterThan(0);
  const picked = pick ? offered.find((a) => a.data?.entry === pick) : offered.at(-1);
  expect(picked, `${pick} offered`).toBeDefined();
  await press(picked!, who);
  return { answered, chosen: String(picked!.data!.entry) };
}

describe('learning from "Nee" and another pick, as installed', () => {
  it('one person\'s pick changes nothing for anyone; a second person\'s same pick teaches the article (audited as feedback, by them) and it answers next time', async () => {
    // The person picks the last article offered: one the search did not put first.
    const { answered, chosen } = await neeAndPick(QUESTION, CARE);
    expect(chosen).not.toBe(answered);
    expect((await h.services.kb.byIds([chosen]))[0]!.questions).toEqual([]);
    expect(await learnedAudit()).toEqual([]);
    expect(firstOffered(await h.say(QUESTION, OTHER))).toBe(answered);

    // The same person again: still one person.
    await neeAndPick(QUESTION, CARE, chosen);
    expect((await h.services.kb.byIds([chosen]))[0]!.questions).toEqual([]);
    expect(firstOffered(await h.say(QUESTION, OTHER))).toBe(answered);

    await neeAndPick(QUESTION, SECOND, chosen);
    expect((await h.services.kb.byIds([chosen]))[0]!.questions).toEqual([QUESTION]);
    expect(await learnedAudit()).toEqual([expect.objectContaining({
      actor: harnessPersonId('care-2'), subjectId: chosen, after: expect.objectContaining({ question: QUESTION, source: 'feedback', people: 2 }),
    })]);

    // Someone else asks the same, a little differently: the picked article comes first now.
    expect(firstOffered(await h.say(QUESTION, OTHER))).toBe(chosen);
    expect(firstOffered(await h.say('Ik moet STEEDS mijn wachtwoord opnieuw intypen!', OTHER))).toBe(chosen);
  });

  it('"Ja" teaches nothing', async () => {
    const answer = cards(await h.say(QUESTION, CARE)).find((c) => c.kind === 'kb.answer')!;
    await press(submits(answer, 'kb.helped')[0]!);
    expect((await h.services.audit.since(new Date(0))).filter((a) => a.action === 'kb.question.learned')).toEqual([]);
  });
});
