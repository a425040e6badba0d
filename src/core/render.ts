// Per-channel rendering: voice gets short speakable text without URLs or markdown; text channels get everything.
import { speakNumbers } from './spoken-numbers.js';
import type { RenderMode, Reply } from './types.js';

/** Read-aloud on a screen may say more than a phone call: the whole speech form, up to this, cut at a sentence end. */
export const READ_ALOUD_MAX_CHARS = 400;

/** A spoken turn longer than this loses a driver who is listening, not reading. */
export const VOICE_MAX_CHARS = 120;

export function toSpeakable(text: string): string {
  return (
    text
      .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
      .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
      .replace(/https?:\/\/\S+|www\.\S+/gi, '')
      .replace(/^\s*#{1,6}\s*/gm, '')
      .replace(/^\s*[-*+]\s+/gm, '')
      .replace(/^\s*\d+[.)、]\s+/gm, '')
      .replace(/^\s*\|.*\|\s*$/gm, '')
      .replace(/[*_`>|#]/g, '')
      // A line that already ends a sentence needs no comma after it when the lines are joined for speech.
      .replace(/([。！？!?；;：:，,])\s*\n+\s*/g, '$1')
      .replace(/\s*\n+\s*/g, '，')
      .replace(/，{2,}/g, '，')
      .replace(/\s+/g, ' ')
      .replace(/^[，,\s]+|[，,\s]+$/g, '')
      .trim()
  );
}

/**
 * Cuts at the last sentence end that fits, so speech never stops mid-sentence; only a first sentence longer than `max`
 * is cut at its last clause (and closed as a sentence).
 */
export function truncateSpeech(text: string, max = VOICE_MAX_CHARS): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  const head = chars.slice(0, max).join('');
  const cut = Math.max(head.lastIndexOf('。'), head.lastIndexOf('！'), head.lastIndexOf('？'), head.lastIndexOf('；'));
  if (cut > 0) return head.slice(0, cut + 1).replace(/；$/u, '。');
  const comma = head.lastIndexOf('，');
  if (comma >= max / 3) return `${head.slice(0, comma)}。`;
  return `${chars.slice(0, max - 1).join('')}…`;
}

/**
 * The latest spoken forms by source text. A knowledge answer's text and speech are the same for every driver who gets that
 * entry, and turning one into speech (about 15 regular expressions, then the numbers) was 4% of the server's CPU per FAQ
 * turn under bench:ceiling.
 */
const SPOKEN_MEMO_SIZE = 256;
const spokenMemo = new Map<string, string>();

/** What a voice says for a reply: its speech form (or its text made speakable), cut at a sentence end, numbers as words. */
export function spokenForm(reply: Pick<Reply, 'text' | 'speech'>, max = READ_ALOUD_MAX_CHARS): string {
  const source = reply.speech ?? reply.text;
  const key = `${max}\u0000${source}`;
  const known = spokenMemo.get(key);
  if (known !== undefined) return known;
  const spoken = speakNumbers(truncateSpeech(toSpeakable(source), max));
  if (spokenMemo.size >= SPOKEN_MEMO_SIZE) spokenMemo.delete(spokenMemo.keys().next().value as string);
  spokenMemo.set(key, spoken);
  return spoken;
}

/**
 * Text channels get the plain text and the structured answer, plus `speech` for reading aloud; voice gets a short
 * speakable `text` (digits kept, for the transcript and SMS) and `speech` with numbers as words, for the synthesiser.
 */
export function renderReplies(replies: Reply[], mode: RenderMode): Reply[] {
  return replies.map((reply) => {
    const { speech: _speech, answer, ...rest } = reply;
    if (mode === 'text') return { ...rest, ...(answer ? { answer } : {}), speech: spokenForm(reply) };
    const text = truncateSpeech(toSpeakable(reply.speech ?? reply.text));
    return { ...rest, text, speech: speakNumbers(text) };
  });
}
