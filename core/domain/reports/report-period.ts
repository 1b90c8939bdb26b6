import { addDays, fromLocal, isoDate, localParts } from '../../time/amsterdam-time.ts';

export type ReportKind = 'day' | 'week';

export interface ReportPeriod {
  kind: ReportKind;
  /** Inclusive start and exclusive end, as instants (midnight in the Netherlands). */
  from: string;
  to: string;
  /** "2026-11-21" (day) or "2026-W47" (week): one digest per organisation per key. */
  key: string;
  /** The local dates, for display: first and last day. */
  firstDay: string;
  lastDay: string;
}

/**
 * The last complete period before `now` in Europe/Amsterdam: yesterday, or last week (Monday to
 * Sunday). What a digest at 08:00 reports, and what "rapport dag|week" shows.
 */
export function lastCompletePeriod(kind: ReportKind, now: Date): ReportPeriod {
  const today = localParts(now);
  // Monday of this week (weekday 0 = Sunday).
  const back = kind === 'day' ? 1 : ((today.weekday + 6) % 7) + 7;
  const start = addDays(today.year, today.month, today.day, -back);
  const end = addDays(start.year, start.month, start.day, kind === 'day' ? 1 : 7);
  const last = addDays(end.year, end.month, end.day, -1);
  const firstDay = isoDate(start.year, start.month, start.day);
  return {
    kind,
    from: fromLocal(start.year, start.month, start.day, 0).toISOString(),
    to: fromLocal(end.year, end.month, end.day, 0).toISOString(),
    key: kind === 'day' ? firstDay : isoWeekKey(start.year, start.month, start.day),
    firstDay,
    lastDay: isoDate(last.year, last.month, last.day),
  };
}

/** ISO 8601 week of a date: "2026-W47" (the week belongs to the year of its Thursday). */
export function isoWeekKey(year: number, month: number, day: number): string {
  const d = new Date(Date.UTC(year, month - 1, day));
  d.setUTCDate(d.getUTCDate() + 4 - (d.getUTCDay() || 7));
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((d.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/** The period right after this one (the next local day or week: 23, 25, 167 or 169 hours around DST). */
export function nextPeriodRange(period: ReportPeriod): { from: string; to: string } {
  const [y, m, d] = period.firstDay.split('-').map(Number) as [number, number, number];
  const length = period.kind === 'day' ? 1 : 7;
  const end = addDays(y, m, d, 2 * length);
  return { from: period.to, to: fromLocal(end.year, end.month, end.day, 0).toISOString() };
}

/** The days a report's chart shows: the week's days, or for a day report the 7 days ending with it. */
export function chartDaysOf(period: ReportPeriod): Array<{ day: string; from: string; to: string }> {
  if (period.kind === 'week') return daysOf(period);
  const [y, m, d] = period.firstDay.split('-').map(Number) as [number, number, number];
  return Array.from({ length: 7 }, (_, i) => {
    const a = addDays(y, m, d, i - 6);
    const b = addDays(y, m, d, i - 5);
    return { day: isoDate(a.year, a.month, a.day), from: fromLocal(a.year, a.month, a.day, 0).toISOString(), to: fromLocal(b.year, b.month, b.day, 0).toISOString() };
  });
}

/** The local days of a period, each with its instants. */
export function daysOf(period: ReportPeriod): Array<{ day: string; from: string; to: string }> {
  const [y, m, d] = period.firstDay.split('-').map(Number) as [number, number, number];
  const count = period.kind === 'day' ? 1 : 7;
  return Array.from({ length: count }, (_, i) => {
    const a = addDays(y, m, d, i);
    const b = addDays(y, m, d, i + 1);
    return { day: isoDate(a.year, a.month, a.day), from: fromLocal(a.year, a.month, a.day, 0).toISOString(), to: fromLocal(b.year, b.month, b.day, 0).toISOString() };
  });
}
