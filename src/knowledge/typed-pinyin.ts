// Pinyin typed in place of characters ("劳动zhongcai", "taolu贷"), as drivers do when the input method gets in the way.
import { fuzzySyllable } from './text-features.js';

const LATIN_RUN = /[a-z]{4,}/gi;
const MAX_SYLLABLE = 6;
/** Two or more Latin words of at most six letters separated by single spaces. */
const SPACED_SYLLABLES = /(?<![a-z])[a-z]{1,6}(?:\s[a-z]{1,6})+(?![a-z])/gi;

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

/** lü and nü(e) typed without their umlaut (lu tong for 绿通): the u is read as ü when the plain u reads as no word. */
const TYPED_WITHOUT_UMLAUT = /^([ln])u(e?)$/;

/** The heading word a pair of typed syllables reads as, trying ü for a u after l or n when the u reads as none. */
function pairReading(a: string, b: string, opts: TypedPinyinOptions): string | undefined {
  const found = opts.pairFor(`${fuzzySyllable(a)} ${fuzzySyllable(b)}`);
  if (found) return found;
  const umlaut = (s: string) => s.replace(TYPED_WITHOUT_UMLAUT, '$1v$2');
  if (umlaut(a) === a && umlaut(b) === b) return undefined;
  return opts.pairFor(`${fuzzySyllable(umlaut(a))} ${fuzzySyllable(umlaut(b))}`);
}

export interface TypedPinyinOptions {
  /** Syllables as typed (zhong, lv) that the knowledge base's heading words use. */
  inventory: ReadonlySet<string>;
  /** The character pair inside a heading word that a fuzzy syllable pair ("zon cai") reads as, if any. */
  pairFor(fuzzyPair: string): string | undefined;
  /** Latin words the knowledge base itself uses (etc, app) stay as they are. */
  isKnownWord(word: string): boolean;
  /** The fuzzy syllable of a character (挂 → gua), for one syllable typed beside it ("挂kao"). */
  readingOf?(ch: string): string | undefined;
}

/**
 * Replaces each Latin run of two or more syllables with the characters of the knowledge base's words that read that
 * way, pair by pair. A run that is not all pinyin, or has a pair no heading word reads as, is left alone: English
 * words and brand names stay English.
 */
export function typedPinyinToHan(text: string, opts: TypedPinyinOptions): string {
  return syllablesBesideHan(spacedSyllablesToHan(wholeRunsToHan(text, opts), opts), opts);
}

/** One syllable typed right after or before a character, the two reading as a knowledge-base word ("挂kao", "gong资"). */
const SYLLABLE_AFTER_HAN = /(\p{Script=Han})([a-z]{2,6})(?![a-z])/giu;
const SYLLABLE_BEFORE_HAN = /(?<![a-z])([a-z]{2,6})(\p{Script=Han})/giu;

/**
 * A single typed syllable glued to a character becomes the other character of the heading word the two spell, only when
 * that word keeps the typed character where it stands: 挂kao → 挂靠; a Latin word the base uses (app) stays.
 */
function syllablesBesideHan(text: string, opts: TypedPinyinOptions): string {
  const readingOf = opts.readingOf;
  if (!readingOf) return text;
  const typed = (syllable: string) => {
    const s = syllable.toLowerCase();
    return opts.inventory.has(s) && !opts.isKnownWord(s) ? fuzzySyllable(s) : undefined;
  };
  const after = text.replace(SYLLABLE_AFTER_HAN, (all, han: string, syllable: string) => {
    const [a, b] = [readingOf(han), typed(syllable)];
    const pair = a && b ? opts.pairFor(`${a} ${b}`) : undefined;
    return pair && Array.from(pair)[0] === han ? pair : all;
  });
  return after.replace(SYLLABLE_BEFORE_HAN, (all, syllable: string, han: string) => {
    const [a, b] = [typed(syllable), readingOf(han)];
    const pair = a && b ? opts.pairFor(`${a} ${b}`) : undefined;
    return pair && Array.from(pair)[1] === han ? pair : all;
  });
}

/**
 * Syllables typed with spaces between them ("gong zi", "lu tong", "shi gu"): each neighbouring pair that a knowledge-base
 * word reads as becomes its characters, left to right; a syllable with no such neighbour stays as typed, so English
 * words between them ("can appeal") are never read as pinyin.
 */
function spacedSyllablesToHan(text: string, opts: TypedPinyinOptions): string {
  return text.replace(SPACED_SYLLABLES, (run) => {
    const tokens = run.split(/\s+/);
    const pairAt = (i: number): string | undefined => {
      const a = tokens[i]?.toLowerCase();
      const b = tokens[i + 1]?.toLowerCase();
      if (a === undefined || b === undefined || !opts.inventory.has(a) || !opts.inventory.has(b) || opts.isKnownWord(a) || opts.isKnownWord(b)) return undefined;
      return pairReading(a, b, opts);
    };
    const out: string[] = [];
    for (let i = 0; i < tokens.length; i++) {
      let word = pairAt(i);
      if (!word) {
        out.push(tokens[i] as string);
        continue;
      }
      i++;
      // A word of three syllables reads as two overlapping pairs sharing the middle character (chu shi gu → 出事 + 事故),
      // unless the last two syllables of the run read as a word of their own (si ji zhi jia → 司机 + 之家, not 司机自 + jia).
      const endsInWord = (at: number) => at + 2 === tokens.length && pairAt(at) !== undefined;
      for (let next = pairAt(i); next && Array.from(next)[0] === Array.from(word).at(-1) && !endsInWord(i + 1); next = pairAt(i)) {
        word += Array.from(next)[1];
        i++;
      }
      out.push(word);
    }
    return out.join(' ').replace(/(?<=\p{Script=Han})\s+(?=\p{Script=Han})/gu, '');
  });
}

function wholeRunsToHan(text: string, opts: TypedPinyinOptions): string {
  return text.replace(LATIN_RUN, (run) => {
    const word = run.toLowerCase();
    if (opts.isKnownWord(word)) return run;
    const parts = splitSyllables(word, opts.inventory);
    if (!parts || parts.length < 2) return run;
    let out = '';
    for (let i = 0; i < parts.length; i += 2) {
      // An odd last syllable is read together with the one before it and only its second character is kept.
      const at = i + 1 < parts.length ? i : i - 1;
      const pair = pairReading(parts[at] as string, parts[at + 1] as string, opts);
      if (!pair) return run;
      out += at === i ? pair : Array.from(pair)[1];
    }
    return out;
  });
}
