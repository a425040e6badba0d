// The grievance deadlines ("2252"): transfer, feedback, handling opinion and callback, in Beijing working days (src/china/china-time.ts).
import { addWorkingDays, type WorkCalendar } from '../china/china-time.js';
import type { RoutingRules } from './routing.js';

export function calendarFrom(rules: Pick<RoutingRules, 'calendar'>): WorkCalendar {
  return { holidays: new Set(rules.calendar.holidays), workingWeekends: new Set(rules.calendar.workingWeekends) };
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
