import type { KnownIssue } from '../../core/domain/known-issues.ts';
import type { KbEntry } from '../../core/domain/knowledge-base/types.ts';
import type { Translate } from '../i18n/translate.ts';
import type { CardBlock, CardView } from './card-view.ts';

/** One knowledge-base answer: title, problem, solution, application, and "Did this help? Yes / No". */
export function kbAnswerCard(t: Translate, entry: KbEntry, applicationNames: string[], known: Array<{ application: string; issue: KnownIssue }> = []): CardView {
  const blocks: CardBlock[] = [];
  // Running or upcoming maintenance and known incidents on the application come first.
  for (const { application, issue } of known) blocks.push({ type: 'text', text: `${t('kb.known.title', { application })}: ${issue.title} – ${issue.detail}`, style: 'warning' });
  if (!entry.published) blocks.push({ type: 'text', text: t('kb.answer.draft'), style: 'warning' });
  // Written by administrators: their markdown is kept (the title stays plain text).
  blocks.push({ type: 'text', text: entry.problem, style: 'muted', format: 'markdown' });
  blocks.push({ type: 'text', text: entry.solution, format: 'markdown' });
  if (applicationNames.length) blocks.push({ type: 'facts', facts: [{ label: t('kb.answer.application'), value: applicationNames.join(', ') }] });
  blocks.push({ type: 'text', text: t('kb.answer.helped'), style: 'heading' });
  return {
    kind: 'kb.answer',
    title: entry.title,
    subtitle: entry.id,
    blocks,
    actions: [
      { kind: 'submit', id: 'kb.helped', label: t('kb.answer.yes'), style: 'primary', data: { entry: entry.id } },
      { kind: 'submit', id: 'kb.notHelped', label: t('kb.answer.no'), data: { entry: entry.id } },
    ],
    fallbackText: entry.title,
  };
}

export function kbSearchCard(t: Translate, question = '', error?: string): CardView {
  return {
    kind: 'kb.search',
    title: t('kb.search.title'),
    blocks: [{ type: 'input', input: { kind: 'text', id: 'question', label: t('kb.search.input'), placeholder: t('kb.search.placeholder'), value: question, ...(error ? { error } : {}) } }],
    actions: [{ kind: 'submit', id: 'kb.search', label: t('kb.search.action'), style: 'primary' }],
    fallbackText: t('kb.search.title'),
  };
}

/** No good answer: say so honestly and offer the decision tree. */
export function kbNoAnswerCard(t: Translate, question: string): CardView {
  return {
    kind: 'kb.none',
    title: t('kb.search.title'),
    blocks: [{ type: 'text', text: t('kb.none', { question: question.slice(0, 200) }) }],
    actions: [{ kind: 'submit', id: 'tree.start', label: t('kb.none.tree'), style: 'primary' }],
    fallbackText: t('kb.none', { question: question.slice(0, 200) }),
  };
}
