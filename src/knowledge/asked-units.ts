// Quantities in a question: words that ask for a number in a unit (几个月, 多少吨), and the stated numbers that answer them.

// A word the knowledge base has never seen that starts with a numeral (三年, 两万, 五个多) is a quantity the driver gives.
export const TRAILING_NUMERALS = /(?<=\p{Script=Han}{2})[一二两三四五六七八九十]+$/u;
export const QUANTITY_WORD = /^[一二两三四五六七八九十半几百千万]/u;
// "How many / how long" words (几天, 多长) ask for a quantity; however rare in the knowledge base, they are not what an
// entry is about, so they never anchor one.
export const ASKED_QUANTITY = /^[第好]?[几多]/u;
// "几个 / 几天 / 多少吨" asks for a number in a unit; an entry that states one in that unit ("24个", "5日", "49吨") answers it
// although it never repeats the question word.
export const ASKED_UNIT = /^(?:第|好)?(?:几|多少)(个月|月|个|天|日|年|周|次|分钟|分|小时|钟头|吨|米|厘米|元|块|万|倍|条|项|种|公里|千克|公斤)$/u;
export const ASKED_UNIT_TAIL = new RegExp(ASKED_UNIT.source.slice(1), 'u');
const UNIT_FORMS: Record<string, string> = { 天: '天|日', 日: '天|日', 块: '元|块', 个月: '个月|月', 钟头: '小时', 公斤: '千克|公斤' };
// Drivers ask in another unit than the entry states (几个月 for "30日", 多少公斤 for "18吨", 多少厘米 for "2.55米"): a
// number in a unit of the same measure answers too, with a little less credit.
const UNIT_FAMILIES: readonly string[] = ['年|个月|月|周|天|日|小时|钟头|分钟', '吨|千克|公斤', '米|厘米|公里', '元|块|万'];
export const FAMILY_CREDIT = 0.7;
export const UNIT_MISS = 0.85;
// "几个|月", "第几|条": the segmenter splits an asked quantity from its unit, which then reads as a topic word.
const ASKED_HEAD = /^(?:第|好)?(?:几|多少)个?$/u;
const UNIT_WORD = /^(?:个月|月|天|日|年|周|次|分钟|小时|钟头|吨|米|厘米|元|块|万|倍|条|项|种|公里|千克|公斤)$/u;
const STATED_NUMBER = '(?:\\d|[两三四五六七八九十百千万])';
export const UNIT_CREDIT = 0.8;

/** "几个|月": an asked quantity and the unit the segmenter split from it, joined back into one word. */
export function askedUnitsJoined(words: Array<{ word: string; joined: boolean }>): Array<{ word: string; joined: boolean }> {
  const out: Array<{ word: string; joined: boolean }> = [];
  for (const w of words) {
    const prev = out[out.length - 1];
    if (prev && ASKED_HEAD.test(prev.word) && UNIT_WORD.test(w.word)) out[out.length - 1] = { word: `${prev.word}${w.word}`, joined: false };
    else out.push(w);
  }
  return out;
}

/** The stated numbers that answer an asked quantity: in its own unit, and in another unit of the same measure. */
export function unitTests(asked: string, unit: string): { unit: RegExp; family?: RegExp } {
  if (asked.startsWith('第')) return { unit: new RegExp(`第\\s*${STATED_NUMBER}+\\s*${unit}`, 'u') };
  const own = UNIT_FORMS[unit] ?? unit;
  const family = UNIT_FAMILIES.find((f) => f.split('|').includes(unit));
  return {
    unit: new RegExp(`${STATED_NUMBER}\\s*(?:${own})`, 'u'),
    ...(family ? { family: new RegExp(`${STATED_NUMBER}\\s*(?:${family})`, 'u') } : {}),
  };
}
