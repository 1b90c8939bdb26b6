import { describe, expect, it } from 'vitest';
import { renderAdaptiveCard } from '../../../cards/adaptive/render-adaptive-card.ts';
import { renderBlocks } from '../../../cards/blockkit/render-blocks.ts';
import { translate, translator } from '../../../cards/i18n/translate.ts';
import { formatDateTime } from '../../../cards/views/format-date.ts';
import { kbProposalCard } from '../../../cards/views/kb-proposal-card.ts';
import type { Proposal } from '../../../core/domain/knowledge-base/kb-learning.ts';
import { validateAdaptiveCard } from '../adaptive/adaptivecards-validator.ts';

/** "Voorgesteld door gebruikers": valid on every platform, in both languages, at its longest; buttons carry only ids. */

const longQuestion = `viewer blijft leeg bij de cliënt ${'en ook na opnieuw inloggen zie ik niks '.repeat(10)}`.slice(0, 300);
const proposal: Proposal = {
  entry: { id: 'kb-014', title: 'Geen toestemming vastgelegd: gegevens worden niet getoond'.padEnd(200, '.'), language: 'nl', published: true },
  phrasing: 'a'.repeat(64), question: longQuestion, people: 1, lastAt: '2026-03-02T09:15:00.000Z',
};

describe.each(['nl', 'en'] as const)('kb proposal card (%s)', (locale) => {
  const t = translator(locale);

  it.each([
    ['one person, published', proposal],
    ['many people, a draft', { ...proposal, people: 12, entry: { ...proposal.entry, published: false } }],
  ] as const)('%s: valid Adaptive Card 1.5 and within Block Kit limits', (_name, p) => {
    const view = kbProposalCard(t, locale, p);
    expect(validateAdaptiveCard(renderAdaptiveCard(view))).toEqual([]);
    const { text, blocks } = renderBlocks(view);
    expect(text.length).toBeGreaterThan(0);
    expect(blocks.length).toBeLessThanOrEqual(50);
  });

  it('the phrasing quoted and cut, who-count and when, the article (drafts marked), confirm and reject carrying the entry and phrasing only', () => {
    const when = formatDateTime(locale, proposal.lastAt);
    const card = kbProposalCard(t, locale, proposal);
    expect(card).toMatchObject({ kind: 'kb.proposal', title: translate(locale, 'kbReview.proposal.title'), subtitle: translate(locale, 'kbReview.proposal.byOne', { when }) });
    expect(card.blocks[0]).toEqual({ type: 'text', text: `"${longQuestion.slice(0, 149)}…"` });
    expect(kbProposalCard(t, locale, { ...proposal, people: 3 }).subtitle).toBe(translate(locale, 'kbReview.proposal.byMany', { count: 3, when }));
    const draft = kbProposalCard(t, locale, { ...proposal, entry: { ...proposal.entry, published: false } });
    expect(JSON.stringify(draft.blocks)).toContain(JSON.stringify(translate(locale, 'kbReview.entryDraft', { title: proposal.entry.title })).slice(1, -1));
    const data = { entry: 'kb-014', phrasing: proposal.phrasing };
    expect(card.actions).toEqual([
      { kind: 'submit', id: 'kbReview.confirm', label: translate(locale, 'kbReview.proposal.confirm'), style: 'primary', data },
      { kind: 'submit', id: 'kbReview.reject', label: translate(locale, 'kbReview.proposal.reject'), data },
    ]);
  });
});
