import type { Locale } from '../../core/conversation/locale.ts';
import type { ResolvedDesk } from '../../core/domain/decision-tree/resolve-desks.ts';
import { adviceChecks, outcomePrepare, outcomeText, type Audience } from '../../core/domain/decision-tree/tree-audience.ts';
import type { AdviceNode, OutcomeNode, Text } from '../../core/domain/decision-tree/types.ts';
import { deskStatusOf } from '../../core/domain/directory/desk-status-of.ts';
import type { KnownIssue } from '../../core/domain/known-issues.ts';
import type { MessageKey, Translate } from '../i18n/translate.ts';
import type { CardAction, CardBlock, CardView, Choice } from './card-view.ts';
import { deskBlocks, personItem } from './directory-cards.ts';

interface Common {
  t: Translate;
  locale: Locale;
  now: Date;
}

const say = (locale: Locale, text: Text) => text[locale];
/** Checks and things to have at hand: a real list, one row per item, on every platform. */
const listOf = (items: string[]): CardBlock => ({ type: 'list', items: items.map((title) => ({ title })) });

/** Back, start over and stop: on every step. */
function navigation(t: Translate, run: string, canGoBack: boolean): CardAction[] {
  return [
    // These send no answer, so the client's "choose an answer first" must not stop them.
    ...(canGoBack ? [{ kind: 'submit' as const, id: 'tree.back', label: t('tree.back'), data: { run }, ignoresInputs: true }] : []),
    { kind: 'submit', id: 'tree.restart', label: t('tree.restart'), data: { run }, ignoresInputs: true },
    { kind: 'submit', id: 'tree.stop', label: t('tree.stop'), data: { run }, ignoresInputs: true },
  ];
}

/** One step: the question and its answers (a choice list, so any number fits every platform). */
export function treeQuestionCard(
  c: Common,
  step: { run: string; node: string; number: number; question: string; hint?: string; choices: Choice[]; canGoBack: boolean; error?: string; requiredMessage?: string; notice?: string },
): CardView {
  return {
    kind: 'tree.step',
    title: c.t('tree.title'),
    subtitle: c.t('tree.step', { number: step.number }),
    blocks: [
      // A confirmation of what just happened ("Onthouden: u werkt bij …"), above the question.
      ...(step.notice ? [{ type: 'text' as const, text: step.notice, style: 'muted' as const }] : []),
      { type: 'text', text: step.question, style: 'heading' },
      ...(step.hint ? [{ type: 'text' as const, text: step.hint, style: 'muted' as const }] : []),
      ...(step.error ? [{ type: 'text' as const, text: step.error, style: 'warning' as const }] : []),
      {
        type: 'input',
        input: { kind: 'choice', id: 'choice', label: c.t('tree.choice.label'), choices: step.choices, expanded: step.choices.length <= 8, required: true, requiredMessage: step.requiredMessage ?? c.t('tree.hint.choose') },
      },
    ],
    actions: [{ kind: 'submit', id: 'tree.choose', label: c.t('tree.next'), style: 'primary', data: { run: step.run, node: step.node } }, ...navigation(c.t, step.run, step.canGoBack)],
    fallbackText: step.question,
  };
}

/** Tips to try first: a step, but not a question ("Stap 3 · eerst zelf proberen"). */
export function treeAdviceCard(c: Common, step: { run: string; node: AdviceNode; number: number; canGoBack: boolean; error?: string; audience?: Audience }): CardView {
  return {
    kind: 'tree.advice',
    title: c.t('tree.title'),
    subtitle: c.t('tree.advice.step', { number: step.number }),
    blocks: [
      { type: 'text', text: say(c.locale, step.node.text), style: 'heading' },
      listOf(adviceChecks(step.node, step.audience).map((check) => say(c.locale, check))),
      ...(step.error ? [{ type: 'text' as const, text: step.error, style: 'warning' as const }] : []),
    ],
    actions: [
      { kind: 'submit', id: 'tree.continue', label: say(c.locale, step.node.continueLabel), style: 'primary', data: { run: step.run, node: step.node.id } },
      ...navigation(c.t, step.run, step.canGoBack),
    ],
    fallbackText: say(c.locale, step.node.text),
  };
}

export interface OutcomeDeskView {
  role: string;
  resolved: ResolvedDesk;
}

/**
 * The outcome: each desk with contact details and open status, what to have at hand, which
 * organisation it assumed (with a button to change it), and what next.
 */
export function treeOutcomeCard(
  c: Common,
  outcome: {
    run: string; node: OutcomeNode; desks: OutcomeDeskView[]; answers: string[]; applicationId?: string; known?: { application: string; issues: KnownIssue[] };
    audience?: Audience;
    /** The user's organisation it assumed; `null`: they said it is not listed. Absent: nothing to say (and no button). */
    organisation?: { id: string; name: string } | null;
  },
): CardView {
  const blocks: CardBlock[] = [];
  // Known incidents and maintenance on the application come first: they may be the whole answer.
  if (outcome.known?.issues.length) {
    blocks.push({ type: 'text', text: c.t('tree.known.title', { application: outcome.known.application }), style: 'warning' });
    blocks.push({ type: 'list', items: outcome.known.issues.map((i) => ({ title: i.title, text: i.detail })) });
    blocks.push({ type: 'divider' });
  }
  blocks.push({ type: 'text', text: say(c.locale, outcomeText(outcome.node, outcome.audience)) });
  if (outcome.node.warning) blocks.push({ type: 'text', text: say(c.locale, outcome.node.warning), style: 'warning' });
  const shown = new Set<string>();
  for (const { role, resolved } of outcome.desks) {
    // The same desk twice (e.g. the supplier is also the GtK service provider) is shown once.
    const organisations = resolved.organisations.filter((o) => !shown.has(o.id));
    const repeated = resolved.organisations.filter((o) => shown.has(o.id));
    organisations.forEach((o) => shown.add(o.id));
    blocks.push({ type: 'divider' });
    blocks.push({ type: 'text', text: role, style: 'heading' });
    for (const organisation of repeated) blocks.push({ type: 'text', text: c.t('tree.desk.same', { name: organisation.name }), style: 'muted' });
    for (const organisation of organisations) {
      blocks.push({ type: 'text', text: organisation.name });
      // A servicedesk agent may be sent to their own desk: say so rather than leave them to call themselves.
      if (outcome.organisation && organisation.id === outcome.organisation.id && (outcome.node.desks.length > 1 || outcome.audience === 'desk')) blocks.push({ type: 'text', text: c.t('tree.desk.yours'), style: 'muted' });
      blocks.push(...deskBlocks(c, { organisation, status: deskStatusOf(organisation, c.now) }));
    }
    if (resolved.people.length) {
      blocks.push({ type: 'list', items: resolved.people.map(personItem) });
    }
    if (resolved.note) blocks.push({ type: 'text', text: c.t(`tree.note.${resolved.note}` as MessageKey), style: 'muted' });
  }
  blocks.push({ type: 'divider' });
  blocks.push({ type: 'text', text: c.t('tree.outcome.prepare'), style: 'heading' });
  blocks.push(listOf(outcomePrepare(outcome.node, outcome.audience).map((p) => say(c.locale, p))));
  if (outcome.organisation !== undefined) {
    blocks.push({ type: 'text', text: outcome.organisation ? c.t('tree.outcome.assumed', { name: outcome.organisation.name }) : c.t('tree.outcome.assumedNone'), style: 'muted' });
  }
  if (outcome.answers.length) blocks.push({ type: 'text', text: c.t('tree.outcome.path', { answers: outcome.answers.join(' → ') }), style: 'muted' });
  const first = outcome.desks[0]?.resolved.organisations[0];
  return {
    kind: 'tree.outcome',
    title: say(c.locale, outcome.node.title),
    ...(first ? { badge: { text: first.desk.name, tone: 'accent' as const } } : {}),
    blocks,
    actions: [
      {
        kind: 'submit', id: 'incident.new', label: c.t('tree.outcome.incident'), style: 'primary',
        data: { run: outcome.run, outcome: outcome.node.id, ...(outcome.applicationId ? { application: outcome.applicationId } : {}), answers: outcome.answers.join(' → ').slice(0, 1000) },
      },
      // The last two go under Teams' "…" menu, so four buttons fit a phone's width.
      { kind: 'submit', id: 'tree.kb', label: c.t('tree.outcome.kb'), secondary: true, data: { run: outcome.run, outcome: outcome.node.id, ...(outcome.applicationId ? { application: outcome.applicationId } : {}) } },
      ...(outcome.organisation !== undefined ? [{ kind: 'submit' as const, id: 'tree.organisation', label: c.t('tree.outcome.changeOrganisation'), data: { run: outcome.run } }] : []),
      { kind: 'submit', id: 'tree.restart', label: c.t('tree.restart'), secondary: true, data: { run: outcome.run } },
    ],
    fallbackText: `${say(c.locale, outcome.node.title)}${first ? `: ${first.desk.name}${first.desk.phone ? ` ${first.desk.phone}` : ''}` : ''}`,
  };
}

/** Shown in place of the last step when the user stops, so no stale buttons remain. */
export function treeStoppedCard(t: Translate): CardView {
  return { kind: 'tree.stopped', title: t('tree.title'), blocks: [{ type: 'text', text: t('tree.stopped') }], fallbackText: t('tree.stopped') };
}

/** "andere organisatie": every organisation (the current one selected) and "Staat er niet bij". */
export function organisationQuestionCard(t: Translate, step: { choices: Choice[]; current?: string; error?: string }): CardView {
  return {
    kind: 'organisation.question',
    title: t('organisation.title'),
    blocks: [
      { type: 'text', text: t('tree.org.question'), style: 'heading' },
      { type: 'text', text: t('tree.org.hint'), style: 'muted' },
      ...(step.error ? [{ type: 'text' as const, text: step.error, style: 'warning' as const }] : []),
      {
        type: 'input',
        input: { kind: 'choice', id: 'choice', label: t('tree.org.input'), choices: step.choices, expanded: step.choices.length <= 8, required: true, requiredMessage: t('tree.org.choose'), ...(step.current ? { value: step.current } : {}) },
      },
    ],
    actions: [
      { kind: 'submit', id: 'organisation.choose', label: t('tree.next'), style: 'primary' },
      { kind: 'submit', id: 'organisation.cancel', label: t('organisation.cancel'), ignoresInputs: true },
    ],
    fallbackText: t('tree.org.question'),
  };
}

/** "mijn organisatie": which organisation Ketenbot assumes, and a button to change it. */
/** `changeActionId`: the decision tree's own change while a run is open, so the run goes on where it was. */
export function organisationShowCard(t: Translate, lines: string[], known: boolean, changeActionId = 'organisation.change'): CardView {
  return {
    kind: 'organisation.show',
    title: t('organisation.title'),
    blocks: lines.map((text, i) => ({ type: 'text' as const, text, ...(i > 0 ? { style: 'muted' as const } : {}) })),
    actions: [{ kind: 'submit', id: changeActionId, label: t(known ? 'organisation.change' : 'tree.outcome.changeOrganisation'), style: 'primary' }],
    fallbackText: lines.join(' '),
  };
}
