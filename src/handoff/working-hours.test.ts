// Working hours in Beijing time: parsing, inside/outside, and the next opening described for the driver.
import { describe, expect, it } from 'vitest';
import { describeOpening, isWorkingTime, nextOpening, parseWorkingHours } from './working-hours.js';

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

  it('accepts "always" and rejects malformed settings with a reason', () => {
    expect(isWorkingTime(parseWorkingHours('always'), beijing('2026-03-08T03:00:00'))).toBe(true);
    expect(() => parseWorkingHours('weekdays 9-5')).toThrow(/1-5 09:00-17:30/);
    expect(() => parseWorkingHours('1-5 18:00-09:00')).toThrow(/after the start/);
    expect(() => parseWorkingHours('5-1 09:00-17:00')).toThrow(/backwards/);
  });
});
