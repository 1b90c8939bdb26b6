import type { Locale } from '../../core/conversation/locale.ts';
import type { OpeningHoursSpec } from '../../core/domain/directory/types.ts';
import type { Translate } from '../i18n/translate.ts';

const SHORT: Record<Locale, string[]> = {
  nl: ['zo', 'ma', 'di', 'wo', 'do', 'vr', 'za'],
  en: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'],
};
const DAY_INDEX: Record<string, number> = {
  sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6, sunday: 0, monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5, saturday: 6,
  zo: 0, ma: 1, di: 2, wo: 3, do: 4, vr: 5, za: 6, vrij: 5, zondag: 0, maandag: 1, dinsdag: 2, woensdag: 3, donderdag: 4, vrijdag: 5, zaterdag: 6,
};

/** The directory's hours in the reader's language: "ma-vr 08:30-17:00" / "Mon-Fri 08:30-17:00". */
export function openingHoursText(t: Translate, locale: Locale, hours: OpeningHoursSpec): string {
  if (typeof hours === 'string') return t('directory.hours.always');
  const day = (token: string) => {
    const key = token.trim().toLowerCase();
    return Object.hasOwn(DAY_INDEX, key) ? SHORT[locale][DAY_INDEX[key]!]! : token.trim();
  };
  return Object.entries(hours)
    .map(([days, time]) => {
      const localDays = days.split(',').map((part) => part.split('-').map(day).join('-')).join(', ');
      return `${localDays} ${/^(closed|gesloten|-)$/i.test(time.trim()) ? t('directory.hours.closed') : time}`;
    })
    .join(', ');
}
