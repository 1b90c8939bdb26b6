import { deskStatusOf } from './desk-status-of.ts';
import type { Organisation } from './types.ts';

/** Milliseconds between `from` and `to` during which the organisation's desk was open (office hours, holidays closed). */
export function officeMsBetween(organisation: Organisation, from: Date, to: Date): number {
  let total = 0;
  let t = from.getTime();
  const end = to.getTime();
  // One step per opening or closing: a guard far beyond any real span (years of office days).
  for (let guard = 0; t < end && guard < 100_000; guard++) {
    const status = deskStatusOf(organisation, new Date(t));
    if (status.open) {
      const until = Math.min(status.closesAt?.getTime() ?? end, end);
      total += until - t;
      t = until;
    } else {
      if (!status.opensAt) break;
      t = status.opensAt.getTime();
    }
  }
  return total;
}
