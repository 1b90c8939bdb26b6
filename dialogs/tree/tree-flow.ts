import { knownOrganisation as knownOrganisationOf } from '../known-organisation.ts';
import { randomUUID } from 'node:crypto';
import { kbSearchCard } from '../../cards/views/kb-cards.ts';
import { treeStoppedCard } from '../../cards/views/tree-cards.ts';
import type { Flow, FlowContext, FlowStep } from '../../core/conversation/flow.ts';
import type { Inbound } from '../../core/conversation/inbound.ts';
import type { KeyValueStore } from '../../core/conversation/key-value-store.ts';
import { normalizeText } from '../../core/conversation/normalize.ts';
import { cardReply, textReply } from '../../core/conversation/reply.ts';
import { userPreferencesKey, type UserPreferences } from '../../core/conversation/conversation-state.ts';
import type { People } from '../../core/domain/access/people.ts';
import type { PersonRepository } from '../../core/domain/access/person-repository.ts';
import { resolveOrganisation } from '../../core/domain/access/resolve-organisation.ts';
import { regionOf } from '../../core/domain/decision-tree/tree-scope.ts';
import type { TreeVersions } from '../../core/domain/decision-tree/tree-versions.ts';
import type { DecisionTree } from '../../core/domain/decision-tree/types.ts';
import type { DirectoryRepository } from '../../core/domain/directory/directory-repository.ts';
import type { DirectoryDocument } from '../../core/domain/directory/types.ts';
import type { KnownIssuesSource } from '../../core/domain/known-issues.ts';
import { matchChoice } from './match-choice.ts';
import { choicesOf, render, replaceKey, type RenderDeps } from './tree-render.ts';
import { back, forward, restart, UNKNOWN, type TreeState } from './tree-state.ts';

const START = new Set([
  'ik heb een probleem', 'probleem', 'een probleem', 'beslisboom', 'storing', 'hulp', 'ik heb hulp nodig', 'help me', 'juiste loket',
  'welk loket', 'loket zoeken', 'i have a problem', 'problem', 'decision tree', 'find the right desk', 'which desk',
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

/**
 * The decision tree (beslisboom): a few clicks to the right desk. One card per step, updated in
 * place; back, start over and stop everywhere; typed answers are matched to the choices.
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

  async function show(ctx: FlowContext, tree: DecisionTree, state: TreeState, note?: string): Promise<FlowStep<TreeState>> {
    const { replies, done } = await render(ctx, tree, state, await renderDeps(), note);
    return done ? { replies } : { replies, state };
  }

  async function begin(ctx: FlowContext, inbound: Inbound, note?: string): Promise<FlowStep<TreeState>> {
    const directory = await deps.directory.load();
    const organisationId = await knownOrganisation(inbound, directory);
    // People of a region whose RSO published its own variant walk that one (tree-scope.ts).
    const tree = await deps.versions.current(regionOf(directory, organisationId));
    const state: TreeState = { run: randomUUID().slice(0, 8), version: tree.version, node: tree.root, history: [], answers: [], ...(organisationId ? { organisationId } : { askingOrganisation: true }) };
    const step = await show(ctx, tree, state);
    return note ? { ...step, replies: [textReply(note), ...step.replies] } : step;
  }

  function knownOrganisation(inbound: Inbound, directory: DirectoryDocument): Promise<string | undefined> {
    return knownOrganisationOf(deps, inbound, directory);
  }

  async function rememberOrganisation(inbound: Inbound, organisationId: string): Promise<void> {
    const key = userPreferencesKey(inbound);
    const current = await deps.store.read<UserPreferences>(key);
    await deps.store.write<UserPreferences>(key, { ...current?.value, organisationId }, current ? { etag: current.etag } : 'new');
  }

  async function answer(ctx: FlowContext, inbound: Inbound, tree: DecisionTree, state: TreeState, value: string): Promise<FlowStep<TreeState>> {
    const directory = await deps.directory.load();
    const choice = choicesOf(ctx, tree, state, directory).find((c) => c.value === value);
    if (!choice) return show(ctx, tree, state, ctx.t('tree.hint.choose'));
    if (state.askingOrganisation) {
      await rememberOrganisation(inbound, choice.value);
      const known = { ...state, organisationId: choice.value, askingOrganisation: false };
      // Now the region is known: a run that has not gone past its first question moves to the region's own tree.
      const regional = await deps.versions.current(regionOf(directory, choice.value));
      if (regional.version !== tree.version && !state.history.length) return show(ctx, regional, { ...known, version: regional.version, node: regional.root });
      return show(ctx, tree, known);
    }
    const node = tree.nodes.find((n) => n.id === state.node);
    const picked = value === UNKNOWN ? {} : node?.kind === 'application' ? { applicationId: value } : node?.kind === 'organisation' ? { organisationId: value } : {};
    return show(ctx, tree, forward(state, choice.next!, { node: state.node, label: choice.title, ...picked }));
  }

  return {
    id: 'tree',
    matches: (text) => START.has(text),
    async start(ctx, inbound) {
      const action = inbound.action?.id;
      // The outcome's knowledge-base step opens the search on the application (filing an incident is the incident flow's).
      if (action === 'tree.kb') {
        const application = (await deps.directory.load()).applications.find((a) => a.id === inbound.action?.values.application);
        return { replies: [cardReply(kbSearchCard(ctx.t, application?.name ?? ''))] };
      }
      if (action && action !== 'tree.start' && action !== 'tree.restart') return begin(ctx, inbound, ctx.t('tree.stale'));
      return begin(ctx, inbound);
    },
    async step(ctx, state, inbound) {
      const tree = (await deps.versions.version(state.version)) ?? (await deps.versions.current());
      const action = inbound.action;
      if (action) {
        if (action.values.run !== state.run) return show(ctx, tree, state, ctx.t('tree.stale'));
        switch (action.id) {
          case 'tree.back': return show(ctx, tree, back(state));
          case 'tree.restart': return show(ctx, tree, restart(state, tree.root));
          case 'tree.stop': return { replies: [cardReply(treeStoppedCard(ctx.t), replaceKey(state))], clearActive: true };
          case 'tree.continue': {
            const node = tree.nodes.find((n) => n.id === state.node);
            if (node?.kind !== 'advice' || action.values.node !== node.id) return show(ctx, tree, state, ctx.t('tree.stale'));
            return show(ctx, tree, forward(state, node.next, { node: node.id, label: node.continueLabel[ctx.locale] }));
          }
          case 'tree.choose': {
            const expected = state.askingOrganisation ? '__organisation' : state.node;
            if (action.values.node !== expected) return show(ctx, tree, state, ctx.t('tree.stale'));
            return answer(ctx, inbound, tree, state, String(action.values.choice ?? ''));
          }
          default: return show(ctx, tree, state);
        }
      }
      const text = normalizeText(inbound.text);
      if (BACK.has(text)) return show(ctx, tree, back(state));
      if (RESTART.has(text)) return show(ctx, tree, restart(state, tree.root));
      const directory = await deps.directory.load();
      const node = tree.nodes.find((n) => n.id === state.node);
      if (!state.askingOrganisation && node?.kind === 'advice') {
        // Any "no"/"didn't help" moves on; anything else shows the advice again.
        return /^(nee|no|werkt niet|hielp niet|dit hielp niet|did not help|verder|next)$/.test(text)
          ? show(ctx, tree, forward(state, node.next, { node: node.id, label: node.continueLabel[ctx.locale] }))
          : show(ctx, tree, state, ctx.t('tree.hint.unmatched'));
      }
      const value = matchChoice(inbound.text, choicesOf(ctx, tree, state, directory));
      if (value) return answer(ctx, inbound, tree, state, value);
      if (state.askingOrganisation && inbound.text) {
        const org = resolveOrganisation(directory, inbound.text);
        if (org.ok && org.value.kind === 'care-provider') return answer(ctx, inbound, tree, state, org.value.id);
        return show(ctx, tree, state, ctx.t('tree.org.unmatched', { query: inbound.text.trim().slice(0, 80) }));
      }
      return show(ctx, tree, state, ctx.t('tree.hint.unmatched'));
    },
    capabilities: (t) => [{ title: t('tree.capability.title'), text: t('tree.capability.text'), action: { kind: 'submit', id: 'tree.start', label: t('tree.capability.action'), style: 'primary' } }],
  };
}
