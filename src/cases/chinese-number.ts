// Parses money amounts as drivers write them: 三万, 3万块, 30000元, 两千五, 1.5万, 一万二.

const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 幺: 1, 二: 2, 两: 2, 俩: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const SMALL_UNITS: Record<string, number> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };
const BIG_UNITS: Record<string, number> = { 万: 10_000, 亿: 100_000_000 };

/**
 * A Chinese or mixed numeral → number, or undefined if it is not one. A trailing digit after a unit is the
 * colloquial short form: 两千五 = 2500, 三万五 = 35000, 一万二 = 12000.
 */
export function parseChineseNumber(raw: string): number | undefined {
  const s = raw.replace(/[,，\s]/g, '');
  if (!s) return undefined;
  if (/^\d+(\.\d+)?$/.test(s)) return Number(s);
  let total = 0;
  let section = 0;
  let digit: number | undefined;
  let lastUnit = 0;
  let i = 0;
  while (i < s.length) {
    const rest = s.slice(i);
    const arabic = /^\d+(\.\d+)?/.exec(rest);
    if (arabic) {
      digit = Number(arabic[0]);
      i += arabic[0].length;
      continue;
    }
    const ch = s[i] as string;
    i++;
    if (ch in DIGITS) {
      digit = DIGITS[ch];
      continue;
    }
    if (ch in SMALL_UNITS) {
      const unit = SMALL_UNITS[ch] as number;
      section += (digit ?? 1) * unit;
      digit = undefined;
      lastUnit = unit;
      continue;
    }
    if (ch in BIG_UNITS) {
      const unit = BIG_UNITS[ch] as number;
      total += (section + (digit ?? 0)) * unit;
      section = 0;
      digit = undefined;
      lastUnit = unit;
      continue;
    }
    return undefined;
  }
  if (digit !== undefined) {
    // 两千五: a lone digit right after a unit counts in the next lower place.
    const shortForm = lastUnit >= 100 && /[十拾百佰千仟万亿][一二两三四五六七八九]$/.test(s);
    section += shortForm ? digit * (lastUnit / 10) : digit;
  }
  const value = total + section;
  return Number.isFinite(value) ? value : undefined;
}

const NUM = '[0-9.零〇一二两俩三四五六七八九十拾百佰千仟万亿]+';
// The numeral is matched atomically (lookahead + backreference) so 十二月 cannot shrink to 十 and pass the guard.
// Counted things that are not money (months, tons, kilometres …) are excluded after the numeral.
const AMOUNT = new RegExp(`(?=(${NUM}))\\1(多)?\\s*(块钱|块|元|[kKwW](?![a-zA-Z]))?(?![个月年天号日点次岁吨周趟人辆台公里小时分钟期星0-9])`, 'g');

/** Characters that make a trailing 一 the start of a word (一直, 一共, 一下 …), so 三万二一直不结 is 三万二. */
const STARTS_WORD_WITH_ONE = /[直共下定起样般些边旦再切向点]/;
function withoutWordStart(numeral: string, next: string | undefined): string {
  return numeral.length > 1 && numeral.endsWith('一') && next !== undefined && STARTS_WORD_WITH_ONE.test(next) ? numeral.slice(0, -1) : numeral;
}

/** 多 between a numeral and a larger unit (二十多万, 3千多块): "more than" the round amount, read as the round amount. */
const MORE_THAN_ROUND = /([0-9零〇一二两俩三四五六七八九十拾百佰千仟])多([百佰千仟万亿])/gu;

/** The largest amount of money mentioned in a sentence, in yuan; needs 块/元 or a 百/千/万 in the numeral. */
export function findAmount(raw: string): number | undefined {
  const text = raw.replace(MORE_THAN_ROUND, '$1$2');
  let best: number | undefined;
  for (const m of text.matchAll(AMOUNT)) {
    const numeral = withoutWordStart(m[1] as string, text[(m.index ?? 0) + (m[1] as string).length]);
    const unit = m[3];
    if (!unit && !/[百佰千仟万亿]/.test(numeral)) continue;
    let n = parseChineseNumber(numeral);
    if (n === undefined) continue;
    if (unit && /^[wW]$/.test(unit)) n *= 10_000;
    else if (unit && /^[kK]$/.test(unit)) n *= 1000;
    const yuan = Math.round(n);
    if (yuan > 0 && (best === undefined || yuan > best)) best = yuan;
  }
  return best;
}

/** A bare number answering "how much": 30000, 三万, 两千五. */
export function parseBareAmount(text: string): number | undefined {
  const m = new RegExp(`^(大概|大约|差不多|将近|一共|总共)?(${NUM})(多)?(块钱|块|元)?(左右)?$`).exec(text.replace(/[\s，。！!,.]+$/g, '').trim());
  if (!m) return findAmount(text);
  const n = parseChineseNumber(m[2] as string);
  return n !== undefined && n > 0 ? Math.round(n) : undefined;
}

/** 30000 → "3万元", 2500 → "2500元". */
export function formatYuan(yuan: number): string {
  if (yuan >= 10_000 && yuan % 1000 === 0) return `${yuan / 10_000}万元`;
  return `${yuan}元`;
}
