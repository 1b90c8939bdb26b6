/**
 * The next updatedAt: now, but always later than the previous one, so the optimistic check
 * (change only if updatedAt is still what was read) also catches two changes in one millisecond.
 */
export function stampAfter(now: Date, previous: string): string {
  const prev = Date.parse(previous);
  return new Date(Math.max(now.getTime(), Number.isFinite(prev) ? prev + 1 : 0)).toISOString();
}
