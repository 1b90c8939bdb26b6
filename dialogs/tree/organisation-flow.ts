import { organisationQuestionCard, organisationShowCard } from '../../cards/views/tree-cards.ts';
import type { Flow, FlowContext, FlowStep } from '../../core/conversation/flow.ts';
import type { Inbound } from '../../core/conversation/inbound.ts';
import type { KeyValueStore } from '../../core/conversation/key-value-store.ts';
import { normalizeText } from '../../core/conversation/normalize.ts';
import { cardReply, textReply } from '../../core/conversation/reply.ts';
import type { People } from '../../core/domain/access/people.ts';
import type { DirectoryRepository } from '../../core/domain/directory/directory-repository.ts';
import { NOT_LISTED_PREFERENCE, rememberOrganisation, treeOrganisation } from '../known-organisation.ts';
import { organisationChoices, typedOrganisation } from './organisation-question.ts';
import { NOT_LISTED } from './tree-state.ts';

const SHOW = new Set(['mijn organisatie', 'mijn organisaties', 'welke organisatie', 'my organisation', 'my organization']);
const CHANGE = new Set([
  'andere organisatie', 'organisatie wijzigen', 'wijzig organisatie', 'organisatie veranderen', 'verander organisatie', 'organisatie kiezen',
  'change organisation', 'change organization', 'other organisation', 'other organization', 'choose organisation', 'choose organization',
]);
/**
 * Typed "andere organisatie" belongs to the decision tree (it asks, then goes on where the run was,
 * or starts a run); "mijn organisatie" is this flow's, a quick look-up that leaves an open question open.
 */
export const CHANGE_ORGANISATION = CHANGE;

interface OrganisationState {
  asking: true;
}

/**
 * "mijn organisatie" shows which organisation Ketenbot assumes for the decision tree (and where
 * that comes from); "andere organisatie" changes it, to any organisation in the directory or
 * "staat er niet bij". The choice is kept in the user's preferences.
 */
export function createOrganisationFlow(deps: { people: People; directory: DirectoryRepository; store: KeyValueStore }): Flow<OrganisationState> {
  async function ask(ctx: FlowContext, inbound: Inbound, error?: string): Promise<FlowStep<OrganisationState>> {
    const directory = await deps.directory.load();
    const known = await treeOrganisation(deps, inbound, directory);
    const choices = organisationChoices(ctx.t, directory).map(({ title, value, description }) => ({ title, value, ...(description ? { description } : {}) }));
    const current = 'organisationId' in known ? known.organisationId : known.source === 'not-listed' ? NOT_LISTED : undefined;
    return { replies: [cardReply(organisationQuestionCard(ctx.t, { choices, ...(current ? { current } : {}), ...(error ? { error } : {}) }), 'organisation')], state: { asking: true } };
  }

  async function chosen(ctx: FlowContext, inbound: Inbound, value: string): Promise<FlowStep<OrganisationState>> {
    const directory = await deps.directory.load();
    const organisation = directory.organisations.find((o) => o.id === value);
    if (!organisation && value !== NOT_LISTED) return ask(ctx, inbound, ctx.t('tree.org.choose'));
    await rememberOrganisation(deps.store, inbound, organisation ? organisation.id : NOT_LISTED_PREFERENCE);
    const said = organisation ? ctx.t('tree.org.changed', { name: organisation.name }) : ctx.t('tree.org.changedNone');
    return { replies: [textReply(`${said} ${ctx.t('organisation.next')}`)] };
  }

  return {
    id: 'organisation',
    matches: (text) => SHOW.has(text),
    isLookup: (text) => SHOW.has(text),
    name: (t) => t('organisation.flowName'),
    async start(ctx, inbound) {
      const action = inbound.action?.id;
      if (action === 'organisation.change' || CHANGE.has(normalizeText(inbound.text))) return ask(ctx, inbound);
      // A stale choose/cancel (the question was answered already): show where things stand.
      const directory = await deps.directory.load();
      const known = await treeOrganisation(deps, inbound, directory);
      const name = 'organisationId' in known ? directory.organisations.find((o) => o.id === known.organisationId)?.name : undefined;
      const lines = name
        ? [ctx.t('organisation.show.known', { name }), ctx.t(known.source === 'linked' ? 'organisation.show.linked' : 'organisation.show.chosen')]
        : [ctx.t(known.source === 'not-listed' ? 'organisation.show.notListed' : 'organisation.show.none')];
      // With a tree run open, changing goes through the tree, which then returns to the step it was at.
      const change = ctx.activeFlowId === 'tree' ? 'tree.changeOrganisation' : undefined;
      return { replies: [cardReply(organisationShowCard(ctx.t, lines, Boolean(name) || known.source === 'not-listed', change))] };
    },
    async step(ctx, _state, inbound) {
      const action = inbound.action;
      if (action?.id === 'organisation.cancel') return { replies: [textReply(ctx.t('organisation.cancelled'))], clearActive: true };
      if (action?.id === 'organisation.choose') return chosen(ctx, inbound, String(action.values.choice ?? ''));
      if (action) return ask(ctx, inbound);
      const text = normalizeText(inbound.text);
      if (SHOW.has(text) || CHANGE.has(text)) return ask(ctx, inbound);
      const typed = typedOrganisation(ctx.t, await deps.directory.load(), inbound.text);
      return typed.kind === 'chosen' ? chosen(ctx, inbound, typed.value) : ask(ctx, inbound, typed.note);
    },
  };
}
