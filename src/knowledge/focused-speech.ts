// The spoken answer for one question: the entry's curated speech, led by the answer sentence that covers what was asked
// when the curated speech leaves it out ("法律援助要带啥子材料" is answered in the text, not in the speech).
import { toSpeakable, truncateSpeech, VOICE_MAX_CHARS } from '../core/render.js';
import { normaliseText } from '../core/normalise.js';
import type { KnowledgeEntry } from './entry-schema.js';
import { STOPWORDS } from './text-features.js';

// Longest first, so 怎么办 goes before 怎么.
const FUNCTION_WORDS = [...STOPWORDS].sort((a, b) => b.length - a.length);
const MIN_SENTENCE_CHARS = 8;

/** Character pairs of the Han runs in a text. */
function pairs(text: string): Set<string> {
  const out = new Set<string>();
  for (const run of text.match(/\p{Script=Han}+/gu) ?? []) {
    const cs = Array.from(run);
    for (let i = 0; i + 1 < cs.length; i++) {
      out.add(`${cs[i]}${cs[i + 1]}`);
    }
  }
  return out;
}

/** The question's content: function words cut out, so 什么/怎么 never count as what was asked. */
function asked(question: string): Set<string> {
  let text = question;
  for (const w of FUNCTION_WORDS) if (w.length > 1) text = text.split(w).join(' ');
  return pairs(text);
}

// Headings ("**怎么选**", "以下情况…：") and cross-references (见"…") are not sayable on their own.
function sentences(answer: string): string[] {
  return answer
    .split(/\n+/)
    .filter((line) => !/[:：]\s*(\*\*)?\s*$/u.test(line))
    .map(toSpeakable)
    .flatMap((line) => line.split(/(?<=[。；！？])/u))
    .map((s) => s.replace(/^[^：:]{1,8}[：:]/u, '').trim())
    .filter((s) => Array.from(s).length >= MIN_SENTENCE_CHARS && !/见[“"「]/u.test(s));
}

/**
 * The entry's speech, or — when the question asks about a detail the answer text gives but neither the speech nor
 * the entry's headings mention — the answer sentence that says it most, followed by as much of the speech as fits.
 * Words in the headings are what the whole entry is about, so the curated speech already answers them.
 */
export function focusedSpeech(entry: KnowledgeEntry, question: string | undefined): string {
  if (!question) return entry.speech;
  const covered = pairs(normaliseText([entry.speech, entry.title, ...entry.questions, ...entry.tags].join('。')));
  const missing = [...asked(normaliseText(question))].filter((p) => !covered.has(p));
  if (missing.length === 0) return entry.speech;
  let best: { sentence: string; hits: number } | undefined;
  for (const sentence of sentences(entry.answer)) {
    const has = pairs(sentence);
    const hits = missing.filter((p) => has.has(p)).length;
    if (hits > 0 && (!best || hits > best.hits || (hits === best.hits && sentence.length < best.sentence.length))) best = { sentence, hits };
  }
  if (!best) return entry.speech;
  const lead = /[。；！？]$/u.test(best.sentence) ? best.sentence : `${best.sentence}。`;
  return truncateSpeech(`${lead}${entry.speech}`, VOICE_MAX_CHARS);
}
