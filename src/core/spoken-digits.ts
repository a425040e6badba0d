// Digit-by-digit spoken numbers (幺二三二八 → 12328), as drivers say hotlines and plates and recognisers transcribe them.

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

// Recognisers often put a space between digits read one by one ("一 二 三 二 八"); three or more standalone digit
// characters in a row are one spoken number.
const SPACED = /(?<!\p{Script=Han})[零〇幺一二两三四五六七八九](?:\s+[零〇幺一二两三四五六七八九]){2,}(?!\p{Script=Han})/gu;

/** Replaces digit-by-digit spoken numbers with Arabic digits; quantities such as 十二 or 三四个 are left alone. */
export function spokenDigitsToArabic(text: string): string {
  return text.replace(SPACED, (run) => run.replace(/\s+/g, '')).replace(RUN, (run) => Array.from(run, (ch) => DIGIT[ch] ?? ch).join(''));
}
