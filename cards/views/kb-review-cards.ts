import type { Locale } from '../../core/conversation/locale.ts';
import type { ReviewGroup } from '../../core/domain/knowledge-base/kb-review.ts';
import type { Translate } from '../i18n/translate.ts';
import type { CardBlock, CardView } from './card-view.ts';
import { formatDateTime } from './format-date.ts';

/** Questions are shown in quotes on one line: long ones are cut. */
const quoted = (question: string, max = 150) => `"${question.length > max ? `${question.slice(0, max - 1)}…` : question}"`;

/**
 * One group of questions without a sure answer, for a knowledge-base editor: how often and when it
 * was asked, its other phrasings, the closest articles to link it to (or an id to type), and a new
 * article. The buttons carry only the group's id: the questions are looked up again on the server.
 */
export function kbReviewCard(t: Translate, locale: Locale, group: ReviewGroup): CardView {
  const when = formatDateTime(locale, group.lastAt);
  const asked = group.count === 1 ? t('kbReview.askedOnce', { when }) : t('kbReview.asked', { count: group.count, when });
  const others = group.examples.slice(1);
  const blocks: CardBlock[] = [];
  if (others.length) {
    blocks.push({ type: 'text', text: t('kbReview.alsoAsked'), style: 'muted' });
    blocks.push({ type: 'list', items: others.map((q) => ({ title: quoted(q) })) });
  }
  if (group.candidates.length) {
    blocks.push({
      type: 'input',
      input: {
        kind: 'choice', id: 'entry', label: t('kbReview.entry'), value: group.candidates[0]!.id, expanded: true,
        choices: group.candidates.map((c) => ({ title: c.published ? c.title : t('kbReview.entryDraft', { title: c.title }), value: c.id })),
      },
    });
  } else {
    blocks.push({ type: 'text', text: t('kbReview.noCandidates'), style: 'muted' });
  }
  blocks.push({ type: 'input', input: { kind: 'text', id: 'entryId', label: t('kbReview.entryId'), placeholder: t('kbReview.entryId.placeholder'), maxLength: 100 } });
  return {
    kind: 'kb.review',
    title: quoted(group.question),
    subtitle: asked,
    blocks,
    actions: [
      { kind: 'submit', id: 'kbReview.link', label: t('kbReview.link'), style: 'primary', data: { group: group.id } },
      { kind: 'submit', id: 'kbReview.new', label: t('kbReview.new'), data: { group: group.id } },
    ],
    fallbackText: `${quoted(group.question)} – ${asked}`,
  };
}
