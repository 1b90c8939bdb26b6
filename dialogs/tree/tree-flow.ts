import { randomUUID } from 'node:crypto';
import { kbSearchCard } from '../../cards/views/kb-cards.ts';
import { treeStoppedCard } from '../../cards/views/tree-cards.ts';
import type { Flow, FlowContext, FlowStep } from '../../core/conversation/flow.ts';
import type { Inbound } from '../../core/conversation/inbound.ts';
import type { KeyValueStore } from '../../core/conversation/key-value-store.ts';
import { normalizeText } from '../../core/conversation/normalize.ts';
import { cardReply, textReply } from '../../core/conversation/reply.ts';
import type { People } from '../../core/domain/access/people.ts';
import type { PersonRepository } from '../../core/domain/access/person-repository.ts';
import { audienceOf } from '../../core/domain/decision-tree/tree-audience.ts';
import { regionOf } from '../../core/domain/decision-tree/tree-scope.ts';
import type { TreeVersions } from '../../core/domain/decision-tree/tree-versions.ts';
import type { DecisionTree } from '../../core/domain/decision-tree/types.ts';
import type { DirectoryRepository } from '../../core/domain/directory/directory-repository.ts';
import type { KnownIssuesSource } from '../../core/domain/known-issues.ts';
import { NOT_LISTED_PREFERENCE, rememberOrganisation, treeOrganisation } from '../known-organisation.ts';
import { matchChoice } from './match-choice.ts';
import { CHANGE_ORGANISATION } from './organisation-flow.ts';
import { withoutCourtesy } from '../courtesy.ts';
import { typedOrganisation } from './organisation-question.ts';
import { choicesOf, render, replaceKey, type RenderDeps } from './tree-render.ts';
import { back, forward, NOT_LISTED, ORGANISATION_STEP, restart, UNKNOWN, type TreePosition, type TreeState } from './tree-state.ts';

const START = new Set([
  'ik heb een probleem', 'probleem', 'een probleem', 'beslisboom', 'storing', 'hulp', 'ik heb hulp nodig', 'help me', 'juiste loket',
  'welk loket', 'loket zoeken', 'i have a problem', 'problem', 'decision tree', 'find the right desk', 'which desk',
  // Asking where to go is what the tree answers.
  'het werkt niet', 'werkt niet', 'er werkt iets niet', 'waar moet ik dit melden', 'waar meld ik dit', 'bij wie moet ik zijn',
  'wie moet ik bellen', 'ik zoek het juiste loket', 'something does not work', 'something doesn t work', 'it does not work',
  'where do i report this', 'who do i call', 'i need help',
]);
const BACK = new Set(['terug', 'vorige', 'back', 'previous']);
const RESTART = new Set(['opnieuw', 'opnieuw beginnen', 'begin opnieuw', 'start over', 'restart']);

export interface TreeFlowDeps {
  versions: TreeVersions;
  directory: DirectoryRepository;
  people: People;
  personRepository: PersonRepository;
  store: KeyValueStore;
  knownIssues: KnownIssuesSource;
}

/** The last outcome a user reached, so "Andere organisatie" on it can show it again for another organisation. */
interface LastOutcome extends TreePosition {
  run: string;
  version: string;
  /** When the outcome was shown: a typed "andere organisatie" soon after shows it again for the new organisation. */
  at?: string;
}
/** How long after an outcome a typed "andere organisatie" is about that outcome. */
const OUTCOME_FRESH_MS = 60 * 60_000;
const lastOutcomeKey = (inbound: Pick<Inbound, 'platform' | 'actor'>) => `tree-last:${inbound.platform}:${inbound.actor.id}`;

/**
 * The decision tree (beslisboom): a few clicks to the right desk. One card per step, updated in
 * place; back, start over and stop everywhere; typed answers are matched to the choices. It asks
 * the user's organisation once (any kind, or "not listed"); "andere organisatie" changes it, also
 * from the outcome, which is then shown again for the new organisation.
 */
export function createTreeFlow(deps: TreeFlowDeps): Flow<TreeState> {
  const renderDeps = async (): Promise<RenderDeps> => {
    const directory = await deps.directory.load();
    return {
      directory,
      knownIssues: deps.knownIssues,
      // People with the administrator role in Ketenbot, else the directory's own "beheerder" contacts.
      administratorContacts: async (organisationId) => {
        const admins = await deps.personRepository.withRole('administrator', organisationId);
        const known = directory.contacts.filter((c) => admins.some((p) => p.contactId === c.id));
        if (known.length) return known;
        return directory.contacts.filter((c) => c.organisationId === organisationId && /beheerder|administrator/i.test(c.role));
      },
    };
  };

  async function show(ctx: FlowContext, inbound: Inbound, tree: DecisionTree, state: TreeState, note?: string, notice?: string): Promise<FlowStep<TreeState>> {
    const { replies, done } = await render(ctx, tree, state, await renderDeps(), note, notice);
    if (!done) return { replies, state };
    const last: LastOutcome = { run: state.run, version: state.version, node: state.node, history: state.history, answers: state.answers, at: ctx.now.toISOString() };
    const key = lastOutcomeKey(inbound);
    const stored = await deps.store.read<LastOutcome>(key);
    await deps.store.write(key, last, stored ? { etag: stored.etag } : 'new');
    return { replies };
  }

  async function audience(inbound: Inbound, organisationId: string | undefined) {
    const directory = await deps.directory.load();
    return audienceOf(await deps.people.of(inbound), directory.organisations.find((o) => o.id === organisationId));
  }

  /** A new run; `askOrganisation` asks (again) even when it is known, and `resume` is where to go on after that. */
  async function begin(ctx: FlowContext, inbound: Inbound, options: { note?: string; askOrganisation?: boolean; resume?: LastOutcome; organisationId?: string } = {}): Promise<FlowStep<TreeState>> {
    const directory = await deps.directory.load();
    const stored = await treeOrganisation(deps, inbound, directory);
    // A run started over after an upgrade keeps the organisation it already knew.
    const known = stored.source === 'unknown' && options.organisationId && directory.organisations.some((o) => o.id === options.organisationId) ? { source: 'chosen' as const, organisationId: options.organisationId } : stored;
    const organisationId = 'organisationId' in known ? known.organisationId : undefined;
    // People of a region whose RSO published its own variant walk that one (tree-scope.ts).
    const tree = (options.resume && (await deps.versions.version(options.resume.version))) || (await deps.versions.current(regionOf(directory, organisationId)));
    const ask = options.askOrganisation || known.source === 'unknown';
    const changing = Boolean(options.askOrganisation);
    const state: TreeState = {
      // Asked again from an outcome: the same run, so the outcome's card is replaced in place.
      run: options.resume?.run ?? randomUUID().slice(0, 8), version: tree.version, node: tree.root, history: [], answers: [],
      ...(organisationId ? { organisationId } : {}), ...(known.source === 'not-listed' ? { noOrganisation: true } : {}),
      ...(ask ? { askingOrganisation: true, organisationAsked: true } : {}), ...(changing ? { changing: true } : {}),
      ...(options.resume ? { resume: { node: options.resume.node, history: options.resume.history, answers: options.resume.answers } } : {}),
      audience: await audience(inbound, organisationId),
    };
    const step = await show(ctx, inbound, tree, state);
    return options.note ? { ...step, replies: [textReply(options.note), ...step.replies] } : step;
  }

  /** The organisation question answered: remember it, then go on where the run was (or at the start of the region's tree). */
  async function organisationChosen(ctx: FlowContext, inbound: Inbound, tree: DecisionTree, state: TreeState, value: string): Promise<FlowStep<TreeState>> {
    const directory = await deps.directory.load();
    const none = value === NOT_LISTED;
    await rememberOrganisation(deps.store, inbound, none ? NOT_LISTED_PREFERENCE : value);
    const { resume, organisationId: _old, noOrganisation: _none, ...rest } = state;
    const chosen: TreeState = { ...rest, askingOrganisation: false, ...(none ? { noOrganisation: true } : { organisationId: value }), audience: await audience(inbound, none ? undefined : value) };
    // A change (not the first answer) is confirmed on the card that follows, so the chat keeps one message.
    const changed = state.changing ? (none ? ctx.t('tree.org.changedNone') : ctx.t('tree.org.changed', { name: directory.organisations.find((o) => o.id === value)!.name })) : undefined;
    const { changing: _changing, ...settled } = chosen;
    if (resume) return show(ctx, inbound, tree, { ...settled, ...resume }, undefined, changed);
    // Now the region is known: a run that has not gone past its first question moves to the region's own tree.
    const regional = await deps.versions.current(regionOf(directory, none ? undefined : value));
    if (regional.version !== tree.version && !state.history.length) return show(ctx, inbound, regional, { ...settled, version: regional.version, node: regional.root }, undefined, changed);
    return show(ctx, inbound, tree, settled, undefined, changed);
  }

  /** "Andere organisatie" in the middle of a run: ask, then come back to this very step. */
  function reaskOrganisation(ctx: FlowContext, inbound: Inbound, tree: DecisionTree, state: TreeState): Promise<FlowStep<TreeState>> {
    return show(ctx, inbound, tree, { ...state, askingOrganisation: true, changing: true, resume: { node: state.node, history: state.history, answers: state.answers } });
  }

  async function answer(ctx: FlowContext, inbound: Inbound, tree: DecisionTree, state: TreeState, value: string): Promise<FlowStep<TreeState>> {
    const directory = await deps.directory.load();
    const choice = choicesOf(ctx, tree, state, directory).find((c) => c.value === value);
    if (!choice) return show(ctx, inbound, tree, state, ctx.t(state.askingOrganisation ? 'tree.org.choose' : 'tree.hint.choose'));
    if (state.askingOrganisation) return organisationChosen(ctx, inbound, tree, state, choice.value);
    const node = tree.nodes.find((n) => n.id === state.node);
    const picked = value === UNKNOWN ? {} : node?.kind === 'application' ? { applicationId: value } : node?.kind === 'organisation' ? { organisationId: value } : {};
    return show(ctx, inbound, tree, forward(state, choice.next!, { node: state.node, label: choice.title, ...picked }));
  }

  return {
    id: 'tree',
    matches: (text) => START.has(withoutCourtesy(text)) || CHANGE_ORGANISATION.has(withoutCourtesy(text)),
    name: (t) => t('tree.flowName'),
    // Left for another command: the step's card becomes the stopped card, so no stale buttons remain.
    leave: (ctx, state) => [cardReply(treeStoppedCard(ctx.t), replaceKey(state))],
    async start(ctx, inbound) {
      const action = inbound.action;
      // The outcome's knowledge-base step opens the search on the application (filing an incident is the incident flow's).
      if (action?.id === 'tree.kb') {
        const application = (await deps.directory.load()).applications.find((a) => a.id === action.values.application);
        return { replies: [cardReply(kbSearchCard(ctx.t, application?.name ?? ''))] };
      }
      // "Andere organisatie" on an outcome: ask, then show that outcome again for the new organisation.
      if (action?.id === 'tree.organisation') {
        const last = await deps.store.read<LastOutcome>(lastOutcomeKey(inbound));
        const resume = last && last.value.run === action.values.run ? last.value : undefined;
        return begin(ctx, inbound, { askOrganisation: true, ...(resume ? { resume } : {}) });
      }
      if (action?.id === 'tree.changeOrganisation') return begin(ctx, inbound, { askOrganisation: true });
      if (action && action.id !== 'tree.start' && action.id !== 'tree.restart') return begin(ctx, inbound, { note: ctx.t('tree.stale') });
      // "andere organisatie" with no run open: ask, then the outcome just shown for the new organisation
      // (as its button does), or else the first question.
      if (!action && CHANGE_ORGANISATION.has(withoutCourtesy(normalizeText(inbound.text)))) {
        const last = (await deps.store.read<LastOutcome>(lastOutcomeKey(inbound)))?.value;
        const fresh = last?.at && ctx.now.getTime() - Date.parse(last.at) <= OUTCOME_FRESH_MS ? last : undefined;
        return begin(ctx, inbound, { askOrganisation: true, ...(fresh ? { resume: fresh } : {}) });
      }
      return begin(ctx, inbound);
    },
    async step(ctx, state, inbound) {
      const pinned = await deps.versions.version(state.version);
      const tree = pinned ?? (await deps.versions.current());
      // The version the run started on is gone (a built-in tree replaced by an upgrade): start over on the current one.
      if (!tree.nodes.some((n) => n.id === state.node) || (state.resume && !tree.nodes.some((n) => n.id === state.resume!.node))) {
        return begin(ctx, inbound, { note: ctx.t('tree.renewed'), ...(state.organisationId ? { organisationId: state.organisationId } : {}) });
      }
      const action = inbound.action;
      // "Andere organisatie" on the "mijn organisatie" card, pressed while this run is open.
      if (action?.id === 'tree.changeOrganisation') return state.askingOrganisation ? show(ctx, inbound, tree, state) : reaskOrganisation(ctx, inbound, tree, state);
      if (action) {
        if (action.values.run !== state.run) return show(ctx, inbound, tree, state, ctx.t('tree.stale'));
        switch (action.id) {
          case 'tree.back': return show(ctx, inbound, tree, back(state));
          case 'tree.restart': return show(ctx, inbound, tree, restart(state, tree.root));
          case 'tree.stop': return { replies: [cardReply(treeStoppedCard(ctx.t), replaceKey(state))], clearActive: true };
          case 'tree.organisation': return reaskOrganisation(ctx, inbound, tree, state);
          case 'tree.continue': {
            const node = tree.nodes.find((n) => n.id === state.node);
            if (state.askingOrganisation || node?.kind !== 'advice' || action.values.node !== node.id) return show(ctx, inbound, tree, state, ctx.t('tree.stale'));
            return show(ctx, inbound, tree, forward(state, node.next, { node: node.id, label: node.continueLabel[ctx.locale] }));
          }
          case 'tree.choose': {
            const expected = state.askingOrganisation ? ORGANISATION_STEP : state.node;
            if (action.values.node !== expected) return show(ctx, inbound, tree, state, ctx.t('tree.stale'));
            return answer(ctx, inbound, tree, state, String(action.values.choice ?? ''));
          }
          default: return show(ctx, inbound, tree, state);
        }
      }
      const text = normalizeText(inbound.text);
      if (CHANGE_ORGANISATION.has(withoutCourtesy(text))) return state.askingOrganisation ? show(ctx, inbound, tree, state) : reaskOrganisation(ctx, inbound, tree, state);
      if (state.askingOrganisation) {
        // Back from the organisation question asked in the middle: where the run was, nothing changed.
        if (BACK.has(text) && state.resume) {
          const { resume, ...rest } = state;
          return show(ctx, inbound, tree, { ...rest, ...resume, askingOrganisation: false });
        }
        const typed = typedOrganisation(ctx.t, await deps.directory.load(), inbound.text);
        return typed.kind === 'chosen' ? organisationChosen(ctx, inbound, tree, state, typed.value) : show(ctx, inbound, tree, state, typed.note);
      }
      if (BACK.has(text)) return show(ctx, inbound, tree, back(state));
      if (RESTART.has(text)) return show(ctx, inbound, tree, restart(state, tree.root));
      const directory = await deps.directory.load();
      const node = tree.nodes.find((n) => n.id === state.node);
      if (node?.kind === 'advice') {
        // Any "no"/"didn't help" moves on; anything else shows the advice again.
        return /^(nee|no|werkt niet|hielp niet|dit hielp niet|did not help|this did not help|verder|next)$/.test(text)
          ? show(ctx, inbound, tree, forward(state, node.next, { node: node.id, label: node.continueLabel[ctx.locale] }))
          : show(ctx, inbound, tree, state, ctx.t('tree.hint.unmatched'));
      }
      const value = matchChoice(inbound.text, choicesOf(ctx, tree, state, directory));
      if (value) return answer(ctx, inbound, tree, state, value);
      return show(ctx, inbound, tree, state, ctx.t('tree.hint.unmatched'));
    },
    capabilities: (t) => [{ title: t('tree.capability.title'), text: t('tree.capability.text'), action: { kind: 'submit', id: 'tree.start', label: t('tree.capability.action'), style: 'primary' } }],
  };
}
