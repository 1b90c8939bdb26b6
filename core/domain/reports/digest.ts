import type { Incident } from '../incidents/types.ts';
import type { Maintenance } from '../maintenance/types.ts';
import { nextPeriodRange, type ReportPeriod } from './report-period.ts';

/** Counts and times, never content (seed 001): what a digest tells one organisation about one period. */
export interface Digest {
  organisationId: string;
  period: ReportPeriod;
  incidents: {
    opened: number;
    resolved: number;
    /** Still open at the end of the period. */
    open: number;
    openedByLayer: Record<string, number>;
    openedByApplication: Record<string, number>;
    /** Minutes from filing to taken / resolved, for those taken / resolved in the period. */
    takeMinutes: { count: number; median: number | null; p90: number | null };
    resolveMinutes: { count: number; median: number | null; p90: number | null };
    /** Per local day, per layer, for the chart: the week's days, or the 7 days ending with a day report. */
    perDay: Array<{ day: string; byLayer: Record<string, number> }>;
  };
  maintenance: { done: number; coming: number };
  deliveriesFailed: number;
  kbUnanswered: number;
}

/** Whether an organisation sees an incident (linking = seeing; a possible data leak only for its audience). */
export function incidentConcerns(incident: Incident, organisationId: string, includeConfidential = true): boolean {
  if (incident.possibleDataLeak && !includeConfidential) return false;
  const orgs = incident.possibleDataLeak
    ? incident.audienceIds
    : [...incident.audienceIds, ...incident.organisationIds, incident.coordinatorId, ...incident.partnerIds];
  return orgs.includes(organisationId);
}

/** The nearest-rank percentile of minutes (null for none). */
export function percentile(values: number[], p: number): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

const minutes = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 60_000);
const within = (at: string | undefined, p: ReportPeriod) => !!at && at >= p.from && at < p.to;

/**
 * The digest of one organisation for one period, from the incidents and maintenance it sees and
 * the counts the outbox and knowledge base keep. Pure: the caller gathers the data.
 */
export function computeDigest(input: {
  organisationId: string;
  period: ReportPeriod;
  incidents: Incident[];
  maintenance: Maintenance[];
  /** Local days of the period ("2026-11-16" …), for the per-day series. */
  days: Array<{ day: string; from: string; to: string }>;
  deliveriesFailed: number;
  kbUnanswered: number;
  /** Possible data leaks count only for someone linked to the organisation (not for chain coordination looking in). */
  includeConfidential?: boolean;
}): Digest {
  const { period, organisationId } = input;
  const mine = input.incidents.filter((i) => incidentConcerns(i, organisationId, input.includeConfidential ?? true));
  const opened = mine.filter((i) => within(i.createdAt, period));
  const resolved = mine.filter((i) => within(i.resolvedAt, period));
  const open = mine.filter((i) => i.createdAt < period.to && !(i.resolvedAt && i.resolvedAt < period.to) && !(i.closedAt && i.closedAt < period.to));
  const count = (xs: Incident[], key: (i: Incident) => string[]) => {
    const out: Record<string, number> = {};
    for (const i of xs) for (const k of key(i)) out[k] = (out[k] ?? 0) + 1;
    return out;
  };
  const taken = mine.filter((i) => within(i.takenAt, period)).map((i) => minutes(i.createdAt, i.takenAt!));
  const solved = resolved.map((i) => minutes(i.createdAt, i.resolvedAt!));
  const stats = (xs: number[]) => ({ count: xs.length, median: percentile(xs, 50), p90: percentile(xs, 90) });
  const maintenance = input.maintenance.filter((m) => m.audienceIds.includes(organisationId));
  const next = nextPeriodRange(period);
  return {
    organisationId,
    period,
    incidents: {
      opened: opened.length,
      resolved: resolved.length,
      open: open.length,
      openedByLayer: count(opened, (i) => [i.layer]),
      openedByApplication: count(opened, (i) => i.applicationIds),
      takeMinutes: stats(taken),
      resolveMinutes: stats(solved),
      perDay: input.days.map((d) => ({ day: d.day, byLayer: count(mine.filter((i) => i.createdAt >= d.from && i.createdAt < d.to), (i) => [i.layer]) })),
    },
    maintenance: {
      done: maintenance.filter((m) => m.status === 'done' && m.endsAt >= period.from && m.endsAt < period.to).length,
      coming: maintenance.filter((m) => (m.status === 'planned' || m.status === 'running' || m.status === 'extended') && m.startsAt >= next.from && m.startsAt < next.to).length,
    },
    deliveriesFailed: input.deliveriesFailed,
    kbUnanswered: input.kbUnanswered,
  };
}
