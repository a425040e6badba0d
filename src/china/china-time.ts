// China Standard Time (UTC+8, no daylight saving since 1991) and working-day arithmetic with holidays and 调休 weekends as data.

/** Beijing is UTC+8 all year. */
export const CHINA_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;

/** Official days off on weekdays and 调休 working weekends, as YYYY-MM-DD in Beijing. */
export interface WorkCalendar {
  holidays: ReadonlySet<string>;
  workingWeekends: ReadonlySet<string>;
}

/** The Beijing calendar date of an instant. */
export function chinaDate(at: Date): { year: number; month: number; day: number } {
  const local = new Date(at.getTime() + CHINA_OFFSET_MS);
  return { year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate() };
}

/** The Beijing date of an instant as YYYY-MM-DD. */
export function chinaDateKey(at: Date): string {
  return new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** "12月8日": how a date is said to a driver. */
export function chinaMonthDay(at: Date): string {
  const { month, day } = chinaDate(at);
  return `${month}月${day}日`;
}

/** Whether the Beijing day starting at `localMidnightMs` (milliseconds in shifted time) is a working day. */
export function isWorkingDay(localMidnightMs: number, cal: WorkCalendar): boolean {
  const k = new Date(localMidnightMs).toISOString().slice(0, 10);
  if (cal.workingWeekends.has(k)) return true;
  if (cal.holidays.has(k)) return false;
  const weekday = new Date(localMidnightMs).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/**
 * `days` working days after `from`, at the same local time of day. Started on a day off, the count starts at
 * the next working day's beginning, so a Saturday complaint with 2 working days is due at the end of Tuesday.
 */
export function addWorkingDays(from: Date, days: number, cal: WorkCalendar): Date {
  const local = from.getTime() + CHINA_OFFSET_MS;
  let midnight = Math.floor(local / DAY_MS) * DAY_MS;
  let timeOfDay = local - midnight;
  if (!isWorkingDay(midnight, cal)) {
    do midnight += DAY_MS;
    while (!isWorkingDay(midnight, cal));
    timeOfDay = 0;
  }
  let left = days;
  while (left > 0) {
    midnight += DAY_MS;
    if (isWorkingDay(midnight, cal)) left--;
  }
  return new Date(midnight + timeOfDay - CHINA_OFFSET_MS);
}
