// Domain words a speech recogniser or a pinyin keyboard spells with one wrong character of the same sound (暖心只家, 超线站, 屏蔽气), read back as the word before any rule sees the text.
import type { Rewriter } from '../core/normalise.js';

/** A word of at least this many characters still has two right ones beside the misheard one, so a match is not chance. */
const MIN_CHARS = 3;
const MASK = '\u0000';
/** Characters written together, or split by one space as a transcript splits words ("暖心 只家"). */
const HAN_RUN = /\p{Script=Han}(?: ?\p{Script=Han})*/gu;

interface Slot {
  word: string;
  /** Which of the word's characters the text may have misheard. */
  at: number;
  sound: string;
}

/**
 * A rewriter of the given words: a run of characters that differs from one of them in exactly one character, where
 * that character sounds the same (`sound` gives a character's tone-less, accent-merged reading), becomes the word.
 * Two wrong characters make a different word and are left alone; so is every word shorter than three characters.
 */
export function heardWords(words: readonly string[], sound: (ch: string) => string): Rewriter {
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
      list.push({ word, at, sound: sound(c) });
      slots.set(key, list);
    });
  }
  const sizes = [...lengths].sort((a, b) => b - a);

  /** The word a window of characters was misheard for, if any. */
  function heardAs(window: readonly string[]): string | undefined {
    for (let at = 0; at < window.length; at++) {
      const key = window.map((x, i) => (i === at ? MASK : x)).join('');
      for (const slot of slots.get(key) ?? []) {
        const heard = window[at] as string;
        if (heard !== Array.from(slot.word)[at] && sound(heard) === slot.sound) return slot.word;
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
      const hit = chars.has(cs[i] as string) || chars.has(cs[i + 1] ?? '') ? sizes.find((n) => i + n <= cs.length && heardAs(cs.slice(i, i + n))) : undefined;
      if (spaced[i] && i > 0) out += ' ';
      if (hit !== undefined) {
        out += heardAs(cs.slice(i, i + hit));
        i += hit;
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
