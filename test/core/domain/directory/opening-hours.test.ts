import { describe, expect, it } from 'vitest';
import { deskStatus, parseOpeningHours, type WeeklyHours } from '../../../../core/domain/directory/opening-hours.ts';

const at = (h: number, m = 0) => h * 60 + m;
const range = (from: string, to: string): [number, number] => {
  const m = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3));
  return [m(from), m(to)];
};
/** Sunday … Saturday */
const week = (...days: Array<Array<[number, number]>>) => ({ alwaysOpen: false, days });

function hours(spec: unknown): WeeklyHours {
  const parsed = parseOpeningHours(spec);
  if ('error' in parsed) throw new Error(`expected valid hours, got: ${parsed.error}`);
  return parsed;
}

describe('parseOpeningHours accepts', () => {
  const office = range('08:00', '17:00');
  const split = [range('08:00', '12:00'), range('13:00', '17:00')];
  it.each([
    ['"24x7"', '24x7', { alwaysOpen: true }],
    ['"24/7"', '24/7', { alwaysOpen: true }],
    ['"altijd"', 'altijd', { alwaysOpen: true }],
    ['mon-fri', { 'mon-fri': '08:00-17:00' }, week([], [office], [office], [office], [office], [office], [])],
    ['Dutch ma-vr', { 'ma-vr': '08:00-17:00' }, week([], [office], [office], [office], [office], [office], [])],
    ['full Dutch names', { maandag: '08:00-17:00', vrijdag: '08:00-12:00' }, week([], [office], [], [], [], [range('08:00', '12:00')], [])],
    ['Dutch za,zo gesloten', { 'ma-vr': '08:00-17:00', 'za,zo': 'gesloten' }, week([], [office], [office], [office], [office], [office], [])],
    ['several ranges', { 'mon-fri': '08:00-12:00, 13:00-17:00' }, week([], split, split, split, split, split, [])],
    ['sat,sun closed', { 'mon-fri': '08:00-17:00', 'sat,sun': 'closed' }, week([], [office], [office], [office], [office], [office], [])],
    ['a Saturday morning', { 'mon-fri': '08:00-17:00', sat: '09:00-12:00' }, week([], [office], [office], [office], [office], [office], [range('09:00', '12:00')])],
    ['a range wrapping the week', { 'fri-mon': '10:00-11:00' }, week([range('10:00', '11:00')], [range('10:00', '11:00')], [], [], [], [range('10:00', '11:00')], [range('10:00', '11:00')])],
    ['upper case and dots', { 'MON-FRI': '8.30-17.00' }, week([], ...Array(5).fill([range('08:30', '17:00')]), [])],
    ['until midnight', { sun: '20:00-24:00' }, week([range('20:00', '24:00')], [], [], [], [], [], [])],
    ['ranges given out of order are sorted', { mon: '13:00-17:00, 08:00-12:00' }, week([], split, [], [], [], [], [])],
  ])('%s', (_label, spec, expected) => {
    expect(parseOpeningHours(spec)).toEqual(expected);
  });
});

describe('parseOpeningHours rejects, naming the bad part', () => {
  it.each([
    ['an unknown day', { 'mon-fry': '08:00-17:00' }, '"mon-fry"'],
    ['a nonsense day', { someday: '08:00-17:00' }, '"someday"'],
    ['an open-ended day range', { 'mon-': '08:00-17:00' }, '"mon-"'],
    ['an hour without minutes', { 'mon-fri': '8-17' }, '"8-17"'],
    ['a range that ends before it starts', { mon: '17:00-08:00' }, '"17:00-08:00"'],
    ['an empty range', { mon: '08:00-08:00' }, '"08:00-08:00"'],
    ['minute 60', { tue: '08:60-17:00' }, '"08:60-17:00"'],
    ['past midnight', { wed: '20:00-25:00' }, '"20:00-25:00"'],
    ['one bad range among good ones', { thu: '08:00-12:00, 13:00-1700' }, '"08:00-12:00, 13:00-1700"'],
    ['a number for hours', { fri: 8 }, '"fri"'],
    ['any other text', 'weekdays', '"weekdays"'],
    ['a list', ['mon-fri'], '24x7'],
    ['null', null, '24x7'],
  ])('%s', (_label, spec, named) => {
    const result = parseOpeningHours(spec);
    expect(result).toHaveProperty('error');
    expect((result as { error: string }).error).toContain(named);
  });

  it('the error for bad hours names the day it belongs to', () => {
    expect((parseOpeningHours({ 'sat,sun': '9 tot 12' }) as { error: string }).error).toMatch(/"9 tot 12".*"sat,sun"/);
  });
});

describe('deskStatus (instants in UTC, hours in Amsterdam time)', () => {
  const office = hours({ 'mon-fri': '08:30-17:00' });
  const lunch = hours({ 'ma-vr': '08:00-12:00, 13:00-17:00', 'za,zo': 'gesloten' });

  it.each([
    // Thursday 15 January 2026 (winter, UTC+1)
    ['winter, before opening', office, '2026-01-15T07:00:00Z', { open: false, opensAt: '2026-01-15T07:30:00.000Z' }],
    ['winter, at opening time', office, '2026-01-15T07:30:00Z', { open: true, alwaysOpen: false, closesAt: '2026-01-15T16:00:00.000Z' }],
    ['winter, during', office, '2026-01-15T12:00:00Z', { open: true, alwaysOpen: false, closesAt: '2026-01-15T16:00:00.000Z' }],
    ['winter, one minute before closing', office, '2026-01-15T15:59:00Z', { open: true, alwaysOpen: false, closesAt: '2026-01-15T16:00:00.000Z' }],
    ['winter, at closing time → tomorrow', office, '2026-01-15T16:00:00Z', { open: false, opensAt: '2026-01-16T07:30:00.000Z' }],
    ['winter, just after local midnight (still 23:xx UTC the day before)', office, '2026-01-15T23:30:00Z', { open: false, opensAt: '2026-01-16T07:30:00.000Z' }],
    // Friday after closing → Monday 08:30 local
    ['winter, Friday evening → Monday 08:30 CET', office, '2026-01-16T16:30:00Z', { open: false, opensAt: '2026-01-19T07:30:00.000Z' }],
    ['winter, Saturday → Monday', office, '2026-01-17T10:00:00Z', { open: false, opensAt: '2026-01-19T07:30:00.000Z' }],
    ['summer, Friday evening → Monday 08:30 CEST', office, '2026-06-19T15:00:00Z', { open: false, opensAt: '2026-06-22T06:30:00.000Z' }],
    ['summer, Sunday late evening → Monday 08:30 CEST', office, '2026-06-21T21:30:00Z', { open: false, opensAt: '2026-06-22T06:30:00.000Z' }],
    ['summer, during (16:59 CEST)', office, '2026-06-18T14:59:00Z', { open: true, alwaysOpen: false, closesAt: '2026-06-18T15:00:00.000Z' }],
    ['summer, 17:00 CEST is closed (15:00 UTC)', office, '2026-06-18T15:00:00Z', { open: false, opensAt: '2026-06-19T06:30:00.000Z' }],
    // across the switches: closes on winter time, opens on summer time and vice versa
    ['Friday before spring forward → Monday 08:30 CEST', office, '2026-03-27T16:00:00Z', { open: false, opensAt: '2026-03-30T06:30:00.000Z' }],
    ['Friday before fall back → Monday 08:30 CET', office, '2026-10-23T15:00:00Z', { open: false, opensAt: '2026-10-26T07:30:00.000Z' }],
    ['Thursday 17:30 CET, closed (still open by the UTC clock)', office, '2026-01-15T16:30:00Z', { open: false, opensAt: '2026-01-16T07:30:00.000Z' }],
    ['Thursday 08:15 CEST, closed (after 08:30 by the UTC+1 clock)', office, '2026-06-18T06:15:00Z', { open: false, opensAt: '2026-06-18T06:30:00.000Z' }],
    // lunch break
    ['during the lunch break → opens at 13:00', lunch, '2026-01-15T11:30:00Z', { open: false, opensAt: '2026-01-15T12:00:00.000Z' }],
    ['morning → closes for lunch at 12:00', lunch, '2026-01-15T09:00:00Z', { open: true, alwaysOpen: false, closesAt: '2026-01-15T11:00:00.000Z' }],
    ['afternoon → closes at 17:00', lunch, '2026-01-15T13:00:00Z', { open: true, alwaysOpen: false, closesAt: '2026-01-15T16:00:00.000Z' }],
  ])('%s', (_label, weekly, now, expected) => {
    const status = deskStatus(weekly, new Date(now));
    expect(JSON.parse(JSON.stringify(status))).toEqual(expected);
  });

  describe('public holidays count as closed, naming the holiday and the next working day', () => {
    it.each([
      ['Christmas Day 2026 (Friday) → Monday 28 December', '2026-12-25T09:00:00Z', 'Eerste Kerstdag', '2026-12-28T07:30:00.000Z'],
      ['Boxing Day 2025 (Friday) → Monday 29 December', '2025-12-26T10:00:00Z', 'Tweede Kerstdag', '2025-12-29T07:30:00.000Z'],
      ["King's Day 2026 (Monday 27 April) → Tuesday", '2026-04-27T08:00:00Z', 'Koningsdag', '2026-04-28T06:30:00.000Z'],
      ["King's Day 2025 (Saturday 26 April) → Monday", '2025-04-26T08:00:00Z', 'Koningsdag', '2025-04-28T06:30:00.000Z'],
      ['Liberation Day 2025 (Monday) → Tuesday', '2025-05-05T08:00:00Z', 'Bevrijdingsdag', '2025-05-06T06:30:00.000Z'],
      ['Tweede Paasdag 2026 → Tuesday 7 April', '2026-04-06T08:00:00Z', 'Tweede Paasdag', '2026-04-07T06:30:00.000Z'],
      ['Hemelvaartsdag 2026 (Thursday) → Friday', '2026-05-14T08:00:00Z', 'Hemelvaartsdag', '2026-05-15T06:30:00.000Z'],
      ['Tweede Pinksterdag 2026 → Tuesday', '2026-05-25T08:00:00Z', 'Tweede Pinksterdag', '2026-05-26T06:30:00.000Z'],
      ['New Year 2027 (Friday), just after local midnight → Monday 4 January', '2026-12-31T23:30:00Z', 'Nieuwjaarsdag', '2027-01-04T07:30:00.000Z'],
    ])('%s', (_label, now, holiday, opensAt) => {
      const status = deskStatus(office, new Date(now));
      expect(status.open).toBe(false);
      expect(status).toMatchObject({ holiday: { nl: holiday } });
      expect((status as { opensAt?: Date }).opensAt?.toISOString()).toBe(opensAt);
    });

    it('the working day before a holiday points past it (Christmas Eve 2026 evening → Monday 28 December)', () => {
      const status = deskStatus(office, new Date('2026-12-24T17:00:00Z'));
      expect(JSON.parse(JSON.stringify(status))).toEqual({ open: false, opensAt: '2026-12-28T07:30:00.000Z' });
    });

    it('Good Friday evening 2026 skips Easter weekend and Easter Monday → Tuesday 7 April 08:30 CEST', () => {
      const status = deskStatus(office, new Date('2026-04-03T16:00:00Z'));
      expect(JSON.parse(JSON.stringify(status))).toEqual({ open: false, opensAt: '2026-04-07T06:30:00.000Z' });
    });

    it('the holiday is named in Dutch and English', () => {
      expect(deskStatus(office, new Date('2026-12-25T09:00:00Z'))).toMatchObject({ holiday: { date: '2026-12-25', nl: 'Eerste Kerstdag', en: 'Christmas Day' } });
    });
  });

  describe('a 24x7 desk is always open, holidays and nights included', () => {
    const always = hours('24x7');
    it.each(['2026-12-25T03:00:00Z', '2026-04-27T12:00:00Z', '2026-01-17T23:59:00Z', '2026-03-29T01:30:00Z', '2026-10-25T01:30:00Z', '2026-06-21T12:00:00Z'])('%s', (now) => {
      expect(deskStatus(always, new Date(now))).toEqual({ open: true, alwaysOpen: true });
    });
  });

  it('a desk closed all week is closed and never opens', () => {
    const closed = hours({ 'mon-sun': 'closed' });
    for (const now of ['2026-01-15T10:00:00Z', '2026-06-18T10:00:00Z']) {
      const status = deskStatus(closed, new Date(now));
      expect(status).toEqual({ open: false });
      expect(status).not.toHaveProperty('opensAt');
    }
  });

  it('a desk closed all week on a holiday names the holiday but no opening', () => {
    expect(deskStatus(hours({ 'ma-zo': 'gesloten' }), new Date('2026-12-25T10:00:00Z'))).toEqual({
      open: false,
      holiday: { date: '2026-12-25', nl: 'Eerste Kerstdag', en: 'Christmas Day' },
    });
  });

  it('a weekend-only desk open on a Saturday', () => {
    const weekend = hours({ 'sat,sun': '10:00-14:00' });
    expect(JSON.parse(JSON.stringify(deskStatus(weekend, new Date('2026-06-20T09:00:00Z'))))).toEqual({ open: true, alwaysOpen: false, closesAt: '2026-06-20T12:00:00.000Z' });
    expect(JSON.parse(JSON.stringify(deskStatus(weekend, new Date('2026-06-22T09:00:00Z'))))).toEqual({ open: false, opensAt: '2026-06-27T08:00:00.000Z' });
  });
});
