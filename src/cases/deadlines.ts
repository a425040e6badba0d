// Working-day deadline arithmetic in Asia/Shanghai (weekends off, holidays and 调休 working weekends as data).
import type { RoutingRules } from './routing.js';

const OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;

export interface WorkCalendar {
  holidays: ReadonlySet<string>;
  workingWeekends: ReadonlySet<string>;
}

export function calendarFrom(rules: Pick<RoutingRules, 'calendar'>): WorkCalendar {
  return { holidays: new Set(rules.calendar.holidays), workingWeekends: new Set(rules.calendar.workingWeekends) };
}

/** The local date key (YYYY-MM-DD) of a "local midnight" timestamp in shifted time. */
function key(localMs: number): string {
  return new Date(localMs).toISOString().slice(0, 10);
}

export function isWorkingDay(localMidnightMs: number, cal: WorkCalendar): boolean {
  const k = key(localMidnightMs);
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
  const local = from.getTime() + OFFSET_MS;
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
  return new Date(midnight + timeOfDay - OFFSET_MS);
}

export interface CaseDeadlines {
  transferDueAt: Date;
  feedbackDueAt: Date;
  resolveDueAt: Date;
}

/** The "2252" deadlines from a filing time: transfer (clock hours), feedback and handling opinion (working days). */
export function deadlinesFrom(filedAt: Date, rules: Pick<RoutingRules, 'deadlines' | 'calendar'>): CaseDeadlines {
  const cal = calendarFrom(rules);
  return {
    transferDueAt: new Date(filedAt.getTime() + rules.deadlines.transferHours * 3600_000),
    feedbackDueAt: addWorkingDays(filedAt, rules.deadlines.feedbackWorkingDays, cal),
    resolveDueAt: addWorkingDays(filedAt, rules.deadlines.opinionWorkingDays, cal),
  };
}

export function callbackDueFrom(resolvedAt: Date, rules: Pick<RoutingRules, 'deadlines' | 'calendar'>): Date {
  return addWorkingDays(resolvedAt, rules.deadlines.callbackWorkingDays, calendarFrom(rules));
}
