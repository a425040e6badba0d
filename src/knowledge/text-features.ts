// Tokenises Chinese text for retrieval: word segments (Intl.Segmenter), character bigrams, tone-less pinyin bigrams, numbers.
import { pinyin } from 'pinyin-pro';
import type { FunctionWords } from './knowledge-words.js';

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

const PARTICLE = new Set(['了', '的', '着', '过']);

// The segmenter glues grammar onto words (我的, 拖了, 跑得, 我是, 扣着): as terms they look rare, so they outweighed real
// topic words and even anchored answers ("取消我的预约" matched an entry asking "是不是我的"). Split them off.
const LEADING_PRONOUN = /^[我你他她它](?=\p{Script=Han})/u;
const TRAILING_PARTICLE = /(?<=\p{Script=Han})[了的得着是]$/u;

/**
 * A-not-A question forms (算不算, 赔不赔, 有没有) ask; they never name a topic. Nor does a two-character word made of
 * two function characters (了一, 能去, 都要), which the segmenter sometimes glues together.
 */
export function isFunctionWord(word: string, fw: FunctionWords): boolean {
  if (fw.words.has(word) || /^(\p{Script=Han})[不没]\1$/u.test(word)) return true;
  const chars = Array.from(word);
  return chars.length === 2 && chars.every((c) => fw.chars.has(c));
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
 * The words an index knows (from Intl.Segmenter over its headings, plus the function words). Questions are segmented by
 * forward maximum matching over it: Intl.Segmenter's dictionary segmentation has multi-millisecond spikes (p99 ≈ 2.7 ms,
 * max ≈ 30 ms per call in Node 20), which would blow the query budget, and words it does not know only matter as
 * characters and bigrams anyway.
 */
export interface Lexicon {
  words: Set<string>;
  maxLength: number;
  functionWords: FunctionWords;
}

export function createLexicon(words: Iterable<string>, functionWords: FunctionWords): Lexicon {
  const set = new Set<string>(functionWords.words);
  for (const w of words) if (/^\p{Script=Han}{2,8}$/u.test(w)) set.add(w);
  let maxLength = 1;
  for (const w of set) maxLength = Math.max(maxLength, w.length);
  return { words: set, maxLength, functionWords };
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
export function contentWords(text: string, fw: FunctionWords, lexicon?: Lexicon): Array<{ word: string; joined: boolean }> {
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
      if (!isFunctionWord(piece, fw)) push(piece, false);
    }
    if (rest) push(rest, Array.from(rest).length > 1);
    run = '';
  };
  for (const { segment: w, isWordLike } of segments(text, lexicon)) {
    if (!isWordLike || isFunctionWord(w, fw)) {
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
  functionWords: FunctionWords;
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
export function features(text: string, opts: FeatureOptions): string[] {
  const terms: string[] = [];
  const fw = opts.functionWords;
  if (opts.words !== false) for (const w of words(text, opts.lexicon)) if (!isFunctionWord(w, fw) && !/^\d/.test(w)) terms.push(`w:${w}`);
  // In questions, a pair made only of function-word characters (是干, 么的) says nothing about the topic.
  const stop = opts.query ? stopMask(text, fw, opts.lexicon) : undefined;
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
function stopMask(text: string, fw: FunctionWords, lexicon?: Lexicon): boolean[] {
  const mask = new Array<boolean>(text.length).fill(false);
  for (const s of segments(text, lexicon)) {
    if (!isFunctionWord(s.segment, fw)) continue;
    for (let i = 0; i < s.segment.length; i++) mask[s.index + i] = true;
  }
  return mask;
}
