import type { Clock } from '../../clock.ts';
import type { OutboxRepository } from '../../delivery/outbox-repository.ts';
import { canSee } from '../access/permissions.ts';
import { isCoordinator, type Person } from '../access/types.ts';
import type { DirectoryRepository } from '../directory/directory-repository.ts';
import type { IncidentRepository } from '../incidents/incident-repository.ts';
import type { Incident } from '../incidents/types.ts';
import type { KbEventLog } from '../knowledge-base/kb-events.ts';
import type { MaintenanceRepository } from '../maintenance/maintenance-repository.ts';
import { computeDigest, incidentConcerns, type Digest } from './digest.ts';
import { chartDaysOf, lastCompletePeriod, type ReportKind, type ReportPeriod } from './report-period.ts';

export type ReportProblem = { code: 'unknown-organisation'; query: string } | { code: 'ambiguous-organisation'; query: string; names: string[] } | { code: 'forbidden'; organisationId: string } | { code: 'no-organisation' };

/** Day and week reports per organisation (seed 004), from stored metadata only (seed 001). */
export class ReportService {
  constructor(private readonly d: {
    incidents: IncidentRepository;
    maintenance: MaintenanceRepository;
    outbox: OutboxRepository;
    kbEvents: KbEventLog;
    directory: DirectoryRepository;
    clock: Clock;
  }) {}

  period(kind: ReportKind): ReportPeriod {
    return lastCompletePeriod(kind, this.d.clock.now());
  }

  async digest(organisationId: string, period: ReportPeriod, options: { includeConfidential?: boolean } = {}): Promise<Digest> {
    const incidents = await this.d.incidents.list({ createdTo: period.to });
    const maintenance = await this.d.maintenance.list({});
    return computeDigest({
      organisationId, period, incidents, maintenance, days: chartDaysOf(period),
      deliveriesFailed: await this.d.outbox.failedCount(organisationId, period.from, period.to),
      kbUnanswered: await this.d.kbEvents.count('unanswered', period.from, period.to),
      includeConfidential: options.includeConfidential ?? true,
    });
  }

  /** The incidents of the period that concern the organisation (for the CSV: metadata only). */
  async incidentsFor(organisationId: string, period: ReportPeriod): Promise<Incident[]> {
    const all = await this.d.incidents.list({ createdTo: period.to });
    // Filed in the period, or still open at its start (as the report's "still open" counts them).
    return all.filter((i) => incidentConcerns(i, organisationId) && (i.createdAt >= period.from || !((i.resolvedAt && i.resolvedAt < period.from) || (i.closedAt && i.closedAt < period.from))));
  }

  /**
   * Which organisation a person's on-demand report is about: the one asked for (by id or name), or
   * their own; only one they may see (linking = seeing; chain coordinators all).
   */
  /** Linked to the organisation itself (not only seeing it as chain coordinator): confidential counts included. */
  linkedTo(person: Person, organisationId: string): boolean {
    return person.organisationIds.includes(organisationId) || person.roles.some((g) => g.organisationId === organisationId);
  }

  async organisationFor(person: Person, query?: string): Promise<{ ok: true; organisationId: string } | { ok: false; problem: ReportProblem }> {
    const directory = await this.d.directory.load();
    if (query?.trim()) {
      const q = query.trim().toLowerCase();
      const exact = directory.organisations.find((o) => o.id.toLowerCase() === q) ?? directory.organisations.find((o) => o.name.toLowerCase() === q);
      const partial = exact ? [] : directory.organisations.filter((o) => o.name.toLowerCase().includes(q));
      if (!exact && partial.length > 1) return { ok: false, problem: { code: 'ambiguous-organisation', query: query.trim(), names: partial.map((o) => o.name) } };
      const org = exact ?? partial[0];
      if (!org) return { ok: false, problem: { code: 'unknown-organisation', query: query.trim() } };
      if (!canSee(person, org.id)) return { ok: false, problem: { code: 'forbidden', organisationId: org.id } };
      return { ok: true, organisationId: org.id };
    }
    const own = person.organisationIds[0] ?? person.roles.find((g) => g.organisationId)?.organisationId;
    if (own) return { ok: true, organisationId: own };
    if (isCoordinator(person)) {
      const chain = directory.organisations.find((o) => o.kind === 'national-coordination');
      if (chain) return { ok: true, organisationId: chain.id };
    }
    return { ok: false, problem: { code: 'no-organisation' } };
  }
}
