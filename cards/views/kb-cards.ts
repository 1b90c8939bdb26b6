import type { KnownIssue } from '../../core/domain/known-issues.ts';
import type { KbEntry } from '../../core/domain/knowledge-base/types.ts';
import type { Translate } from '../i18n/translate.ts';
import type { CardAction, CardBlock, CardView } from './card-view.ts';

/*
 * The knowledge base in chat. Entry ids travel only in button data, never in a text a person sees.
 * A card that asks for a choice (Ja/Nee, "Bedoelt u een van deze?") carries its own replace key in
 * its buttons' data (`card`), so the reply to a press can show the choice in place of the buttons.
 */

/** What a card's buttons carry besides the entry: its own replace key and the person's question. */
export interface KbCardContext {
  /** The replace key of this card. */
  card: string;
  /** The person's question, scrubbed of numbers and cut short (learned from when they pick another entry after "Nee"). */
  question: string;
}

/** An entry as a choice: its id goes in the button's data, its title is the label. */
export type KbChoice = Pick<KbEntry, 'id' | 'title'>;

export type KbFeedback = 'helped' | 'not-helped';

/** An answer card's buttons: its context and the other entries to offer after "Nee"; or the feedback already given. */
export interface KbAnswerState {
  context?: KbCardContext & { others: string[] };
  feedback?: KbFeedback;
}

/**
 * One knowledge-base answer: title, problem, solution, application, and "Heeft dit geholpen? Ja / Nee".
 * `feedback` given: the buttons make way for it. Without a context (the Teams messaging extension,
 * which drops the buttons) the buttons carry the entry only.
 */
export function kbAnswerCard(
  t: Translate,
  entry: KbEntry,
  applicationNames: string[],
  known: Array<{ application: string; issue: KnownIssue }> = [],
  state: KbAnswerState = {},
): CardView {
  const blocks: CardBlock[] = [];
  // Running or upcoming maintenance and known incidents on the application come first.
  for (const { application, issue } of known) blocks.push({ type: 'text', text: `${t('kb.known.title', { application })}: ${issue.title} – ${issue.detail}`, style: 'warning' });
  if (!entry.published) blocks.push({ type: 'text', text: t('kb.answer.draft'), style: 'warning' });
  // Written by administrators: their markdown is kept (the title stays plain text).
  blocks.push({ type: 'text', text: entry.problem, style: 'muted', format: 'markdown' });
  blocks.push({ type: 'text', text: entry.solution, format: 'markdown' });
  if (applicationNames.length) blocks.push({ type: 'facts', facts: [{ label: t('kb.answer.application'), value: applicationNames.join(', ') }] });
  if (state.feedback) {
    blocks.push({ type: 'text', text: t(state.feedback === 'helped' ? 'kb.answer.givenHelped' : 'kb.answer.givenNotHelped'), style: 'muted' });
    return { kind: 'kb.answer', title: entry.title, blocks, fallbackText: entry.title };
  }
  blocks.push({ type: 'text', text: t('kb.answer.helped'), style: 'heading' });
  const context = state.context;
  return {
    kind: 'kb.answer',
    title: entry.title,
    blocks,
    actions: [
      { kind: 'submit', id: 'kb.helped', label: t('kb.answer.yes'), style: 'primary', data: { entry: entry.id, ...(context ? { card: context.card } : {}) } },
      {
        kind: 'submit', id: 'kb.notHelped', label: t('kb.answer.no'),
        data: { entry: entry.id, ...(context ? { card: context.card, question: context.question, others: context.others.join(',') } : {}) },
      },
    ],
    fallbackText: entry.title,
  };
}

/**
 * Likely answers, none sure: "Bedoelt u een van deze?" with the titles to pick, and the decision
 * tree for when none fits. `chosen`: the title picked, shown in place of the buttons.
 */
export function kbSuggestionsCard(t: Translate, entries: KbChoice[], context: KbCardContext, chosen?: { title: string; of: number }): CardView {
  const title = t((chosen?.of ?? entries.length) === 1 ? 'kb.suggestions.titleOne' : 'kb.suggestions.title');
  if (chosen) return chosenCard('kb.suggestions', title, t('kb.chosen', { title: chosen.title }));
  return {
    kind: 'kb.suggestions',
    title,
    blocks: [{ type: 'text', text: t('kb.suggestions.text') }],
    actions: [...picks('kb.pick', entries, context), treeAction(t, false)],
    fallbackText: `${title} ${entries.map((e) => e.title).join(' | ')}`,
  };
}

/**
 * After "Nee": the other likely entries to pick ("Bedoelt u een van deze?"), the decision tree and
 * filing an incident (about the answer's application when it had one).
 */
export function kbNotHelpedCard(
  t: Translate,
  others: KbChoice[],
  context: KbCardContext & { application?: string },
  chosen?: { title: string },
): CardView {
  const title = t('kb.notHelped.title');
  if (chosen) return chosenCard('kb.not-helped', title, t('kb.chosen', { title: chosen.title }));
  const blocks: CardBlock[] = others.length
    ? [{ type: 'text', text: t('kb.suggestions.title'), style: 'heading' }, { type: 'text', text: t('kb.notHelped.pick') }]
    : [{ type: 'text', text: t('kb.notHelped.text') }];
  return {
    kind: 'kb.not-helped',
    title,
    blocks,
    actions: [...picks('kb.other', others, context), treeAction(t, true), incidentAction(t, context.application)],
    fallbackText: `${title}. ${others.length ? t('kb.notHelped.pick') : t('kb.notHelped.text')}`,
  };
}

/** Nothing answers well enough: say so honestly and offer the decision tree and filing an incident. */
export function kbNoAnswerCard(t: Translate, question: string): CardView {
  const text = t('kb.none', { question: echo(question) });
  return {
    kind: 'kb.none',
    title: t('kb.none.title'),
    blocks: [{ type: 'text', text }],
    actions: [treeAction(t, true), incidentAction(t)],
    fallbackText: text,
  };
}

/**
 * A clinical or personal (HR) question: one line that Ketenbot is for ICT and chain problems, with
 * the way to the right desk, and the decision tree in case it is an ICT problem after all.
 */
export function kbOutOfScopeCard(t: Translate, kind: 'clinical' | 'personal'): CardView {
  const line = t(kind === 'clinical' ? 'kb.scope.clinical' : 'kb.scope.personal');
  return {
    kind: 'kb.out-of-scope',
    title: t(kind === 'clinical' ? 'kb.scope.clinical.title' : 'kb.scope.personal.title'),
    blocks: [{ type: 'text', text: line }, { type: 'text', text: t('kb.scope.ict'), style: 'muted' }],
    actions: [treeAction(t, false)],
    fallbackText: line,
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

/** One button per entry; each carries the rest, to offer again when the pick does not help either. */
function picks(id: 'kb.pick' | 'kb.other', entries: KbChoice[], context: KbCardContext): CardAction[] {
  return entries.map((entry) => ({
    kind: 'submit',
    id,
    label: entry.title,
    data: { entry: entry.id, card: context.card, question: context.question, others: entries.filter((e) => e.id !== entry.id).map((e) => e.id).join(',') },
  }));
}

function chosenCard(kind: string, title: string, text: string): CardView {
  return { kind, title, blocks: [{ type: 'text', text, style: 'muted' }], fallbackText: text };
}

const treeAction = (t: Translate, primary: boolean): CardAction =>
  ({ kind: 'submit', id: 'tree.start', label: t('kb.none.tree'), ...(primary ? { style: 'primary' as const } : {}) });

const incidentAction = (t: Translate, application?: string): CardAction =>
  ({ kind: 'submit', id: 'incident.new', label: t('kb.incident'), ...(application ? { data: { application } } : {}) });

/** The question as echoed back: on one line, at most 200 characters, never half a character. */
function echo(question: string): string {
  const line = question.replace(/\s+/g, ' ').trim();
  if (line.length <= 200) return line;
  const cut = /[\uD800-\uDBFF]/.test(line[199]!) ? 199 : 200;
  return `${line.slice(0, cut)}…`;
}
