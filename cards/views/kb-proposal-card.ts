import type { Locale } from '../../core/conversation/locale.ts';
import type { Proposal } from '../../core/domain/knowledge-base/kb-learning.ts';
import type { Translate } from '../i18n/translate.ts';
import type { CardView } from './card-view.ts';
import { formatDateTime } from './format-date.ts';

/** Questions are shown in quotes on one line: long ones are cut. */
const quoted = (question: string, max = 150) => `"${question.length > max ? `${question.slice(0, max - 1)}…` : question}"`;

/**
 * A phrasing people proposed for an article (they picked it after "Nee"), for a knowledge-base
 * writer: how many people, which article; confirming links it (it is used at once), rejecting keeps
 * people from proposing it again. The buttons carry the article id and the phrasing's hash only:
 * the proposal is looked up again on the server.
 */
export function kbProposalCard(t: Translate, locale: Locale, proposal: Proposal): CardView {
  const when = formatDateTime(locale, proposal.lastAt);
  const who = proposal.people === 1 ? t('kbReview.proposal.byOne', { when }) : t('kbReview.proposal.byMany', { count: proposal.people, when });
  const title = proposal.entry.published ? proposal.entry.title : t('kbReview.entryDraft', { title: proposal.entry.title });
  const data = { entry: proposal.entry.id, phrasing: proposal.phrasing };
  return {
    kind: 'kb.proposal',
    title: t('kbReview.proposal.title'),
    subtitle: who,
    blocks: [
      { type: 'text', text: quoted(proposal.question) },
      { type: 'facts', facts: [{ label: t('kbReview.proposal.entry'), value: title }] },
      { type: 'text', text: t('kbReview.proposal.explain'), style: 'muted' },
    ],
    actions: [
      { kind: 'submit', id: 'kbReview.confirm', label: t('kbReview.proposal.confirm'), style: 'primary', data },
      { kind: 'submit', id: 'kbReview.reject', label: t('kbReview.proposal.reject'), data },
    ],
    fallbackText: `${t('kbReview.proposal.title')}: ${quoted(proposal.question)} → ${title} (${who})`,
  };
}
