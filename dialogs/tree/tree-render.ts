import { treeAdviceCard, treeOutcomeCard, treeQuestionCard, type OutcomeDeskView } from '../../cards/views/tree-cards.ts';
import type { Choice } from '../../cards/views/card-view.ts';
import type { FlowContext } from '../../core/conversation/flow.ts';
import { cardReply, type Reply } from '../../core/conversation/reply.ts';
import { resolveDesk } from '../../core/domain/decision-tree/resolve-desks.ts';
import { deskRole, questionHint } from '../../core/domain/decision-tree/tree-audience.ts';
import type { DecisionTree, TreeNode } from '../../core/domain/decision-tree/types.ts';
import type { Contact, DirectoryDocument, Organisation } from '../../core/domain/directory/types.ts';
import type { KnownIssuesSource } from '../../core/domain/known-issues.ts';
import type { MatchableChoice } from './match-choice.ts';
import { organisationChoices } from './organisation-question.ts';
import { chosenApplication, chosenOrganisation, ORGANISATION_STEP, stepNumber, UNKNOWN, type TreeState } from './tree-state.ts';

export interface RenderDeps {
  directory: DirectoryDocument;
  knownIssues: KnownIssuesSource;
  administratorContacts(organisationId: string): Promise<Contact[]>;
}

export const replaceKey = (state: TreeState) => `tree:${state.run}`;

const UNKNOWN_NAMES = ['weet ik niet', 'weet niet', 'geen idee', 'onbekend', 'staat er niet bij', "don't know", 'dont know', 'unknown', 'not listed'];

/** The choices of a step, with every name a user might type for them. */
export function choicesOf(ctx: FlowContext, tree: DecisionTree, state: TreeState, directory: DirectoryDocument): Array<Choice & MatchableChoice & { next?: string }> {
  const t = ctx.t;
  if (state.askingOrganisation) return organisationChoices(t, directory);
  const node = tree.nodes.find((n) => n.id === state.node);
  const unknown = (next?: string) => (next ? [{ title: t('tree.choice.unknown'), value: UNKNOWN, names: UNKNOWN_NAMES, next }] : []);
  switch (node?.kind) {
    case 'question':
      return node.choices.map((c, i) => ({
        title: c.label[ctx.locale], value: String(i), ...(c.description ? { description: c.description[ctx.locale] } : {}),
        names: [c.label.nl, c.label.en, ...(c.synonyms ?? [])], next: c.next,
      }));
    case 'application': {
      const ofKind = directory.applications.filter((a) => !node.applicationKinds || node.applicationKinds.includes(a.kind)).sort((a, b) => a.name.localeCompare(b.name, 'nl'));
      const own = state.organisationId;
      const used = own ? ofKind.filter((a) => a.usedBy.includes(own) || a.administratorId === own) : ofKind;
      // An organisation that uses none of these (an RSO asked about source systems): every one of them.
      const apps = used.length ? used : ofKind;
      return [...apps.map((a) => ({ title: a.name, value: a.id, names: [a.name, a.id.replace(/^app-/, '')], next: node.next })), ...unknown(node.unknownNext)];
    }
    case 'organisation': {
      const orgs = directory.organisations
        .filter((o) => (!node.organisationKinds || node.organisationKinds.includes(o.kind)) && o.id !== state.organisationId)
        .sort((a, b) => a.name.localeCompare(b.name, 'nl'));
      return [...orgs.map((o) => ({ title: o.name, value: o.id, ...(o.region ? { description: o.region } : {}), names: [o.name, o.id.replace(/^org-/, '')], next: node.next })), ...unknown(node.unknownNext)];
    }
    default:
      return [];
  }
}

/** The card for where the run is now: a question, advice, or (ending the run) the outcome. */
export async function render(ctx: FlowContext, tree: DecisionTree, state: TreeState, deps: RenderDeps, note?: string, notice?: string): Promise<{ replies: Reply[]; done: boolean }> {
  const c = { t: ctx.t, locale: ctx.locale, now: ctx.now };
  const number = stepNumber(state);
  const error = note ? { error: note } : {};
  if (state.askingOrganisation) {
    const card = treeQuestionCard(c, {
      run: state.run, node: ORGANISATION_STEP, number, question: ctx.t('tree.org.question'), hint: ctx.t('tree.org.hint'),
      choices: choicesOf(ctx, tree, state, deps.directory).map(({ title, value, description }) => ({ title, value, ...(description ? { description } : {}) })),
      canGoBack: false, requiredMessage: ctx.t('tree.org.choose'), ...error,
    });
    return { replies: [cardReply(card, replaceKey(state))], done: false };
  }
  const node = tree.nodes.find((n) => n.id === state.node) as TreeNode;
  if (node.kind === 'advice') {
    const advice = treeAdviceCard(c, { run: state.run, node, number, canGoBack: state.history.length > 0, ...(state.audience ? { audience: state.audience } : {}), ...error });
    if (notice) advice.blocks.unshift({ type: 'text', text: notice, style: 'muted' });
    return { replies: [cardReply(advice, replaceKey(state))], done: false };
  }
  if (node.kind !== 'outcome') {
    const hint = node.kind === 'question' ? questionHint(node, state.audience) : undefined;
    const card = treeQuestionCard(c, {
      run: state.run, node: node.id, number, question: node.text[ctx.locale],
      ...(hint ? { hint: hint[ctx.locale] } : {}),
      choices: choicesOf(ctx, tree, state, deps.directory).map(({ title, value, description }) => ({ title, value, ...(description ? { description } : {}) })),
      canGoBack: state.history.length > 0, ...error, ...(notice ? { notice } : {}),
    });
    return { replies: [cardReply(card, replaceKey(state))], done: false };
  }
  const organisation: Organisation | undefined = deps.directory.organisations.find((o) => o.id === state.organisationId);
  const applicationId = chosenApplication(state);
  const facts = { directory: deps.directory, ...(organisation ? { organisation } : {}), ...(applicationId ? { applicationId } : {}), ...(chosenOrganisation(state) ? { chosenOrganisationId: chosenOrganisation(state)! } : {}), administratorContacts: deps.administratorContacts };
  const desks: OutcomeDeskView[] = [];
  for (const d of node.desks) desks.push({ role: deskRole(d, state.audience)[ctx.locale], resolved: await resolveDesk(d.desk, facts) });
  const app = applicationId ? deps.directory.applications.find((a) => a.id === applicationId) : undefined;
  const issues = app ? await deps.knownIssues.forApplication(app.id, ctx.now, ctx.locale) : [];
  const outcome = treeOutcomeCard(c, {
    run: state.run, node, desks, answers: state.answers.map((a) => a.label),
    ...(applicationId ? { applicationId } : {}),
    ...(app && issues.length ? { known: { application: app.name, issues } } : {}),
    ...(state.audience ? { audience: state.audience } : {}),
    organisation: organisation ? { id: organisation.id, name: organisation.name } : null,
  });
  for (const line of [note, notice].reverse()) if (line) outcome.blocks.unshift({ type: 'text', text: line, style: 'muted' });
  return { replies: [cardReply(outcome, replaceKey(state))], done: true };
}
