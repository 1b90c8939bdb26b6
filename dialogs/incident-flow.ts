import type { ReleaseService } from '../core/domain/releases/release-service.ts';
import { fieldProblemText, incidentCard, localDateTime, incidentFormCard, incidentListCard, reasonText, type IncidentFormValues } from '../cards/views/incident-cards.ts';
import type { MessageKey, Translate } from '../cards/i18n/translate.ts';
import { deskStatusText } from '../cards/views/desk-status-text.ts';
import { confirmedNotPatientData, NOT_PATIENT_DATA } from '../cards/views/patient-details-blocks.ts';
import { audienceHas, type Flow, type FlowContext, type FlowStep } from '../core/conversation/flow.ts';
import type { Inbound } from '../core/conversation/inbound.ts';
import type { KeyValueStore } from '../core/conversation/key-value-store.ts';
import { createHash, randomUUID } from 'node:crypto';
import { normalizeText } from '../core/conversation/normalize.ts';
import { cardReply, formReply, privateReply, textReply, type Reply } from '../core/conversation/reply.ts';
import type { People } from '../core/domain/access/people.ts';
import type { DirectoryRepository } from '../core/domain/directory/directory-repository.ts';
import { deskStatusOf } from '../core/domain/directory/desk-status-of.ts';
import type { DirectoryDocument } from '../core/domain/directory/types.ts';
import type { IncidentProblem, IncidentService } from '../core/domain/incidents/incident-service.ts';
import { IMPACTS, type Impact, type Incident } from '../core/domain/incidents/types.ts';
import { canHandleIncident } from '../core/domain/incidents/incident-rules.ts';
import { canPassOn } from '../core/domain/incidents/pass-on.ts';
import { findCitizenServiceNumbers } from '../core/domain/privacy/citizen-service-number.ts';
import { parsePassOn } from './incident-pass-on.ts';
import { createPassOnSteps, passOnChoiceOf, toActor } from './incident-pass-on-steps.ts';
import type { FormAlerted } from '../cards/views/incident-form-card.ts';
import type { Person } from '../core/domain/access/types.ts';
import { hhmm, isoDate, localParts } from '../core/time/amsterdam-time.ts';
import { localDateTimeToIso } from './local-date-time.ts';
import { knownOrganisation } from './known-organisation.ts';

const FILE = /^(?:(?:meld|melden|nieuw|nieuwe?)\s+(?:een\s+)?(?:storing|incident)|(?:storing|incident)(?:\s+(?:melden|nieuw))?|report(?:\s+an?)?\s+incident|new\s+incident|file\s+(?:an?\s+)?incident)$/i;
// The number alone, or after one word as people write it ("incident", "storing", "toon", a typo like "incidnet").
const SHOW = /^(?:[a-z]{1,12}\s+)?(inc-?\d{4}-?\d{1,6})$/i;
const LIST = /^(?:incidenten|open incidenten|storingen|incidents|open incidents)$/i;

const text = (v: unknown): string => (Array.isArray(v) ? v.join(',') : v === undefined || v === null ? '' : String(v));
const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : text(v).split(',')).map((s) => s.trim()).filter(Boolean);

/**
 * Incidents in chat: the filing form (a modal in Slack), the incident card with its lifecycle
 * actions (from the channel card or a personal chat), one incident by id, and the open list.
 */
const CONFIRM_WITHIN_MS = 15 * 60_000;
/** Where a first press of a note that looks like patient details is remembered (the text only as a hash). */
const confirmationKey = (personId: string, incidentId: string, action: string, typed: string) =>
  `incident-confirm:${personId}:${incidentId}:${action}:${createHash('sha256').update(typed.trim()).digest('hex').slice(0, 32)}`;

export function createIncidentFlow(deps: { incidents: IncidentService; directory: DirectoryRepository; people: People; store: KeyValueStore; releases?: ReleaseService }): Flow<never> {
  // Each form has its own id: a form sent back with problems replaces itself, a filed form is replaced
  // by the incident card (so it cannot be filed twice), and a new "meld storing" gets a new form.
  async function form(ctx: FlowContext, inbound: Inbound, formId: string, values: IncidentFormValues, problems: Parameters<typeof incidentFormCard>[3] = {}): Promise<FlowStep<never>> {
    const directory = await deps.directory.load();
    // "Since which version": the recent releases of the chosen applications (or of all), so a rise after a release shows.
    const recent = (await deps.releases?.recentVersions(values.applications ?? [])) ?? [];
    const app = (id: string) => directory.applications.find((a) => a.id === id)?.name ?? id;
    const recentVersions = recent.map((r) => `${app(r.applicationId)} ${r.version} (${localDateTime(r.releasedAt).slice(0, 10)})`).join(', ');
    const person = await personOf(inbound);
    const alerted = await alertedFor(person, inbound, directory, values);
    return { replies: [formReply(incidentFormCard(ctx.t, values, directory, problems, { formId, alerted, ...(person.displayName ? {} : { askName: true }), ...(recentVersions ? { recentVersions } : {}) }), `incident-form:${formId}`)] };
  }

  /** Who the report would go to with these values, by the rules filing uses. */
  async function alertedFor(person: Person, inbound: Inbound, directory: DirectoryDocument, values: IncidentFormValues): Promise<FormAlerted> {
    const organisations = (values.organisations ?? []).filter((id) => directory.organisations.some((o) => o.id === id));
    const applications = (values.applications ?? []).filter((id) => directory.applications.some((a) => a.id === id));
    const reporterOrg = (await knownOrganisation(deps, inbound, directory)) ?? organisations[0];
    if (!reporterOrg || !organisations.length) return { unknown: true };
    const plan = await deps.incidents.alerted(person, reporterOrg, { organisationIds: organisations, applicationIds: applications, possibleDataLeak: values.dataLeak === true });
    if ('problem' in plan) return { unknown: true };
    const name = (id: string) => directory.organisations.find((o) => o.id === id)?.name ?? id;
    return { organisations: plan.audienceIds.map((id) => ({ name: name(id), channel: plan.withChannel.includes(id) })), held: plan.heldAudienceIds.map(name) };
  }

  /**
   * The person, with the name the platform gave when Ketenbot has none (cards show names, not ids).
   * A one-letter name is no name: the local web chat calls everyone "U" (its avatar initial).
   */
  async function personOf(inbound: Inbound): Promise<Person> {
    const { displayName, ...person } = await deps.people.of(inbound);
    const usable = (name: string | undefined) => (name && name.trim().length >= 2 ? name.trim() : undefined);
    const name = usable(displayName) ?? usable(inbound.actor.name);
    return name ? { ...person, displayName: name } : person;
  }

  async function newForm(ctx: FlowContext, inbound: Inbound): Promise<FlowStep<never>> {
    const directory = await deps.directory.load();
    const organisation = await knownOrganisation(deps, inbound, directory);
    const v = inbound.action?.values ?? {};
    const application = text(v.application);
    const now = localParts(ctx.now);
    const app = directory.applications.find((a) => a.id === application);
    return form(ctx, inbound, randomUUID().slice(0, 8), {
      ...(app ? { applications: [app.id], title: ctx.t('incident.prefill.title', { application: app.name }) } : {}),
      ...(text(v.answers) ? { description: ctx.t('incident.prefill.description', { answers: text(v.answers) }) } : {}),
      organisations: organisation ? [organisation] : [],
      impact: 'degraded',
      startDate: isoDate(now.year, now.month, now.day),
      startTime: hhmm(now.minutes),
    });
  }

  async function submit(ctx: FlowContext, inbound: Inbound, checkOnly = false): Promise<FlowStep<never>> {
    const v = inbound.action!.values;
    const values: IncidentFormValues = {
      title: text(v.title), description: text(v.description), applications: list(v.applications), organisations: list(v.organisations),
      impact: text(v.impact), startDate: text(v.startDate), startTime: text(v.startTime), sinceVersion: text(v.sinceVersion),
      dataLeak: v.dataLeak === true || v.dataLeak === 'true',
      ...(confirmedNotPatientData(v[NOT_PATIENT_DATA]) ? { notPatientData: true } : {}),
      ...(text(v.reporterName).trim() ? { reporterName: text(v.reporterName).trim().slice(0, 100) } : {}),
    };
    const formId = /^[\w-]{1,40}$/.test(text(v.formId)) ? text(v.formId) : randomUUID().slice(0, 8);
    // "Ontvangers tonen": the same form again, saying who gets it with what is chosen now. Nothing is filed.
    if (checkOnly) return form(ctx, inbound, formId, values);
    const directory = await deps.directory.load();
    const known = await personOf(inbound);
    // A typed name names the reporter on the card; a name holds no digits (and so never a citizen service number).
    const typedName = values.reporterName && !/\d/.test(values.reporterName) && !findCitizenServiceNumbers(values.reporterName).length ? values.reporterName : undefined;
    const person = !known.displayName && typedName ? { ...known, displayName: typedName } : known;
    const reporterOrg = (await knownOrganisation(deps, inbound, directory)) ?? values.organisations![0];
    if (!reporterOrg) return form(ctx, inbound, formId, values, { organisations: { code: 'required' } });
    const startedAt = startInstant(values, ctx.now);
    const result = await deps.incidents.file(person, reporterOrg, {
      title: values.title!, description: values.description!, applicationIds: values.applications!, organisationIds: values.organisations!,
      impact: ((IMPACTS as readonly string[]).includes(values.impact!) ? values.impact : '') as Impact,
      startedAt: startedAt ?? 'invalid', possibleDataLeak: values.dataLeak!, ...(values.sinceVersion ? { sinceVersion: values.sinceVersion } : {}),
      ...(values.notPatientData ? { notPatientData: true } : {}),
    });
    // Nothing typed is lost: the form comes back with the values and what to change.
    if (!result.ok && result.problem.code === 'invalid') return form(ctx, inbound, formId, values, result.problem.fields);
    if (!result.ok) return { replies: [textReply(problemText(ctx.t, result.problem, directory))] };
    return { replies: await filedReplies(ctx, result.value, directory, person, `incident-form:${formId}`) };
  }

  async function filedReplies(ctx: FlowContext, incident: Incident, directory: DirectoryDocument, person: Person, replaceKey: string): Promise<Reply[]> {
    const name = (id: string) => directory.organisations.find((o) => o.id === id)?.name ?? id;
    const coordinator = directory.organisations.find((o) => o.id === incident.coordinatorId);
    const lines = [ctx.t('incident.filed', { id: incident.id, coordinator: name(incident.coordinatorId), reason: reasonText(ctx.t, incident.reason) })];
    if (incident.layer === 'local' && !incident.possibleDataLeak) {
      lines.push(incident.coordinatorId === incident.reporter.organisationId ? ctx.t('incident.filed.local') : ctx.t('incident.filed.localOther', { organisation: name(incident.coordinatorId) }));
    }
    const channels = incident.noticeId ? await deps.incidents.channelCount(incident) : 0;
    lines.push(channels ? ctx.t('incident.filed.channels', { channels }) : ctx.t('incident.filed.noChannels'));
    if (coordinator) {
      const status = deskStatusOf(coordinator, ctx.now);
      if (!status.open) lines.push(ctx.t('incident.filed.deskClosed', { coordinator: coordinator.name, status: deskStatusText(ctx.t, ctx.locale, status, ctx.now) }));
    }
    if (incident.possibleDataLeak) lines.push(ctx.t('incident.filed.securityNote', { audience: incident.audienceIds.map(name).join(', ') }), ctx.t('incident.security.steps'));
    return [textReply(lines.join('\n')), cardReply(incidentCard(ctx.t, incident, directory, { actions: modeFor(person, incident), passOn: canPassOn(person, incident) }), replaceKey)];
  }

  async function act(ctx: FlowContext, inbound: Inbound, name: string): Promise<FlowStep<never>> {
    const v = inbound.action!.values;
    const id = text(v.incidentId);
    const person = await personOf(inbound);
    const typed = text(v.text);
    const s = deps.incidents;
    // A note that looks like patient details is stored only when the same person presses the same
    // button with the same text again within 15 minutes (the card keeps what was typed).
    const pressedBefore = typed.trim() ? await deps.store.read<{ at: string }>(confirmationKey(person.id, id, name, typed)) : undefined;
    const notPatientData = !!pressedBefore && ctx.now.getTime() - Date.parse(pressedBefore.value.at) <= CONFIRM_WITHIN_MS;
    const options = { notPatientData };
    const result =
      name === 'take' ? await s.take(person, id, typed, options)
      : name === 'update' ? await s.addUpdate(person, id, typed, options)
      : name === 'resolve' ? await s.resolve(person, id, typed, options)
      : name === 'confirm' ? await s.confirm(person, id)
      : name === 'reopen' ? await s.reopen(person, id, typed, options)
      : name === 'escalate' ? await s.escalate(person, id)
      : undefined;
    if (name === 'passOn') return passOn(ctx, inbound, person, id, passOnChoiceOf(text(v.to)));
    if (!result) return { replies: [textReply(ctx.t('incident.unknownAction'))] };
    if (!result.ok && result.problem.code === 'invalid' && result.problem.fields.text?.code === 'patient-details') {
      await deps.store.write(confirmationKey(person.id, id, name, typed), { at: ctx.now.toISOString() }, pressedBefore ? { etag: pressedBefore.etag } : 'new').catch(() => undefined);
      return { replies: [toActor(inbound, ctx.t('incident.patient.pressAgain'))] };
    }
    if (pressedBefore) await deps.store.delete(confirmationKey(person.id, id, name, typed), { etag: pressedBefore.etag }).catch(() => undefined);
    const directory = await deps.directory.load();
    if (!result.ok) return { replies: [toActor(inbound, problemText(ctx.t, result.problem, directory))] };
    const incident = result.value;
    const done = doneKey(name);
    const coordinator = directory.organisations.find((o) => o.id === incident.coordinatorId)?.name ?? incident.coordinatorId;
    return { replies: doneReplies(ctx, inbound, person, incident, directory, ctx.t(done, { id: incident.id, coordinator })) };
  }

  /**
   * After a change: the text is for the person who acted only (in a channel the card changes in place
   * for everyone, so there it goes to their personal chat or nowhere); in a personal chat the card is
   * their own copy, shown changed.
   */
  function doneReplies(ctx: FlowContext, inbound: Inbound, person: Person, incident: Incident, directory: DirectoryDocument, said: string): Reply[] {
    if (inbound.conversation.kind !== 'personal') return [privateReply(said, 'or-skip')];
    return [textReply(said), cardReply(incidentCard(ctx.t, incident, directory, { actions: modeFor(person, incident), passOn: canPassOn(person, incident) }), `incident:${incident.id}`)];
  }

  const { passOn, typedPassOn } = createPassOnSteps({ incidents: deps.incidents, directory: deps.directory, personOf, doneReplies, problemText });

  return {
    id: 'incident',
    matches: (t) => FILE.test(t) || SHOW.test(t) || LIST.test(t) || parsePassOn(t) !== undefined,
    isLookup: (t) => SHOW.test(t) || LIST.test(t),
    async start(ctx, inbound) {
      const action = inbound.action?.id;
      if (action === 'incident.new') return newForm(ctx, inbound);
      if (action === 'incident.file') return submit(ctx, inbound);
      if (action === 'incident.check') return submit(ctx, inbound, true);
      if (action?.startsWith('incident.')) return act(ctx, inbound, action.slice('incident.'.length));
      const raw = normalizeText(inbound.text);
      const command = parsePassOn(raw);
      if (command) return typedPassOn(ctx, inbound, command);
      const person = await personOf(inbound);
      const show = SHOW.exec(raw);
      if (show) {
        const found = await deps.incidents.get(person, show[1]!);
        if (!found.ok) return { replies: [textReply(problemText(ctx.t, found.problem))] };
        return { replies: [cardReply(incidentCard(ctx.t, found.value, await deps.directory.load(), { actions: modeFor(person, found.value), passOn: canPassOn(person, found.value) }), `incident:${found.value.id}`)] };
      }
      if (LIST.test(raw)) {
        return { replies: [cardReply(incidentListCard(ctx.t, await deps.incidents.listOpen(person), await deps.directory.load()))] };
      }
      return newForm(ctx, inbound);
    },
    capabilities: (t, audience) => [
      { title: t('incident.capability.title'), text: t('incident.capability.text'), action: { kind: 'submit', id: 'incident.new', label: t('incident.action.new') } },
      // Passing on is the support staff's work (seed 004): not on a care professional's welcome.
      ...(audienceHas(audience, 'servicedesk-agent', 'service-manager', 'administrator', 'chain-coordinator') ? [{ title: t('incident.capability.passOn.title'), text: t('incident.capability.passOn.text') }] : []),
    ],
  };
}

/** Support staff get the handling actions; the reporter the actions of a reporter; others only look. */
function modeFor(person: Person, incident: Incident): 'handler' | 'reporter' | 'none' {
  if (canHandleIncident(person, incident)) return 'handler';
  return person.id === incident.reporter.id ? 'reporter' : 'none';
}

/** Date and time as typed (Europe/Amsterdam); empty → now. */
function startInstant(values: IncidentFormValues, now: Date): string | undefined {
  return localDateTimeToIso(values.startDate, values.startTime, now, now);
}

function doneKey(name: string): MessageKey {
  switch (name) {
    case 'take': return 'incident.done.taken';
    case 'update': return 'incident.done.update';
    case 'resolve': return 'incident.done.resolved';
    case 'confirm': return 'incident.done.closed';
    case 'reopen': return 'incident.done.reopened';
    default: return 'incident.done.escalated';
  }
}

export function problemText(t: Translate, problem: IncidentProblem, directory?: DirectoryDocument): string {
  const org = (id: string) => directory?.organisations.find((o) => o.id === id)?.name ?? id;
  switch (problem.code) {
    case 'invalid': {
      const [field, p] = Object.entries(problem.fields)[0] ?? [];
      if (!p) return t('incident.problem.invalid');
      if (field === 'text' && p.code === 'required') return t('incident.textRequired');
      return t('incident.textProblem', { problem: fieldProblemText(t, p) });
    }
    case 'route': return routeProblemText(t, problem.problem);
    case 'not-found': return t('incident.notFound', { id: problem.id });
    case 'forbidden': return t('incident.forbidden', { id: problem.id });
    case 'not-reporter': return t('incident.notReporter', { id: problem.id });
    case 'wrong-status': return t('incident.wrongStatus', { id: problem.id, status: t(`incident.status.${problem.status}` as MessageKey).toLowerCase() });
    case 'top-layer': return t('incident.topLayer', { id: problem.id });
    case 'confidential': return t('incident.confidentialNoEscalation', { id: problem.id });
    case 'conflict': return t('incident.conflict', { id: problem.id });
    // "… is een incident op ketenniveau": the card's own subtitle, in the sentence.
    case 'not-local': return t('incident.problem.notLocal', { id: problem.id, layer: lowerFirst(t(`incident.subtitle.${problem.layer}` as MessageKey)) });
    case 'cannot-pass-on': return t('incident.problem.cannotPassOn', { id: problem.id, coordinator: org(problem.coordinatorId) });
    case 'no-pass-on-target': return t(problem.kind ? `incident.problem.noTarget.${problem.kind}` : 'incident.problem.noTarget.none', { id: problem.id, coordinator: org(problem.coordinatorId) });
  }
}

export function routeProblemText(t: Translate, problem: Extract<IncidentProblem, { code: 'route' }>['problem']): string {
  switch (problem.code) {
    case 'nothing-named': return t('incident.route.problem.nothing');
    case 'unknown-organisations': return t('incident.route.problem.organisations', { ids: problem.ids.join(', '), count: problem.ids.length });
    case 'unknown-applications': return t('incident.route.problem.applications', { ids: problem.ids.join(', '), count: problem.ids.length });
    case 'no-chain-coordination': return t('incident.route.problem.chain');
  }
}

/** "Incident op …" → "incident op …"; "GtK-…" keeps its capitals. */
const lowerFirst = (text: string) => (/^.[a-z]/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text);
