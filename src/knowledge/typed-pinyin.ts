// Pinyin typed in place of characters ("劳动zhongcai", "taolu贷"), as drivers do when the input method gets in the way.
import { fuzzySyllable } from './text-features.js';

const LATIN_RUN = /[a-z]{4,}/gi;
const MAX_SYLLABLE = 6;

/** Splits a Latin run into syllables of the inventory, fewest first; undefined when it is not all pinyin. */
function splitSyllables(run: string, inventory: ReadonlySet<string>): string[] | undefined {
  const best: Array<string[] | undefined> = [[]];
  for (let end = 1; end <= run.length; end++) {
    for (let len = Math.min(MAX_SYLLABLE, end); len >= 1; len--) {
      const before = best[end - len];
      const syllable = run.slice(end - len, end);
      if (!before || !inventory.has(syllable)) continue;
      const candidate = [...before, syllable];
      const current = best[end];
      if (!current || candidate.length < current.length) best[end] = candidate;
    }
  }
  return best[run.length];
}

export interface TypedPinyinOptions {
  /** Syllables as typed (zhong, lv) that the knowledge base's heading words use. */
  inventory: ReadonlySet<string>;
  /** The character pair inside a heading word that a fuzzy syllable pair ("zon cai") reads as, if any. */
  pairFor(fuzzyPair: string): string | undefined;
  /** Latin words the knowledge base itself uses (etc, app) stay as they are. */
  isKnownWord(word: string): boolean;
}

/**
 * Replaces each Latin run of two or more syllables with the characters of the knowledge base's words that read that
 * way, pair by pair. A run that is not all pinyin, or has a pair no heading word reads as, is left alone: English
 * words and brand names stay English.
 */
export function typedPinyinToHan(text: string, opts: TypedPinyinOptions): string {
  return text.replace(LATIN_RUN, (run) => {
    const word = run.toLowerCase();
    if (opts.isKnownWord(word)) return run;
    const parts = splitSyllables(word, opts.inventory);
    if (!parts || parts.length < 2) return run;
    const fuzzy = parts.map(fuzzySyllable);
    let out = '';
    for (let i = 0; i < fuzzy.length; i += 2) {
      // An odd last syllable is read together with the one before it and only its second character is kept.
      const at = i + 1 < fuzzy.length ? i : i - 1;
      const pair = opts.pairFor(`${fuzzy[at]} ${fuzzy[at + 1]}`);
      if (!pair) return run;
      out += at === i ? pair : Array.from(pair)[1];
    }
    return out;
  });
}
