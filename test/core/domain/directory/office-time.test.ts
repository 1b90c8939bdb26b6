import { describe, expect, it } from 'vitest';
import { officeMsBetween } from '../../../../core/domain/directory/office-time.ts';
import type { OpeningHoursSpec, Organisation } from '../../../../core/domain/directory/types.ts';

/** officeMsBetween: how long a desk was open between two instants (Europe/Amsterdam office hours, Dutch holidays closed). */

const HOUR = 3_600_000;
const MINUTE = 60_000;

const desk = (hours: OpeningHoursSpec): Organisation => ({
  id: 'org-test', name: 'Testorganisatie', kind: 'care-provider', gtkServiceProviderIds: [], desk: { name: 'Servicedesk', hours },
});
const office = desk({ 'mon-fri': '08:00-17:00' });
const alwaysOpen = desk('24x7');
const ms = (org: Organisation, from: string, to: string) => officeMsBetween(org, new Date(from), new Date(to));

// Winter (CET, UTC+1): 2026-01-12 is a Monday. Summer (CEST, UTC+2): 2026-06-15 is a Monday.
describe('officeMsBetween on weekdays', () => {
  it('within one open stretch: the whole span', () => {
    expect(ms(office, '2026-01-12T09:00:00+01:00', '2026-01-12T10:30:00+01:00')).toBe(90 * MINUTE);
    expect(ms(office, '2026-06-15T09:00:00+02:00', '2026-06-15T09:00:01+02:00')).toBe(1000);
  });

  it('before opening and after closing count nothing', () => {
    expect(ms(office, '2026-01-12T06:00:00+01:00', '2026-01-12T08:00:00+01:00')).toBe(0);
    expect(ms(office, '2026-01-12T17:00:00+01:00', '2026-01-12T23:59:00+01:00')).toBe(0);
    expect(ms(office, '2026-01-12T06:00:00+01:00', '2026-01-12T08:15:00+01:00')).toBe(15 * MINUTE);
  });

  it('over the evening: only the office parts of both days', () => {
    // Mon 16:30 → Tue 08:45: 30 minutes on Monday, 45 on Tuesday.
    expect(ms(office, '2026-01-12T16:30:00+01:00', '2026-01-13T08:45:00+01:00')).toBe(75 * MINUTE);
  });

  it('a whole working week is 5 × 9 hours', () => {
    expect(ms(office, '2026-01-12T00:00:00+01:00', '2026-01-19T00:00:00+01:00')).toBe(45 * HOUR);
  });

  it('a desk with a lunch break counts both ranges only', () => {
    const split = desk({ 'mon-fri': '08:00-12:00, 13:00-17:00' });
    expect(ms(split, '2026-01-12T11:30:00+01:00', '2026-01-12T13:30:00+01:00')).toBe(60 * MINUTE);
    expect(ms(split, '2026-01-12T00:00:00+01:00', '2026-01-13T00:00:00+01:00')).toBe(8 * HOUR);
  });

  it('an empty or backwards span is 0', () => {
    expect(ms(office, '2026-01-12T10:00:00+01:00', '2026-01-12T10:00:00+01:00')).toBe(0);
    expect(ms(office, '2026-01-12T11:00:00+01:00', '2026-01-12T10:00:00+01:00')).toBe(0);
    expect(ms(alwaysOpen, '2026-01-12T11:00:00+01:00', '2026-01-12T10:00:00+01:00')).toBe(0);
  });
});

describe('officeMsBetween over a weekend', () => {
  it('Saturday and Sunday count nothing for a mon-fri desk', () => {
    // Sat 2026-01-10 and Sun 2026-01-11.
    expect(ms(office, '2026-01-10T00:00:00+01:00', '2026-01-12T00:00:00+01:00')).toBe(0);
    expect(ms(office, '2026-01-10T10:00:00+01:00', '2026-01-12T08:30:00+01:00')).toBe(30 * MINUTE);
  });

  it('Friday afternoon to Monday morning: the last hour of Friday and the first of Monday', () => {
    expect(ms(office, '2026-01-09T16:00:00+01:00', '2026-01-12T09:00:00+01:00')).toBe(2 * HOUR);
  });

  it('a desk open on Saturday morning counts it', () => {
    const withSaturday = desk({ 'mon-fri': '08:00-17:00', sat: '09:00-12:00' });
    expect(ms(withSaturday, '2026-01-09T16:00:00+01:00', '2026-01-12T09:00:00+01:00')).toBe(5 * HOUR);
  });
});

describe('officeMsBetween over Dutch public holidays', () => {
  it('Christmas (Fri 2026-12-25) counts nothing; Boxing Day is a Saturday anyway', () => {
    expect(ms(office, '2026-12-25T00:00:00+01:00', '2026-12-26T00:00:00+01:00')).toBe(0);
    // Thu 24 Dec 09:00 → Mon 28 Dec 09:00: 8 hours on Thursday, 1 on Monday.
    expect(ms(office, '2026-12-24T09:00:00+01:00', '2026-12-28T09:00:00+01:00')).toBe(9 * HOUR);
  });

  it('New Year (Thu 2026-01-01) is closed, Friday 2 January is open', () => {
    expect(ms(office, '2025-12-31T16:00:00+01:00', '2026-01-02T09:00:00+01:00')).toBe(2 * HOUR);
  });

  it("King's Day (Mon 2026-04-27) and Ascension (Thu 2026-05-14) are closed", () => {
    expect(ms(office, '2026-04-27T00:00:00+02:00', '2026-04-28T00:00:00+02:00')).toBe(0);
    expect(ms(office, '2026-05-14T00:00:00+02:00', '2026-05-15T00:00:00+02:00')).toBe(0);
    // The week of Ascension: four working days.
    expect(ms(office, '2026-05-11T00:00:00+02:00', '2026-05-18T00:00:00+02:00')).toBe(36 * HOUR);
  });

  it('a 24x7 desk is open on holidays too', () => {
    expect(ms(alwaysOpen, '2026-12-25T00:00:00+01:00', '2026-12-27T00:00:00+01:00')).toBe(48 * HOUR);
  });
});

describe('officeMsBetween for 24x7 desks', () => {
  it('counts every millisecond, nights and weekends included', () => {
    expect(ms(alwaysOpen, '2026-01-09T16:00:00+01:00', '2026-01-12T09:00:00+01:00')).toBe(65 * HOUR);
    expect(ms(alwaysOpen, '2026-01-12T23:59:59.000+01:00', '2026-01-13T00:00:00.500+01:00')).toBe(1500);
  });

  it('a whole year (365 days) is counted exactly', () => {
    expect(ms(alwaysOpen, '2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z')).toBe(365 * 24 * HOUR);
  });

  it('other spellings of always open behave the same', () => {
    expect(ms(desk('24/7' as OpeningHoursSpec), '2026-01-10T00:00:00+01:00', '2026-01-11T00:00:00+01:00')).toBe(24 * HOUR);
  });
});

describe('officeMsBetween on daylight saving days', () => {
  // Summer time starts Sun 2026-03-29 02:00 CET (→ 03:00 CEST, 01:00Z) and ends Sun 2026-10-25 03:00 CEST (→ 02:00 CET, 01:00Z).
  it('a 24x7 desk: the spring day is 23 hours, the autumn day 25', () => {
    expect(ms(alwaysOpen, '2026-03-29T00:00:00+01:00', '2026-03-30T00:00:00+02:00')).toBe(23 * HOUR);
    expect(ms(alwaysOpen, '2026-10-25T00:00:00+02:00', '2026-10-26T00:00:00+01:00')).toBe(25 * HOUR);
  });

  it('a desk open across the switch counts real time, not wall-clock time', () => {
    const night = desk({ sun: '01:00-04:00' });
    // 01:00 CET → 04:00 CEST is two real hours; 01:00 CEST → 04:00 CET is four.
    expect(ms(night, '2026-03-28T12:00:00Z', '2026-03-29T12:00:00Z')).toBe(2 * HOUR);
    expect(ms(night, '2026-10-24T12:00:00Z', '2026-10-25T12:00:00Z')).toBe(4 * HOUR);
  });

  it('office hours on the Monday after a switch use the new offset', () => {
    // Mon 2026-03-30 08:00 CEST is 06:00Z; Mon 2026-10-26 08:00 CET is 07:00Z.
    expect(ms(office, '2026-03-27T00:00:00Z', '2026-03-30T06:30:00Z')).toBe(9 * HOUR + 30 * MINUTE); // Fri 27 Mar (CET) + 30 min
    expect(ms(office, '2026-03-30T05:00:00Z', '2026-03-30T06:30:00Z')).toBe(30 * MINUTE);
    expect(ms(office, '2026-10-26T06:00:00Z', '2026-10-26T07:30:00Z')).toBe(30 * MINUTE);
  });

  it('a week across the spring switch still holds 45 office hours', () => {
    expect(ms(office, '2026-03-23T00:00:00+01:00', '2026-03-30T00:00:00+02:00')).toBe(45 * HOUR);
    expect(ms(office, '2026-03-26T00:00:00+01:00', '2026-04-02T00:00:00+02:00')).toBe(45 * HOUR);
  });
});

describe('officeMsBetween for desks that never open', () => {
  it('unreadable hours or a desk closed every day count nothing (and end)', () => {
    expect(ms(desk('by appointment' as OpeningHoursSpec), '2026-01-12T00:00:00Z', '2026-02-12T00:00:00Z')).toBe(0);
    expect(ms(desk({ 'mon-sun': 'closed' }), '2026-01-12T00:00:00Z', '2026-02-12T00:00:00Z')).toBe(0);
  });

  it('a long span over many weeks is still counted whole', () => {
    // 8 weeks of a mon-fri desk in winter (no holidays between 12 Jan and 9 Mar 2026).
    expect(ms(office, '2026-01-12T00:00:00+01:00', '2026-03-09T00:00:00+01:00')).toBe(8 * 45 * HOUR);
  });

  it('spans of more than ~500 office days are counted whole', () => {
    const from = new Date('2026-01-05T00:00:00+01:00');
    const to = new Date(from.getTime() + 728 * 24 * HOUR);
    const half = new Date(from.getTime() + 364 * 24 * HOUR);
    expect(officeMsBetween(office, from, half) + officeMsBetween(office, half, to)).toBe(4590 * HOUR);
    expect(officeMsBetween(office, from, to)).toBe(4590 * HOUR);
  });
});
