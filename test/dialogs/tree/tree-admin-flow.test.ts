import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Inbound } from '../../../core/conversation/inbound.ts';
import type { Reply } from '../../../core/conversation/reply.ts';
import { DEFAULT_TREE_FILE } from '../../../bot/default-tree.ts';
import { grantHarnessRole, loadDemoDirectory, onlyText, openDialogHarness, translate, type DialogHarness } from '../dialog-harness.ts';

/**
 * Who publishes which decision tree (seed 000): chain coordination the national tree, an RSO's
 * administrator their region's variant, which the people of that region then walk; a single
 * practice's administrator neither. Through the real flows and the engine on SQLite, with the tree
 * file attached to the message as a person would.
 */

const DEFAULT = JSON.parse(readFileSync(DEFAULT_TREE_FILE, 'utf8')) as { version: string; root: string; nodes: Array<{ id: string; text?: { nl: string; en: string } }> };
const REGIONAL_QUESTION = 'Regio Rivierenland: waar gaat uw probleem over?';

/** The shipped tree under another version, with its first question reworded so a walk shows which tree it is. */
function treeFile(version: string, question?: string): string {
  const tree = structuredClone(DEFAULT);
  tree.version = version;
  const root = tree.nodes.find((n) => n.id === tree.root)!;
  if (question) root.text = { nl: question, en: question };
  return JSON.stringify(tree);
}

let h: DialogHarness;
beforeEach(async () => {
  h = await openDialogHarness();
  await loadDemoDirectory(h);
  await grantHarnessRole(h, 'coordinator', 'chain-coordinator');
  await grantHarnessRole(h, 'rso-admin', 'administrator', 'org-rso-rivierenland');
  await grantHarnessRole(h, 'practice-admin', 'administrator', 'org-vp-de-zeester');
  await grantHarnessRole(h, 'nurse-rivierenland', 'care-professional', 'org-ziekenhuis-lindendael');
  await grantHarnessRole(h, 'midwife-noordkust', 'care-professional', 'org-vp-helmgras');
});
afterEach(async () => h.dispose());

let turn = 0;
function send(user: string, text: string, file?: string): Promise<Reply[]> {
  const inbound: Inbound = {
    platform: 'local', actor: { id: user }, conversation: { id: `conv-${user}-${++turn}`, kind: 'personal' }, locale: 'nl', text, receivedAt: h.clock.now(),
    ...(file ? { attachments: [{ name: 'beslisboom.json', contentType: 'application/json', readText: async () => file }] } : {}),
  };
  return h.engine.handle(inbound);
}
const firstQuestionFor = async (user: string) => JSON.stringify(await send(user, 'ik heb een probleem'));

describe('publishing the decision tree', () => {
  it('the administrator of one practice publishes nothing: refused, naming the chain coordinator role; the tree stays', async () => {
    const refusal = onlyText(await send('practice-admin', 'beslisboom publiceren', treeFile('praktijk-1', 'Overgenomen?')));
    expect(refusal).toBe(translate('nl', 'access.forbidden', { role: translate('nl', 'role.chain-coordinator') }));
    expect(await h.services.tree.list()).toEqual([]);
    expect(await firstQuestionFor('nurse-rivierenland')).not.toContain('Overgenomen?');
  });

  it('chain coordination publishes the national tree, which every region walks', async () => {
    expect(onlyText(await send('coordinator', 'beslisboom publiceren', treeFile('2027.1', 'Landelijk: waar gaat het over?')))).toBe(translate('nl', 'treeAdmin.published', { version: '2027.1' }));
    expect(await firstQuestionFor('nurse-rivierenland')).toContain('Landelijk: waar gaat het over?');
    expect(await firstQuestionFor('midwife-noordkust')).toContain('Landelijk: waar gaat het over?');
  });

  it('an RSO administrator publishes their region\'s variant: people of that region walk it, other regions keep the national tree', async () => {
    const answer = onlyText(await send('rso-admin', 'beslisboom publiceren', treeFile('rivierenland-1', REGIONAL_QUESTION)));
    expect(answer).toBe(translate('nl', 'treeAdmin.publishedRegional', { version: 'rivierenland-1', region: 'Rivierenland' }));
    expect(await firstQuestionFor('nurse-rivierenland')).toContain(REGIONAL_QUESTION);
    expect(await firstQuestionFor('midwife-noordkust')).not.toContain(REGIONAL_QUESTION);
    // A new national tree does not replace the region's own.
    await send('coordinator', 'beslisboom publiceren', treeFile('2027.2', 'Landelijk 2'));
    expect(await firstQuestionFor('nurse-rivierenland')).toContain(REGIONAL_QUESTION);
    expect(await firstQuestionFor('midwife-noordkust')).toContain('Landelijk 2');
  });

  it('someone not yet linked moves to their region\'s tree once they say which organisation they work for', async () => {
    await send('rso-admin', 'beslisboom publiceren', treeFile('rivierenland-2', REGIONAL_QUESTION));
    const conversation = 'newcomer-conv';
    const first = JSON.stringify(await h.say('ik heb een probleem', { user: 'newcomer', conversation }));
    expect(first).not.toContain(REGIONAL_QUESTION);
    const second = JSON.stringify(await h.say('Ziekenhuis Lindendael', { user: 'newcomer', conversation }));
    expect(second).toContain(REGIONAL_QUESTION);
  });

  it('an RSO administrator may not publish for another region or nationally; an unknown region is named', async () => {
    expect(onlyText(await send('rso-admin', 'beslisboom publiceren regio Noordkust', treeFile('noordkust-1')))).toBe(
      translate('nl', 'access.forbidden', { role: translate('nl', 'role.chain-coordinator') }),
    );
    expect(onlyText(await send('coordinator', 'beslisboom publiceren regio Atlantis', treeFile('x-1')))).toContain('Atlantis');
    expect(await h.services.tree.list('Noordkust')).toEqual([]);
  });

  it('chain coordination may publish for a named region; versions and rollback stay within the region', async () => {
    expect(onlyText(await send('coordinator', 'beslisboom publiceren regio noordkust', treeFile('noordkust-1', 'Noordkust vraag')))).toBe(
      translate('nl', 'treeAdmin.publishedRegional', { version: 'noordkust-1', region: 'Noordkust' }),
    );
    expect(await firstQuestionFor('midwife-noordkust')).toContain('Noordkust vraag');
    expect(JSON.stringify(await send('coordinator', 'beslisboom versies regio Noordkust'))).toContain('noordkust-1');
    expect(onlyText(await send('coordinator', 'beslisboom terugzetten regio Noordkust'))).toBe(
      translate('nl', 'treeAdmin.rolledBackNational', { region: 'Noordkust', version: DEFAULT.version }),
    );
    expect(await firstQuestionFor('midwife-noordkust')).not.toContain('Noordkust vraag');
  });

  it('a version number is used once across the national tree and every region', async () => {
    await send('coordinator', 'beslisboom publiceren', treeFile('2027.5'));
    expect(onlyText(await send('rso-admin', 'beslisboom publiceren', treeFile('2027.5', REGIONAL_QUESTION)))).toContain('2027.5');
    expect(await h.services.tree.list('Rivierenland')).toEqual([]);
  });
});

describe('the upload checks the new fields (servicedesk wording, descriptions, short labels)', () => {
  it('a tree whose servicedesk text lacks English, or whose label is too long, is not published; the current tree stays', async () => {
    const tree = JSON.parse(treeFile('2027.9', 'Met fouten')) as { nodes: Array<Record<string, any>> };
    tree.nodes.find((n) => n.id === 'link')!.textForDesk = { nl: 'Neem zelf contact op met de leverancier.' };
    tree.nodes.find((n) => n.id === 'start')!.choices[0].label.nl = 'Inloggen, mijn computer of ons eigen dossiersysteem';
    const answer = onlyText(await send('coordinator', 'beslisboom publiceren', JSON.stringify(tree)));
    expect(answer).toContain(translate('nl', 'treeAdmin.problems', { count: 2, name: 'beslisboom.json' }));
    expect(answer).toContain('node "link" (start → link-what → link-app → link): textForDesk.en is missing or empty');
    expect(answer).toContain('node "start" (start): choices[0].label.nl is 51 characters; keep it at most 40 and put the explanation in "description"');
    expect(await firstQuestionFor('nurse-rivierenland')).not.toContain('Met fouten');
  });

  it('an RSO variant with its own servicedesk wording is published, and an RSO agent walking it sees that wording', async () => {
    const tree = JSON.parse(treeFile('rivierenland-9', REGIONAL_QUESTION)) as { nodes: Array<Record<string, any>> };
    tree.nodes.find((n) => n.id === 'rso')!.textForDesk = { nl: 'Rivierenland: zet het door naar onze tweede lijn.', en: 'Rivierenland: pass it on to our second line.' };
    expect(onlyText(await send('rso-admin', 'beslisboom publiceren', JSON.stringify(tree)))).toBe(translate('nl', 'treeAdmin.publishedRegional', { version: 'rivierenland-9', region: 'Rivierenland' }));
    await grantHarnessRole(h, 'rso-agent', 'servicedesk-agent', 'org-rso-rivierenland');
    const o = { user: 'rso-agent' };
    expect(JSON.stringify(await h.say('ik heb een probleem', o))).toContain(REGIONAL_QUESTION);
    await h.say('regionale viewer', o);
    await h.say('bij één cliënt ontbreekt iets', o);
    expect(JSON.stringify(await h.say('dit hielp niet', o))).toContain('Rivierenland: zet het door naar onze tweede lijn.');
  });
});
