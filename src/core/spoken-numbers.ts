// Numbers as a Chinese voice reads them: amounts and counts as numbers (两百元, 第一千二百一十一条), dates as dates
// (十二月八日, 二〇二五年), hotlines, phone and case numbers digit by digit (一二三二八).

const DIGIT = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
const SMALL = ['', '十', '百', '千'];
const BIG = ['', '万', '亿'];

/** Below 10000: 十二, 一百零五, 两千 (a leading 2 before 百/千 is 两, as people say it). */
function section(n: number): string {
  let out = '';
  let zero = false;
  const digits = String(n).padStart(4, '0').split('').map(Number);
  digits.forEach((d, i) => {
    const unit = 3 - i;
    if (d === 0) {
      zero = out !== '';
      return;
    }
    if (zero) out += '零';
    zero = false;
    const word = d === 2 && unit >= 2 && out === '' ? '两' : (DIGIT[d] as string);
    out += word + SMALL[unit];
  });
  return out;
}

/** An integer as a number word: 200 → 两百, 1211 → 一千二百一十一, 15 → 十五, 30000 → 三万. */
export function integerWords(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0) return String(n);
  if (n === 0) return '零';
  const parts: string[] = [];
  let rest = n;
  let level = 0;
  let needZero = false;
  while (rest > 0 && level < BIG.length) {
    const chunk = rest % 10000;
    rest = Math.floor(rest / 10000);
    if (chunk === 0) {
      needZero = parts.length > 0;
    } else {
      const words = section(chunk) + BIG[level];
      parts.unshift(needZero || (chunk < 1000 && rest > 0) ? `零${words}`.replace(/^零(?=零)/, '') : words);
      needZero = false;
    }
    level++;
  }
  if (rest > 0) return String(n);
  // 一十五 is said 十五; 零 never leads.
  return parts.join('').replace(/^零/, '').replace(/^一十/, '十');
}

/** A decimal as words: 1.5 → 一点五. */
function numberWords(raw: string): string {
  const [whole = '0', frac] = raw.split('.');
  const head = integerWords(Number(whole));
  return frac ? `${head}点${Array.from(frac, (d) => DIGIT[Number(d)]).join('')}` : head;
}

const spell = (digits: string) => Array.from(digits, (d) => (/\d/.test(d) ? DIGIT[Number(d)] : '')).join('');

/** After a number, these make it a quantity said as a number; anything else three digits or longer is spelt out. */
const QUANTITY =
  /^(?:元|块|万|千|百|亿|公里|千米|米|吨|公斤|千克|斤|小时|个|分钟|秒|天|日|周|个月|岁|条|款|项|次|倍|辆|人|张|份|座|层|分|点|折|成|家|趟|多|余|以上|以下|以内)/;

export function speakNumbers(text: string): string {
  return (
    text
      // Percentages and ranges of amounts first, so their parts are not read as plain digits.
      .replace(/(\d+(?:\.\d+)?)\s*[%％]/g, (_m, n: string) => `百分之${numberWords(n)}`)
      // Dates: 2025年 → 二〇二五年 (years are read digit by digit), 12月8日 → 十二月八日.
      .replace(/(\d{4})\s*年/g, (_m, y: string) => `${Array.from(y, (d) => (d === '0' ? '〇' : DIGIT[Number(d)])).join('')}年`)
      .replace(
        /(\d{1,2})\s*月(?:\s*(\d{1,2})\s*([日号]))?/g,
        (_m, mo: string, d?: string, unit?: string) => `${integerWords(Number(mo))}月${d ? `${integerWords(Number(d))}${unit}` : ''}`,
      )
      // Clock times: 9:00 → 九点, 17:30 → 十七点三十分.
      .replace(
        /(\d{1,2})[:：](\d{2})(?!\d)/g,
        (_m, h: string, m: string) => `${integerWords(Number(h))}点${m === '00' ? '' : `${integerWords(Number(m))}分`}`,
      )
      .replace(/\d+(?:\.\d+)?(?:[-－]\d+)*/g, (match, offset: number, whole: string) => {
        const after = whole.slice(offset + match.length);
        const before = whole.slice(0, offset);
        // Case numbers (SC-2025-014) and phone numbers with an area code are spelt, a dash read as a pause.
        if (/[-－]/.test(match) || /[A-Za-z][-－]?$/.test(before)) return match.split(/[-－]/).map(spell).join('，');
        // 2 before a measure word is 两 (两小时, 两个人), but 二 before 月/日 and in 第二.
        if (
          match === '2' &&
          !/第\s*$/.test(before) &&
          /^(?:个|小时|天|次|辆|人|吨|元|块|万|千|百|分钟|年|周|倍|条|趟|张|份|家|公里|米)/.test(after.trimStart())
        )
          return '两';
        // The first number of a range is the same kind of quantity as the second (罚200到500元, 3至5天).
        const range = /^\s*(?:到|至|~|～)\s*\d+(?:\.\d+)?/.exec(after);
        const measured = range ? after.slice(range[0].length) : after;
        const quantity = QUANTITY.test(measured.trimStart()) || /第\s*$/.test(before) || match.includes('.');
        if (quantity || match.length < 3) return numberWords(match);
        return spell(match);
      })
  );
}
