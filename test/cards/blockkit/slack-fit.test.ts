import { beforeAll, describe, expect, it } from 'vitest';
import { renderBlocks, renderModal } from '../../../cards/blockkit/render-blocks.ts';
import type { CardView } from '../../../cards/views/card-view.ts';
import { buildMainCards, type MainCards } from '../../support/main-cards.ts';
import { slackFitProblems } from '../../support/slack-fit.ts';

/*
 * The main cards as the real flows build them (the tree's start and outcome, a desk, the incident,
 * maintenance and own-details forms), in Dutch and English, rendered for Slack as a message and as
 * a modal: within every Slack limit, option labels and button titles whole or cut at a word, and a
 * choice's explanation on the option's description line.
 */

const cards: Partial<Record<'nl' | 'en', MainCards>> = {};
beforeAll(async () => {
  [cards.nl, cards.en] = await Promise.all([buildMainCards('nl'), buildMainCards('en')]);
}, 60_000);

const KEYS = ['treeStart', 'treeOutcome', 'desk', 'incidentForm', 'maintenanceForm', 'profileForm'] as const;

describe.each(['nl', 'en'] as const)('the main cards on Slack (%s)', (locale) => {
  it.each(KEYS)('%s: a message and a modal Slack takes, nothing cut mid-word', (key) => {
    const view: CardView = cards[locale]![key];
    expect(slackFitProblems(view, renderBlocks(view))).toEqual([]);
    expect(slackFitProblems({ ...view, actions: (view.actions ?? []).slice(0, 1) }, renderModal(view, 'cb', '{}', 'Annuleren'))).toEqual([]);
  });

  it('the tree start shows every choice as radio buttons with its label, and the explanation under it where the view has one', () => {
    const view = cards[locale]!.treeStart;
    const input = view.blocks.flatMap((b) => (b.type === 'input' && b.input.kind === 'choice' ? [b.input] : []))[0]!;
    const block = renderBlocks(view).blocks.find((b) => b.type === 'input') as unknown as { element: { type: string; options: Array<{ text: { text: string }; description?: { text: string } }> } };
    expect(block.element.type).toBe('radio_buttons');
    expect(block.element.options.map((o) => o.text.text.replace(/…$/u, ''))).toEqual(input.choices.map((c) => c.title.slice(0, o75(c.title))));
    for (const [i, c] of input.choices.entries()) if (c.description) expect(block.element.options[i]!.description?.text.replace(/…$/u, '').length).toBeGreaterThan(0);
  });

  it('a form posted as a message (no modal) has its cancel button', () => {
    const { blocks } = renderBlocks(cards[locale]!.maintenanceForm);
    const buttons = blocks.filter((b) => b.type === 'actions').flatMap((b) => b.elements as Array<{ action_id: string; text: { text: string } }>);
    expect(buttons.map((b) => b.action_id.replace(/#\d+$/, ''))).toContain('form.cancel');
    expect(buttons.find((b) => b.action_id.startsWith('form.cancel'))!.text.text).toBe(locale === 'nl' ? 'Annuleren' : 'Cancel');
  });
});

describe('the Slack fit check itself', () => {
  const long = 'Het regionale uitwisselplatform geeft een foutmelding bij het versturen van een overdracht';
  const view: CardView = {
    kind: 'test', title: 'Wat is er aan de hand?', fallbackText: 'x',
    blocks: [{ type: 'input', input: { kind: 'choice', id: 'c', label: 'Kies', expanded: true, choices: [{ title: long, value: 'a', description: 'Een uitleg die zelf ook veel te lang is voor de ene regel die Slack onder een optie toont' }] } }],
    actions: [{ kind: 'submit', id: 'go', label: `Verder: ${long}` }],
  };

  it('passes the renderer: long labels cut at a word, the rest on the description line', () => {
    expect(slackFitProblems(view, renderBlocks(view))).toEqual([]);
  });

  it('flags a label cut mid-word, a description over 75 characters and a lost description', () => {
    const message = renderBlocks(view);
    const broken = JSON.parse(JSON.stringify(message));
    const input = broken.blocks.find((b: { type: string }) => b.type === 'input');
    input.element.options[0].text.text = `${long.slice(0, 74)}…`;
    input.element.options[0].description.text = 'x'.repeat(76);
    broken.blocks.find((b: { type: string }) => b.type === 'actions').elements[0].text.text = `Verder: ${long}`.slice(0, 74) + '…';
    const problems = slackFitProblems(view, broken);
    expect(problems.some((p) => /cut mid-word from "Het regionale/.test(p))).toBe(true);
    expect(problems.some((p) => /description of 76 characters/.test(p))).toBe(true);
    expect(problems.some((p) => /button .* cut mid-word/.test(p))).toBe(true);
    delete input.element.options[0].description;
    expect(slackFitProblems(view, broken).some((p) => /lost its description/.test(p))).toBe(true);
  });
});

/** How much of a title an option shows before "…": all of it when it fits in 75 characters. */
function o75(title: string): number {
  if (title.length <= 75) return title.length;
  const space = title.lastIndexOf(' ', 74);
  return space >= 50 ? title.slice(0, space).replace(/[\s,;:–-]+$/u, '').length : 74;
}
