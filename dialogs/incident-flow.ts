import type { ReleaseService } from '../core/domain/releases/release-service.ts';
import { fieldProblemText, incidentCard, localDateTime, incidentFormCard, incidentListCard, reasonText, type IncidentFormValues } from '../cards/views/incident-cards.ts';
import type { MessageKey, Translate } from '../cards/i18n/translate.ts';
import { deskStatusText } from '../cards/views/desk-status-text.ts';
import { confirmedNotPatientData, NOT_PATIENT_DATA } from '../cards/views/patient-details-blocks.ts';
import type { Flow, FlowContext, FlowStep } from '../core/conversation/flow.ts';
import type { Inbound } from '../core/conversation/inbound.ts';
import type { KeyValueStore } from '../core/conversation/key-value-store.ts';
import { createHash, randomUUID } from 'node:crypto';
import { normalizeText } from '../core/conversation/normalize.ts';
import { cardReply, formReply, textReply, type Reply } from '../core/conversation/reply.ts';
import type { People } from '../core/domain/access/people.ts';
import type { DirectoryRepository } from '../core/domain/directory/directory-repository.ts';
import { deskStatusOf } from '../core/domain/directory/desk-status-of.ts';
import type { DirectoryDocument } from '../core/domain/directory/types.ts';
import type { IncidentProblem, IncidentService } from '../core/domain/incidents/incident-service.ts';
import { IMPACTS, type Impact, type Incident } from '../core/domain/incidents/types.ts';
import { canHandleIncident } from '../core/domain/incidents/incident-rules.ts';
import type { Person } from '../core/domain/access/types.ts';
import { hhmm, isoDate, localParts } from '../core/time/amsterdam-time.ts';
import { localDateTimeToIso } from './local-date-time.ts';
import { knownOrganisation } from './known-organisation.ts';

const FILE = /^(?:(?:meld|melden|nieuw|nieuwe?)\s+(?:een\s+)?(?:storing|incident)|(?:storing|incident)(?:\s+(?:melden|nieuw))?|report(?:\s+an?)?\s+incident|new\s+incident|file\s+(?:an?\s+)?incident)$/i;
const SHOW = /^(?:incident|storing)\s+(inc-?\d{4}-?\d{1,6})$/i;
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
  async function form(ctx: FlowContext, formId: string, values: IncidentFormValues, problems: Parameters<typeof incidentFormCard>[3] = {}): Promise<FlowStep<never>> {
    const directory = await deps.directory.load();
    // "Since which version": the recent releases of the chosen applications (or of all), so a rise after a release shows.
    const recent = (await deps.releases?.recentVersions(values.applications ?? [])) ?? [];
    const app = (id: string) => directory.applications.find((a) => a.id === id)?.name ?? id;
    const recentVersions = recent.map((r) => `${app(r.applicationId)} ${r.version} (${localDateTime(r.releasedAt).slice(0, 10)})`).join(', ');
    return { replies: [formReply(incidentFormCard(ctx.t, values, directory, problems, { formId, ...(recentVersions ? { recentVersions } : {}) }), `incident-form:${formId}`)] };
  }

  /** The person, with the name the platform gave when Ketenbot has none (cards show names, not ids). */
  async function personOf(inbound: Inbound): Promise<Person> {
    const person = await deps.people.of(inbound);
    return person.displayName || !inbound.actor.name ? person : { ...person, displayName: inbound.actor.name };
  }

  async function newForm(ctx: FlowContext, inbound: Inbound): Promise<FlowStep<never>> {
    const directory = await deps.directory.load();
    const organisation = await knownOrganisation(deps, inbound, directory);
    const v = inbound.action?.values ?? {};
    const application = text(v.application);
    const now = localParts(ctx.now);
    const app = directory.applications.find((a) => a.id === application);
    return form(ctx, randomUUID().slice(0, 8), {
      ...(app ? { applications: [app.id], title: ctx.t('incident.prefill.title', { application: app.name }) } : {}),
      ...(text(v.answers) ? { description: ctx.t('incident.prefill.description', { answers: text(v.answers) }) } : {}),
      organisations: organisation ? [organisation] : [],
      impact: 'degraded',
      startDate: isoDate(now.year, now.month, now.day),
      startTime: hhmm(now.minutes),
    });
  }

  async function submit(ctx: FlowContext, inbound: Inbound): Promise<FlowStep<never>> {
    const v = inbound.action!.values;
    const values: IncidentFormValues = {
      title: text(v.title), description: text(v.description), applications: list(v.applications), organisations: list(v.organisations),
      impact: text(v.impact), startDate: text(v.startDate), startTime: text(v.startTime), sinceVersion: text(v.sinceVersion),
      dataLeak: v.dataLeak === true || v.dataLeak === 'true',
      ...(confirmedNotPatientData(v[NOT_PATIENT_DATA]) ? { notPatientData: true } : {}),
    };
    const formId = /^[\w-]{1,40}$/.test(text(v.formId)) ? text(v.formId) : randomUUID().slice(0, 8);
    const directory = await deps.directory.load();
    const person = await personOf(inbound);
    const reporterOrg = (await knownOrganisation(deps, inbound, directory)) ?? values.organisations![0];
    if (!reporterOrg) return form(ctx, formId, values, { organisations: { code: 'required' } });
    const startedAt = startInstant(values, ctx.now);
    const result = await deps.incidents.file(person, reporterOrg, {
      title: values.title!, description: values.description!, applicationIds: values.applications!, organisationIds: values.organisations!,
      impact: ((IMPACTS as readonly string[]).includes(values.impact!) ? values.impact : '') as Impact,
      startedAt: startedAt ?? 'invalid', possibleDataLeak: values.dataLeak!, ...(values.sinceVersion ? { sinceVersion: values.sinceVersion } : {}),
      ...(values.notPatientData ? { notPatientData: true } : {}),
    });
    // Nothing typed is lost: the form comes back with the values and what to change.
    if (!result.ok && result.problem.code === 'invalid') return form(ctx, formId, values, result.problem.fields);
    if (!result.ok) return { replies: [textReply(problemText(ctx.t, result.problem))] };
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
    return [textReply(lines.join('\n')), cardReply(incidentCard(ctx.t, incident, directory, { actions: modeFor(person, incident) }), replaceKey)];
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
    if (!result) return { replies: [textReply(ctx.t('incident.unknownAction'))] };
    if (!result.ok && result.problem.code === 'invalid' && result.problem.fields.text?.code === 'patient-details') {
      await deps.store.write(confirmationKey(person.id, id, name, typed), { at: ctx.now.toISOString() }, pressedBefore ? { etag: pressedBefore.etag } : 'new').catch(() => undefined);
      return { replies: [textReply(ctx.t('incident.patient.pressAgain'))] };
    }
    if (pressedBefore) await deps.store.delete(confirmationKey(person.id, id, name, typed), { etag: pressedBefore.etag }).catch(() => undefined);
    if (!result.ok) return { replies: [textReply(problemText(ctx.t, result.problem))] };
    const directory = await deps.directory.load();
    const incident = result.value;
    const done = doneKey(name);
    const coordinator = directory.organisations.find((o) => o.id === incident.coordinatorId)?.name ?? incident.coordinatorId;
    const replies: Reply[] = [textReply(ctx.t(done, { id: incident.id, coordinator }))];
    // In a personal chat the card is the user's own copy: show it changed. In channels the outbox updates the card.
    if (inbound.conversation.kind === 'personal') replies.push(cardReply(incidentCard(ctx.t, incident, directory, { actions: modeFor(person, incident) }), `incident:${incident.id}`));
    return { replies };
  }

  return {
    id: 'incident',
    matches: (t) => FILE.test(t) || SHOW.test(t) || LIST.test(t),
    async start(ctx, inbound) {
      const action = inbound.action?.id;
      if (action === 'incident.new') return newForm(ctx, inbound);
      if (action === 'incident.file') return submit(ctx, inbound);
      if (action?.startsWith('incident.')) return act(ctx, inbound, action.slice('incident.'.length));
      const raw = normalizeText(inbound.text);
      const person = await personOf(inbound);
      const show = SHOW.exec(raw);
      if (show) {
        const found = await deps.incidents.get(person, show[1]!);
        if (!found.ok) return { replies: [textReply(problemText(ctx.t, found.problem))] };
        return { replies: [cardReply(incidentCard(ctx.t, found.value, await deps.directory.load(), { actions: modeFor(person, found.value) }), `incident:${found.value.id}`)] };
      }
      if (LIST.test(raw)) {
        return { replies: [cardReply(incidentListCard(ctx.t, await deps.incidents.listOpen(person), await deps.directory.load()))] };
      }
      return newForm(ctx, inbound);
    },
    capabilities: (t) => [{ title: t('incident.capability.title'), text: t('incident.capability.text'), action: { kind: 'submit', id: 'incident.new', label: t('incident.action.new') } }],
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

export function problemText(t: Translate, problem: IncidentProblem): string {
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
  }
}

export function routeProblemText(t: Translate, problem: Extract<IncidentProblem, { code: 'route' }>['problem']): string {
  switch (problem.code) {
    case 'nothing-named': return t('incident.route.problem.nothing');
    case 'unknown-organisations': return t('incident.route.problem.organisations', { ids: problem.ids.join(', ') });
    case 'unknown-applications': return t('incident.route.problem.applications', { ids: problem.ids.join(', ') });
    case 'no-chain-coordination': return t('incident.route.problem.chain');
  }
}
