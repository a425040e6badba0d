// Makes text safe to speak: numbers a driver must repeat (hotlines, case and phone numbers) are spelt digit by digit.

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** A number followed by one of these is a quantity (5000元, 8小时, 第42条) and is read as a number, not spelt. */
const UNIT_AFTER = /^(\s*)(元|块|万|千|百|公里|千米|米|km|公斤|千克|吨|kg|小时|个小时|分钟|秒|天|日|周|个月|月|年|岁|个|条|款|项|次|倍|%|％|号线|辆|人|张|份|座|层|楼|点|时|分|折|成)/i;

/** Spells runs of three or more digits, and any run inside an ID like SC-2025-014, so TTS reads 12328 as 一二三二八. */
export function spellNumbers(text: string): string {
  return text.replace(/\d+(?:[-－]\d+)*/g, (match, offset: number, whole: string) => {
    const after = whole.slice(offset + match.length);
    const before = whole.slice(0, offset);
    const isId = /[-－]/.test(match) || /[A-Za-z][-－]?$/.test(before);
    if (!isId && (match.length < 3 || UNIT_AFTER.test(after) || /第\s*$/.test(before))) return match;
    return Array.from(match)
      .map((ch) => (/\d/.test(ch) ? DIGITS[Number(ch)] : '，'))
      .join('');
  });
}
