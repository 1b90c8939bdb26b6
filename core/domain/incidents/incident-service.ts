import { stampAfter } from '../../time/stamp-after.ts';
import type { Clock } from '../../clock.ts';
import type { Announcer } from '../../delivery/announcer.ts';
import { isCoordinator, type Person } from '../access/types.ts';
import type { DirectoryRepository } from '../directory/directory-repository.ts';
import { officeMsBetween } from '../directory/office-time.ts';
import type { DirectoryDocument } from '../directory/types.ts';
import { localParts } from '../../time/amsterdam-time.ts';
import { findCitizenServiceNumbers } from '../privacy/citizen-service-number.ts';
import { fieldsWithPatientDetails } from '../privacy/patient-details.ts';
import { applicationAdministrators, coordinationLayer, escalatedRoute, isRouteProblem, type Route, type RouteProblem } from './coordination-layer.ts';
import type { PersonNotifier } from './incident-notifier.ts';
import type { IncidentRepository } from './incident-repository.ts';
import { audienceOf, canHandleIncident, canSeeIncident, confidentialRoute, planAudience, releaseHeldAudience } from './incident-rules.ts';
import { DEFAULT_INCIDENT_POLICY, type DraftField, type FieldProblem, type IncidentMailer, type IncidentOutcome, type IncidentPolicy, type IncidentPresenter, type IncidentProblem } from './incident-contracts.ts';
import { OPEN_STATUSES, type Incident, type IncidentActor, type IncidentDraft, type PassedOn, type Reporter, type TimelineEntry, type TimelineKind } from './types.ts';
import { canPassOn, chosenTargets, passOnOpen, passOnTargets, type PassOnChoice } from './pass-on.ts';
import { directoryNames } from '../directory/directory-names.ts';
import { checkDraft, MAX_LENGTH } from './incident-draft-check.ts';
import { lastLayerChange, normaliseId, routeOf, type TextOptions } from './incident-facts.ts';

export type { DraftField, FieldProblem, IncidentMailer, IncidentOutcome, IncidentPolicy, IncidentPresenter, IncidentProblem } from './incident-contracts.ts';
export { normaliseId, type TextOptions } from './incident-facts.ts';
export { DEFAULT_INCIDENT_POLICY } from './incident-contracts.ts';

const SYSTEM: IncidentActor = { id: 'system', name: 'Ketenbot' };

const ok = <T>(value: T): IncidentOutcome<T> => ({ ok: true, value });
const fail = <T = Incident>(problem: IncidentProblem): IncidentOutcome<T> => ({ ok: false, problem });

/**
 * Incidents from filing to closure (seed 002 §D, seed 004): routed to the right layer, posted
 * through the outbox into the alert channels of everyone who must act, every change updating
 * the same card in place with a note in its thread, and the reporter told personally.
 */
export class IncidentService {
  constructor(private readonly d: {
    incidents: IncidentRepository;
    directory: DirectoryRepository;
    announcer: Announcer;
    notifier: PersonNotifier;
    presenter: IncidentPresenter;
    clock: Clock;
    policy?: IncidentPolicy;
    mailer?: IncidentMailer;
  }) {}

  get policy(): IncidentPolicy {
    return this.d.policy ?? DEFAULT_INCIDENT_POLICY;
  }

  /** How many alert channels the card of this incident goes to now. */
  async channelCount(incident: Incident): Promise<number> {
    return (await this.d.announcer.targets(incident.audienceIds)).length;
  }

  /** The dry run of `ketenbot incident route`: the layer, the coordinator and the organisations alerted. */
  async route(organisationIds: string[], applicationIds: string[], possibleDataLeak = false): Promise<{ route: Route; audienceIds: string[] } | { problem: RouteProblem }> {
    const directory = await this.d.directory.load();
    const route = coordinationLayer(directory, organisationIds, applicationIds);
    if (isRouteProblem(route)) return { problem: route };
    const reporterOrg = organisationIds[0] ?? route.coordinatorId;
    const audienceIds = audienceOf(directory, route, reporterOrg, applicationIds, possibleDataLeak);
    return { route: possibleDataLeak ? confidentialRoute(route, reporterOrg, audienceIds) : route, audienceIds };
  }

  /** Checks a draft (see incident-draft-check.ts). */
  check(draft: IncidentDraft, directory: DirectoryDocument, now: Date): Partial<Record<DraftField, FieldProblem>> {
    return checkDraft(draft, directory, now);
  }

  /** Files an incident: checked, routed, stored, and (unless local with no channel) posted through the outbox. */
  async file(person: Person, reporterOrganisationId: string, draft: IncidentDraft): Promise<IncidentOutcome> {
    const now = this.d.clock.now();
    const directory = await this.d.directory.load();
    const fields = this.check(draft, directory, now);
    if (Object.keys(fields).length) return fail({ code: 'invalid', fields });
    const planned = planAudience(directory, person, reporterOrganisationId, draft);
    if ('problem' in planned) return fail({ code: 'route', problem: planned.problem });
    const { route, audienceIds, heldAudienceIds, claimed } = planned;
    const at = now.toISOString();
    const reporter: Reporter = {
      id: person.id, name: person.displayName ?? person.userId, platform: person.platform, userId: person.userId, organisationId: reporterOrganisationId,
      ...(claimed ? { organisationClaimed: true as const } : {}),
    };
    const filed: TimelineEntry = { at, kind: 'filed', actor: { id: reporter.id, name: reporter.name } };
    const clean = (s: string) => s.trim();
    const incident = await this.d.incidents.create({
      title: clean(draft.title), description: clean(draft.description),
      applicationIds: [...new Set(draft.applicationIds)], organisationIds: [...new Set(draft.organisationIds)],
      impact: draft.impact, startedAt: new Date(Date.parse(draft.startedAt)).toISOString(), possibleDataLeak: draft.possibleDataLeak,
      ...(draft.sinceVersion?.trim() ? { sinceVersion: draft.sinceVersion.trim() } : {}),
      status: 'new', layer: route.layer, coordinatorId: route.coordinatorId, partnerIds: route.partnerIds, reason: route.reason,
      audienceIds, ...(heldAudienceIds.length ? { heldAudienceIds } : {}),
      reporter, timeline: [filed], createdAt: at, updatedAt: at,
    }, localParts(now).year, (id) => ({ at, actor: person.id, action: 'incident.file', subjectType: 'incident', subjectId: id, after: { layer: route.layer, coordinatorId: route.coordinatorId } }));
    // Post the card: stored first, so a crash after this point still leaves the notice to send.
    let posted = incident;
    if ((await this.d.announcer.targets(incident.audienceIds)).length) {
      const { notice } = await this.d.announcer.announce('incident', incident.id, this.d.presenter.channelCard(incident, directory), incident.audienceIds);
      posted = (await this.attachNotice(incident.id, notice.id, 'first')) ?? incident;
    }
    // E-mail never holds up the chat: the mailer logs its own failures.
    void this.d.mailer?.incidentChanged(posted, filed, directory).catch(() => undefined);
    return ok(posted);
  }

  /**
   * Before filing: who the card would go to, by the same rules `file` uses — the organisations alerted
   * now (those with a linked alert channel marked), and those held until someone acts on an unverified claim.
   */
  async alerted(person: Person, reporterOrganisationId: string, draft: Pick<IncidentDraft, 'organisationIds' | 'applicationIds' | 'possibleDataLeak'>): Promise<{ route: Route; audienceIds: string[]; heldAudienceIds: string[]; withChannel: string[] } | { problem: RouteProblem }> {
    const planned = planAudience(await this.d.directory.load(), person, reporterOrganisationId, draft);
    if ('problem' in planned) return planned;
    const withChannel = [...new Set((await this.d.announcer.targets(planned.audienceIds)).map((t) => t.organisationId))];
    return { route: planned.route, audienceIds: planned.audienceIds, heldAudienceIds: planned.heldAudienceIds, withChannel };
  }

  /**
   * Passes a local incident on to the supplier of an affected application or the own GtK service
   * provider (seed 004): their alert channels get the card, they may handle it, the coordination stays
   * local, and the timeline says who passed it on to whom. Passing on to a desk that already has it
   * changes nothing (`added` is empty, `already` says since when).
   */
  async passOn(person: Person, id: string, choice: PassOnChoice): Promise<IncidentOutcome<{ incident: Incident; added: string[]; already: PassedOn[] }>> {
    const directory = await this.d.directory.load();
    const incident = await this.d.incidents.get(normaliseId(id));
    if (!incident || !canSeeIncident(person, incident)) return fail({ code: 'not-found', id: normaliseId(id) });
    if (incident.possibleDataLeak) return fail({ code: 'confidential', id: incident.id });
    if (incident.layer !== 'local') return fail({ code: 'not-local', id: incident.id, layer: incident.layer });
    if (!canPassOn(person, incident)) return fail({ code: 'cannot-pass-on', id: incident.id, coordinatorId: incident.coordinatorId });
    if (!passOnOpen(incident)) return fail({ code: 'wrong-status', id: incident.id, status: incident.status });
    const chosen = chosenTargets(passOnTargets(directory, incident), choice);
    if (!chosen.length) return fail({ code: 'no-pass-on-target', id: incident.id, coordinatorId: incident.coordinatorId, ...('kind' in choice ? { kind: choice.kind } : {}) });
    const before = new Map((incident.passedOn ?? []).map((p) => [p.organisationId, p]));
    const already = chosen.flatMap((t) => before.get(t.organisationId) ?? []);
    if (already.length === chosen.length) return ok({ incident, added: [], already });
    let added: string[] = [];
    const changed = await this.change(person, incident.id, { from: ['new', 'in-progress'] }, (i, at, actor) => {
      const done = new Set((i.passedOn ?? []).map((p) => p.organisationId));
      const fresh = chosen.filter((t) => !done.has(t.organisationId));
      added = fresh.map((t) => t.organisationId);
      return {
        next: { ...i, audienceIds: [...new Set([...i.audienceIds, ...added])], passedOn: [...(i.passedOn ?? []), ...fresh.map((t) => ({ ...t, at, by: actor }))] },
        entry: { at, kind: 'passed-on', actor, text: added.map((o) => orgName(directory, o)).join(', '), organisationIds: added },
      };
    });
    if (!changed.ok) return changed;
    return ok({ incident: changed.value, added, already });
  }

  async get(person: Person, id: string): Promise<IncidentOutcome> {
    const incident = await this.d.incidents.get(normaliseId(id));
    // Not even whether it exists.
    if (!incident || !canSeeIncident(person, incident)) return fail({ code: 'not-found', id: normaliseId(id) });
    return ok(incident);
  }

  /** Open incidents (not closed) the person may see, newest first. */
  async listOpen(person: Person): Promise<Incident[]> {
    const open = await this.d.incidents.list({ statuses: OPEN_STATUSES });
    return open.filter((i) => canSeeIncident(person, i)).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  /** Ownership, with an optional first note (checked like every text before anything changes). */
  take(person: Person, id: string, note?: string, options: TextOptions = {}): Promise<IncidentOutcome> {
    return this.change(person, id, { handler: true, from: ['new'], text: note ?? '', optionalText: true, ...options }, (i, at, actor, t) => ({
      next: { ...i, status: 'in-progress', owner: actor, takenAt: i.takenAt ?? at },
      entry: { at, kind: 'taken', actor, ...(t ? { text: t } : {}) },
    }));
  }

  /** More information: from the support staff, or from the reporter. */
  addUpdate(person: Person, id: string, text: string, options: TextOptions = {}): Promise<IncidentOutcome> {
    return this.change(person, id, { reporterOrHandler: true, from: OPEN_STATUSES, text, ...options }, (i, at, actor, t) => ({
      next: { ...i }, entry: { at, kind: 'update', actor, text: t! },
    }));
  }

  resolve(person: Person, id: string, resolution: string, options: TextOptions = {}): Promise<IncidentOutcome> {
    return this.change(person, id, { handler: true, from: ['new', 'in-progress'], text: resolution, ...options }, (i, at, actor, t) => ({
      next: { ...i, status: 'resolved', resolution: t!, resolvedAt: at, owner: i.owner ?? actor, takenAt: i.takenAt ?? at },
      entry: { at, kind: 'resolved', actor, text: t! },
    }));
  }

  /** The reporter confirms the resolution: closed. */
  confirm(person: Person, id: string): Promise<IncidentOutcome> {
    return this.change(person, id, { reporter: true, from: ['resolved'] }, (i, at, actor) => ({
      next: { ...i, status: 'closed', closedAt: at }, entry: { at, kind: 'closed', actor },
    }));
  }

  /** Not solved after all: back to In behandeling (the reporter or the support staff). */
  reopen(person: Person, id: string, reason?: string, options: TextOptions = {}): Promise<IncidentOutcome> {
    return this.change(person, id, { reporterOrHandler: true, from: ['resolved', 'closed'], text: reason ?? '', optionalText: true, ...options }, (i, at, actor, t) => {
      const { resolution: _r, resolvedAt: _a, closedAt: _c, ...rest } = i;
      return { next: { ...rest, status: 'in-progress', escalationOfferedAt: undefined } as Incident, entry: { at, kind: 'reopened', actor, ...(t ? { text: t } : {}) } };
    });
  }

  /** One layer up: re-routed, and the new coordinator's channels get the card. */
  async escalate(person: Person, id: string): Promise<IncidentOutcome> {
    const directory = await this.d.directory.load();
    const incident = await this.d.incidents.get(normaliseId(id));
    if (!incident || !canSeeIncident(person, incident)) return fail({ code: 'not-found', id: normaliseId(id) });
    if (incident.possibleDataLeak) return fail({ code: 'confidential', id: incident.id });
    const route = escalatedRoute(directory, routeOf(incident));
    if (!route) return fail({ code: 'top-layer', id: incident.id });
    return this.change(person, id, { handler: true, from: ['new', 'in-progress'] }, (i, at, actor) => ({
      next: {
        ...i, layer: route.layer, coordinatorId: route.coordinatorId, partnerIds: route.partnerIds, reason: route.reason,
        // Out of the local layer: the administrators of the affected applications are alerted too.
        audienceIds: [...new Set([...i.audienceIds, route.coordinatorId, ...applicationAdministrators(directory.applications, i.applicationIds)])], escalationOfferedAt: undefined, remindedAt: undefined,
      },
      entry: { at, kind: 'escalated', actor, text: orgName(directory, route.coordinatorId) },
    }));
  }

  /**
   * The clock's part, run every minute: reminders for incidents not taken within the coordinator's
   * office hours, escalation offers past the layer's target time, and closing what the reporter
   * did not confirm within the auto-close period. Returns what it did.
   */
  async sweep(): Promise<Array<{ id: string; kind: TimelineKind }>> {
    const now = this.d.clock.now();
    const directory = await this.d.directory.load();
    const done: Array<{ id: string; kind: TimelineKind }> = [];
    const policy = this.policy;
    for (const incident of await this.d.incidents.list({ statuses: OPEN_STATUSES })) {
      const coordinator = directory.organisations.find((o) => o.id === incident.coordinatorId);
      let kind: TimelineKind | undefined;
      if (incident.status === 'resolved') {
        if (incident.resolvedAt && now.getTime() - Date.parse(incident.resolvedAt) >= policy.autoCloseDays * 86_400_000) kind = 'closed';
      } else {
        // Both clocks run in the coordinator's office hours: nobody is asked to escalate at night.
        const target = policy.resolveWithinHours[incident.layer] * 3_600_000;
        const canEscalate = !incident.possibleDataLeak && !!escalatedRoute(directory, routeOf(incident));
        if (canEscalate && coordinator && !incident.escalationOfferedAt && officeMsBetween(coordinator, new Date(lastLayerChange(incident)), now) >= target) kind = 'escalation-offered';
        else if (incident.status === 'new' && coordinator && !incident.remindedAt) {
          // One reminder per layer: the escalation offer follows if it still is not taken.
          if (officeMsBetween(coordinator, new Date(lastLayerChange(incident)), now) >= policy.takeWithinMinutes * 60_000) kind = 'reminded';
        }
      }
      if (!kind) continue;
      const at = now.toISOString();
      const entry: TimelineEntry = { at, kind, actor: SYSTEM };
      const next: Incident = {
        ...incident, updatedAt: stampAfter(now, incident.updatedAt), timeline: [...incident.timeline, entry],
        ...(kind === 'closed' ? { status: 'closed' as const, closedAt: at } : {}),
        ...(kind === 'reminded' ? { remindedAt: at } : {}),
        ...(kind === 'escalation-offered' ? { escalationOfferedAt: at } : {}),
      };
      if (!(await this.d.incidents.update(next, incident.updatedAt, { at, actor: 'system', action: `incident.${kind}`, subjectType: 'incident', subjectId: incident.id }))) continue;
      await this.publish(next, entry, directory);
      done.push({ id: incident.id, kind });
    }
    return done;
  }

  private async change(
    person: Person,
    id: string,
    rule: { handler?: boolean; reporter?: boolean; reporterOrHandler?: boolean; from: Incident['status'][]; text?: string; optionalText?: boolean } & TextOptions,
    apply: (i: Incident, at: string, actor: IncidentActor, text?: string) => { next: Incident; entry: TimelineEntry },
  ): Promise<IncidentOutcome> {
    const incident = await this.d.incidents.get(normaliseId(id));
    if (!incident || !canSeeIncident(person, incident)) return fail({ code: 'not-found', id: normaliseId(id) });
    const isReporter = person.id === incident.reporter.id;
    const isHandler = canHandleIncident(person, incident);
    if (rule.reporter && !isReporter) return fail({ code: 'not-reporter', id: incident.id });
    if (rule.handler && !isHandler) return fail({ code: 'forbidden', id: incident.id });
    if (rule.reporterOrHandler && !isReporter && !isHandler) return fail({ code: 'forbidden', id: incident.id });
    if (!rule.from.includes(incident.status)) return fail({ code: 'wrong-status', id: incident.id, status: incident.status });
    let text: string | undefined;
    if (rule.text !== undefined) {
      text = rule.text.trim();
      if (!text && !rule.optionalText) return fail({ code: 'invalid', fields: { text: { code: 'required' } } });
      if (text.length > MAX_LENGTH.text) return fail({ code: 'invalid', fields: { text: { code: 'too-long', max: MAX_LENGTH.text } } });
      const bsn = findCitizenServiceNumbers(text)[0];
      if (bsn) return fail({ code: 'invalid', fields: { text: { code: 'citizen-service-number', found: bsn } } });
      // A name or a date of birth: a warning, until the person confirms it is not patient data.
      if (text && !rule.notPatientData) {
        const notNames = directoryNames(await this.d.directory.load());
        if (fieldsWithPatientDetails({ text }, { now: this.d.clock.now(), notNames }).length) return fail({ code: 'invalid', fields: { text: { code: 'patient-details' } } });
      }
    }
    const at = this.d.clock.now().toISOString();
    const actor = { id: person.id, name: person.displayName ?? person.userId };
    const applied = apply(incident, at, actor, text);
    const { entry } = applied;
    // Someone who handles it has seen that the reporter's organisation is only claimed: the others are alerted now.
    const next = isHandler ? releaseHeldAudience(applied.next) : applied.next;
    const saved: Incident = { ...next, updatedAt: stampAfter(this.d.clock.now(), incident.updatedAt), timeline: [...incident.timeline, entry] };
    for (const key of Object.keys(saved) as Array<keyof Incident>) if (saved[key] === undefined) delete saved[key];
    const audit = { at, actor: person.id, action: `incident.${entry.kind}`, subjectType: 'incident', subjectId: incident.id, before: { status: incident.status, layer: incident.layer }, after: { status: saved.status, layer: saved.layer } };
    if (!(await this.d.incidents.update(saved, incident.updatedAt, audit))) return fail({ code: 'conflict', id: incident.id });
    const directory = await this.d.directory.load();
    const published = await this.publish(saved, entry, directory, incident.audienceIds);
    return ok(published);
  }

  /** The card changes in place everywhere, a note goes in its thread, new audiences get the card, the reporter is told. */
  private async publish(incident: Incident, entry: TimelineEntry, directory: DirectoryDocument, previousAudience: string[] = incident.audienceIds): Promise<Incident> {
    const card = this.d.presenter.channelCard(incident, directory);
    const note = this.d.presenter.threadNote(incident, entry);
    let current = incident;
    for (const noticeId of [incident.noticeId, ...(incident.moreNoticeIds ?? [])]) if (noticeId) await this.d.announcer.revise(noticeId, card, note);
    const added = incident.audienceIds.filter((o) => !previousAudience.includes(o));
    const newcomers = incident.noticeId ? added : incident.audienceIds;
    if (newcomers.length && (await this.d.announcer.targets(newcomers)).length) {
      // Escalated to a new coordinator (or nothing was posted yet): post to the channels that have no card.
      const { notice } = await this.d.announcer.announce('incident', incident.id, card, newcomers);
      current = (await this.attachNotice(incident.id, notice.id, incident.noticeId ? 'more' : 'first')) ?? incident;
    }
    // Reminders and escalation offers are for the coordinator's channels; the reporter and the
    // e-mail list hear of real changes.
    if (entry.kind === 'reminded' || entry.kind === 'escalation-offered') return current;
    if (entry.actor.id !== incident.reporter.id && entry.kind !== 'filed') {
      await this.d.notifier.notifyPerson(incident.reporter, { key: `incident.personal.${entry.kind}`, params: { id: incident.id, title: incident.title, actor: entry.actor.name, text: entry.text ?? '', days: this.policy.autoCloseDays } }).catch(() => undefined);
    }
    void this.d.mailer?.incidentChanged(current, entry, directory).catch(() => undefined);
    return current;
  }

  /** Records a posted notice on the incident, re-reading it when someone changed it meanwhile. */
  private async attachNotice(id: string, noticeId: string, as: 'first' | 'more'): Promise<Incident | undefined> {
    for (let attempt = 0; attempt < 10; attempt++) {
      const current = await this.d.incidents.get(id);
      if (!current) return undefined;
      const next: Incident = as === 'first' && !current.noticeId
        ? { ...current, noticeId }
        : { ...current, moreNoticeIds: [...(current.moreNoticeIds ?? []), noticeId] };
      next.updatedAt = stampAfter(this.d.clock.now(), current.updatedAt);
      const audit = { at: next.updatedAt, actor: 'system', action: 'incident.posted', subjectType: 'incident', subjectId: id, after: { noticeId } };
      if (await this.d.incidents.update(next, current.updatedAt, audit)) return next;
    }
    return undefined;
  }
}


function orgName(directory: DirectoryDocument, id: string): string {
  return directory.organisations.find((o) => o.id === id)?.name ?? id;
}
