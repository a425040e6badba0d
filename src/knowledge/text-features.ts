// Tokenises Chinese text for retrieval: word segments (Intl.Segmenter), character bigrams, tone-less pinyin bigrams, numbers.
import { pinyin } from 'pinyin-pro';

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

// Function words that say nothing about the topic; they still take part in bigrams, where idf weighs them down.
export const STOPWORDS = new Set(
  ('的 了 是 吗 呢 吧 啊 呀 哦 嘛 么 我 你 您 他 她 它 们 我们 你们 他们 这 那 这个 那个 这些 那些 怎么 怎么样 怎样 什么 怎么办 如何 多少 多久 ' +
    '哪 哪里 哪个 哪些 哪儿 谁 能 能不能 可以 可不可以 可 有 有没有 没有 没 要 会 想 请问 问 问一下 一下 下 就 还 也 都 和 与 或 或者 在 给 把 被 让 ' +
    '对 跟 不 是不是 帮 帮我 说 知道 需要 应该 得 地 着 过 个 一 些 该 去 来 到 又 才 再 啦 喔 呗 嗯 啥 咋 吗 为什么 为啥 请 麻烦 一个 自己 现在 已经 ' +
    '我想 我要 想要 问问 还是 然后 但是 如果 因为 所以 里 上 中 从 比 等 之 其 及 并 而 则 很 太 好 行 吧 干什么 做什么 干嘛 是什么 什么样 怎么回事 不到 到底 吗 ' +
    '分别 各 各自 一回事 区别 差别 不同 不一样 有啥区别 有用 没用 管用 有人 有谁 ' +
    '一直 总是 老是 经常 一般 马上 刚刚 刚才 最近 平时 天天 每天 今天 昨天 后来 之前 以前 以后 当时 时候 一下子 ' +
    // Who passed the question on and where it was heard ("我朋友说…", "网上说…") is never its topic; nor is the hour.
    '朋友 同事 老乡 亲戚 别人 人家 听说 据说 网上 几点 明天 后天 今晚 开始 号码 电话号码 最晚 最迟 最多 最少 等于 ' +
    // When it happened (去年二月份, 年底) dates the story; "一共 / 总共" only asks for a total.
    '去年 前年 今年 月份 年底 年初 月底 上个月 一共 总共 总计 合计 ' +
    // "是什么意思", "讲的啥" ask for an explanation; the meaning is never the topic.
    '意思 讲 讲的 ' +
    // Rough shares of a load (碎了一小半) say how much, never what about.
    '小半 大半 一小半 一大半 ' +
    // "在几个月以内", "热线是好多" (Sichuan for 多少): bounds and dialect question words, never topics.
    '以内 好多 ' +
    // A wife or a fleet owner asking for someone ("我老公的车", "我家那口子") names who, never what about.
    '老公 老婆 媳妇 婆娘 爱人 丈夫 那口子 家那口子').split(' '),
);

const PARTICLE = new Set(['了', '的', '着', '过']);
const STOP_CHARS = new Set([...STOPWORDS].filter((w) => Array.from(w).length === 1));

// The segmenter glues grammar onto words (我的, 拖了, 跑得, 我是, 扣着): as terms they look rare, so they outweighed real
// topic words and even anchored answers ("取消我的预约" matched an entry asking "是不是我的"). Split them off.
const LEADING_PRONOUN = /^[我你他她它](?=\p{Script=Han})/u;
const TRAILING_PARTICLE = /(?<=\p{Script=Han})[了的得着是]$/u;

/**
 * A-not-A question forms (算不算, 赔不赔, 有没有) ask; they never name a topic. Nor does a two-character word made of
 * two function characters (了一, 能去, 都要), which the segmenter sometimes glues together.
 */
export function isFunctionWord(word: string): boolean {
  if (STOPWORDS.has(word) || /^(\p{Script=Han})[不没]\1$/u.test(word)) return true;
  const chars = Array.from(word);
  return chars.length === 2 && chars.every((c) => STOP_CHARS.has(c));
}

/** Whether a short string is one word of the general Chinese dictionary (火车, 开始), not only of the knowledge base. */
export function isDictionaryWord(text: string): boolean {
  let known = dictionaryWords.get(text);
  if (known === undefined) {
    const parts = Array.from(segmenter.segment(text));
    known = parts.length === 1 && parts[0]?.isWordLike === true;
    // Queries repeat the same few unknown pairs; the cache is bounded so hostile input cannot grow it without end.
    if (dictionaryWords.size >= DICTIONARY_CACHE) dictionaryWords.clear();
    dictionaryWords.set(text, known);
  }
  return known;
}
const DICTIONARY_CACHE = 10_000;
const dictionaryWords = new Map<string, boolean>();
const dictionaryRuns = new Map<string, string[]>();

/** A run of characters split by the general dictionary; single characters come back one by one. */
function dictionaryPieces(run: string): string[] {
  let pieces = dictionaryRuns.get(run);
  if (pieces === undefined) {
    pieces = Array.from(segmenter.segment(run), (s) => s.segment);
    if (dictionaryRuns.size >= DICTIONARY_CACHE) dictionaryRuns.clear();
    dictionaryRuns.set(run, pieces);
  }
  return pieces;
}

function splitAffixes(s: Segment): Segment[] {
  if (!s.isWordLike || s.segment.length < 2) return [s];
  let word = s.segment;
  let index = s.index;
  const out: Segment[] = [];
  const lead = LEADING_PRONOUN.exec(word);
  if (lead) {
    out.push({ segment: lead[0], index, isWordLike: true });
    word = word.slice(1);
    index += 1;
  }
  const tail = word.length >= 2 ? TRAILING_PARTICLE.exec(word) : null;
  if (tail) word = word.slice(0, -1);
  out.push({ segment: word, index, isWordLike: true });
  if (tail) out.push({ segment: tail[0], index: index + word.length, isWordLike: true });
  return out;
}
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

// Per-character readings, cached: the same character always sounds the same on both sides of a match, which is what
// matching needs, and a lookup is a hundred times faster than contextual conversion of every query.
const readings = new Map<string, string>();

function reading(ch: string): string {
  let r = readings.get(ch);
  if (r === undefined) {
    r = fuzzySyllable(/\p{Script=Han}/u.test(ch) ? (pinyin(ch, { toneType: 'none', type: 'array', v: true })[0] ?? ch) : ch);
    readings.set(ch, r);
  }
  return r;
}

const rawReadings = new Map<string, string>();

/** A character's tone-less pinyin as typed on a keyboard (ü as v), without the fuzzy mergers. */
export function typedReading(ch: string): string {
  let r = rawReadings.get(ch);
  if (r === undefined) {
    r = pinyin(ch, { toneType: 'none', type: 'array', v: true })[0] ?? ch;
    rawReadings.set(ch, r);
  }
  return r;
}

/** One fuzzy tone-less syllable per character (digits read as their Chinese names). */
export function syllables(text: string): string[] {
  return Array.from(text, reading);
}

interface Segment {
  segment: string;
  index: number;
  isWordLike: boolean;
}

/**
 * The words an index knows (from Intl.Segmenter over its headings, plus the stopwords). Questions are segmented by
 * forward maximum matching over it: Intl.Segmenter's dictionary segmentation has multi-millisecond spikes (p99 ≈ 2.7 ms,
 * max ≈ 30 ms per call in Node 20), which would blow the query budget, and words it does not know only matter as
 * characters and bigrams anyway.
 */
export interface Lexicon {
  words: Set<string>;
  maxLength: number;
}

export function createLexicon(words: Iterable<string>): Lexicon {
  const set = new Set<string>(STOPWORDS);
  for (const w of words) if (/^\p{Script=Han}{2,8}$/u.test(w)) set.add(w);
  let maxLength = 1;
  for (const w of set) maxLength = Math.max(maxLength, w.length);
  return { words: set, maxLength };
}

const TOKEN = /(\p{Script=Han}+)|(\d+(?:\.\d+)?|[a-z]+)|[^\p{Script=Han}\da-z]+/gu;

function lexiconSegments(text: string, lexicon: Lexicon): Segment[] {
  const out: Segment[] = [];
  for (const m of text.toLowerCase().matchAll(TOKEN)) {
    if (m[1] === undefined) {
      out.push({ segment: m[0], index: m.index, isWordLike: m[2] !== undefined });
      continue;
    }
    const run = m[1];
    for (let i = 0; i < run.length; ) {
      // A-not-A (管不管) is one question form even where the lexicon knows 不管 as a word.
      if (run[i + 2] === run[i] && (run[i + 1] === '不' || run[i + 1] === '没')) {
        out.push({ segment: run.slice(i, i + 3), index: m.index + i, isWordLike: true });
        i += 3;
        continue;
      }
      let len = Math.min(lexicon.maxLength, run.length - i);
      while (len > 1 && !lexicon.words.has(run.slice(i, i + len))) len--;
      out.push({ segment: run.slice(i, i + len), index: m.index + i, isWordLike: true });
      i += len;
    }
  }
  return out;
}

// One question is segmented several times (terms, stop pairs, coverage); keep the last result.
let lastText: string | undefined;
let lastLexicon: Lexicon | undefined;
let lastSegments: Segment[] = [];

function segments(text: string, lexicon?: Lexicon): Segment[] {
  if (text !== lastText || lexicon !== lastLexicon) {
    const raw = lexicon
      ? lexiconSegments(text, lexicon)
      : Array.from(segmenter.segment(text.toLowerCase()), (s) => ({ segment: s.segment, index: s.index, isWordLike: s.isWordLike ?? false }));
    lastSegments = raw.flatMap(splitAffixes);
    lastText = text;
    lastLexicon = lexicon;
  }
  return lastSegments;
}

/** Word segments: Intl.Segmenter, or maximum matching over a lexicon when one is given (questions). */
export function words(text: string, lexicon?: Lexicon): string[] {
  const out: string[] = [];
  for (const s of segments(text, lexicon)) if (s.isWordLike) out.push(s.segment);
  return out;
}

export function hanRuns(text: string): string[] {
  return text.match(HAN_RUN) ?? [];
}

/**
 * Content words of a question: stopwords dropped, and runs of single characters the segmenter could not place
 * (零|首|付, 公|伤) joined back into one word so their bigrams can still match. A run never crosses a space or
 * punctuation, and a word said twice (speech often repeats: "挂靠 挂靠的车") counts once.
 */
export function contentWords(text: string, lexicon?: Lexicon): Array<{ word: string; joined: boolean }> {
  const out: Array<{ word: string; joined: boolean }> = [];
  const seen = new Set<string>();
  const push = (word: string, joined: boolean) => {
    if (seen.has(word)) return;
    seen.add(word);
    out.push({ word, joined });
  };
  let run = '';
  const flush = () => {
    // Characters the knowledge base's words could not place may still be general words (玩|手机, 年|开始): those
    // count as words of their own, and only what is left stays a joined run.
    const pieces = Array.from(run).length > 2 ? dictionaryPieces(run) : run ? [run] : [];
    let rest = '';
    for (const piece of pieces) {
      if (Array.from(piece).length === 1) {
        rest += piece;
        continue;
      }
      if (rest) push(rest, Array.from(rest).length > 1);
      rest = '';
      if (!isFunctionWord(piece)) push(piece, false);
    }
    if (rest) push(rest, Array.from(rest).length > 1);
    run = '';
  };
  for (const { segment: w, isWordLike } of segments(text, lexicon)) {
    if (!isWordLike || isFunctionWord(w)) {
      flush();
      continue;
    }
    if (/^\p{Script=Han}$/u.test(w)) {
      run += w;
      continue;
    }
    flush();
    push(w, false);
  }
  flush();
  return out;
}

export interface FeatureOptions {
  /** Segments questions by maximum matching over the index's words instead of Intl.Segmenter. */
  lexicon?: Lexicon;
  /** Word segments; long answer bodies skip them, their bigrams carry the same words. */
  words?: boolean;
  /** For questions: leave out bigrams inside function words (怎么, 什么), which only add noise to the ranking. */
  query?: boolean;
  /** Pinyin is the slowest layer; long answer bodies skip it. */
  pinyin?: boolean;
  /** Single characters, used only to check whether a one-character word of the question occurs. */
  chars?: boolean;
}

/** Prefixed terms: w: word, b: character bigram, p: pinyin bigram, n: number, l: Latin word, c: character. */
export function features(text: string, opts: FeatureOptions = {}): string[] {
  const terms: string[] = [];
  if (opts.words !== false) for (const w of words(text, opts.lexicon)) if (!isFunctionWord(w) && !/^\d/.test(w)) terms.push(`w:${w}`);
  // In questions, a pair made only of function-word characters (是干, 么的) says nothing about the topic.
  const stop = opts.query ? stopMask(text, opts.lexicon) : undefined;
  const keep = (at: number) => !stop || !(stop[at] && stop[at + 1]);
  for (const m of text.matchAll(HAN_RUN)) {
    const chars = Array.from(m[0]);
    for (let i = 0; i + 1 < chars.length; i++) if (keep(m.index + i)) terms.push(`b:${chars[i]}${chars[i + 1]}`);
    // 受了伤 is 受伤 with a particle inside; the pair across the particle lets it match either way.
    for (let i = 1; i + 1 < chars.length; i++) {
      if (PARTICLE.has(chars[i] as string)) terms.push(`b:${chars[i - 1]}${chars[i + 1]}`);
    }
    if (opts.chars) for (const c of chars) terms.push(`c:${c}`);
  }
  for (const n of text.match(NUMBER) ?? []) terms.push(`n:${n}`);
  for (const l of text.match(LATIN) ?? []) terms.push(`l:${l.toLowerCase()}`);
  if (opts.pinyin) {
    for (const m of text.matchAll(PINYIN_RUN)) {
      const syl = syllables(m[0]);
      if (syl.length !== m[0].length) continue;
      for (let i = 0; i + 1 < syl.length; i++) if (keep(m.index + i)) terms.push(`p:${syl[i]} ${syl[i + 1]}`);
    }
  }
  return terms;
}

/** Per UTF-16 position: true inside a stopword. Han characters are single code units, so positions line up. */
function stopMask(text: string, lexicon?: Lexicon): boolean[] {
  const mask = new Array<boolean>(text.length).fill(false);
  for (const s of segments(text, lexicon)) {
    if (!isFunctionWord(s.segment)) continue;
    for (let i = 0; i < s.segment.length; i++) mask[s.index + i] = true;
  }
  return mask;
}
