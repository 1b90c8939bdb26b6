import type { OpeningHoursSpec } from '../../core/domain/directory/types.ts';
import type { Translate } from '../i18n/translate.ts';

/** The hours as the directory states them ("mon-fri 08:30-17:00"), or "24 hours a day …". */
export function openingHoursText(t: Translate, hours: OpeningHoursSpec): string {
  if (typeof hours === 'string') return t('directory.hours.always');
  return Object.entries(hours).map(([days, time]) => `${days} ${time}`).join(', ');
}
