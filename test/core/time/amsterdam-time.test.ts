import { describe, expect, it } from 'vitest';
import { addDays, fromLocal, hhmm, isoDate, localParts } from '../../../core/time/amsterdam-time.ts';

const at = (h: number, m = 0) => h * 60 + m;

describe('localParts: what an Amsterdam wall clock shows at a UTC instant', () => {
  it.each([
    // winter (CET, UTC+1)
    ['2026-01-15T11:30:00Z', { year: 2026, month: 1, day: 15, weekday: 4, minutes: at(12, 30) }],
    ['2026-01-15T23:00:00Z', { year: 2026, month: 1, day: 16, weekday: 5, minutes: 0 }],
    ['2025-12-31T23:30:00Z', { year: 2026, month: 1, day: 1, weekday: 4, minutes: at(0, 30) }],
    // summer (CEST, UTC+2)
    ['2026-07-01T10:00:00Z', { year: 2026, month: 7, day: 1, weekday: 3, minutes: at(12) }],
    ['2026-06-30T22:00:00Z', { year: 2026, month: 7, day: 1, weekday: 3, minutes: 0 }],
    ['2026-06-30T21:59:00Z', { year: 2026, month: 6, day: 30, weekday: 2, minutes: at(23, 59) }],
    // spring forward: Sunday 29 March 2026, 02:00 → 03:00
    ['2026-03-29T00:59:00Z', { year: 2026, month: 3, day: 29, weekday: 0, minutes: at(1, 59) }],
    ['2026-03-29T01:00:00Z', { year: 2026, month: 3, day: 29, weekday: 0, minutes: at(3) }],
    ['2026-03-29T10:00:00Z', { year: 2026, month: 3, day: 29, weekday: 0, minutes: at(12) }],
    // fall back: Sunday 25 October 2026, 03:00 → 02:00 (02:xx happens twice)
    ['2026-10-25T00:30:00Z', { year: 2026, month: 10, day: 25, weekday: 0, minutes: at(2, 30) }],
    ['2026-10-25T00:59:00Z', { year: 2026, month: 10, day: 25, weekday: 0, minutes: at(2, 59) }],
    ['2026-10-25T01:00:00Z', { year: 2026, month: 10, day: 25, weekday: 0, minutes: at(2) }],
    ['2026-10-25T01:30:00Z', { year: 2026, month: 10, day: 25, weekday: 0, minutes: at(2, 30) }],
    ['2026-10-25T02:00:00Z', { year: 2026, month: 10, day: 25, weekday: 0, minutes: at(3) }],
    ['2026-10-25T12:00:00Z', { year: 2026, month: 10, day: 25, weekday: 0, minutes: at(13) }],
  ])('%s', (iso, expected) => {
    expect(localParts(new Date(iso))).toEqual(expected);
  });
});

describe('fromLocal: the instant at which Amsterdam clocks show a local time', () => {
  it.each([
    // winter: UTC+1
    [2026, 1, 15, at(12, 30), '2026-01-15T11:30:00.000Z'],
    [2026, 1, 16, 0, '2026-01-15T23:00:00.000Z'],
    [2026, 12, 25, at(8, 30), '2026-12-25T07:30:00.000Z'],
    // summer: UTC+2
    [2026, 7, 1, at(12), '2026-07-01T10:00:00.000Z'],
    [2026, 7, 1, 0, '2026-06-30T22:00:00.000Z'],
    [2026, 6, 22, at(8, 30), '2026-06-22T06:30:00.000Z'],
    // around the spring-forward Sunday
    [2026, 3, 28, at(23, 59), '2026-03-28T22:59:00.000Z'],
    [2026, 3, 29, 0, '2026-03-28T23:00:00.000Z'],
    [2026, 3, 29, at(1), '2026-03-29T00:00:00.000Z'],
    [2026, 3, 29, at(1, 59), '2026-03-29T00:59:00.000Z'],
    [2026, 3, 29, at(3), '2026-03-29T01:00:00.000Z'],
    [2026, 3, 29, at(12), '2026-03-29T10:00:00.000Z'],
    [2026, 3, 30, 0, '2026-03-29T22:00:00.000Z'],
    [2026, 3, 30, at(8, 30), '2026-03-30T06:30:00.000Z'],
    // around the fall-back Sunday
    [2026, 10, 24, at(23, 59), '2026-10-24T21:59:00.000Z'],
    [2026, 10, 25, 0, '2026-10-24T22:00:00.000Z'],
    [2026, 10, 25, at(1, 30), '2026-10-24T23:30:00.000Z'],
    [2026, 10, 25, at(3), '2026-10-25T02:00:00.000Z'],
    [2026, 10, 25, at(12), '2026-10-25T11:00:00.000Z'],
    [2026, 10, 26, at(8, 30), '2026-10-26T07:30:00.000Z'],
  ])('%i-%i-%i at minute %i', (year, month, day, minutes, iso) => {
    expect(fromLocal(year, month, day, minutes).toISOString()).toBe(iso);
  });

  it('the hour that does not exist in spring (02:00–02:59 on 29 March 2026) lands after the jump, at 03:xx summer time', () => {
    for (const m of [0, 30, 59]) {
      const instant = fromLocal(2026, 3, 29, at(2, m));
      expect(localParts(instant)).toMatchObject({ day: 29, minutes: at(3, m) });
    }
  });

  it('an hour that happens twice in autumn (02:30 on 25 October 2026) is one of its two instants', () => {
    const instant = fromLocal(2026, 10, 25, at(2, 30)).toISOString();
    expect(['2026-10-25T00:30:00.000Z', '2026-10-25T01:30:00.000Z']).toContain(instant);
    expect(localParts(new Date(instant))).toMatchObject({ month: 10, day: 25, minutes: at(2, 30) });
  });
});

describe('localParts ∘ fromLocal round-trips every quarter hour', () => {
  const days: Array<[string, number, number, number]> = [
    ['a winter day', 2026, 1, 15],
    ['a summer day', 2026, 7, 15],
    ['the spring-forward Sunday', 2026, 3, 29],
    ['the fall-back Sunday', 2026, 10, 25],
    ['the spring-forward Sunday of 2025', 2025, 3, 30],
    ['the fall-back Sunday of 2025', 2025, 10, 26],
    ['New Year', 2027, 1, 1],
  ];
  it.each(days)('%s', (_label, year, month, day) => {
    const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
    const spring = month === 3;
    for (let minutes = 0; minutes < 24 * 60; minutes += 15) {
      if (spring && minutes >= at(2) && minutes < at(3)) continue; // those clock times do not exist
      const back = localParts(fromLocal(year, month, day, minutes));
      expect(back, `${isoDate(year, month, day)} ${hhmm(minutes)}`).toEqual({ year, month, day, weekday, minutes });
    }
  });

  it('fromLocal ∘ localParts gives the same instant back, every 10 minutes through both switch nights (except the repeated autumn hour)', () => {
    for (const [start, end] of [['2026-03-28T20:00:00Z', '2026-03-29T06:00:00Z'], ['2026-10-24T20:00:00Z', '2026-10-25T06:00:00Z']] as const) {
      for (let t = Date.parse(start); t <= Date.parse(end); t += 10 * 60_000) {
        const p = localParts(new Date(t));
        if (p.month === 10 && p.day === 25 && p.minutes >= at(2) && p.minutes < at(3)) continue; // ambiguous
        expect(fromLocal(p.year, p.month, p.day, p.minutes).getTime(), new Date(t).toISOString()).toBe(t);
      }
    }
  });
});

describe('calendar helpers', () => {
  it.each([
    [[2026, 1, 31, 1], { year: 2026, month: 2, day: 1, weekday: 0 }],
    [[2026, 12, 31, 1], { year: 2027, month: 1, day: 1, weekday: 5 }],
    [[2028, 2, 28, 1], { year: 2028, month: 2, day: 29, weekday: 2 }],
    [[2026, 3, 29, 1], { year: 2026, month: 3, day: 30, weekday: 1 }],
    [[2026, 3, 1, -1], { year: 2026, month: 2, day: 28, weekday: 6 }],
    [[2026, 12, 24, 14], { year: 2027, month: 1, day: 7, weekday: 4 }],
  ] as const)('addDays(%j)', ([y, m, d, n], expected) => {
    expect(addDays(y, m, d, n)).toEqual(expected);
  });

  it('isoDate and hhmm pad with zeros', () => {
    expect(isoDate(2026, 4, 5)).toBe('2026-04-05');
    expect(hhmm(0)).toBe('00:00');
    expect(hhmm(at(8, 5))).toBe('08:05');
    expect(hhmm(at(17, 30))).toBe('17:30');
  });
});
