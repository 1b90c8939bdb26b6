import { addDays, isoDate } from './amsterdam-time.ts';

export interface Holiday {
  date: string; // YYYY-MM-DD
  nl: string;
  en: string;
}

/** Easter Sunday (Anonymous Gregorian algorithm). */
function easter(year: number): { month: number; day: number } {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return { month, day };
}

const cache = new Map<number, Holiday[]>();

/**
 * The Dutch public holidays on which desks count as closed: the days of the Algemene termijnenwet
 * (New Year, Easter, Ascension, Whit, Christmas, King's Day) plus Liberation Day in lustrum years,
 * when it is a general day off.
 */
export function dutchHolidays(year: number): Holiday[] {
  const hit = cache.get(year);
  if (hit) return hit;
  const e = easter(year);
  const fromEaster = (offset: number) => {
    const d = addDays(year, e.month, e.day, offset);
    return isoDate(d.year, d.month, d.day);
  };
  // King's Day is 27 April, or 26 April when the 27th is a Sunday.
  const kingsDay = new Date(Date.UTC(year, 3, 27)).getUTCDay() === 0 ? 26 : 27;
  const list: Holiday[] = [
    { date: isoDate(year, 1, 1), nl: 'Nieuwjaarsdag', en: "New Year's Day" },
    { date: fromEaster(0), nl: 'Eerste Paasdag', en: 'Easter Sunday' },
    { date: fromEaster(1), nl: 'Tweede Paasdag', en: 'Easter Monday' },
    { date: isoDate(year, 4, kingsDay), nl: 'Koningsdag', en: "King's Day" },
    ...(year % 5 === 0 ? [{ date: isoDate(year, 5, 5), nl: 'Bevrijdingsdag', en: 'Liberation Day' }] : []),
    { date: fromEaster(39), nl: 'Hemelvaartsdag', en: 'Ascension Day' },
    { date: fromEaster(49), nl: 'Eerste Pinksterdag', en: 'Whit Sunday' },
    { date: fromEaster(50), nl: 'Tweede Pinksterdag', en: 'Whit Monday' },
    { date: isoDate(year, 12, 25), nl: 'Eerste Kerstdag', en: 'Christmas Day' },
    { date: isoDate(year, 12, 26), nl: 'Tweede Kerstdag', en: 'Boxing Day' },
  ];
  cache.set(year, list);
  return list;
}

export function holidayOn(date: string): Holiday | undefined {
  return dutchHolidays(Number(date.slice(0, 4))).find((h) => h.date === date);
}
