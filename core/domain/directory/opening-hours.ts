import { addDays, fromLocal, isoDate, localParts } from '../../time/amsterdam-time.ts';
import { holidayOn, type Holiday } from '../../time/dutch-holidays.ts';
import type { OpeningHoursSpec } from './types.ts';

/** Minutes since midnight, [start, end), per weekday (0 = Sunday). */
export type WeeklyHours = { alwaysOpen: true } | { alwaysOpen: false; days: Array<Array<[number, number]>> };

export type DeskStatus =
  | { open: true; alwaysOpen: boolean; closesAt?: Date }
  | { open: false; opensAt?: Date; holiday?: Holiday };

const DAY_NAMES: Record<string, number> = {
  sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6,
  sunday: 0, monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5, saturday: 6,
  zo: 0, ma: 1, di: 2, wo: 3, do: 4, vr: 5, za: 6, vrij: 5,
  zondag: 0, maandag: 1, dinsdag: 2, woensdag: 3, donderdag: 4, vrijdag: 5, zaterdag: 6,
};
const ALWAYS = /^(24x7|24\/7|always|altijd)$/i;
const CLOSED = /^(closed|gesloten|-)$/i;

/** Parses "24x7" or { "mon-fri": "08:00-17:00", "sat,sun": "closed" }; an error text names the bad part. */
export function parseOpeningHours(spec: OpeningHoursSpec | unknown): WeeklyHours | { error: string } {
  if (typeof spec === 'string') return ALWAYS.test(spec.trim()) ? { alwaysOpen: true } : { error: `"${spec}" is not "24x7" or a table of days` };
  if (!spec || typeof spec !== 'object' || Array.isArray(spec)) return { error: 'must be "24x7" or an object like {"mon-fri": "08:00-17:00"}' };
  const days: Array<Array<[number, number]>> = [[], [], [], [], [], [], []];
  for (const [dayKey, value] of Object.entries(spec as Record<string, unknown>)) {
    const dayList = parseDays(dayKey);
    if (!dayList) return { error: `unknown day "${dayKey}" (use mon, tue, … sun, ranges like mon-fri, lists like sat,sun)` };
    if (typeof value !== 'string') return { error: `hours for "${dayKey}" must be text like "08:00-17:00"` };
    const ranges = parseRanges(value);
    if (!ranges) return { error: `hours "${value}" for "${dayKey}" must look like "08:00-17:00" (several separated by commas) or "closed"` };
    // A later key overrides an earlier one for its days: {"mon-fri": "08:00-17:00", "fri": "closed"}.
    for (const day of dayList) days[day] = [...ranges].sort((a, b) => a[0] - b[0]);
  }
  return { alwaysOpen: false, days };
}

function parseDays(key: string): number[] | undefined {
  const result: number[] = [];
  for (const part of key.toLowerCase().split(',').map((p) => p.trim())) {
    const [from, to] = part.split('-').map((p) => (Object.hasOwn(DAY_NAMES, p.trim()) ? DAY_NAMES[p.trim()] : undefined));
    if (from === undefined || (part.includes('-') && to === undefined)) return undefined;
    if (to === undefined) result.push(from);
    else for (let d = from; ; d = (d + 1) % 7) { result.push(d); if (d === to) break; }
  }
  return result;
}

function parseRanges(value: string): Array<[number, number]> | undefined {
  if (CLOSED.test(value.trim())) return [];
  const ranges: Array<[number, number]> = [];
  for (const part of value.split(',')) {
    const match = /^\s*(\d{1,2})[:.](\d{2})\s*-\s*(\d{1,2})[:.](\d{2})\s*$/.exec(part);
    if (!match) return undefined;
    const start = Number(match[1]) * 60 + Number(match[2]);
    const end = Number(match[3]) * 60 + Number(match[4]);
    if (Number(match[2]) > 59 || Number(match[4]) > 59 || start >= end || end > 24 * 60) return undefined;
    ranges.push([start, end]);
  }
  return ranges;
}

/**
 * Open now, or when it opens next (within two weeks), in Europe/Amsterdam time.
 * Dutch public holidays count as closed, except for desks that are open around the clock.
 */
export function deskStatus(hours: WeeklyHours, now: Date): DeskStatus {
  if (hours.alwaysOpen) return { open: true, alwaysOpen: true };
  const today = localParts(now);
  const todayHoliday = holidayOn(isoDate(today.year, today.month, today.day));
  if (!todayHoliday) {
    const current = hours.days[today.weekday]!.find(([s, e]) => s <= today.minutes && today.minutes < e);
    if (current) return { open: true, alwaysOpen: false, closesAt: fromLocal(today.year, today.month, today.day, current[1]) };
  }
  for (let offset = 0; offset <= 14; offset++) {
    const d = addDays(today.year, today.month, today.day, offset);
    if (holidayOn(isoDate(d.year, d.month, d.day))) continue;
    const next = hours.days[d.weekday]!.find(([s]) => offset > 0 || s > today.minutes);
    if (next) return { open: false, opensAt: fromLocal(d.year, d.month, d.day, next[0]), ...(todayHoliday ? { holiday: todayHoliday } : {}) };
  }
  return { open: false, ...(todayHoliday ? { holiday: todayHoliday } : {}) };
}
