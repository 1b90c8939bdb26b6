import { afterEach, beforeEach, expect, it } from 'vitest';
import { translator } from '../../../cards/i18n/translate.ts';
import { loadDefaultTree } from '../../../bot/default-tree.ts';
import { conversationStateKey, type ActiveFlowState } from '../../../core/conversation/conversation-state.ts';
import { loadDemoDirectory, openDialogHarness, type DialogHarness } from '../dialog-harness.ts';

/**
 * A run started before an upgrade, on a built-in tree version that no longer exists (its steps
 * renamed, e.g. "regional-advice" of 2026.11.1): the next answer starts over on the current tree,
 * saying so, instead of failing.
 */

const nl = translator('nl');
let h: DialogHarness;
beforeEach(async () => {
  h = await openDialogHarness();
  await loadDemoDirectory(h);
});
afterEach(async () => h.dispose());

async function storeRun(data: Record<string, unknown>) {
  const key = conversationStateKey({ platform: 'local', conversation: { id: 'conv-1', kind: 'personal' }, actor: { id: 'user-1' } } as never);
  const at = h.clock.now().toISOString();
  await h.store.write<ActiveFlowState>(key, { flowId: 'tree', data, startedAt: at, updatedAt: at }, 'new');
}

it.each([
  ['typed', async () => h.say('dit hielp niet')],
  ['a button of the old card', async () => h.submit('tree.continue', { run: 'oldrun01', node: 'regional-advice' })],
])('an answer (%s) to a step of a tree version that is gone starts over on the current tree, saying so', async (_how, answer) => {
  await storeRun({ run: 'oldrun01', version: '2026.11.1', node: 'regional-advice', history: ['start'], answers: [{ node: 'start', label: 'De regionale viewer' }], organisationId: 'org-ziekenhuis-lindendael' });
  const replies = await answer();
  expect(replies[0]).toEqual({ kind: 'text', text: nl('tree.renewed') });
  const card = replies[1]?.kind === 'card' ? replies[1].card : undefined;
  expect(card?.blocks.find((b) => b.type === 'text' && b.style === 'heading')).toMatchObject({ text: loadDefaultTree().nodes[0]!.text.nl });
  expect(h.errors).toEqual([]);
  expect((await h.activeState())?.data).toMatchObject({ version: loadDefaultTree().version, node: 'start', organisationId: 'org-ziekenhuis-lindendael' });
});
