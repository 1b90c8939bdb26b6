import { randomUUID } from 'node:crypto';
import { normalizeText } from '../core/conversation/normalize.ts';
import type { MessageKey, Translate } from '../cards/i18n/translate.ts';
import { localDateTime } from '../cards/views/incident-cards.ts';
import { maintenanceCard, maintenanceFormCard, maintenanceListCard, maintenanceProblemText, type MaintenanceFormValues } from '../cards/views/maintenance-cards.ts';
import { confirmedNotPatientData, NOT_PATIENT_DATA } from '../cards/views/patient-details-blocks.ts';
import type { Flow, FlowContext, FlowStep } from '../core/conversation/flow.ts';
import type { Inbound } from '../core/conversation/inbound.ts';
import { cardReply, formReply, textReply, type Reply } from '../core/conversation/reply.ts';
import type { People } from '../core/domain/access/people.ts';
import { isCoordinator, type Person } from '../core/domain/access/types.ts';
import type { DirectoryRepository } from '../core/domain/directory/directory-repository.ts';
import { normaliseMaintenanceId, type MaintenanceProblem, type MaintenanceService } from '../core/domain/maintenance/maintenance-service.ts';
import { MAINTENANCE_IMPACTS, type Maintenance, type MaintenanceImpact } from '../core/domain/maintenance/types.ts';
import { hhmm, isoDate, localParts } from '../core/time/amsterdam-time.ts';
import { localDateTimeToIso } from './local-date-time.ts';

const OPEN = /^(?:onderhoud|onderhoud (?:melden|aankondigen|plannen|nieuw)|maintenance|schedule maintenance|announce maintenance|new maintenance)$/i;
const LIST = /^(?:onderhoud (?:lijst|overzicht)|onderhoudsmeldingen|maintenance list)$/i;
// The number alone, or after one word ("onderhoud", "maintenance", "toon", a typo).
const SHOW = /^(?:[a-z]{1,12}\s+)?(mnt-?\d{4}-?\d{1,6})$/i;

const text = (v: unknown): string => (Array.isArray(v) ? v.join(',') : v === undefined || v === null ? '' : String(v));
const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : text(v).split(',')).map((s) => s.trim()).filter(Boolean);

/**
 * Maintenance in chat: administrators announce it with a form (a modal in Slack) and change,
 * extend or cancel it from its card in their personal chat; everyone can list what is planned.
 */
export function createMaintenanceFlow(deps: { maintenance: MaintenanceService; directory: DirectoryRepository; people: People }): Flow<never> {
  async function personOf(inbound: Inbound): Promise<Person> {
    const person = await deps.people.of(inbound);
    return person.displayName || !inbound.actor.name ? person : { ...person, displayName: inbound.actor.name };
  }

  async function form(ctx: FlowContext, person: Person, formId: string, values: MaintenanceFormValues, problems: Parameters<typeof maintenanceFormCard>[3] = {}): Promise<FlowStep<never>> {
    const directory = await deps.directory.load();
    // Administrators see the applications their organisations administer; chain coordinators all.
    const mine = isCoordinator(person) ? directory.applications : directory.applications.filter((a) => person.roles.some((g) => g.role === 'administrator' && g.organisationId === a.administratorId));
    // An administrator whose organisations administer no application: say so, and why, before anything is typed.
    if (!mine.length) {
      const administered = person.roles.filter((g) => g.role === 'administrator' && g.organisationId).map((g) => directory.organisations.find((o) => o.id === g.organisationId)?.name ?? g.organisationId!);
      return { replies: [textReply(administered.length ? ctx.t('maintenance.noApplications', { organisations: administered.join(', '), count: administered.length }) : ctx.t('maintenance.forbidden'))] };
    }
    return { replies: [formReply(maintenanceFormCard(ctx.t, values, directory, problems, { formId, applications: mine }), `maintenance-form:${formId}`)] };
  }

  async function listReply(ctx: FlowContext, person: Person): Promise<FlowStep<never>> {
    return { replies: [cardReply(maintenanceListCard(ctx.t, await deps.maintenance.active(), await deps.directory.load(), deps.maintenance.mayAnnounce(person)))] };
  }

  async function newForm(ctx: FlowContext, person: Person): Promise<FlowStep<never>> {
    // Not an administrator: which role it takes and who gives it, then what is planned.
    if (!deps.maintenance.mayAnnounce(person)) {
      const list = await listReply(ctx, person);
      return { replies: [textReply(ctx.t('maintenance.mayNotAnnounce')), ...list.replies] };
    }
    const tomorrow = localParts(new Date(ctx.now.getTime() + 86_400_000));
    return form(ctx, person, randomUUID().slice(0, 8), {
      startDate: isoDate(tomorrow.year, tomorrow.month, tomorrow.day), startTime: '20:00',
      endDate: isoDate(tomorrow.year, tomorrow.month, tomorrow.day), endTime: '22:00',
      impact: 'degraded', contact: person.displayName ?? '',
    });
  }

  function valuesOf(m: Maintenance): MaintenanceFormValues {
    const s = localParts(new Date(m.startsAt));
    const e = localParts(new Date(m.endsAt));
    return {
      id: m.id, applications: m.applicationIds, impact: m.impact, description: m.description, contact: m.contact,
      startDate: isoDate(s.year, s.month, s.day), startTime: hhmm(s.minutes), endDate: isoDate(e.year, e.month, e.day), endTime: hhmm(e.minutes),
    };
  }

  async function save(ctx: FlowContext, inbound: Inbound): Promise<FlowStep<never>> {
    const v = inbound.action!.values;
    const person = await personOf(inbound);
    const values: MaintenanceFormValues = {
      ...(text(v.id) ? { id: text(v.id) } : {}), applications: list(v.applications), startDate: text(v.startDate), startTime: text(v.startTime),
      endDate: text(v.endDate), endTime: text(v.endTime), impact: text(v.impact), description: text(v.description), contact: text(v.contact),
      ...(confirmedNotPatientData(v[NOT_PATIENT_DATA]) ? { notPatientData: true } : {}),
    };
    const formId = /^[\w-]{1,40}$/.test(text(v.formId)) ? text(v.formId) : randomUUID().slice(0, 8);
    const draft = {
      applicationIds: values.applications!, impact: ((MAINTENANCE_IMPACTS as readonly string[]).includes(values.impact!) ? values.impact : '') as MaintenanceImpact,
      startsAt: localDateTimeToIso(values.startDate, values.startTime, ctx.now) ?? 'invalid', endsAt: localDateTimeToIso(values.endDate, values.endTime, ctx.now) ?? 'invalid',
      description: values.description!, contact: values.contact!, ...(values.notPatientData ? { notPatientData: true } : {}),
    };
    const result = values.id ? await deps.maintenance.edit(person, values.id, draft) : await deps.maintenance.schedule(person, draft);
    // Nothing typed is lost: the form comes back with the values and what to change.
    if (!result.ok && result.problem.code === 'invalid') return form(ctx, person, formId, values, result.problem.fields);
    if (!result.ok) return { replies: [textReply(maintenanceProblem(ctx.t, result.problem))] };
    const m = result.value;
    const directory = await deps.directory.load();
    const channels = m.noticeId ? await deps.maintenance.channelCount(m) : 0;
    const said = values.id ? ctx.t('maintenance.done.edited', { id: m.id }) : channels ? ctx.t('maintenance.scheduled', { id: m.id, channels }) : ctx.t('maintenance.scheduled.noChannels', { id: m.id });
    return { replies: [textReply(said), cardReply(maintenanceCard(ctx.t, m, directory, { actions: true }), `maintenance-form:${formId}`)] };
  }

  async function act(ctx: FlowContext, inbound: Inbound, name: string): Promise<FlowStep<never>> {
    const v = inbound.action!.values;
    const id = text(v.maintenanceId);
    const person = await personOf(inbound);
    if (name === 'edit') {
      const m = await deps.maintenance.get(id);
      if (!m) return { replies: [textReply(ctx.t('maintenance.notFound', { id: normaliseMaintenanceId(id) }))] };
      return form(ctx, person, randomUUID().slice(0, 8), valuesOf(m));
    }
    let result;
    if (name === 'extend') {
      const end = localDateTimeToIso(text(v.endDate), text(v.endTime), ctx.now);
      if (!text(v.endDate) || !text(v.endTime) || !end) return { replies: [textReply(ctx.t('maintenance.extend.needEnd'))] };
      result = await deps.maintenance.extend(person, id, end);
    } else if (name === 'cancel') {
      result = await deps.maintenance.cancel(person, id);
    } else {
      return { replies: [textReply(ctx.t('maintenance.unknownAction'))] };
    }
    if (!result.ok) return { replies: [textReply(maintenanceProblem(ctx.t, result.problem))] };
    const m = result.value;
    const replies: Reply[] = [textReply(name === 'extend' ? ctx.t('maintenance.done.extended', { id: m.id, end: localDateTime(m.endsAt) }) : ctx.t('maintenance.done.cancelled', { id: m.id }))];
    if (inbound.conversation.kind === 'personal') replies.push(cardReply(maintenanceCard(ctx.t, m, await deps.directory.load(), { actions: true }), `maintenance:${m.id}`));
    return { replies };
  }

  return {
    id: 'maintenance',
    matches: (t) => OPEN.test(t) || LIST.test(t) || SHOW.test(t),
    isLookup: (t) => LIST.test(t) || SHOW.test(t),
    async start(ctx, inbound) {
      const action = inbound.action?.id;
      const person = await personOf(inbound);
      if (action === 'maintenance.new') return newForm(ctx, person);
      if (action === 'maintenance.save') return save(ctx, inbound);
      if (action?.startsWith('maintenance.')) return act(ctx, inbound, action.slice('maintenance.'.length));
      const raw = normalizeText(inbound.text);
      const show = SHOW.exec(raw);
      if (show) {
        const m = await deps.maintenance.get(show[1]!);
        if (!m) return { replies: [textReply(ctx.t('maintenance.notFound', { id: normaliseMaintenanceId(show[1]!) }))] };
        const mayChange = inbound.conversation.kind === 'personal' && (await deps.maintenance.mayManage(person, m));
        return { replies: [cardReply(maintenanceCard(ctx.t, m, await deps.directory.load(), { actions: mayChange }), `maintenance:${m.id}`)] };
      }
      if (LIST.test(raw)) return listReply(ctx, person);
      return newForm(ctx, person);
    },
    // Everyone may see what is planned; announcing is for the administrators of an application.
    capabilities: (t, audience) => [
      { title: t('maintenance.capability.title'), text: t('maintenance.capability.text') },
      ...(!audience || audience.administersApplication
        ? [{ title: t('maintenance.capability.announce.title'), text: t('maintenance.capability.announce.text'), administration: true, action: { kind: 'submit' as const, id: 'maintenance.new', label: t('maintenance.action.new') } }]
        : []),
    ],
  };
}

export function maintenanceProblem(t: Translate, problem: MaintenanceProblem): string {
  switch (problem.code) {
    case 'invalid': {
      const first = Object.values(problem.fields)[0];
      return first ? maintenanceProblemText(t, first) : t('incident.problem.invalid');
    }
    case 'forbidden': return t('maintenance.forbidden');
    case 'not-found': return t('maintenance.notFound', { id: problem.id });
    case 'wrong-status': return t('maintenance.wrongStatus', { id: problem.id, status: t(`maintenance.status.${problem.status}` as MessageKey).toLowerCase() });
    case 'conflict': return t('maintenance.conflict', { id: problem.id });
  }
}
