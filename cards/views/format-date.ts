import type { Locale } from '../../core/conversation/locale.ts';
import { ZONE } from '../../core/time/amsterdam-time.ts';

/** "29 nov. 2026 18:00" / "29 Nov 2026, 18:00", in Europe/Amsterdam time. */
export function formatDateTime(locale: Locale, instant: string | Date): string {
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'nl-NL', {
    timeZone: ZONE, day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).format(typeof instant === 'string' ? new Date(instant) : instant);
}
