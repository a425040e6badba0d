// Numbers retrieval must see as digits: digit-by-digit spoken ones (幺二三二八 → 12328), as drivers say hotlines and plates,
// and the ordinals of a statute's parts (第八百三十六条 → 第836条), as entries cite them.

const DIGIT: Record<string, string> = {
  零: '0',
  〇: '0',
  幺: '1',
  一: '1',
  二: '2',
  两: '2',
  三: '3',
  四: '4',
  五: '5',
  六: '6',
  七: '7',
  八: '8',
  九: '9',
};

// Three or more digit characters in a row are read digit by digit ("一二三四五"); shorter runs are ordinary
// words ("一二", "三四个小时") and keep their meaning. 幺 only occurs in spoken numbers, so it also anchors two-digit runs.
const RUN = /[零〇幺一二两三四五六七八九]{3,}|幺[零〇幺一二两三四五六七八九]|[零〇一二两三四五六七八九]幺/g;

// A five-digit hotline whose first two digits a recogniser wrote as a number (十二三二八 for 12328).
const TEEN_HOTLINE = /十([一二三四五六七八九])([零〇幺一二两三四五六七八九]{3})(?![零〇幺一二两三四五六七八九])/g;

// Recognisers often put a space between digits read one by one ("一 二 三 二 八"); three or more standalone digit
// characters in a row are one spoken number.
const SPACED = /(?<!\p{Script=Han})[零〇幺一二两三四五六七八九](?:\s+[零〇幺一二两三四五六七八九]){2,}(?!\p{Script=Han})/gu;

const PLACE: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

// 第…条 (and 章, 节, 款, 项, 编) with a positional numeral: 第八百三十六条, 第九十二条, 第十条, 第一百零一条.
const ORDINAL = /第([零〇一二两三四五六七八九十百千]{1,8})(?=[条章节款项编])/g;

/** A positional numeral under 10,000 (八百三十六 → 836, 十二 → 12), or undefined when it is not one. */
export function positionalNumber(numeral: string): number | undefined {
  let total = 0;
  let digit: number | undefined;
  for (const ch of numeral) {
    const place = PLACE[ch];
    if (place === undefined) {
      if (digit !== undefined && digit !== 0) return undefined;
      digit = Number(DIGIT[ch]);
      continue;
    }
    total += (digit ?? (total === 0 ? 1 : NaN)) * place;
    digit = undefined;
  }
  total += digit ?? 0;
  return Number.isFinite(total) && total > 0 ? total : undefined;
}

/**
 * Replaces digit-by-digit spoken numbers and the ordinals of statute parts with Arabic digits; quantities such as 十二 or
 * 三四个 are left alone.
 */
export function spokenDigitsToArabic(text: string): string {
  return text
    .replace(ORDINAL, (whole, numeral: string) => {
      const n = positionalNumber(numeral);
      return n === undefined ? whole : `第${n}`;
    })
    .replace(SPACED, (run) => run.replace(/\s+/g, ''))
    .replace(TEEN_HOTLINE, (_, second: string, rest: string) => `1${DIGIT[second]}${Array.from(rest, (ch) => DIGIT[ch]).join('')}`)
    .replace(RUN, (run) => Array.from(run, (ch) => DIGIT[ch] ?? ch).join(''));
}
