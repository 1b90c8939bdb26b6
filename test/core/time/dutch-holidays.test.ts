import { describe, expect, it } from 'vitest';
import { dutchHolidays, holidayOn } from '../../../core/time/dutch-holidays.ts';

const KNOWN: Record<number, Record<string, string>> = {
  2025: {
    "New Year's Day": '2025-01-01',
    'Easter Sunday': '2025-04-20',
    'Easter Monday': '2025-04-21',
    "King's Day": '2025-04-26', // 27 April 2025 is a Sunday
    'Liberation Day': '2025-05-05', // lustrum year
    'Ascension Day': '2025-05-29',
    'Whit Sunday': '2025-06-08',
    'Whit Monday': '2025-06-09',
    'Christmas Day': '2025-12-25',
    'Boxing Day': '2025-12-26',
  },
  2026: {
    "New Year's Day": '2026-01-01',
    'Easter Sunday': '2026-04-05',
    'Easter Monday': '2026-04-06',
    "King's Day": '2026-04-27',
    'Ascension Day': '2026-05-14',
    'Whit Sunday': '2026-05-24',
    'Whit Monday': '2026-05-25',
    'Christmas Day': '2026-12-25',
    'Boxing Day': '2026-12-26',
  },
  2027: {
    "New Year's Day": '2027-01-01',
    'Easter Sunday': '2027-03-28',
    'Easter Monday': '2027-03-29',
    "King's Day": '2027-04-27',
    'Ascension Day': '2027-05-06',
    'Whit Sunday': '2027-05-16',
    'Whit Monday': '2027-05-17',
    'Christmas Day': '2027-12-25',
    'Boxing Day': '2027-12-26',
  },
  2030: {
    "New Year's Day": '2030-01-01',
    'Easter Sunday': '2030-04-21',
    'Easter Monday': '2030-04-22',
    "King's Day": '2030-04-27',
    'Liberation Day': '2030-05-05',
    'Ascension Day': '2030-05-30',
    'Whit Sunday': '2030-06-09',
    'Whit Monday': '2030-06-10',
    'Christmas Day': '2030-12-25',
    'Boxing Day': '2030-12-26',
  },
};

describe('dutchHolidays', () => {
  it.each(Object.keys(KNOWN).map(Number))('%i: exactly the known dates', (year) => {
    const byName = Object.fromEntries(dutchHolidays(year).map((h) => [h.en, h.date]));
    expect(byName).toEqual(KNOWN[year]);
  });

  it.each([2025, 2026, 2027, 2030])('%i: every holiday has a Dutch and an English name and falls in that year, in date order', (year) => {
    const list = dutchHolidays(year);
    for (const h of list) {
      expect(h.date.startsWith(`${year}-`)).toBe(true);
      expect(h.nl).not.toBe('');
      expect(h.en).not.toBe('');
    }
    const dates = list.map((h) => h.date);
    expect(dates).toEqual([...dates].sort());
  });

  it('uses the Dutch names people know', () => {
    const nl = Object.fromEntries(dutchHolidays(2026).map((h) => [h.date, h.nl]));
    expect(nl).toMatchObject({
      '2026-01-01': 'Nieuwjaarsdag',
      '2026-04-05': 'Eerste Paasdag',
      '2026-04-06': 'Tweede Paasdag',
      '2026-04-27': 'Koningsdag',
      '2026-05-14': 'Hemelvaartsdag',
      '2026-05-24': 'Eerste Pinksterdag',
      '2026-05-25': 'Tweede Pinksterdag',
      '2026-12-25': 'Eerste Kerstdag',
      '2026-12-26': 'Tweede Kerstdag',
    });
  });

  it.each([
    [2025, true], [2026, false], [2027, false], [2028, false], [2029, false], [2030, true], [2035, true],
  ])('Liberation Day is a day off in %i: %s', (year, expected) => {
    expect(dutchHolidays(year).some((h) => h.date === `${year}-05-05` && h.nl === 'Bevrijdingsdag')).toBe(expected);
  });

  it.each([
    [2014, '2014-04-26'], // 27 April 2014 was a Sunday
    [2025, '2025-04-26'],
    [2026, '2026-04-27'],
    [2031, '2031-04-26'], // 27 April 2031 is a Sunday
  ])("King's Day %i is %s", (year, date) => {
    expect(dutchHolidays(year).find((h) => h.en === "King's Day")?.date).toBe(date);
  });
});

describe('holidayOn', () => {
  it.each([
    ['2026-04-06', 'Tweede Paasdag'],
    ['2026-05-14', 'Hemelvaartsdag'],
    ['2026-05-25', 'Tweede Pinksterdag'],
    ['2025-04-26', 'Koningsdag'],
    ['2025-05-05', 'Bevrijdingsdag'],
    ['2026-12-25', 'Eerste Kerstdag'],
  ])('%s is %s', (date, nl) => {
    expect(holidayOn(date)?.nl).toBe(nl);
  });

  it.each(['2026-04-03', '2025-04-27', '2026-05-05', '2026-04-26', '2026-12-24', '2026-12-31', '2026-06-15'])('%s is an ordinary day', (date) => {
    expect(holidayOn(date)).toBeUndefined();
  });
});
