import { describe, expect, it } from 'vitest';
import { daysOf, isoWeekKey, lastCompletePeriod, type ReportPeriod } from '../../../../core/domain/reports/report-period.ts';

/**
 * The last complete day / week before an instant, in Europe/Amsterdam (issue 9 point 3). Every
 * expectation below is worked out by hand (UTC instants of local midnights, ISO week numbers), not
 * with the code under test.
 */

const HOUR = 3_600_000;
const hours = (p: { from: string; to: string }) => (Date.parse(p.to) - Date.parse(p.from)) / HOUR;

const day = (key: string, from: string, to: string): ReportPeriod => ({ kind: 'day', key, firstDay: key, lastDay: key, from, to });
const week = (key: string, firstDay: string, lastDay: string, from: string, to: string): ReportPeriod => ({ kind: 'week', key, firstDay, lastDay, from, to });

// Week 47 of 2026: Monday 16 – Sunday 22 November, CET (UTC+1).
const W47 = week('2026-W47', '2026-11-16', '2026-11-22', '2026-11-15T23:00:00.000Z', '2026-11-22T23:00:00.000Z');
const W46 = week('2026-W46', '2026-11-09', '2026-11-15', '2026-11-08T23:00:00.000Z', '2026-11-15T23:00:00.000Z');

describe('lastCompletePeriod', () => {
  it.each<[string, string, ReportPeriod, ReportPeriod]>([
    ['Monday 23 Nov 2026 08:00 CET (the digest hour)', '2026-11-23T07:00:00.000Z',
      day('2026-11-22', '2026-11-21T23:00:00.000Z', '2026-11-22T23:00:00.000Z'), W47],
    ['Monday 23 Nov 2026 00:30 CET (still Sunday in UTC)', '2026-11-22T23:30:00.000Z',
      day('2026-11-22', '2026-11-21T23:00:00.000Z', '2026-11-22T23:00:00.000Z'), W47],
    ['Monday 23 Nov 2026 00:00:00.000 CET exactly', '2026-11-22T23:00:00.000Z',
      day('2026-11-22', '2026-11-21T23:00:00.000Z', '2026-11-22T23:00:00.000Z'), W47],
    ['Sunday 22 Nov 2026 23:59 CET (the week is not complete yet)', '2026-11-22T22:59:00.000Z',
      day('2026-11-21', '2026-11-20T23:00:00.000Z', '2026-11-21T23:00:00.000Z'), W46],
    ['Sunday 22 Nov 2026 23:59:59.999 CET', '2026-11-22T22:59:59.999Z',
      day('2026-11-21', '2026-11-20T23:00:00.000Z', '2026-11-21T23:00:00.000Z'), W46],
    ['Saturday 21 Nov 2026 12:00 CET', '2026-11-21T11:00:00.000Z',
      day('2026-11-20', '2026-11-19T23:00:00.000Z', '2026-11-20T23:00:00.000Z'), W46],
    ['Wednesday 18 Nov 2026 00:10 CET', '2026-11-17T23:10:00.000Z',
      day('2026-11-17', '2026-11-16T23:00:00.000Z', '2026-11-17T23:00:00.000Z'), W46],
    // Summer time (CEST, UTC+2).
    ['Monday 15 Jun 2026 01:30 CEST (Sunday 23:30 UTC)', '2026-06-14T23:30:00.000Z',
      day('2026-06-14', '2026-06-13T22:00:00.000Z', '2026-06-14T22:00:00.000Z'),
      week('2026-W24', '2026-06-08', '2026-06-14', '2026-06-07T22:00:00.000Z', '2026-06-14T22:00:00.000Z')],
    ['Sunday 14 Jun 2026 23:59 CEST', '2026-06-14T21:59:00.000Z',
      day('2026-06-13', '2026-06-12T22:00:00.000Z', '2026-06-13T22:00:00.000Z'),
      week('2026-W23', '2026-06-01', '2026-06-07', '2026-05-31T22:00:00.000Z', '2026-06-07T22:00:00.000Z')],
  ])('%s', (_name, now, expectedDay, expectedWeek) => {
    expect(lastCompletePeriod('day', new Date(now))).toEqual(expectedDay);
    expect(lastCompletePeriod('week', new Date(now))).toEqual(expectedWeek);
    expect(hours(expectedDay)).toBe(24);
    expect(hours(expectedWeek)).toBe(168);
  });

  describe('around the summer-time change (Sunday 29 March 2026, 02:00 → 03:00)', () => {
    const W13 = week('2026-W13', '2026-03-23', '2026-03-29', '2026-03-22T23:00:00.000Z', '2026-03-29T22:00:00.000Z');

    it('the week containing the change is 167 hours long', () => {
      for (const now of ['2026-03-30T06:00:00.000Z', '2026-03-29T22:30:00.000Z', '2026-04-05T21:59:00.000Z']) {
        expect(lastCompletePeriod('week', new Date(now))).toEqual(W13);
      }
      expect(hours(W13)).toBe(167);
    });

    it('the day of the change is 23 hours long', () => {
      const expected = day('2026-03-29', '2026-03-28T23:00:00.000Z', '2026-03-29T22:00:00.000Z');
      // Monday 30 March 00:30 CEST is Sunday 22:30 UTC.
      expect(lastCompletePeriod('day', new Date('2026-03-29T22:30:00.000Z'))).toEqual(expected);
      expect(lastCompletePeriod('day', new Date('2026-03-30T06:00:00.000Z'))).toEqual(expected);
      expect(hours(expected)).toBe(23);
    });

    it('on the morning of the change (03:30 CEST) yesterday is the last winter day; last week ends before the change', () => {
      const now = new Date('2026-03-29T01:30:00.000Z');
      expect(lastCompletePeriod('day', now)).toEqual(day('2026-03-28', '2026-03-27T23:00:00.000Z', '2026-03-28T23:00:00.000Z'));
      expect(lastCompletePeriod('week', now)).toEqual(week('2026-W12', '2026-03-16', '2026-03-22', '2026-03-15T23:00:00.000Z', '2026-03-22T23:00:00.000Z'));
    });

    it('the week after the change is 168 hours again, all in summer time', () => {
      const p = lastCompletePeriod('week', new Date('2026-04-06T06:00:00.000Z'));
      expect(p).toEqual(week('2026-W14', '2026-03-30', '2026-04-05', '2026-03-29T22:00:00.000Z', '2026-04-05T22:00:00.000Z'));
      expect(hours(p)).toBe(168);
    });
  });

  describe('around the winter-time change (Sunday 25 October 2026, 03:00 → 02:00)', () => {
    const W43 = week('2026-W43', '2026-10-19', '2026-10-25', '2026-10-18T22:00:00.000Z', '2026-10-25T23:00:00.000Z');

    it('the week containing the change is 169 hours long', () => {
      // Monday 26 October 00:30 CET is Sunday 23:30 UTC; 08:00 CET is 07:00 UTC.
      for (const now of ['2026-10-25T23:30:00.000Z', '2026-10-26T07:00:00.000Z', '2026-11-01T22:59:00.000Z']) {
        expect(lastCompletePeriod('week', new Date(now))).toEqual(W43);
      }
      expect(hours(W43)).toBe(169);
    });

    it('the day of the change is 25 hours long', () => {
      const expected = day('2026-10-25', '2026-10-24T22:00:00.000Z', '2026-10-25T23:00:00.000Z');
      expect(lastCompletePeriod('day', new Date('2026-10-25T23:30:00.000Z'))).toEqual(expected);
      expect(hours(expected)).toBe(25);
    });

    it('at 02:30 on the change night (both the CEST and the CET one) yesterday is Saturday, last week is W42', () => {
      for (const now of ['2026-10-25T00:30:00.000Z', '2026-10-25T01:30:00.000Z']) {
        expect(lastCompletePeriod('day', new Date(now))).toEqual(day('2026-10-24', '2026-10-23T22:00:00.000Z', '2026-10-24T22:00:00.000Z'));
        expect(lastCompletePeriod('week', new Date(now))).toEqual(week('2026-W42', '2026-10-12', '2026-10-18', '2026-10-11T22:00:00.000Z', '2026-10-18T22:00:00.000Z'));
      }
    });
  });

  describe('ISO week keys around New Year', () => {
    it.each<[string, string, ReportPeriod]>([
      // 1 January 2026 is a Thursday: its week (W01) starts Monday 29 December 2025.
      ['2026-W01 holds the last days of 2025', '2026-01-05T07:00:00.000Z',
        week('2026-W01', '2025-12-29', '2026-01-04', '2025-12-28T23:00:00.000Z', '2026-01-04T23:00:00.000Z')],
      // 2026 starts on a Thursday: it has 53 weeks; W53 runs into 2027.
      ['2026-W52', '2026-12-31T23:30:00.000Z',
        week('2026-W52', '2026-12-21', '2026-12-27', '2026-12-20T23:00:00.000Z', '2026-12-27T23:00:00.000Z')],
      ['2026-W53 runs into January 2027', '2027-01-04T07:00:00.000Z',
        week('2026-W53', '2026-12-28', '2027-01-03', '2026-12-27T23:00:00.000Z', '2027-01-03T23:00:00.000Z')],
      ['2027-W01 starts Monday 4 January 2027', '2027-01-11T08:00:00.000Z',
        week('2027-W01', '2027-01-04', '2027-01-10', '2027-01-03T23:00:00.000Z', '2027-01-10T23:00:00.000Z')],
      // 1 January 2025 is a Wednesday: W01 starts Monday 30 December 2024.
      ['2025-W01 starts in 2024', '2025-01-06T07:00:00.000Z',
        week('2025-W01', '2024-12-30', '2025-01-05', '2024-12-29T23:00:00.000Z', '2025-01-05T23:00:00.000Z')],
      // 2020 (a leap year starting on a Wednesday) has 53 weeks.
      ['2020-W53', '2021-01-04T07:00:00.000Z',
        week('2020-W53', '2020-12-28', '2021-01-03', '2020-12-27T23:00:00.000Z', '2021-01-03T23:00:00.000Z')],
    ])('%s', (_name, now, expected) => {
      expect(lastCompletePeriod('week', new Date(now))).toEqual(expected);
    });

    it('yesterday across New Year: 31 December, key = the date', () => {
      expect(lastCompletePeriod('day', new Date('2026-12-31T23:30:00.000Z'))).toEqual(day('2026-12-31', '2026-12-30T23:00:00.000Z', '2026-12-31T23:00:00.000Z'));
    });

    it.each([
      [2026, 1, 1, '2026-W01'], [2025, 12, 29, '2026-W01'], [2025, 12, 28, '2025-W52'], [2026, 12, 31, '2026-W53'], [2027, 1, 3, '2026-W53'],
      [2027, 1, 4, '2027-W01'], [2024, 12, 30, '2025-W01'], [2021, 1, 3, '2020-W53'], [2026, 11, 16, '2026-W47'], [2026, 11, 22, '2026-W47'],
      [2026, 11, 23, '2026-W48'], [2028, 1, 2, '2027-W52'], [2028, 1, 3, '2028-W01'],
    ])('isoWeekKey(%i, %i, %i) = %s', (y, m, d, key) => {
      expect(isoWeekKey(y, m, d)).toBe(key);
    });
  });
});

describe('daysOf', () => {
  it('a week: seven local days from midnight to midnight, covering the period without gaps', () => {
    expect(daysOf(W47)).toEqual([
      { day: '2026-11-16', from: '2026-11-15T23:00:00.000Z', to: '2026-11-16T23:00:00.000Z' },
      { day: '2026-11-17', from: '2026-11-16T23:00:00.000Z', to: '2026-11-17T23:00:00.000Z' },
      { day: '2026-11-18', from: '2026-11-17T23:00:00.000Z', to: '2026-11-18T23:00:00.000Z' },
      { day: '2026-11-19', from: '2026-11-18T23:00:00.000Z', to: '2026-11-19T23:00:00.000Z' },
      { day: '2026-11-20', from: '2026-11-19T23:00:00.000Z', to: '2026-11-20T23:00:00.000Z' },
      { day: '2026-11-21', from: '2026-11-20T23:00:00.000Z', to: '2026-11-21T23:00:00.000Z' },
      { day: '2026-11-22', from: '2026-11-21T23:00:00.000Z', to: '2026-11-22T23:00:00.000Z' },
    ]);
  });

  it('the summer-time week: Sunday is 23 hours, the days still add up to the period', () => {
    const p = lastCompletePeriod('week', new Date('2026-03-30T06:00:00.000Z'));
    const days = daysOf(p);
    expect(days.map((d) => d.day)).toEqual(['2026-03-23', '2026-03-24', '2026-03-25', '2026-03-26', '2026-03-27', '2026-03-28', '2026-03-29']);
    expect(days.map(hours)).toEqual([24, 24, 24, 24, 24, 24, 23]);
    expect(days[6]).toEqual({ day: '2026-03-29', from: '2026-03-28T23:00:00.000Z', to: '2026-03-29T22:00:00.000Z' });
    expect(days[0]!.from).toBe(p.from);
    expect(days[6]!.to).toBe(p.to);
    for (let i = 1; i < 7; i++) expect(days[i]!.from).toBe(days[i - 1]!.to);
  });

  it('the winter-time week: Sunday is 25 hours', () => {
    const p = lastCompletePeriod('week', new Date('2026-10-26T07:00:00.000Z'));
    const days = daysOf(p);
    expect(days.map(hours)).toEqual([24, 24, 24, 24, 24, 24, 25]);
    expect(days[5]).toEqual({ day: '2026-10-24', from: '2026-10-23T22:00:00.000Z', to: '2026-10-24T22:00:00.000Z' });
    expect(days[6]).toEqual({ day: '2026-10-25', from: '2026-10-24T22:00:00.000Z', to: '2026-10-25T23:00:00.000Z' });
    expect(days[0]!.from).toBe(p.from);
    expect(days[6]!.to).toBe(p.to);
  });

  it('New Year\'s week W53: the days cross into 2027', () => {
    const days = daysOf(lastCompletePeriod('week', new Date('2027-01-04T07:00:00.000Z')));
    expect(days.map((d) => d.day)).toEqual(['2026-12-28', '2026-12-29', '2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02', '2027-01-03']);
    expect(days[4]).toEqual({ day: '2027-01-01', from: '2026-12-31T23:00:00.000Z', to: '2027-01-01T23:00:00.000Z' });
  });

  it('a day: one entry, the period itself (23 hours on the summer-time day)', () => {
    const p = lastCompletePeriod('day', new Date('2026-03-30T06:00:00.000Z'));
    expect(daysOf(p)).toEqual([{ day: '2026-03-29', from: p.from, to: p.to }]);
    expect(daysOf(p).map(hours)).toEqual([23]);
  });
});
