// Which character pair of the knowledge base's headings a pinyin pair reads as: for homophone repair and typed pinyin.
import type { Postings } from './postings.js';
import { syllables, typedReading } from './text-features.js';

export interface SoundPair {
  bigram: string;
  df: number;
}

export interface SoundPairs {
  /** Fuzzy pinyin pair → the pair inside a heading word that uses it most often (homophone repair). */
  byPinyin: Map<string, SoundPair>;
  /** The same over every heading pair, words or not (typed pinyin). */
  typedPairs: Map<string, SoundPair>;
  /** The syllables of heading characters as typed on a keyboard (zhong, lv). */
  typedSyllables: Set<string>;
}

function keep(map: Map<string, SoundPair>, key: string, bigram: string, df: number): void {
  const cur = map.get(key);
  if (!cur || cur.df < df) map.set(key, { bigram, df });
}

/**
 * Homophone repair takes only pairs inside heading words, so a function-word pair (歇一) never replaces a real one (写一).
 * Typed pinyin names the words a driver meant to type, so any heading pair may answer it (套路 is 套|路|贷 to the
 * segmenter).
 */
export function soundPairs(postings: Postings): SoundPairs {
  const byPinyin = new Map<string, SoundPair>();
  const typedPairs = new Map<string, SoundPair>();
  const typedSyllables = new Set<string>();
  for (const [term, t] of postings.dict) {
    const word = term.startsWith('w:');
    if (!word && !term.startsWith('b:')) continue;
    const headDf = postings.headDf(t);
    const chars = Array.from(term.slice(2));
    if (headDf === 0 || chars.length < 2 || chars.some((c) => !/\p{Script=Han}/u.test(c))) continue;
    const syl = syllables(chars.join(''));
    if (syl.length !== chars.length) continue;
    for (const c of chars) typedSyllables.add(typedReading(c));
    for (let i = 0; i + 1 < chars.length; i++) {
      const key = `${syl[i]} ${syl[i + 1]}`;
      const bigram = `${chars[i]}${chars[i + 1]}`;
      keep(typedPairs, key, bigram, headDf);
      if (word) keep(byPinyin, key, bigram, headDf);
    }
  }
  return { byPinyin, typedPairs, typedSyllables };
}
