// Tokenises Chinese text for retrieval: word segments (Intl.Segmenter), character bigrams, tone-less pinyin bigrams, numbers.
import { pinyin } from 'pinyin-pro';

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

// Function words that say nothing about the topic; they still take part in bigrams, where idf weighs them down.
export const STOPWORDS = new Set(
  ('的 了 是 吗 呢 吧 啊 呀 哦 嘛 么 我 你 您 他 她 它 们 我们 你们 他们 这 那 这个 那个 这些 那些 怎么 怎么样 怎样 什么 怎么办 如何 多少 多久 ' +
    '哪 哪里 哪个 哪些 哪儿 谁 能 能不能 可以 可不可以 可 有 有没有 没有 没 要 会 想 请问 问 问一下 一下 下 就 还 也 都 和 与 或 或者 在 给 把 被 让 ' +
    '对 跟 不 是不是 帮 帮我 说 知道 需要 应该 得 地 着 过 个 一 些 该 去 来 到 又 才 再 啦 喔 呗 嗯 啥 咋 吗 为什么 为啥 请 麻烦 一个 自己 现在 已经 ' +
    '还是 然后 但是 如果 因为 所以 里 上 中 从 比 等 之 其 及 并 而 则 很 太 好 行 吧').split(' '),
);

const HAN_RUN = /[\p{Script=Han}]+/gu;
const PINYIN_RUN = /[\p{Script=Han}0-9]+/gu;
const NUMBER = /\d+(?:\.\d+)?/g;
const LATIN = /[a-z]{2,}/gi;
const DIGIT_PINYIN = ['ling', 'yi', 'er', 'san', 'si', 'wu', 'liu', 'qi', 'ba', 'jiu'];

/**
 * Tone-less pinyin with the mergers a Sichuan accent and speech recognisers produce (zh/z, ch/c, sh/s, n/l, -ng/-n),
 * so 公伤 matches 工伤 and 六周 matches 6轴.
 */
export function fuzzySyllable(syllable: string): string {
  if (/^\d$/.test(syllable)) return DIGIT_PINYIN[Number(syllable)] ?? syllable;
  return syllable
    .replace(/^([zcs])h/, '$1')
    .replace(/^n(?=[aeiouü])/, 'l')
    .replace(/(e|i)ng$/, '$1n')
    .replace(/ü/g, 'v');
}

export function syllables(text: string): string[] {
  return pinyin(text, { toneType: 'none', type: 'array', v: true }).map(fuzzySyllable);
}

export function words(text: string): string[] {
  const out: string[] = [];
  for (const s of segmenter.segment(text.toLowerCase())) if (s.isWordLike) out.push(s.segment);
  return out;
}

export function hanRuns(text: string): string[] {
  return text.match(HAN_RUN) ?? [];
}

export interface FeatureOptions {
  /** Pinyin is the slowest layer; long answer bodies skip it. */
  pinyin?: boolean;
  /** Single characters, used only to check whether a one-character word of the question occurs. */
  chars?: boolean;
}

/** Prefixed terms: w: word, b: character bigram, p: pinyin bigram, n: number, l: Latin word, c: character. */
export function features(text: string, opts: FeatureOptions = {}): string[] {
  const terms: string[] = [];
  for (const w of words(text)) if (!STOPWORDS.has(w) && !/^\d/.test(w)) terms.push(`w:${w}`);
  for (const run of hanRuns(text)) {
    const chars = Array.from(run);
    for (let i = 0; i + 1 < chars.length; i++) terms.push(`b:${chars[i]}${chars[i + 1]}`);
    if (opts.chars) for (const c of chars) terms.push(`c:${c}`);
  }
  for (const n of text.match(NUMBER) ?? []) terms.push(`n:${n}`);
  for (const l of text.match(LATIN) ?? []) terms.push(`l:${l.toLowerCase()}`);
  if (opts.pinyin) {
    for (const run of text.match(PINYIN_RUN) ?? []) {
      const syl = syllables(run);
      for (let i = 0; i + 1 < syl.length; i++) terms.push(`p:${syl[i]} ${syl[i + 1]}`);
    }
  }
  return terms;
}
