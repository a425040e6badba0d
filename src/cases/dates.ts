// When a grievance started, from what drivers say: 三个月了, 去年十月, 上个月, 2025年3月, 前天. Dates in Asia/Shanghai.
import { chinaDate } from '../china/china-time.js';
import { parseChineseNumber } from './chinese-number.js';

export interface StartedAt {
  /** What the driver said, kept for staff. */
  text: string;
  /** The approximate local date (YYYY-MM-DD) it resolves to. */
  date: string;
}

function iso(year: number, month: number, day: number): string {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.toISOString().slice(0, 10);
}

const N = '[0-9零一二两三四五六七八九十半]+';

/** The local date a span (三个月, 半年, 两周) before now falls on; undefined for a count no driver means (0, 100 years). */
function spanAgo(count: string, unit: string, now: Date): string | undefined {
  const n = count === '半' ? 0.5 : parseChineseNumber(count);
  if (n === undefined || n <= 0 || n >= 100) return undefined;
  const days = unit === '年' ? n * 365 : unit === '月' ? n * 30 : unit === '天' ? n : n * 7;
  const d = chinaDate(new Date(now.getTime() - days * 86_400_000));
  return iso(d.year, d.month, d.day);
}

export function findStartedAt(text: string, now: Date): StartedAt | undefined {
  const today = chinaDate(now);
  let m: RegExpExecArray | null;

  // A span then 了/前 (三个月了), or a span something was held back for (压了我们三个月运费, 拖了半年).
  if (
    (m = new RegExp(`(${N})(多)?(个)?(月|年|天|周|星期|礼拜)(多)?(了|前|之前|以前|左右|没给|没结|没发)`).exec(text)) ??
    (m = new RegExp(`(?:压|拖|欠|扣|押)(?:了|着)(?:我|我们|他|他们)?(?:的)?\\s*(${N})(多)?(个)?(月|年|天|周|星期|礼拜)`).exec(text))
  ) {
    const date = spanAgo(m[1] as string, m[4] as string, now);
    if (date) return { text: m[0], date };
  }
  if ((m = /半年(多)?(了|前)/.exec(text))) {
    const d = chinaDate(new Date(now.getTime() - 182 * 86_400_000));
    return { text: m[0], date: iso(d.year, d.month, d.day) };
  }
  if ((m = new RegExp(`(20\\d\\d|去年|前年|今年)年?(${N})月(份)?(${N}[日号])?`).exec(text))) {
    const yearWord = m[1] as string;
    const year = yearWord === '去年' ? today.year - 1 : yearWord === '前年' ? today.year - 2 : yearWord === '今年' ? today.year : Number(yearWord);
    const month = parseChineseNumber(m[2] as string);
    const day = m[4] ? parseChineseNumber((m[4] as string).slice(0, -1)) : 1;
    if (month && month >= 1 && month <= 12 && day && day >= 1 && day <= 31) return { text: m[0], date: iso(year, month, day) };
  }
  if ((m = new RegExp(`(${N})月(份)?(${N}[日号])?(开始|起|的时候|那会|就|到现在|至今|跑的|拉的|出的事|出事)`).exec(text))) {
    const month = parseChineseNumber(m[1] as string);
    const day = m[3] ? parseChineseNumber((m[3] as string).slice(0, -1)) : 1;
    if (month && month >= 1 && month <= 12 && day && day >= 1 && day <= 31) {
      // A month later than this one means last year's.
      const year = month > today.month ? today.year - 1 : today.year;
      return { text: m[0], date: iso(year, month, day) };
    }
  }
  const relative: [RegExp, number][] = [
    [/今天|今早|今晚|刚才|刚刚/, 0],
    [/昨天|昨晚/, 1],
    [/前天/, 2],
    [/上周|上个星期|上个礼拜/, 7],
    [/上个月|上月/, 30],
    [/去年/, 365],
  ];
  for (const [re, days] of relative) {
    const hit = re.exec(text);
    if (hit) {
      const d = chinaDate(new Date(now.getTime() - days * 86_400_000));
      return { text: hit[0], date: iso(d.year, d.month, d.day) };
    }
  }
  return undefined;
}

/**
 * A span restated in a correction ("不对 是两个月", "不是三个月，两个月"): on its own a bare span may be any duration, but
 * after 不对 it can only be how long ago the matter began. The last span said is the one meant.
 */
export function findRestatedSpan(text: string, now: Date): StartedAt | undefined {
  const m = new RegExp(`(${N})(多)?(个)?(月|年|天|周|星期|礼拜)(多)?\\s*[了吧啊哦嘛。！!]*\\s*$`).exec(text);
  const date = m ? spanAgo(m[1] as string, m[4] as string, now) : undefined;
  if (!m || !date) return undefined;
  return { text: `${m[1]}${m[2] ?? ''}${m[3] ?? ''}${m[4]}${m[5] ?? ''}前`, date };
}
