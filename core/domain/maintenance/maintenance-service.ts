import { stampAfter } from '../../time/stamp-after.ts';
import type { CardView } from '../../../cards/views/card-view.ts';
import type { Clock } from '../../clock.ts';
import type { Announcer } from '../../delivery/announcer.ts';
import { localParts } from '../../time/amsterdam-time.ts';
import { authorize } from '../access/permissions.ts';
import { isCoordinator, type Person, type Role } from '../access/types.ts';
import type { DirectoryRepository } from '../directory/directory-repository.ts';
import type { DirectoryDocument } from '../directory/types.ts';
import { findCitizenServiceNumbers, findCitizenServiceNumbersIn } from '../privacy/citizen-service-number.ts';
import { fieldsWithPatientDetails } from '../privacy/patient-details.ts';
import type { IncidentActor } from '../incidents/types.ts';
import type { MaintenanceRepository } from './maintenance-repository.ts';
import { ACTIVE_MAINTENANCE, MAINTENANCE_IMPACTS, type Maintenance, type MaintenanceDraft, type MaintenanceEvent, type MaintenanceEventKind } from './types.ts';
import { directoryNames } from '../directory/directory-names.ts';

export type MaintenanceField = 'applications' | 'startsAt' | 'endsAt' | 'impact' | 'description' | 'contact';
export type MaintenanceFieldProblem =
  | { code: 'required' }
  | { code: 'too-long'; max: number }
  | { code: 'citizen-service-number'; found: string }
  /** Looks like a patient's name or date of birth: stored only once confirmed that it is not. */
  | { code: 'patient-details' }
  | { code: 'unknown'; ids: string[] }
  | { code: 'invalid' }
  | { code: 'in-the-past' }
  | { code: 'end-before-start' }
  | { code: 'not-later'; current: string };

export type MaintenanceProblem =
  | { code: 'invalid'; fields: Partial<Record<MaintenanceField, MaintenanceFieldProblem>> }
  | { code: 'forbidden'; neededRole: Role; organisationId?: string }
  | { code: 'not-found'; id: string }
  | { code: 'wrong-status'; id: string; status: Maintenance['status'] }
  | { code: 'conflict'; id: string };

export type MaintenanceOutcome<T = Maintenance> = { ok: true; value: T } | { ok: false; problem: MaintenanceProblem };

/** The Dutch card and thread notes in the channels. */
export interface MaintenancePresenter {
  channelCard(maintenance: Maintenance, directory: DirectoryDocument): CardView;
  threadNote(maintenance: Maintenance, event: MaintenanceEvent): string;
}

/** Alerts by e-mail for contacts who opted in (absent: no e-mail). Must not throw. */
export interface MaintenanceMailer {
  maintenanceChanged(maintenance: Maintenance, event: MaintenanceEvent, directory: DirectoryDocument): Promise<void>;
}

const MAX = { description: 4000, contact: 300 };
const HOUR = 3_600_000;
const SYSTEM: IncidentActor = { id: 'system', name: 'Ketenbot' };
const ok = <T>(value: T): MaintenanceOutcome<T> => ({ ok: true, value });
const fail = <T = Maintenance>(problem: MaintenanceProblem): MaintenanceOutcome<T> => ({ ok: false, problem });

/**
 * Planned maintenance (seed 002 §D onderhoudsmeldingen): announced by the administrators of the
 * applications, posted through the outbox to everyone who could be hindered, and moved by the
 * clock — reminders 24 h and 1 h before, Bezig at the start, Afgerond at the end — each step
 * updating the same card in place with a short note in its thread.
 */
export class MaintenanceService {
  constructor(private readonly d: {
    maintenance: MaintenanceRepository;
    directory: DirectoryRepository;
    announcer: Announcer;
    presenter: MaintenancePresenter;
    clock: Clock;
    mailer?: MaintenanceMailer;
  }) {}

  check(draft: MaintenanceDraft, directory: DirectoryDocument, now: Date, existing?: Maintenance): Partial<Record<MaintenanceField, MaintenanceFieldProblem>> {
    const problems: Partial<Record<MaintenanceField, MaintenanceFieldProblem>> = {};
    // Citizen service numbers in each field, and split over the two (in form order).
    const numbers = findCitizenServiceNumbersIn({ description: draft.description, contact: draft.contact });
    const text = (field: 'description' | 'contact', value: string) => {
      const v = value.trim();
      const found = numbers[field];
      if (!v) problems[field] = { code: 'required' };
      else if (v.length > MAX[field]) problems[field] = { code: 'too-long', max: MAX[field] };
      else if (found) problems[field] = { code: 'citizen-service-number', found };
    };
    text('description', draft.description ?? '');
    text('contact', draft.contact ?? '');
    // A name or a date of birth in the description (the contact field holds a colleague's name): a warning until confirmed.
    if (!draft.notPatientData && fieldsWithPatientDetails({ description: draft.description }, { now, notNames: directoryNames(directory) }).length) {
      problems.description ??= { code: 'patient-details' };
    }
    const apps = new Set(directory.applications.map((a) => a.id));
    if (!draft.applicationIds.length) problems.applications = { code: 'required' };
    else {
      const unknown = draft.applicationIds.filter((id) => !apps.has(id));
      if (unknown.length) problems.applications = { code: 'unknown', ids: unknown };
    }
    if (!(MAINTENANCE_IMPACTS as readonly string[]).includes(draft.impact)) problems.impact = { code: 'required' };
    const start = Date.parse(draft.startsAt);
    const end = Date.parse(draft.endsAt);
    // A window that already started may keep its start when edited; a new one must lie ahead.
    const startUnchanged = existing && Date.parse(existing.startsAt) === start;
    if (!Number.isFinite(start)) problems.startsAt = { code: 'invalid' };
    else if (start < now.getTime() - 60_000 && !startUnchanged) problems.startsAt = { code: 'in-the-past' };
    if (!Number.isFinite(end)) problems.endsAt = { code: 'invalid' };
    else if (Number.isFinite(start) && end <= start) problems.endsAt = { code: 'end-before-start' };
    else if (end < now.getTime()) problems.endsAt = { code: 'in-the-past' };
    return problems;
  }

  /** Administrators of every administering organisation, or a chain coordinator. */
  private mayAct(person: Person, directory: DirectoryDocument, applicationIds: string[]): MaintenanceOutcome<string[]> {
    const administratorIds = [...new Set(applicationIds.map((id) => directory.applications.find((a) => a.id === id)?.administratorId).filter((x): x is string => !!x))];
    const decision = authorize(person, 'maintenance.manage', administratorIds);
    if (!decision.allowed) return fail({ code: 'forbidden', neededRole: decision.neededRole, ...(decision.organisationId ? { organisationId: decision.organisationId } : {}) });
    return ok(administratorIds);
  }

  /** May this person change this maintenance (administrator of its applications' organisations, or chain coordinator)? */
  async mayManage(person: Person, m: Maintenance): Promise<boolean> {
    return this.mayAct(person, await this.d.directory.load(), m.applicationIds).ok;
  }

  /** How many alert channels its card goes to now. */
  async channelCount(m: Maintenance): Promise<number> {
    return (await this.d.announcer.targets(m.audienceIds)).length;
  }

  /** May this person announce maintenance at all (for the form)? */
  mayAnnounce(person: Person): boolean {
    return isCoordinator(person) || person.roles.some((g) => g.role === 'administrator');
  }

  /** The administering organisations, every organisation using an affected application, and chain coordination for a common facility. */
  audienceOf(directory: DirectoryDocument, applicationIds: string[]): string[] {
    const apps = applicationIds.map((id) => directory.applications.find((a) => a.id === id)).filter((a) => a !== undefined);
    const chain = apps.some((a) => a.kind === 'common-facility') ? directory.organisations.filter((o) => o.kind === 'national-coordination').map((o) => o.id) : [];
    return [...new Set([...apps.map((a) => a.administratorId), ...apps.flatMap((a) => a.usedBy), ...chain])];
  }

  async schedule(person: Person, draft: MaintenanceDraft): Promise<MaintenanceOutcome> {
    const now = this.d.clock.now();
    const directory = await this.d.directory.load();
    const fields = this.check(draft, directory, now);
    if (Object.keys(fields).length) return fail({ code: 'invalid', fields });
    const allowed = this.mayAct(person, directory, draft.applicationIds);
    if (!allowed.ok) return allowed;
    const at = now.toISOString();
    const actor = actorOf(person);
    const event: MaintenanceEvent = { at, kind: 'scheduled', actor };
    const created = await this.d.maintenance.create({
      applicationIds: [...new Set(draft.applicationIds)], startsAt: iso(draft.startsAt), endsAt: iso(draft.endsAt), impact: draft.impact,
      description: draft.description.trim(), contact: draft.contact.trim(), status: 'planned', administratorIds: allowed.value,
      audienceIds: this.audienceOf(directory, draft.applicationIds), createdBy: actor, timeline: [event], createdAt: at, updatedAt: at,
    }, localParts(now).year, (id) => ({ at, actor: person.id, action: 'maintenance.schedule', subjectType: 'maintenance', subjectId: id, after: draft }));
    void this.d.mailer?.maintenanceChanged(created, event, directory).catch(() => undefined);
    if (!(await this.d.announcer.targets(created.audienceIds)).length) return ok(created);
    const { notice } = await this.d.announcer.announce('maintenance', created.id, this.d.presenter.channelCard(created, directory), created.audienceIds);
    return ok((await this.attachNotice(created.id, notice.id)) ?? created);
  }

  async get(id: string): Promise<Maintenance | undefined> {
    return this.d.maintenance.get(normaliseMaintenanceId(id));
  }

  /** Planned and running maintenance, soonest first. */
  async active(): Promise<Maintenance[]> {
    return (await this.d.maintenance.list({ statuses: ACTIVE_MAINTENANCE })).sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  }

  /** A changed window, applications, impact, description or contact: the same card, updated. */
  async edit(person: Person, id: string, draft: MaintenanceDraft): Promise<MaintenanceOutcome> {
    const directory = await this.d.directory.load();
    const current = await this.get(id);
    if (!current) return fail({ code: 'not-found', id });
    const fields = this.check(draft, directory, this.d.clock.now(), current);
    if (Object.keys(fields).length) return fail({ code: 'invalid', fields });
    const allowed = this.mayAct(person, directory, [...current.applicationIds, ...draft.applicationIds]);
    if (!allowed.ok) return allowed;
    const now = this.d.clock.now().getTime();
    return this.change(person, current.id, ['planned', 'running', 'extended'], (m) => ({
      next: {
        ...m,
        // Moved to a later start: planned again (and reminded again); a later end while running: Verlengd.
        status: Date.parse(draft.startsAt) > now ? 'planned' : m.status !== 'planned' && Date.parse(draft.endsAt) > Date.parse(m.endsAt) ? 'extended' : m.status,
        applicationIds: [...new Set(draft.applicationIds)], startsAt: iso(draft.startsAt), endsAt: iso(draft.endsAt), impact: draft.impact,
        description: draft.description.trim(), contact: draft.contact.trim(),
        administratorIds: [...new Set(draft.applicationIds.map((a) => directory.applications.find((x) => x.id === a)?.administratorId).filter((x): x is string => !!x))],
        audienceIds: [...new Set([...m.audienceIds, ...this.audienceOf(directory, draft.applicationIds)])],
      },
      kind: 'edited',
    }));
  }

  /** Longer than planned: a new end (Verlengd when the work is running). */
  async extend(person: Person, id: string, endsAt: string): Promise<MaintenanceOutcome> {
    const current = await this.get(id);
    if (!current) return fail({ code: 'not-found', id });
    const end = Date.parse(endsAt);
    if (!Number.isFinite(end)) return fail({ code: 'invalid', fields: { endsAt: { code: 'invalid' } } });
    if (end <= Date.parse(current.endsAt)) return fail({ code: 'invalid', fields: { endsAt: { code: 'not-later', current: current.endsAt } } });
    const allowed = this.mayAct(person, await this.d.directory.load(), current.applicationIds);
    if (!allowed.ok) return allowed;
    return this.change(person, current.id, ['planned', 'running', 'extended'], (m) => ({
      next: { ...m, endsAt: iso(endsAt), status: m.status === 'planned' ? 'planned' : 'extended' },
      kind: 'extended',
      text: iso(endsAt),
    }));
  }

  async cancel(person: Person, id: string, reason = ''): Promise<MaintenanceOutcome> {
    const current = await this.get(id);
    if (!current) return fail({ code: 'not-found', id });
    const bsn = findCitizenServiceNumbers(reason)[0];
    if (bsn) return fail({ code: 'invalid', fields: { description: { code: 'citizen-service-number', found: bsn } } });
    const allowed = this.mayAct(person, await this.d.directory.load(), current.applicationIds);
    if (!allowed.ok) return allowed;
    return this.change(person, current.id, ['planned', 'running', 'extended'], (m) => ({ next: { ...m, status: 'cancelled' }, kind: 'cancelled', ...(reason.trim() ? { text: reason.trim() } : {}) }));
  }

  /**
   * The clock, every minute: reminders 24 h and 1 h before the start, Bezig at the start, Afgerond at
   * the end. After a pause (the bot was down) it jumps to the state the window is in, without stale reminders.
   */
  async sweep(): Promise<Array<{ id: string; kind: MaintenanceEventKind }>> {
    const now = this.d.clock.now().getTime();
    const done: Array<{ id: string; kind: MaintenanceEventKind }> = [];
    const directory = await this.d.directory.load();
    for (const m of await this.d.maintenance.list({ statuses: ACTIVE_MAINTENANCE })) {
      const start = Date.parse(m.startsAt);
      const end = Date.parse(m.endsAt);
      // Reminders belong to the current window (a postponed window gets them again); the 24-hour one
      // only within the hour after "24 hours before", so it never comes for work that is hours away.
      const had = (kind: MaintenanceEventKind) => m.timeline.some((e) => e.kind === kind && e.text === m.startsAt);
      let kind: MaintenanceEventKind | undefined;
      if (now >= end) kind = 'ended';
      else if (now >= start) kind = m.status === 'planned' ? 'started' : undefined;
      else if (now >= start - HOUR) kind = had('reminder-1h') ? undefined : 'reminder-1h';
      else if (now >= start - 24 * HOUR) kind = now < start - 23 * HOUR && !had('reminder-24h') ? 'reminder-24h' : undefined;
      if (!kind) continue;
      const status = kind === 'ended' ? 'done' : kind === 'started' ? 'running' : m.status;
      const result = await this.apply(m, { kind, actor: SYSTEM, ...(kind.startsWith('reminder') ? { text: m.startsAt } : {}) }, { ...m, status }, directory);
      if (result) done.push({ id: m.id, kind });
    }
    return done;
  }

  private async change(
    person: Person,
    id: string,
    from: Maintenance['status'][],
    make: (m: Maintenance) => { next: Maintenance; kind: MaintenanceEventKind; text?: string },
  ): Promise<MaintenanceOutcome> {
    const current = await this.get(id);
    if (!current) return fail({ code: 'not-found', id });
    if (!from.includes(current.status)) return fail({ code: 'wrong-status', id: current.id, status: current.status });
    const { next, kind, text } = make(current);
    const saved = await this.apply(current, { kind, actor: actorOf(person), ...(text ? { text } : {}) }, next, await this.d.directory.load(), person.id);
    return saved ? ok(saved) : fail({ code: 'conflict', id: current.id });
  }

  /** Saves the change (if nobody changed it meanwhile), updates the card everywhere and notes it in the thread. */
  private async apply(current: Maintenance, e: Omit<MaintenanceEvent, 'at'>, next: Maintenance, directory: DirectoryDocument, actor = 'system'): Promise<Maintenance | undefined> {
    const now = this.d.clock.now();
    const event: MaintenanceEvent = { ...e, at: now.toISOString() };
    const saved: Maintenance = { ...next, timeline: [...current.timeline, event], updatedAt: stampAfter(now, current.updatedAt) };
    const audit = { at: event.at, actor, action: `maintenance.${event.kind}`, subjectType: 'maintenance', subjectId: current.id, before: { status: current.status, startsAt: current.startsAt, endsAt: current.endsAt }, after: { status: saved.status, startsAt: saved.startsAt, endsAt: saved.endsAt } };
    if (!(await this.d.maintenance.update(saved, current.updatedAt, audit))) return undefined;
    // E-mail never holds up the chat or the clock: the mailer logs its own failures.
    void this.d.mailer?.maintenanceChanged(saved, event, directory).catch(() => undefined);
    const card = this.d.presenter.channelCard(saved, directory);
    if (saved.noticeId) {
      for (const noticeId of [saved.noticeId, ...(saved.moreNoticeIds ?? [])]) await this.d.announcer.revise(noticeId, card, this.d.presenter.threadNote(saved, event));
      const added = saved.audienceIds.filter((o) => !current.audienceIds.includes(o));
      if (added.length && (await this.d.announcer.targets(added)).length) {
        // Organisations added by an edit get the card now, and every later change too.
        const { notice } = await this.d.announcer.announce('maintenance', saved.id, card, added);
        return (await this.attachNotice(saved.id, notice.id, 'more')) ?? saved;
      }
      return saved;
    }
    if ((await this.d.announcer.targets(saved.audienceIds)).length) {
      const { notice } = await this.d.announcer.announce('maintenance', saved.id, card, saved.audienceIds);
      return (await this.attachNotice(saved.id, notice.id)) ?? saved;
    }
    return saved;
  }

  private async attachNotice(id: string, noticeId: string, as: 'first' | 'more' = 'first'): Promise<Maintenance | undefined> {
    for (let attempt = 0; attempt < 10; attempt++) {
      const current = await this.d.maintenance.get(id);
      if (!current) return undefined;
      const next: Maintenance = as === 'first' && !current.noticeId
        ? { ...current, noticeId, updatedAt: stampAfter(this.d.clock.now(), current.updatedAt) }
        : { ...current, moreNoticeIds: [...(current.moreNoticeIds ?? []), noticeId], updatedAt: stampAfter(this.d.clock.now(), current.updatedAt) };
      if (await this.d.maintenance.update(next, current.updatedAt, { at: next.updatedAt, actor: 'system', action: 'maintenance.posted', subjectType: 'maintenance', subjectId: id, after: { noticeId } })) return next;
    }
    return undefined;
  }
}

/** "mnt-2026-7" → "MNT-2026-0007". */
export function normaliseMaintenanceId(id: string): string {
  const m = /^mnt-?(\d{4})-?(\d+)$/i.exec(id.trim());
  return m ? `MNT-${m[1]}-${m[2]!.padStart(4, '0')}` : id.trim();
}

const actorOf = (person: Person): IncidentActor => ({ id: person.id, name: person.displayName ?? person.userId });
const iso = (value: string) => new Date(Date.parse(value)).toISOString();

