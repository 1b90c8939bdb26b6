import { fromLocal, localParts } from '../core/time/amsterdam-time.ts';

/**
 * A date ("2026-11-23") and time ("14:05") as typed in a form, in Europe/Amsterdam, to an ISO
 * instant. Both empty → `whenEmpty` (e.g. now); a missing date means today; unreadable → undefined.
 */
export function localDateTimeToIso(date: string | undefined, time: string | undefined, now: Date, whenEmpty?: Date): string | undefined {
  const d = date?.trim();
  const t = time?.trim();
  if (!d && !t) return whenEmpty?.toISOString();
  const today = localParts(now);
  const dm = d ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(d) : ['', String(today.year), String(today.month), String(today.day)];
  const tm = t ? /^(\d{1,2}):(\d{2})(?::\d{2})?$/.exec(t) : ['', '0', '0'];
  if (!dm || !tm) return undefined;
  const [year, month, day, hour, minute] = [Number(dm[1]), Number(dm[2]), Number(dm[3]), Number(tm[1]), Number(tm[2])];
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59) return undefined;
  // 31 February does not roll over into March: the day must exist in its month.
  if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return undefined;
  return fromLocal(year, month, day, hour * 60 + minute).toISOString();
}
