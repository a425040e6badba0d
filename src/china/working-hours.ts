// Staff working hours in China Standard Time (UTC+8, no daylight saving): parsing WORK_HOURS and "when are they back", public holidays included.
import { CHINA_OFFSET_MS, type WorkCalendar } from './china-time.js';

export interface WorkPeriod {
  /** ISO weekday, 1 = Monday … 7 = Sunday. */
  day: number;
  /** Minutes after midnight, Beijing time. */
  start: number;
  end: number;
}

export interface WorkingHours {
  periods: WorkPeriod[];
  /** The configured text, shown to staff. */
  source: string;
  /** `always`: staffed on holidays too. */
  roundTheClock?: boolean;
}

const DAY_MS = 86_400_000;
// Long enough to see past the Spring Festival week and the weekends around it.
const LOOKAHEAD_DAYS = 31;

const DAY_NAMES = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'];

function minutes(hhmm: string): number {
  const m = /^([01]?\d|2[0-4]):([0-5]\d)$/.exec(hhmm.trim());
  if (!m) throw new Error(`"${hhmm}" is not a time like 09:00`);
  const value = Number(m[1]) * 60 + Number(m[2]);
  if (value > 24 * 60) throw new Error(`"${hhmm}" is after 24:00`);
  return value;
}

/**
 * Parses `1-5 09:00-12:00,14:00-17:30; 6 09:00-12:00`: groups separated by `;`, each a weekday or
 * weekday range (1 = Monday) and one or more time ranges. `always` means around the clock.
 */
export function parseWorkingHours(text: string): WorkingHours {
  const source = text.trim();
  if (source === 'always' || source === '24x7') {
    return { source, roundTheClock: true, periods: [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, start: 0, end: 24 * 60 })) };
  }
  const periods: WorkPeriod[] = [];
  for (const group of source
    .split(';')
    .map((g) => g.trim())
    .filter(Boolean)) {
    const m = /^([1-7])(?:-([1-7]))?\s+(.+)$/.exec(group);
    if (!m) throw new Error(`"${group}" should look like "1-5 09:00-17:30"`);
    const from = Number(m[1]);
    const to = Number(m[2] ?? m[1]);
    if (to < from) throw new Error(`"${group}": weekday range runs backwards`);
    for (const range of (m[3] ?? '').split(',')) {
      const [a, b, extra] = range.split('-');
      if (a === undefined || b === undefined || extra !== undefined) throw new Error(`"${range}" should look like 09:00-17:30`);
      const start = minutes(a);
      const end = minutes(b);
      if (end <= start) throw new Error(`"${range}": the end must be after the start`);
      for (let day = from; day <= to; day++) periods.push({ day, start, end });
    }
  }
  if (!periods.length) throw new Error('no working periods given');
  periods.sort((x, y) => x.day - y.day || x.start - y.start);
  return { source, periods };
}

function beijing(now: Date): { day: number; minute: number; midnight: number } {
  const local = new Date(now.getTime() + CHINA_OFFSET_MS);
  const day = ((local.getUTCDay() + 6) % 7) + 1;
  const minute = local.getUTCHours() * 60 + local.getUTCMinutes();
  const midnight = now.getTime() - (minute * 60 + local.getUTCSeconds()) * 1000 - local.getUTCMilliseconds();
  return { day, minute, midnight };
}

/** The periods of one Beijing day: none on a holiday, a Monday's on a 调休 working weekend. */
function periodsOn(hours: WorkingHours, day: number, midnight: number, calendar: WorkCalendar | undefined): WorkPeriod[] {
  if (calendar && !hours.roundTheClock) {
    const key = new Date(midnight + CHINA_OFFSET_MS).toISOString().slice(0, 10);
    if (calendar.holidays.has(key)) return [];
    if (calendar.workingWeekends.has(key)) return hours.periods.filter((p) => p.day === 1);
  }
  return hours.periods.filter((p) => p.day === day);
}

export function isWorkingTime(hours: WorkingHours, now: Date, calendar?: WorkCalendar): boolean {
  const { day, minute, midnight } = beijing(now);
  return periodsOn(hours, day, midnight, calendar).some((p) => minute >= p.start && minute < p.end);
}

/** How many minutes of `from`–`to` fall in working hours (a Friday-night wait counts from Monday's opening). */
export function workingMinutesBetween(hours: WorkingHours, from: Date, to: Date, calendar?: WorkCalendar): number {
  if (to.getTime() <= from.getTime()) return 0;
  if (hours.roundTheClock) return (to.getTime() - from.getTime()) / 60_000;
  const start = beijing(from);
  let total = 0;
  for (let offset = 0; start.midnight + offset * DAY_MS < to.getTime() && offset <= 400; offset++) {
    const midnight = start.midnight + offset * DAY_MS;
    const day = ((start.day - 1 + offset) % 7) + 1;
    for (const p of periodsOn(hours, day, midnight, calendar)) {
      const a = Math.max(from.getTime(), midnight + p.start * 60_000);
      const b = Math.min(to.getTime(), midnight + p.end * 60_000);
      if (b > a) total += (b - a) / 60_000;
    }
  }
  return total;
}

/** The next moment staff are on duty (now if they are). */
export function nextOpening(hours: WorkingHours, now: Date, calendar?: WorkCalendar): Date {
  if (isWorkingTime(hours, now, calendar)) return now;
  const { day, minute, midnight } = beijing(now);
  for (let offset = 0; offset <= LOOKAHEAD_DAYS; offset++) {
    const d = ((day - 1 + offset) % 7) + 1;
    const first = periodsOn(hours, d, midnight + offset * DAY_MS, calendar).find((p) => offset > 0 || p.start > minute);
    if (first) return new Date(midnight + offset * DAY_MS + first.start * 60_000);
  }
  return now;
}

/** "明天（周二）09:00" style text for the driver; a date when it is more than a week away (after a long holiday). */
export function describeOpening(hours: WorkingHours, now: Date, calendar?: WorkCalendar): string {
  const at = nextOpening(hours, now, calendar);
  const target = beijing(at);
  const today = beijing(now);
  const days = Math.round((target.midnight - today.midnight) / DAY_MS);
  const hhmm = `${String(Math.floor(target.minute / 60)).padStart(2, '0')}:${String(target.minute % 60).padStart(2, '0')}`;
  const when = days === 0 ? '今天' : days === 1 ? '明天' : days === 2 ? '后天' : '';
  if (when) return `${when}（${DAY_NAMES[target.day]}）${hhmm}`;
  if (days < 7) return `${DAY_NAMES[target.day]}${hhmm}`;
  const local = new Date(at.getTime() + CHINA_OFFSET_MS);
  return `${local.getUTCMonth() + 1}月${local.getUTCDate()}日（${DAY_NAMES[target.day]}）${hhmm}`;
}
