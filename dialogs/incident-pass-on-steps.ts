import type { MessageKey, Translate } from '../cards/i18n/translate.ts';
import { localDateTime, orList } from '../cards/views/incident-cards.ts';
import type { FlowContext, FlowStep } from '../core/conversation/flow.ts';
import type { Inbound } from '../core/conversation/inbound.ts';
import { privateReply, textReply, type Reply } from '../core/conversation/reply.ts';
import type { Person } from '../core/domain/access/types.ts';
import type { DirectoryRepository } from '../core/domain/directory/directory-repository.ts';
import type { DirectoryDocument } from '../core/domain/directory/types.ts';
import type { IncidentProblem, IncidentService } from '../core/domain/incidents/incident-service.ts';
import { canPassOn, passOnOpen, passOnTargets, remainingTargets, type PassOnChoice } from '../core/domain/incidents/pass-on.ts';
import type { Incident } from '../core/domain/incidents/types.ts';
import { choiceOf, type PassOnCommand } from './incident-pass-on.ts';

/**
 * The incident flow's pass-on steps (seed 004): the card's "Naar leverancier" / "Naar GtK" buttons
 * and the typed "doorzetten naar leverancier INC-…". What they answer is for the person who acted.
 */
export function createPassOnSteps(deps: {
  incidents: IncidentService;
  directory: DirectoryRepository;
  personOf: (inbound: Inbound) => Promise<Person>;
  doneReplies: (ctx: FlowContext, inbound: Inbound, person: Person, incident: Incident, directory: DirectoryDocument, said: string) => Reply[];
  problemText: (t: Translate, problem: IncidentProblem, directory?: DirectoryDocument) => string;
}) {
  const { personOf, doneReplies, problemText } = deps;

  /** Passes a local incident on (a button on its card, or typed): the desk's channels get the card. */
  async function passOn(ctx: FlowContext, inbound: Inbound, person: Person, id: string, choice: PassOnChoice | undefined): Promise<FlowStep<never>> {
    const directory = await deps.directory.load();
    if (!choice) return { replies: [toActor(inbound, ctx.t('incident.unknownAction'))] };
    const result = await deps.incidents.passOn(person, id, choice);
    if (!result.ok && result.problem.code === 'wrong-status') {
      return { replies: [toActor(inbound, ctx.t('incident.problem.passOnClosed', { id: result.problem.id, status: ctx.t(`incident.status.${result.problem.status}` as MessageKey).toLowerCase() }))] };
    }
    if (!result.ok) return { replies: [toActor(inbound, problemText(ctx.t, result.problem, directory))] };
    const { incident, added, already } = result.value;
    const name = (org: string) => directory.organisations.find((o) => o.id === org)?.name ?? org;
    if (!added.length) {
      const first = already[0]!;
      return { replies: [toActor(inbound, ctx.t('incident.done.passedOn.already', { id: incident.id, organisations: already.map((p) => name(p.organisationId)).join(', '), actor: first.by.name, at: localDateTime(first.at) }))] };
    }
    const said = ctx.t('incident.done.passedOn', { id: incident.id, organisations: added.map(name).join(', '), coordinator: name(incident.coordinatorId) });
    return { replies: doneReplies(ctx, inbound, person, incident, directory, said) };
  }

  /** "doorzetten naar leverancier INC-2026-0001" and its variants (incident-pass-on.ts). */
  async function typedPassOn(ctx: FlowContext, inbound: Inbound, command: PassOnCommand): Promise<FlowStep<never>> {
    const person = await personOf(inbound);
    const directory = await deps.directory.load();
    let id = command.id;
    if (!id) {
      // No number: the one open local incident this person can pass on, else ask which.
      const open = (await deps.incidents.listOpen(person)).filter((i) => passOnOpen(i) && canPassOn(person, i) && remainingTargets(directory, i).length);
      if (open.length !== 1) return { replies: [toActor(inbound, open.length ? ctx.t('incident.passOn.whichOf', { ids: open.slice(0, 10).map((i) => i.id).join(', ') }) : ctx.t('incident.passOn.which'))] };
      id = open[0]!.id;
    }
    const found = await deps.incidents.get(person, id);
    if (!found.ok) return { replies: [toActor(inbound, problemText(ctx.t, found.problem, directory))] };
    if (!command.target) return { replies: [toActor(inbound, ctx.t('incident.passOn.whereTo', { id: found.value.id }))] };
    const targets = passOnTargets(directory, found.value);
    const choice = choiceOf(command.target, targets, directory);
    if (!choice) {
      const names = targets.map((t) => ctx.t(`incident.passOn.target.${t.as}` as MessageKey, { name: directory.organisations.find((o) => o.id === t.organisationId)?.name ?? t.organisationId }));
      const coordinator = directory.organisations.find((o) => o.id === found.value.coordinatorId)?.name ?? found.value.coordinatorId;
      return { replies: [toActor(inbound, names.length ? ctx.t('incident.problem.noTarget', { id: found.value.id, targets: orList(ctx.t, names) }) : ctx.t('incident.problem.noTarget.none', { id: found.value.id, coordinator }))] };
    }
    return passOn(ctx, inbound, person, found.value.id, choice);
  }

  return { passOn, typedPassOn };
}

/** A text for the person who acted: in a personal chat simply a reply; elsewhere private (reply.ts), shown where they are if it cannot reach them privately. */
export function toActor(inbound: Inbound, text: string): Reply {
  return inbound.conversation.kind === 'personal' ? textReply(text) : privateReply(text);
}

/** A pass-on button's `to`: a kind of desk, or one organisation. */
export function passOnChoiceOf(to: string): PassOnChoice | undefined {
  if (to === 'supplier' || to === 'gtk') return { kind: to };
  return /^[\w.-]{1,100}$/.test(to) ? { organisationId: to } : undefined;
}
