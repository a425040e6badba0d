// Booking details inside a sentence: date (今天/明天/12月3号/周五), phone, Chinese name, booking code, shower slot, yes/no.
import { chinaClock } from './opening-hours.js';

const CN_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 3, 十二, 二十三, 三十一 → number; undefined for anything else. */
export function chineseNumber(s: string): number | undefined {
  if (/^\d+$/.test(s)) return Number(s);
  const m = /^([一二两三四五六七八九])?(十)?([一二三四五六七八九])?$/.exec(s);
  if (!m || s === '') return undefined;
  if (!m[2]) return m[1] && !m[3] ? CN_DIGITS[m[1]] : undefined;
  return (m[1] ? (CN_DIGITS[m[1]] ?? 0) : 1) * 10 + (m[3] ? (CN_DIGITS[m[3]] ?? 0) : 0);
}

function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function validDate(y: number, m: number, d: number): string | undefined {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return undefined;
  return date.toISOString().slice(0, 10);
}

/** Days between two YYYY-MM-DD dates (b − a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

const NUM = '(\\d{1,2}|[一二两三四五六七八九十]{1,3})';
const WEEKDAY_NAMES: Record<string, number> = { 日: 0, 天: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6 };

/**
 * The date a sentence means, as YYYY-MM-DD on the China calendar, or undefined. A month/day without
 * a year that passed more than 60 days ago means next year (in December, "1月3号" is January next year).
 */
export function dateIn(text: string, now: Date): string | undefined {
  const today = chinaClock(now);
  const year = Number(today.date.slice(0, 4));
  const iso = /(20\d{2})[-/.年](\d{1,2})[-/.月](\d{1,2})/.exec(text);
  if (iso) return validDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const md = new RegExp(`${NUM}月${NUM}[日号]?`).exec(text) ?? /(?<!\d)(\d{1,2})[/.](\d{1,2})(?!\d)/.exec(text);
  if (md) {
    const m = chineseNumber(md[1]!);
    const d = chineseNumber(md[2]!);
    if (m === undefined || d === undefined) return undefined;
    const thisYear = validDate(year, m, d);
    // A date a few weeks back is a mistake to point out; months back it means next year.
    if (thisYear && (thisYear >= today.date || daysBetween(thisYear, today.date) <= 60)) return thisYear;
    return validDate(year + 1, m, d) ?? thisYear;
  }
  if (/大后天/.test(text)) return addDays(today.date, 3);
  if (/后天/.test(text)) return addDays(today.date, 2);
  if (/明天|明晚|明早|明儿/.test(text)) return addDays(today.date, 1);
  if (/今天|今晚|今夜|今儿|当天|现在|马上|等会|一会儿?/.test(text)) return today.date;
  const week = /(下下|下个?)?(?:周|星期|礼拜)([一二三四五六日天])/.exec(text);
  if (week) {
    const target = WEEKDAY_NAMES[week[2]!]!;
    // Weeks run Monday to Sunday: "下周五" said on a Monday is 11 days away, not 4.
    const w = today.weekday === 0 ? 7 : today.weekday;
    const t = target === 0 ? 7 : target;
    const ahead = week[1] ? 7 - w + t + (week[1] === '下下' ? 7 : 0) : (target - today.weekday + 7) % 7;
    return addDays(today.date, ahead);
  }
  const dayOnly = new RegExp(`(?<![月\\d])${NUM}[号日](?!子)`).exec(text);
  if (dayOnly) {
    const d = chineseNumber(dayOnly[1]!);
    if (d === undefined) return undefined;
    const month = Number(today.date.slice(5, 7));
    const thisMonth = validDate(year, month, d);
    if (thisMonth && thisMonth >= today.date) return thisMonth;
    return month === 12 ? validDate(year + 1, 1, d) : validDate(year, month + 1, d);
  }
  return undefined;
}

/** A mainland mobile number, with separators and +86 removed. */
export function phoneIn(text: string): string | undefined {
  const compact = text.replace(/(?<=\d)[\s-](?=\d)/g, '').replace(/\+?86(?=1[3-9]\d{9}(?!\d))/, '');
  return /(?<!\d)(1[3-9]\d{9})(?!\d)/.exec(compact)?.[1];
}

/** Something that looks like a phone attempt (7+ digits) but is not a valid mobile. */
export function looksLikeBadPhone(text: string): boolean {
  return !phoneIn(text) && /\d{7,}/.test(text.replace(/[\s-]/g, ''));
}

export function isMobilePhone(s: string): boolean {
  return /^1[3-9]\d{9}$/.test(s);
}

/** 138****5678: enough for the driver to recognise, not enough to harvest. */
export function maskPhone(phone: string): string {
  return phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(7)}` : '***';
}

const NAME_CUE = /(?:我叫|我是|姓名(?:是|叫|:|：)?|名字(?:是|叫|:|：)?|叫我|登记(?:的)?名字?|联系人(?:是|:|：)?)\s*([\u4e00-\u9fa5·]{2,6})/;
const NOT_NAME = /^(司机|货车|师傅|开车|跑车|的哥|卡车|大车|老板|暖心|预约|床位)/;

/** A Chinese name introduced by 我叫/姓名/名字, or a bare 2–4 character reply when the flow asked for a name. */
export function nameIn(text: string, opts: { bare?: boolean } = {}): string | undefined {
  const cue = NAME_CUE.exec(text)?.[1]?.replace(/(的|啊|呀|哈|了|,|，|电话|手机).*$/, '');
  if (cue && cue.length >= 2 && !NOT_NAME.test(cue)) return cue;
  if (opts.bare) {
    const bare = text.replace(/[\s,，。.!！]/g, '').replace(/1[3-9]\d{9}/, '');
    if (/^[\u4e00-\u9fa5·]{2,5}$/.test(bare) && !NOT_NAME.test(bare) && !/[是否好行对嗯要不]$|^(好|是|对|确认|取消|不)/.test(bare)) return bare;
  }
  return undefined;
}

/** Booking codes: NX + 6 from an alphabet without 0/O/1/I/L. */
export const BOOKING_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export function bookingCodeIn(text: string): string | undefined {
  return /(?<![A-Za-z0-9])(NX[2-9A-HJKMNP-Z]{6})(?![A-Za-z0-9])/i.exec(text)?.[1]?.toUpperCase();
}

/** "晚上9点洗澡", "洗澡21:00" → "21:00" (hour slots). */
export function showerSlotIn(text: string): string | undefined {
  if (!/洗澡|冲凉|淋浴/.test(text)) return undefined;
  const hm = /(\d{1,2})[:：](\d{2})/.exec(text);
  let hour: number | undefined = hm ? Number(hm[1]) : undefined;
  if (hour === undefined) {
    const m = new RegExp(`(早上|上午|中午|下午|晚上|夜里|凌晨)?${NUM}点`).exec(text);
    if (m) {
      hour = chineseNumber(m[2]!);
      if (hour !== undefined && hour < 12 && /下午|晚上|夜里/.test(m[1] ?? '')) hour += 12;
    }
  }
  if (hour === undefined || hour > 23) return undefined;
  return `${String(hour).padStart(2, '0')}:00`;
}

export function saysYes(text: string): boolean {
  return /^(是|是的|对|对的|对头|确认|确定|好|好的|可以|行|要得|要|没问题|没错|嗯|嗯嗯|ok|okay|订|订吧|就这样)[的吧啊呀了!！。.,，\s]*$/i.test(
    text.trim(),
  );
}

export function saysNo(text: string): boolean {
  return /^(不|不要|不用|不是|不对|算了|取消|不订了|不预约了|退出|no)[了吧啊呀!！。.,，\s]*$/i.test(text.trim());
}
