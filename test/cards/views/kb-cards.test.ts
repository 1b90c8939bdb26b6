import { describe, expect, it } from 'vitest';
import { renderAdaptiveCard } from '../../../cards/adaptive/render-adaptive-card.ts';
import { renderBlocks, type SlackBlock } from '../../../cards/blockkit/render-blocks.ts';
import { translator } from '../../../cards/i18n/translate.ts';
import type { CardView } from '../../../cards/views/card-view.ts';
import { kbAnswerCard, kbNoAnswerCard, kbNotHelpedCard, kbOutOfScopeCard, kbSuggestionsCard } from '../../../cards/views/kb-cards.ts';
import type { Locale } from '../../../core/conversation/locale.ts';
import type { KbEntry } from '../../../core/domain/knowledge-base/types.ts';
import { validateAdaptiveCard } from '../adaptive/adaptivecards-validator.ts';

/**
 * The knowledge-base cards as Teams (Adaptive Card 1.5) and Slack (Block Kit) get them: valid, in
 * the person's language, without entry ids in anything shown, feedback in place of the buttons.
 */

const entry = (id: string, title: string, extra: Partial<KbEntry> = {}): KbEntry => ({
  id, language: 'nl', title, problem: 'De viewer blijft leeg bij één cliënt.', solution: 'Vernieuw de **viewer**.', tags: [], applicationIds: ['app-x'],
  audience: 'zorgverlener', published: true, questions: [], createdBy: 'cli', createdAt: '2026-11-20T10:00:00.000Z', updatedBy: 'cli', updatedAt: '2026-11-20T10:00:00.000Z',
  ...extra,
} as KbEntry);

const LONG_TITLE = `Quarkviewer toont een leeg dossier bij een cliënt die gisteren is ingeschreven ${'x'.repeat(200)}`.slice(0, 200);
const E1 = entry('kb-026', 'Wachtwoord vergeten of opnieuw instellen');
const E2 = entry('kb-027', LONG_TITLE);
const E3 = entry('kb-0999999999-with-a-long-id-of-the-longest-kind-the-editor-allows-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 'Viewer loopt achter');
const QUESTION = `"quote" \\ backslash ${'ë'.repeat(280)}`.slice(0, 300);
const context = { card: 'kb:0123456789ab', question: QUESTION };
const known = [{ application: 'X-platform', issue: { kind: 'incident' as const, applicationId: 'app-x', title: 'Storing', detail: 'In behandeling' } }];

function cards(locale: Locale): Array<[string, CardView]> {
  const t = translator(locale);
  return [
    ['answer', kbAnswerCard(t, E1, ['X-platform'], known, { context: { ...context, others: [E2.id, E3.id] } })],
    ['answer, helped', kbAnswerCard(t, E1, ['X-platform'], known, { feedback: 'helped' })],
    ['answer, not helped', kbAnswerCard(t, { ...E1, published: false }, [], [], { feedback: 'not-helped' })],
    ['suggestions (3)', kbSuggestionsCard(t, [E1, E2, E3], context)],
    ['suggestions (1)', kbSuggestionsCard(t, [E1], context)],
    ['suggestions, chosen', kbSuggestionsCard(t, [], context, { title: LONG_TITLE, of: 3 })],
    ['not helped, with others', kbNotHelpedCard(t, [E2, E3], { ...context, application: 'app-x' })],
    ['not helped, without others', kbNotHelpedCard(t, [], context)],
    ['not helped, chosen', kbNotHelpedCard(t, [], context, { title: E2.title })],
    ['no answer', kbNoAnswerCard(t, 'hoe vraag ik verlof aan '.repeat(20))],
    ['clinical', kbOutOfScopeCard(t, 'clinical')],
    ['personal', kbOutOfScopeCard(t, 'personal')],
  ];
}

/** Slack: every text a person sees (button values go back to the bot, never shown). */
const slackTexts = (blocks: SlackBlock[]): string => JSON.stringify(blocks, (key, value) => (key === 'value' || key === 'action_id' ? undefined : value));
const adaptiveTexts = (card: object): string => JSON.stringify(card, (key, value) => (key === 'data' ? undefined : value));

describe.each(['nl', 'en'] as const)('the knowledge-base cards (%s)', (locale) => {
  it.each(cards(locale))('%s: a valid Adaptive Card 1.5 and Block Kit within limits, no entry id shown', (_name, view) => {
    const adaptive = renderAdaptiveCard(view);
    expect(validateAdaptiveCard(adaptive)).toEqual([]);
    const slack = renderBlocks(view);
    expect(slack.text.length).toBeGreaterThan(0);
    expect(slack.blocks.length).toBeLessThanOrEqual(50);
    expect(adaptiveTexts(adaptive)).not.toMatch(/kb-0/);
    expect(slackTexts(slack.blocks)).not.toMatch(/kb-0/);
    expect(view.subtitle).toBeUndefined();
  });
});

describe('the answer card', () => {
  const t = translator('nl');

  it('Ja / Nee carry the entry, the card\'s own key, and for "Nee" the question and the others; rendered for both platforms', () => {
    const view = kbAnswerCard(t, E1, [], [], { context: { ...context, others: [E2.id, E3.id] } });
    const adaptive = renderAdaptiveCard(view) as unknown as { actions: Array<{ title: string; data: Record<string, unknown> }> };
    expect(adaptive.actions.map((a) => [a.title, a.data])).toEqual([
      ['Ja', { entry: 'kb-026', card: 'kb:0123456789ab', action: 'kb.helped' }],
      ['Nee', { entry: 'kb-026', card: 'kb:0123456789ab', question: QUESTION, others: `kb-027,${E3.id}`, action: 'kb.notHelped' }],
    ]);
    const buttons = renderBlocks(view).blocks.filter((b) => b.type === 'actions').flatMap((b) => b.elements as Array<{ text: { text: string }; value: string; action_id: string }>);
    expect(buttons.map((b) => [b.text.text, JSON.parse(b.value), b.action_id])).toEqual([
      ['Ja', { entry: 'kb-026', card: 'kb:0123456789ab' }, 'kb.helped#0'],
      ['Nee', { entry: 'kb-026', card: 'kb:0123456789ab', question: QUESTION, others: `kb-027,${E3.id}` }, 'kb.notHelped#1'],
    ]);
    // The longest question and ids still fit a Slack button value (2,000 characters).
    for (const b of buttons) expect(b.value.length).toBeLessThan(2000);
  });

  it('feedback given: no buttons, "Heeft dit geholpen?" makes way for what the person said; the content stays', () => {
    const asked = kbAnswerCard(t, E1, ['X-platform'], known, { context: { ...context, others: [] } });
    for (const [feedback, line] of [['helped', 'U gaf aan dat dit heeft geholpen. Bedankt voor het laten weten!'], ['not-helped', 'U gaf aan dat dit niet heeft geholpen. Bedankt voor het laten weten.']] as const) {
      const given = kbAnswerCard(t, E1, ['X-platform'], known, { feedback });
      expect(given.actions).toBeUndefined();
      expect(given.blocks.slice(0, -1)).toEqual(asked.blocks.slice(0, -1));
      expect(given.blocks.at(-1)).toEqual({ type: 'text', text: line, style: 'muted' });
      expect(renderAdaptiveCard(given)).not.toHaveProperty('actions');
      expect(renderBlocks(given).blocks.some((b) => b.type === 'actions')).toBe(false);
    }
  });

  it('without a context (the messaging extension) the buttons carry the entry only', () => {
    expect(kbAnswerCard(t, E1, []).actions?.map((a) => (a.kind === 'submit' ? a.data : undefined))).toEqual([{ entry: 'kb-026' }, { entry: 'kb-026' }]);
  });
});

describe('the choice cards', () => {
  it('"Bedoelt u een van deze?": one button per title (Slack cuts long ones to 75 characters), then the decision tree', () => {
    const view = kbSuggestionsCard(translator('nl'), [E1, E2, E3], context);
    expect(view.title).toBe('Bedoelt u een van deze?');
    const labels = renderBlocks(view).blocks.filter((b) => b.type === 'actions').flatMap((b) => (b.elements as Array<{ text: { text: string } }>).map((e) => e.text.text));
    expect(labels).toHaveLength(4);
    expect(labels[0]).toBe(E1.title);
    expect(labels[1]!.length).toBeLessThanOrEqual(75);
    expect(labels[3]).toBe('Zoek het juiste loket');
    expect(view.actions?.slice(0, 3).map((a) => (a.kind === 'submit' ? a.data?.others : undefined))).toEqual([`kb-027,${E3.id}`, `kb-026,${E3.id}`, 'kb-026,kb-027']);
  });

  it('English titles and labels', () => {
    const t = translator('en');
    expect(kbSuggestionsCard(t, [E1, E2], context).title).toBe('Did you mean one of these?');
    expect(kbSuggestionsCard(t, [E1], context).title).toBe('Did you mean this?');
    expect(kbNotHelpedCard(t, [E2], context).title).toBe('Sorry this did not help');
    expect(kbNotHelpedCard(t, [], context).actions?.map((a) => a.label)).toEqual(['Find the right desk', 'Report an incident']);
    expect(kbNoAnswerCard(t, 'x').title).toBe('No answer found');
    expect(kbOutOfScopeCard(t, 'clinical').title).toBe('Medical question');
    expect(kbOutOfScopeCard(t, 'personal').title).toBe('HR question');
  });

  it('a choice made: the card says which, and has no buttons left', () => {
    const view = kbNotHelpedCard(translator('nl'), [E2], context, { title: E2.title });
    expect(view.blocks).toEqual([{ type: 'text', text: `U koos: ${E2.title}`, style: 'muted' }]);
    expect(view.actions).toBeUndefined();
  });
});

describe('the no-answer card', () => {
  it('echoes the question as plain text on one line, cut at 200 characters without splitting a character', () => {
    const t = translator('nl');
    const emoji = `${'a'.repeat(199)}😀 en meer`;
    const text = (view: CardView) => (view.blocks[0]!.type === 'text' ? view.blocks[0]!.text : '');
    expect(text(kbNoAnswerCard(t, emoji))).toContain(`"${'a'.repeat(199)}…"`);
    expect(text(kbNoAnswerCard(t, 'regel één\n\nregel twee'))).toContain('"regel één regel twee"');
    expect(kbNoAnswerCard(t, '**x**').blocks[0]).toEqual({ type: 'text', text: t('kb.none', { question: '**x**' }) });
  });
});
