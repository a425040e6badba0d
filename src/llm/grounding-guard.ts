// Pure grounding check: every figure a model writes (number, hotline, article, amount, date) must appear in the cited entries.

const CN_DIGIT: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const CN_UNIT: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const CN_NUMBER = '[零〇一二两三四五六七八九十百千万]+';
// Units after which a Chinese numeral is a figure (三年, 三十日, 五千元); elsewhere (一裁终局, 一荤两素) it is a word.
const UNIT = '(?:个月|个工作日|工作日|个小时|小时|分钟|年|月|日|天|周|元|块钱|块|万元|万|倍|分|条|款|项|吨|公斤|千克|米|公里|人|次|个|份|轴|%)';

/** 三十 → 30, 十五 → 15, 一千 → 1000, 两万 → 20000; undefined when the characters do not form a number. */
export function chineseToNumber(text: string): number | undefined {
  let total = 0;
  let section = 0;
  let digit: number | undefined;
  for (const ch of text) {
    if (ch in CN_DIGIT) {
      digit = CN_DIGIT[ch];
    } else if (ch in CN_UNIT) {
      section += (digit ?? 1) * (CN_UNIT[ch] as number);
      digit = undefined;
    } else if (ch === '万') {
      total += (section + (digit ?? 0)) * 10000;
      section = 0;
      digit = undefined;
    } else return undefined;
  }
  return total + section + (digit ?? 0);
}

/** Rewrites figures to one form so 三十日 and 30日, 百分之八十 and 80%, 2022年1月1日 and 2022-01-01 compare equal. */
export function canonicalFigures(text: string): string {
  return (
    text
      .normalize('NFKC')
      .replace(/(\d{4})-(\d{1,2})-(\d{1,2})/g, (_, y: string, m: string, d: string) => `${y}年${Number(m)}月${Number(d)}日`)
      .replace(/(\d{4})年0(\d)月/g, '$1年$2月')
      .replace(new RegExp(`百分之(${CN_NUMBER})`, 'g'), (all, n: string) => {
        const v = chineseToNumber(n);
        return v === undefined ? all : `${v}%`;
      })
      .replace(/百分之(\d+(?:\.\d+)?)/g, '$1%')
      .replace(new RegExp(`(第)?(${CN_NUMBER})(?=${UNIT})`, 'g'), (all, di: string | undefined, n: string) => {
        const v = chineseToNumber(n);
        return v === undefined ? all : `${di ?? ''}${v}`;
      })
      .replace(/(\d),(?=\d{3}\b)/g, '$1')
      // Same quantity, different words: 4个小时 = 4小时, 30天 = 30日, 3个工作日 = 3工作日.
      .replace(/(\d)个(小时|工作日)/g, '$1$2')
      .replace(/(\d)天/g, '$1日')
      // Drivers say 块 for 元: 八千块 = 8000元.
      .replace(/(\d)块钱?/g, '$1元')
      .replace(/\s+/g, '')
  );
}

/** Figures in a text: numbers with their unit when there is one, article references, dates, percentages, hotlines. */
export function extractFigures(text: string): string[] {
  const canon = canonicalFigures(text);
  const out = new Set<string>();
  for (const m of canon.matchAll(new RegExp(`第?\\d+(?:\\.\\d+)?${UNIT}?`, 'g'))) out.add(m[0]);
  return [...out];
}

/** Figures in `generated` that no cited text contains; empty means the answer is grounded. */
export function ungroundedFigures(generated: string, citedTexts: readonly string[]): string[] {
  const corpus = citedTexts.map(canonicalFigures).join('\n');
  const numbers = new Set(corpus.match(/\d+(?:\.\d+)?/g) ?? []);
  return extractFigures(generated).filter((figure) => {
    if (corpus.includes(figure)) return false;
    // A bare number (no unit) is grounded when the same number occurs in the sources.
    const bare = /^\d+(?:\.\d+)?$/.test(figure);
    return !(bare && numbers.has(figure));
  });
}
