// Working hours in Beijing time: parsing, inside/outside, and the next opening described for the driver.
import { describe, expect, it } from 'vitest';
import { describeOpening, isWorkingTime, nextOpening, parseWorkingHours, workingMinutesBetween } from './working-hours.js';

const hours = parseWorkingHours('1-5 09:00-12:00,13:30-17:30; 6 09:00-12:00');
const beijing = (iso: string) => new Date(`${iso}+08:00`);

describe('working hours', () => {
  it('knows when staff are on duty, in Beijing time whatever the server zone', () => {
    expect(isWorkingTime(hours, beijing('2026-03-02T09:00:00'))).toBe(true); // Monday
    expect(isWorkingTime(hours, beijing('2026-03-02T12:30:00'))).toBe(false); // lunch
    expect(isWorkingTime(hours, beijing('2026-03-07T11:59:00'))).toBe(true); // Saturday morning
    expect(isWorkingTime(hours, beijing('2026-03-08T10:00:00'))).toBe(false); // Sunday
  });

  it('finds the next opening and says it in Chinese', () => {
    expect(nextOpening(hours, beijing('2026-03-02T12:30:00'))).toEqual(beijing('2026-03-02T13:30:00'));
    expect(describeOpening(hours, beijing('2026-03-02T12:30:00'))).toBe('今天（周一）13:30');
    expect(describeOpening(hours, beijing('2026-03-02T20:00:00'))).toBe('明天（周二）09:00');
    expect(describeOpening(hours, beijing('2026-03-07T15:00:00'))).toBe('后天（周一）09:00');
  });

  it('keeps public holidays off and 调休 weekends on, and names a date when staff are back more than a week later', () => {
    const calendar = {
      holidays: new Set([
        '2026-02-15',
        '2026-02-16',
        '2026-02-17',
        '2026-02-18',
        '2026-02-19',
        '2026-02-20',
        '2026-02-21',
        '2026-02-22',
        '2026-02-23',
        '2026-10-01',
      ]),
      workingWeekends: new Set(['2026-02-14', '2026-02-28']),
    };
    // Thursday 1 October, National Day: nobody on duty; the next day off too, so Saturday morning opens as usual.
    expect(isWorkingTime(hours, beijing('2026-10-01T10:00:00'), calendar)).toBe(false);
    expect(isWorkingTime(hours, beijing('2026-10-01T10:00:00'))).toBe(true);
    // Saturday 14 February is a working day with a Monday's hours, afternoon included.
    expect(isWorkingTime(hours, beijing('2026-02-14T15:00:00'), calendar)).toBe(true);
    // Sunday 15 February, the Spring Festival holiday begins; its Saturday and Monday are off too: Tuesday the 24th, nine days on.
    expect(describeOpening(hours, beijing('2026-02-15T10:00:00'), calendar)).toBe('2月24日（周二）09:00');
    // Without the calendar the Saturday shift would have been promised.
    expect(describeOpening(hours, beijing('2026-02-15T10:00:00'))).toBe('明天（周一）09:00');
    // Round the clock means holidays too.
    expect(isWorkingTime(parseWorkingHours('always'), beijing('2026-10-01T03:00:00'), calendar)).toBe(true);
  });

  it('accepts "always" and rejects malformed settings with a reason', () => {
    expect(isWorkingTime(parseWorkingHours('always'), beijing('2026-03-08T03:00:00'))).toBe(true);
    expect(() => parseWorkingHours('weekdays 9-5')).toThrow(/1-5 09:00-17:30/);
    expect(() => parseWorkingHours('1-5 18:00-09:00')).toThrow(/after the start/);
    expect(() => parseWorkingHours('5-1 09:00-17:00')).toThrow(/backwards/);
  });

  it('counts only working minutes of a wait, so a Friday-night handoff escalates after Monday opens', () => {
    const weekdays = parseWorkingHours('1-5 09:00-17:30');
    // Friday 2026-12-04 22:24 to Saturday noon: no working time at all.
    expect(workingMinutesBetween(weekdays, beijing('2026-12-04T22:24:00'), beijing('2026-12-05T12:00:00'))).toBe(0);
    // To Monday 09:10: the ten minutes after opening.
    expect(workingMinutesBetween(weekdays, beijing('2026-12-04T22:24:00'), beijing('2026-12-07T09:10:00'))).toBe(10);
    // Within one day, lunch breaks do not count.
    expect(workingMinutesBetween(hours, beijing('2026-03-02T11:50:00'), beijing('2026-03-02T13:40:00'))).toBe(20);
    expect(workingMinutesBetween(parseWorkingHours('always'), beijing('2026-12-04T22:24:00'), beijing('2026-12-04T22:34:00'))).toBe(10);
  });
});
