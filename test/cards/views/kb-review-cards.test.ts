import { describe, expect, it } from 'vitest';
import { renderAdaptiveCard } from '../../../cards/adaptive/render-adaptive-card.ts';
import { renderBlocks } from '../../../cards/blockkit/render-blocks.ts';
import { translate, translator } from '../../../cards/i18n/translate.ts';
import type { CardInput } from '../../../cards/views/card-view.ts';
import { kbEditCard } from '../../../cards/views/kb-edit-card.ts';
import { kbReviewCard } from '../../../cards/views/kb-review-cards.ts';
import { formatDateTime } from '../../../cards/views/format-date.ts';
import type { Application } from '../../../core/domain/directory/types.ts';
import type { ReviewGroup } from '../../../core/domain/knowledge-base/kb-review.ts';
import { validateAdaptiveCard } from '../adaptive/adaptivecards-validator.ts';

/** The review card and the entry form with alternative questions: valid on every platform, in both languages, at their longest. */

const longQuestion = `Hoi, ik sta bij een kraamvrouw die vannacht thuis is bevallen maar ik heb nog niks van de verloskundige gekregen ${'en op kantoor zien ze ook niks '.repeat(8)}`.slice(0, 300);
const group: ReviewGroup = {
  id: '0123456789abcdef', question: longQuestion, count: 1234, lastAt: '2026-03-02T09:15:00.000Z', language: 'nl',
  examples: [longQuestion, 'overdracht kraamzorg komt niet binnen', 'geen overdracht ontvangen na bevalling'],
  phrasings: [longQuestion, 'overdracht kraamzorg komt niet binnen', 'geen overdracht ontvangen na bevalling', 'x'],
  candidates: [
    { id: 'kb-040', title: 'Kraamzorg ontvangt geen overdracht na de bevalling', score: 0.44, language: 'nl', published: true },
    { id: 'kb-003', title: 'Overdracht komt niet aan bij de ontvangende zorgaanbieder', score: 0.31, language: 'nl', published: true },
    { id: 'kb-100', title: 'Concept: overdracht geboortezorg'.padEnd(200, '.'), score: 0.22, language: 'nl', published: false },
  ],
};
const APP: Application = { id: 'app-x', name: 'X-platform', kind: 'gtk', administratorId: 'org-a', usedBy: ['org-a'] };
const inputs = (blocks: ReturnType<typeof kbReviewCard>['blocks']): CardInput[] => blocks.flatMap((b) => (b.type === 'input' ? [b.input] : []));

describe.each(['nl', 'en'] as const)('kb review and edit cards (%s)', (locale) => {
  const t = translator(locale);
  const cards = [
    ['review, three candidates', kbReviewCard(t, locale, group)],
    ['review, no candidate, asked once', kbReviewCard(t, locale, { ...group, count: 1, examples: ['koffieautomaat kapot'], candidates: [] })],
    ['edit form with 50 questions', kbEditCard(t, 'edit', { id: 'kb-040', questions: Array.from({ length: 50 }, () => 'x'.repeat(300)).join('\n') }, [APP])],
  ] as const;

  it.each(cards)('%s: valid Adaptive Card 1.5 and within Block Kit limits', (_name, view) => {
    expect(validateAdaptiveCard(renderAdaptiveCard(view))).toEqual([]);
    const { text, blocks } = renderBlocks(view);
    expect(text.length).toBeGreaterThan(0);
    expect(blocks.length).toBeLessThanOrEqual(50);
  });

  it('the review card: the question, how often and when, the other phrasings, the candidates to choose (drafts marked), an id to type, and two buttons carrying only the group id', () => {
    const card = kbReviewCard(t, locale, group);
    expect(card.kind).toBe('kb.review');
    expect(card.title.startsWith(`"${longQuestion.slice(0, 100)}`)).toBe(true);
    expect(card.title.length).toBeLessThanOrEqual(152);
    expect(card.subtitle).toBe(translate(locale, 'kbReview.asked', { count: 1234, when: formatDateTime(locale, group.lastAt) }));
    expect(card.subtitle).toContain('10:15');
    expect(JSON.stringify(card.blocks)).toContain('overdracht kraamzorg komt niet binnen');
    const [choice, typed] = inputs(card.blocks);
    expect(choice).toMatchObject({ kind: 'choice', id: 'entry', value: 'kb-040' });
    expect(choice!.kind === 'choice' && choice!.choices.map((c) => c.value)).toEqual(['kb-040', 'kb-003', 'kb-100']);
    expect(choice!.kind === 'choice' && choice!.choices[2]!.title).toBe(translate(locale, 'kbReview.entryDraft', { title: group.candidates[2]!.title }));
    expect(typed).toMatchObject({ kind: 'text', id: 'entryId' });
    expect(card.actions).toEqual([
      { kind: 'submit', id: 'kbReview.link', label: translate(locale, 'kbReview.link'), style: 'primary', data: { group: group.id } },
      { kind: 'submit', id: 'kbReview.new', label: translate(locale, 'kbReview.new'), data: { group: group.id } },
    ]);
  });
});
