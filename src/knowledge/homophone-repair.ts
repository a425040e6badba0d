// Repairs a question before retrieval: typed pinyin to characters, synonyms, A-not-A forms, and misheard homophone pairs.
import type { Normalise } from '../core/normalise.js';
import type { KnowledgeWords } from './knowledge-words.js';
import type { SoundPairs } from './sound-pairs.js';
import { canonicalWords } from './synonyms.js';
import { isDictionaryWord, syllables, type Lexicon } from './text-features.js';
import { typedPinyinToHan } from './typed-pinyin.js';

export interface RepairContext extends SoundPairs {
  normalise: Normalise;
  synonyms: KnowledgeWords['synonyms'];
  typedPinyinWords: KnowledgeWords['typedPinyinWords'];
  englishWords: KnowledgeWords['englishWords'];
  functionWords: KnowledgeWords['functionWords'];
  lexicon: Lexicon;
  /** Whether the index holds a term (w:, b:, l: …). */
  has(term: string): boolean;
}

export function homophoneRepair(ctx: RepairContext): (raw: string) => string {
  const { byPinyin, typedPairs, typedSyllables, lexicon } = ctx;
  const fw = ctx.functionWords;
  const known = (bigram: string) => ctx.has(`b:${bigram}`);
  const normaliseText = ctx.normalise;
  /** Whether replacing chars[i], chars[i+1] by a, b makes a known pair with a neighbour that is not a function character. */
  function supported(chars: string[], i: number, a: string, b: string): boolean {
    const before = chars[i - 1];
    const after = chars[i + 2];
    return (before !== undefined && !fw.words.has(before) && known(`${before}${a}`)) || (after !== undefined && !fw.words.has(after) && known(`${b}${after}`));
  }

  function repair(raw: string): string {
    // "受不受理" asks about 受理: the A-not-A form of a two-character word is that word for retrieval.
    // English topic words first (legal aid → 法律援助), so a question half in English is read as one in characters.
    const normalised = ctx.englishWords.rewrite(normaliseText(raw));
    const typedRuns = typedPinyinToHan(normalised, {
      inventory: typedSyllables,
      pairFor: (pair) => (byPinyin.get(pair) ?? typedPairs.get(pair))?.bigram,
      isKnownWord: (word) => ctx.has(`l:${word}`),
      readingOf: (ch) => syllables(ch)[0],
    });
    // A message typed wholly in pinyin, some of whose runs became the knowledge base's words: its short words too.
    // Its spaces were word breaks of the pinyin: the characters are read as one run, as if typed in characters.
    const typed =
      typedRuns !== normalised && !/\p{Script=Han}/u.test(normalised)
        ? ctx.typedPinyinWords.rewrite(typedRuns).replace(/(?<=\p{Script=Han})\s+(?=\p{Script=Han})/gu, '')
        : typedRuns;
    const text = canonicalWords(typed, ctx.synonyms).replace(/(\p{Script=Han})[不没]\1(\p{Script=Han})/gu, (form, a: string, b: string) =>
      lexicon.words.has(a + b) ? a + b : form,
    );
    return text.replace(/[\p{Script=Han}]{2,}/gu, (run) => {
      const chars = Array.from(run);
      const syl = syllables(run);
      if (syl.length !== chars.length) return run;
      for (let i = 0; i + 1 < chars.length; i++) {
        if (known(`${chars[i]}${chars[i + 1]}`)) continue;
        const fix = byPinyin.get(`${syl[i]} ${syl[i + 1]}`);
        if (!fix) continue;
        const [a, b] = Array.from(fix.bigram);
        if (a === chars[i] && b === chars[i + 1]) continue;
        // Recognisers swap one character for a homophone (公伤, 园助, 六周); a pair with both changed is a different word
        // unless the re-reading also joins a neighbour into the knowledge base's words (小额苏松 → 小额诉讼), even when the
        // misheard pair is a word of its own (法律圆柱 → 法律援助; a 圆柱形的油桶 has no such neighbour).
        if (a !== chars[i] && b !== chars[i + 1] && !supported(chars, i, a as string, b as string)) continue;
        // Never break a neighbouring pair that is already right (驾驶|是 must not become 驾实施, 开始施行 not 开实施行).
        // A pair the knowledge base's own texts use (他们, 你是, 再说) is right; two function characters that only the general
        // dictionary joins (才|要) are a chance meeting there, not a word the re-reading would break.
        const right = (pair: string) => known(pair) || (isDictionaryWord(pair) && !Array.from(pair).every((c) => fw.words.has(c)));
        if (i > 0 && a !== chars[i] && right(`${chars[i - 1]}${chars[i]}`)) continue;
        if (i + 2 < chars.length && b !== chars[i + 1] && right(`${chars[i + 1]}${chars[i + 2]}`)) continue;
        // A real word (火车) is misheard only when the re-reading also joins its neighbour into the knowledge base's
        // words (工商认定 → 工伤认定, 车祸无忧 → 车货无忧); on its own it is what the driver meant.
        if (isDictionaryWord(`${chars[i]}${chars[i + 1]}`) && !supported(chars, i, a as string, b as string)) continue;
        chars[i] = a as string;
        chars[i + 1] = b as string;
      }
      return chars.join('');
    });
  }

  return repair;
}
