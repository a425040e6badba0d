// Text normalisation shared by intent detection and retrieval: width, script, invisible characters, spoken digits, and — from word rules passed in — speech fillers and dialect.
import * as OpenCC from 'opencc-js/t2cn';
import { spokenDigitsToArabic } from './spoken-digits.js';

let toSimplified: ((text: string) => string) | undefined;

/** Traditional → simplified Chinese; the converter is built on first use because its dictionaries are large. */
export function simplify(text: string): string {
  const convert = (toSimplified ??= OpenCC.Converter({ from: 't', to: 'cn' }));
  return convert(text);
}

// Zero-width and bidi controls come from copy-paste and hostile input; they break matching and are never meaningful.
// eslint-disable-next-line no-control-regex -- stripping control characters is the point
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u200B-\u200F\u202A-\u202E\u2060-\u2064\uFEFF]/g;

/** A rewrite word set (knowledge/lexicon/core/*.yaml compiled by src/lexicon): rules applied in file order. */
export interface Rewriter {
  rewrite(text: string): string;
}

export interface NormaliseWords {
  /** Sichuan dialect and recogniser spellings → standard words (core/dialect.yaml). */
  dialect: Rewriter;
  /** Fillers removed from speech transcripts only (core/speech-fillers.yaml): in typed text 那个 can be a real demonstrative. */
  fillers: Rewriter;
  /** Domain words misheard by one same-sounding character (core/heard-words.yaml): 暖心只家 → 暖心之家. */
  heard?: Rewriter;
}

const RECENT_TEXTS = 64;
const MAX_RECENT_CHARS = 2000;

export type Normalise = (input: string, opts?: { transcript?: boolean }) => string;

/**
 * Full-width → half-width, traditional → simplified, invisible characters removed, fillers dropped from transcripts,
 * spoken digits (幺二三二八 → 12328), dialect words (啥子 → 什么) and misheard domain words (超线站 → 超限站) standardised, whitespace collapsed. Without word
 * rules only the script, width, invisible characters and digits are normalised.
 */
export function createNormaliser(words?: NormaliseWords): Normalise {
  // One turn normalises the same message in many places (intent words, retrieval, forms); the last few results are kept.
  const recent = new Map<string, string>();
  return (input, opts = {}) => {
    if (input.length > MAX_RECENT_CHARS) return normalise(input, opts);
    const key = `${opts.transcript ? 't' : 's'}${input}`;
    const known = recent.get(key);
    if (known !== undefined) return known;
    const text = normalise(input, opts);
    if (recent.size >= RECENT_TEXTS) recent.delete(recent.keys().next().value as string);
    recent.set(key, text);
    return text;
  };

  function normalise(input: string, opts: { transcript?: boolean }): string {
    let text = input.normalize('NFKC').replace(INVISIBLE, '');
    text = simplify(text);
    // A call's whole answer may be a filler word ("嗯" for yes): it is kept when nothing else was said.
    if (opts.transcript && words) {
      const kept = words.fillers.rewrite(text);
      if (kept.trim()) text = kept;
    }
    text = spokenDigitsToArabic(text);
    if (words) text = words.dialect.rewrite(text);
    if (words?.heard) text = words.heard.rewrite(text);
    return text.replace(/\s+/g, ' ').trim();
  }
}

/** Script, width, invisible characters and spoken digits only: for text no word rule should touch (entry bodies, logs). */
export const normaliseText: Normalise = createNormaliser();

/** Punctuation and a recogniser's pauses between clauses: where a message is split into what it says one part at a time. */
export const CLAUSE_OR_PAUSE = /[\s，,。；;！!？?]+/u;

/** Characters per run, at most on average, of a transcript that puts a space between words rather than only at pauses. */
const SPACED_RUN_CHARS = 3;

/**
 * Whether a transcript spaces every word ("胸口 好 痛 喘 不 过 气", "我 上 个 月 反映 的"): rules written for running text
 * read it joined. A space at a pause ("堵到我屋门口威胁 打啥子电话") still separates, and such a text is not word-spaced.
 */
export function isWordSpaced(text: string): boolean {
  const runs = text.trim().split(/\s+/u);
  return runs.length >= 4 && runs.reduce((n, r) => n + Array.from(r).length, 0) / runs.length <= SPACED_RUN_CHARS;
}

/**
 * The text with the spaces between characters taken out: a speech recogniser spaces its words ("不让我 走", "要 打人"), and
 * rules about what is happening read the words it split as one phrase.
 */
export function joinSpokenWords(text: string): string {
  return text.replace(/(?<=\p{Script=Han})\s+(?=\p{Script=Han})/gu, '');
}
