// Per-channel rendering: voice gets short speakable text without URLs or markdown; text channels get everything.
import type { RenderMode, Reply } from './types.js';

/** A spoken turn longer than this loses a driver who is listening, not reading. */
export const VOICE_MAX_CHARS = 120;

export function toSpeakable(text: string): string {
  return text
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
    .trim();
}

/** Cuts at the last sentence end that fits, so speech never stops mid-word. */
export function truncateSpeech(text: string, max = VOICE_MAX_CHARS): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  const head = chars.slice(0, max).join('');
  const cut = Math.max(head.lastIndexOf('。'), head.lastIndexOf('！'), head.lastIndexOf('？'), head.lastIndexOf('；'));
  if (cut >= max / 3) return head.slice(0, cut + 1);
  const comma = head.lastIndexOf('，');
  if (comma >= max / 3) return `${head.slice(0, comma)}。`;
  return `${chars.slice(0, max - 1).join('')}…`;
}

export function renderReplies(replies: Reply[], mode: RenderMode): Reply[] {
  return replies.map((reply) => {
    const { speech, ...rest } = reply;
    if (mode === 'text') return rest;
    return { ...rest, text: truncateSpeech(toSpeakable(speech ?? reply.text)) };
  });
}
