import type { CardView } from '../../../cards/views/card-view.ts';
import type { Clock } from '../../clock.ts';
import type { Announcer } from '../../delivery/announcer.ts';
import { localParts } from '../../time/amsterdam-time.ts';
import { stampAfter } from '../../time/stamp-after.ts';
import { authorize } from '../access/permissions.ts';
import type { Person } from '../access/types.ts';
import type { DirectoryRepository } from '../directory/directory-repository.ts';
import type { DirectoryDocument } from '../directory/types.ts';
import type { IncidentRepository } from '../incidents/incident-repository.ts';
import type { MaintenanceFieldProblem, MaintenanceService } from '../maintenance/maintenance-service.ts';
import { findCitizenServiceNumbersIn } from '../privacy/citizen-service-number.ts';
import { fieldsWithPatientDetails } from '../privacy/patient-details.ts';
import type { ReleaseRepository } from './release-repository.ts';
import type { Release, ReleaseDraft } from './types.ts';
import { directoryNames } from '../directory/directory-names.ts';

export type ReleaseField = 'application' | 'version' | 'changes' | 'forWhom' | 'window';
/** The same kinds of problem as a maintenance form's (a release may bring a maintenance window). */
export type ReleaseFieldProblem = MaintenanceFieldProblem;
export type ReleaseProblem =
  | { code: 'invalid'; fields: Partial<Record<ReleaseField, ReleaseFieldProblem>> }
  | { code: 'forbidden' };
export type ReleaseOutcome = { ok: true; value: Release } | { ok: false; problem: ReleaseProblem };

export interface ReleasePresenter {
  channelCard(release: Release, directory: DirectoryDocument): CardView;
}

/** An application's version now, since when, and how many incidents were filed since. */
export interface VersionInfo {
  version: string;
  since: string;
  releaseId: string;
  incidentsSince: number;
  /** Incidents in the same span of time before the release: a rise after a release shows. */
  incidentsBefore: number;
}

const MAX = { version: 50, changes: 4000, forWhom: 300 };

/**
 * Changes and releases: announced by the application's administrators to the same audience as its
 * maintenance, kept as the application's version history, optionally with a maintenance window.
 */
export class ReleaseService {
  constructor(private readonly d: {
    releases: ReleaseRepository;
    directory: DirectoryRepository;
    announcer: Announcer;
    maintenance: MaintenanceService;
    incidents: IncidentRepository;
    presenter: ReleasePresenter;
    clock: Clock;
  }) {}

  check(draft: ReleaseDraft, directory: DirectoryDocument): Partial<Record<ReleaseField, ReleaseFieldProblem>> {
    const problems: Partial<Record<ReleaseField, ReleaseFieldProblem>> = {};
    if (!draft.applicationId) problems.application = { code: 'required' };
    else if (!directory.applications.some((a) => a.id === draft.applicationId)) problems.application = { code: 'unknown', ids: [draft.applicationId] };
    // Citizen service numbers in each field, and split over two of them (in form order).
    const numbers = findCitizenServiceNumbersIn({ version: draft.version, changes: draft.changes, forWhom: draft.forWhom });
    for (const field of ['version', 'changes', 'forWhom'] as const) {
      const v = (draft[field] ?? '').trim();
      const found = numbers[field];
      if (!v) { if (field !== 'forWhom') problems[field] = { code: 'required' }; continue; }
      if (v.length > MAX[field]) problems[field] = { code: 'too-long', max: MAX[field] };
      else if (found) problems[field] = { code: 'citizen-service-number', found };
    }
    // A name or a date of birth: a warning until the administrator confirms it is not patient data.
    if (!draft.notPatientData) {
      const notNames = directoryNames(directory);
      for (const field of fieldsWithPatientDetails({ changes: draft.changes, forWhom: draft.forWhom }, { now: this.d.clock.now(), notNames })) problems[field] ??= { code: 'patient-details' };
    }
    return problems;
  }

  async announce(person: Person, draft: ReleaseDraft): Promise<ReleaseOutcome> {
    const directory = await this.d.directory.load();
    const fields = this.check(draft, directory);
    if (Object.keys(fields).length) return { ok: false, problem: { code: 'invalid', fields } };
    const app = directory.applications.find((a) => a.id === draft.applicationId)!;
    if (!authorize(person, 'maintenance.manage', [app.administratorId]).allowed) return { ok: false, problem: { code: 'forbidden' } };
    // With a window: the maintenance is announced (and checked) first; its problems come back as the window's.
    let maintenanceId: string | undefined;
    if (draft.window) {
      const maintenance = await this.d.maintenance.schedule(person, {
        applicationIds: [app.id], startsAt: draft.window.startsAt, endsAt: draft.window.endsAt, impact: 'degraded',
        description: `${draft.version.trim()}: ${draft.changes.trim()}`.slice(0, 4000), contact: person.displayName ?? person.userId,
        // The release's own check looked at these texts (and its form asked to confirm).
        notPatientData: true,
      });
      if (!maintenance.ok) {
        const p = maintenance.problem;
        if (p.code === 'invalid') {
          const first = p.fields.startsAt ?? p.fields.endsAt ?? Object.values(p.fields)[0];
          return { ok: false, problem: { code: 'invalid', fields: { window: first?.code === 'too-long' || first?.code === 'citizen-service-number' || first?.code === 'unknown' || !first ? { code: 'invalid' } : first } } };
        }
        return { ok: false, problem: { code: 'forbidden' } };
      }
      maintenanceId = maintenance.value.id;
    }
    const now = this.d.clock.now();
    const at = now.toISOString();
    const release = await this.d.releases.create({
      applicationId: app.id, version: draft.version.trim(), changes: draft.changes.trim(), forWhom: draft.forWhom.trim(),
      releasedAt: draft.window ? new Date(Date.parse(draft.window.startsAt)).toISOString() : at, ...(maintenanceId ? { maintenanceId } : {}),
      audienceIds: this.d.maintenance.audienceOf(directory, [app.id]), status: 'announced',
      createdBy: { id: person.id, name: person.displayName ?? person.userId }, createdAt: at, updatedAt: at,
    }, localParts(now).year, (id) => ({ at, actor: person.id, action: 'release.announce', subjectType: 'release', subjectId: id, after: { applicationId: app.id, version: draft.version } }));
    if (!(await this.d.announcer.targets(release.audienceIds)).length) return { ok: true, value: release };
    const { notice } = await this.d.announcer.announce('release', release.id, this.d.presenter.channelCard(release, directory), release.audienceIds);
    const withNotice = { ...release, noticeId: notice.id, updatedAt: stampAfter(now, release.updatedAt) };
    const saved = await this.d.releases.update(withNotice, release.updatedAt, { at, actor: 'system', action: 'release.posted', subjectType: 'release', subjectId: release.id, after: { noticeId: notice.id } });
    return { ok: true, value: saved ? withNotice : release };
  }

  /** The application's releases, newest first (its version history); a release whose window was cancelled never took effect. */
  async history(applicationId: string): Promise<Release[]> {
    return this.effective((await this.d.releases.list({})).filter((r) => r.applicationId === applicationId).sort(newestFirst));
  }

  private async effective(releases: Release[]): Promise<Release[]> {
    const out: Release[] = [];
    for (const r of releases) {
      if (r.maintenanceId && (await this.d.maintenance.get(r.maintenanceId))?.status === 'cancelled') continue;
      out.push(r);
    }
    return out;
  }

  /** The version in use now (the latest release already in effect), with the incidents around it. */
  async current(applicationId: string): Promise<VersionInfo | undefined> {
    const now = this.d.clock.now().toISOString();
    const latest = (await this.history(applicationId)).find((r) => r.releasedAt <= now);
    if (!latest) return undefined;
    const span = Date.parse(now) - Date.parse(latest.releasedAt);
    const before = new Date(Date.parse(latest.releasedAt) - span).toISOString();
    const onApp = (await this.d.incidents.list({ createdFrom: before })).filter((i) => i.applicationIds.includes(applicationId));
    return {
      version: latest.version, since: latest.releasedAt, releaseId: latest.id,
      incidentsSince: onApp.filter((i) => i.createdAt >= latest.releasedAt).length,
      incidentsBefore: onApp.filter((i) => i.createdAt < latest.releasedAt).length,
    };
  }

  /** Recent versions of these applications, for "since which version" in the incident form. */
  async recentVersions(applicationIds: string[], limit = 6): Promise<Release[]> {
    const now = this.d.clock.now().toISOString();
    const all = await this.d.releases.list({});
    return (await this.effective(all.filter((r) => r.releasedAt <= now && (!applicationIds.length || applicationIds.includes(r.applicationId))).sort(newestFirst))).slice(0, limit);
  }

  /** How many alert channels its card goes to now. */
  async channelCount(release: Release): Promise<number> {
    return (await this.d.announcer.targets(release.audienceIds)).length;
  }
}

/** Latest in effect first; of two for the same moment, the later announcement (a corrected version). */
function newestFirst(a: Release, b: Release): number {
  return b.releasedAt.localeCompare(a.releasedAt) || b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id);
}
