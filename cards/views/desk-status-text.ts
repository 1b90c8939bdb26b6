import type { DeskStatus } from '../../core/domain/directory/opening-hours.ts';
import type { Locale } from '../../core/conversation/locale.ts';
import { hhmm, localParts, ZONE } from '../../core/time/amsterdam-time.ts';
import type { Translate } from '../i18n/translate.ts';

const dayName = (locale: Locale, instant: Date) =>
  new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'nl-NL', { weekday: 'long', timeZone: ZONE }).format(instant);

/** "Nu open (tot 17:00)" / "Nu gesloten – opent maandag om 08:30", in Europe/Amsterdam time. */
export function deskStatusText(t: Translate, locale: Locale, status: DeskStatus, now: Date): string {
  if (status.open) return status.alwaysOpen || !status.closesAt ? t('desk.open.always') : t('desk.open.until', { time: hhmm(localParts(status.closesAt).minutes) });
  const holiday = status.holiday ? `${t('desk.closed.holiday', { holiday: locale === 'en' ? status.holiday.en : status.holiday.nl })}. ` : '';
  if (!status.opensAt) return holiday + t('desk.closed.noHours');
  const opens = localParts(status.opensAt);
  const today = localParts(now);
  const time = hhmm(opens.minutes);
  const days = Math.round((Date.UTC(opens.year, opens.month - 1, opens.day) - Date.UTC(today.year, today.month - 1, today.day)) / 86_400_000);
  if (days === 0) return holiday + t('desk.closed.opensToday', { time });
  if (days === 1) return holiday + t('desk.closed.opensTomorrow', { time });
  return holiday + t('desk.closed.opensOn', { day: dayName(locale, status.opensAt), time });
}
