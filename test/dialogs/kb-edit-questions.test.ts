import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CardInput, CardView } from '../../cards/views/card-view.ts';
import type { Reply } from '../../core/conversation/reply.ts';
import { importKbEntries } from '../../core/domain/knowledge-base/import-entries.ts';
import type { KbEntry } from '../../core/domain/knowledge-base/types.ts';
import { grantHarnessRole, harnessPersonId, loadDemoDirectory, onlyText, openDialogHarness, translate, type DialogHarness } from './dialog-harness.ts';

/**
 * "Andere manieren om dit te vragen" in the article form: shown one per line (learned ones too),
 * edited and saved with the article, audited as edits are, checked like the rest of the form.
 */

const DEMO_KB = JSON.parse(readFileSync(new URL('../../data/demo-kb.json', import.meta.url), 'utf8')) as unknown;
const ADMIN = 'admin-1';
const admin = { user: ADMIN };

let h: DialogHarness;

beforeEach(async () => {
  h = await openDialogHarness();
  const directory = await loadDemoDirectory(h);
  const result = await importKbEntries(h.services.kb, DEMO_KB, { actor: 'test', now: h.clock.now(), knownApplicationIds: new Set(directory.applications.map((a) => a.id)) });
  if ('problems' in result) throw new Error(JSON.stringify(result.problems));
  h.services.kbSearch.invalidate();
  await grantHarnessRole(h, ADMIN, 'chain-coordinator');
});
afterEach(async () => {
  await h.dispose();
});

function onlyForm(replies: Reply[]): CardView {
  expect(replies, JSON.stringify(replies)).toHaveLength(1);
  const reply = replies[0]!;
  if (reply.kind !== 'card' || reply.card.kind !== 'kb.edit') throw new Error(`not the form: ${JSON.stringify(reply)}`);
  return reply.card;
}
const inputs = (card: CardView): CardInput[] => card.blocks.flatMap((b) => (b.type === 'input' ? [b.input] : []));
const valueOf = (card: CardView, id: string) => inputs(card).find((i) => i.id === id)?.value;
const problemLines = (card: CardView) => card.blocks.flatMap((b) => (b.type === 'text' && b.style === 'warning' ? b.text.split('\n').slice(1) : []));
/** The save button's data merged with the inputs, as Teams sends it. */
function submission(card: CardView, changes: Record<string, unknown>): Record<string, unknown> {
  const save = card.actions?.find((a) => a.kind === 'submit' && a.id === 'kbEdit.save');
  const values: Record<string, unknown> = { ...(save?.kind === 'submit' ? save.data : {}) };
  for (const input of inputs(card)) values[input.id] = Array.isArray(input.value) ? input.value.join(',') : typeof input.value === 'boolean' ? String(input.value) : input.value;
  return { ...values, ...changes };
}
const entry = async (id: string) => (await h.services.kb.byIds([id]))[0]!;

describe('alternative questions in the article form', () => {
  it('the form shows them one per line, learned ones too, under their Dutch label', async () => {
    await h.services.kbLearning.learn('kb-025', 'kan niks printen', { actor: 'test', source: 'review' });
    await h.services.kbLearning.learn('kb-025', 'printer doet het niet', { actor: 'test', source: 'review' });
    const card = onlyForm(await h.say('kb bewerk kb-025', admin));
    const field = inputs(card).find((i) => i.id === 'questions');
    expect(field).toMatchObject({ kind: 'text', multiline: true, label: 'Andere manieren om dit te vragen (één vraag per regel)', value: 'kan niks printen\nprinter doet het niet' });
  });

  it('edited and saved with the article (blank lines and repeats left out), audited as an update with before and after, found by the search at once', async () => {
    await h.services.kbLearning.learn('kb-025', 'kan niks printen', { actor: 'test', source: 'review' });
    const before = await entry('kb-025');
    const card = onlyForm(await h.say('kb bewerk kb-025', admin));
    const questions = 'kan niks printen\n\n  afdrukken geeft een lege pagina  \r\nKAN NIKS PRINTEN?\npdf komt blanco uit de printer';
    expect(onlyText(await h.submit('kbEdit.save', submission(card, { questions }), admin))).toBe(translate('nl', 'kbEdit.saved', { id: 'kb-025' }));
    const after = await entry('kb-025');
    expect(after.questions).toEqual(['kan niks printen', 'afdrukken geeft een lege pagina', 'pdf komt blanco uit de printer']);
    expect(after).toMatchObject({ solution: before.solution, updatedBy: harnessPersonId(ADMIN) });
    const update = (await h.services.audit.since(new Date(0))).filter((a) => a.action === 'kb.entry.update' && a.subjectId === 'kb-025');
    expect(update).toHaveLength(1);
    expect((update[0]!.before as KbEntry).questions).toEqual(['kan niks printen']);
    expect((update[0]!.after as KbEntry).questions).toEqual(after.questions);
    expect((await h.services.kbSearch.search('afdrukken geeft een lege pagina', { language: 'nl' }))[0]?.id).toBe('kb-025');
  });

  it('emptied, the article has none left', async () => {
    await h.services.kbLearning.learn('kb-025', 'kan niks printen', { actor: 'test', source: 'review' });
    const card = onlyForm(await h.say('kb bewerk kb-025', admin));
    expect(onlyText(await h.submit('kbEdit.save', submission(card, { questions: '' }), admin))).toBe(translate('nl', 'kbEdit.saved', { id: 'kb-025' }));
    expect((await entry('kb-025')).questions).toEqual([]);
  });

  it('a line too short, one with a patient\'s name, one with a citizen service number: the form again, each named by its line, everything typed kept, nothing saved', async () => {
    const before = await entry('kb-025');
    const card = onlyForm(await h.say('kb bewerk kb-025', admin));
    const questions = 'printer doet het niet\n\nok\ncliënt Jansen kan niet printen\nprinten voor BSN 123456782 lukt niet';
    const again = onlyForm(await h.submit('kbEdit.save', submission(card, { questions }), admin));
    expect(valueOf(again, 'questions')).toBe(questions);
    const field = 'Andere manieren om dit te vragen';
    expect(problemLines(again)).toEqual([
      `• ${translate('nl', 'kbEdit.problem.questionTooShort', { field, line: 3, min: 3 })}`,
      `• ${translate('nl', 'kbEdit.problem.questionPatient', { field, line: 4, found: 'cliënt Jansen' })}`,
      `• ${translate('nl', 'kbEdit.problem.questionBsn', { field, line: 5 })}`,
    ]);
    // The explanation does not echo the number.
    expect(problemLines(again).join('\n')).not.toContain('123456782');
    // Not confirmable like a warning in the text fields: a question is matched and shown, so it must go.
    const confirmed = onlyForm(await h.submit('kbEdit.save', submission(again, { notPatientData: 'true' }), admin));
    expect(problemLines(confirmed)).toHaveLength(3);
    expect(await entry('kb-025')).toEqual(before);
  });

  it('more than 50 → the form again saying so', async () => {
    const card = onlyForm(await h.say('kb bewerk kb-025', admin));
    const questions = Array.from({ length: 51 }, (_, i) => `printer vraag ${i + 1}`).join('\n');
    const again = onlyForm(await h.submit('kbEdit.save', submission(card, { questions }), admin));
    expect(problemLines(again)).toEqual([`• ${translate('nl', 'kbEdit.problem.tooManyQuestions', { field: 'Andere manieren om dit te vragen', max: 50, count: 51 })}`]);
  });

  it('in English: the English label and problems', async () => {
    const card = onlyForm(await h.say('kb edit kb-054', { ...admin, locale: 'en' }));
    expect(inputs(card).find((i) => i.id === 'questions')?.label).toBe(translate('en', 'kbEdit.questions'));
    const again = onlyForm(await h.submit('kbEdit.save', submission(card, { questions: 'forgot password\nx' }), { ...admin, locale: 'en' }));
    expect(problemLines(again)).toEqual([`• ${translate('en', 'kbEdit.problem.questionTooShort', { field: 'Other ways to ask this', line: 2, min: 3 })}`]);
  });
});
