// Open-now from a station's opening windows, evaluated on the China clock (Asia/Shanghai) with Intl, no tz library.
import { timeInRange, type HoursRange } from './station-schema.js';

export const CHINA_TZ = 'Asia/Shanghai';

const clockFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: CHINA_TZ,
  weekday: 'short',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

export interface ChinaClock {
  /** YYYY-MM-DD in China. */
  date: string;
  /** HH:MM in China. */
  time: string;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
}

// Intl formatting costs microseconds; a search evaluates many stations at one instant, so the last minute is kept.
let cached: { minute: number; clock: ChinaClock } | undefined;

export function chinaClock(now: Date): ChinaClock {
  const minute = Math.floor(now.getTime() / 60_000);
  if (cached?.minute === minute) return cached.clock;
  const clock = formatClock(now);
  cached = { minute, clock };
  return clock;
}

function formatClock(now: Date): ChinaClock {
  const parts = Object.fromEntries(clockFormat.formatToParts(now).map((p) => [p.type, p.value]));
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    time: `${parts.hour}:${parts.minute}`,
    weekday: WEEKDAYS.indexOf(parts.weekday ?? ''),
  };
}

function dayMatches(days: HoursRange['days'], weekday: number): boolean | undefined {
  if (days === 'daily') return true;
  if (days === 'weekdays') return weekday >= 1 && weekday <= 5;
  if (days === 'weekends') return weekday === 0 || weekday === 6;
  // No public-holiday calendar is kept, so a holidays-only window cannot be decided.
  return undefined;
}

/**
 * true / false when the windows decide it, undefined when they cannot (no hours on file, or only
 * holiday windows). A window past midnight (22:00–06:00) belongs to the day it opened on.
 */
export function isOpenAt(hours: readonly HoursRange[], now: Date): boolean | undefined {
  if (hours.length === 0) return undefined;
  const clock = chinaClock(now);
  const yesterday = (clock.weekday + 6) % 7;
  let undecided = false;
  for (const range of hours) {
    if (!timeInRange(range, clock.time)) continue;
    const wraps = range.close !== '24:00' && range.close < range.open;
    const startedYesterday = wraps && clock.time < range.close;
    const applies = dayMatches(range.days, startedYesterday ? yesterday : clock.weekday);
    if (applies === true) return true;
    if (applies === undefined) undecided = true;
  }
  return undecided ? undefined : false;
}

/** "全天" for 24 hours, otherwise "06:30–21:00" joined by "、". */
export function describeHours(hours: readonly HoursRange[]): string {
  if (hours.some((h) => h.days === 'daily' && h.open === '00:00' && h.close === '24:00')) return '24小时';
  const dayLabel: Record<HoursRange['days'], string> = { daily: '', weekdays: '工作日', weekends: '周末', holidays: '节假日' };
  return hours.map((h) => `${dayLabel[h.days]}${h.open}–${h.close}`).join('、');
}
