// Domain words a speech recogniser or a pinyin keyboard spells with one wrong character of the same sound (暖心只家, 超线站, 屏蔽气), read back as the word before any rule sees the text.
import type { Rewriter } from '../core/normalise.js';

/**
 * A word of three or more characters keeps two right ones beside the misheard one, so a match is not chance; a
 * two-character word is read only when what was written is no word of its own and breaks no word beside it.
 */
const MIN_CHARS = 2;
const SURE_CHARS = 3;
const MASK = '\u0000';
/** Characters written together, or split by one space as a transcript splits words ("暖心 只家"). */
const HAN_RUN = /\p{Script=Han}(?: ?\p{Script=Han})*/gu;

interface Slot {
  word: string;
  /** Which of the word's characters the text may have misheard, and that character. */
  at: number;
  char: string;
  sound: string;
}

/**
 * A rewriter of the given words: a run of characters that differs from one of them in exactly one character, where
 * that character sounds the same (`sound` gives a character's tone-less, accent-merged reading), becomes the word.
 * Two wrong characters make a different word and are left alone.
 */
export function heardWords(
  words: readonly string[],
  sound: (ch: string) => string,
  isWord: (text: string) => boolean = () => false,
  isFunctionChar: (ch: string) => boolean = () => false,
): Rewriter {
  const slots = new Map<string, Slot[]>();
  const lengths = new Set<number>();
  const chars = new Set<string>();
  for (const word of words) {
    const cs = Array.from(word);
    if (cs.length < MIN_CHARS || !cs.every((c) => /\p{Script=Han}/u.test(c))) continue;
    lengths.add(cs.length);
    for (const c of cs) chars.add(c);
    cs.forEach((c, at) => {
      const key = cs.map((x, i) => (i === at ? MASK : x)).join('');
      const list = slots.get(key) ?? [];
      list.push({ word, at, char: c, sound: sound(c) });
      slots.set(key, list);
    });
  }
  const sizes = [...lengths].sort((a, b) => b - a);

  /**
   * The word the window cs[i, i + n) was misheard for, if any. The window must not share a character with a word beside
   * it (老公伤心 holds no 工伤, 中裁判 no 仲裁, 定位起来 no 定位器), and a short one must not be a word as written (公子).
   */
  function heardAs(cs: readonly string[], i: number, n: number): string | undefined {
    const window = cs.slice(i, i + n);
    for (let at = 0; at < n; at++) {
      const key = window.map((x, k) => (k === at ? MASK : x)).join('');
      for (const slot of slots.get(key) ?? []) {
        const heard = window[at] as string;
        if (heard === slot.char || sound(heard) !== slot.sound) continue;
        // A function character (一, 去, 在) is far more often itself than a misheard part of a word (记录一下, 停车去).
        if (isFunctionChar(heard)) continue;
        // Never take characters from a word beside the window (记录一下, 定位起来, 中裁判).
        const before = cs[i - 1];
        const after = cs[i + n];
        if ((before !== undefined && isWord(before + window[0])) || (after !== undefined && isWord(window[n - 1] + after))) continue;
        if (n < SURE_CHARS && isWord(window.join(''))) continue;
        return slot.word;
      }
    }
    return undefined;
  }

  function rewriteRun(run: string): string {
    const cs: string[] = [];
    const spaced: boolean[] = [];
    for (const c of run) {
      if (c === ' ') spaced[cs.length] = true;
      else cs.push(c);
    }
    let out = '';
    let changed = false;
    for (let i = 0; i < cs.length; ) {
      // One of a window's first two characters is right, whichever one was misheard.
      let word: string | undefined;
      if (chars.has(cs[i] as string) || chars.has(cs[i + 1] ?? '')) {
        for (const n of sizes) if (i + n <= cs.length && (word = heardAs(cs, i, n)) !== undefined) break;
      }
      if (spaced[i] && i > 0) out += ' ';
      if (word !== undefined) {
        out += word;
        i += Array.from(word).length;
        changed = true;
      } else {
        out += cs[i];
        i += 1;
      }
    }
    return changed ? out : run;
  }

  return {
    rewrite: (text) => (slots.size === 0 ? text : text.replace(HAN_RUN, rewriteRun)),
  };
}
