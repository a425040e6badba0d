// Plain-text rendering of a structured answer (WeChat and every text fallback): 【】 headings, numbered lines, no Markdown.
import type { AnswerBlock, StructuredAnswer, TextRun } from './types.js';

/** WeChat shows about this many characters on a phone before the driver must scroll; longer answers offer “详细”. */
export const CHAT_ANSWER_MAX_CHARS = 600;
export const MORE_PROMPT = '回复“详细”看全文和法条';

const plain = (runs: TextRun[]) =>
  runs
    .map((r) => r.text)
    .join('')
    .trim();
const len = (s: string) => Array.from(s).length;

/** One block as plain lines: headings in 【】, a label leads its paragraph, list items numbered (bullets too). */
export function blockAsText(block: AnswerBlock): string {
  switch (block.kind) {
    case 'heading':
      return `【${block.text}】`;
    case 'paragraph':
      return block.label ? `【${block.label}】${plain(block.runs)}` : plain(block.runs);
    case 'list': {
      const first = block.start ?? 1;
      return block.items.map((item, i) => `${first + i}. ${plain(item)}`).join('\n');
    }
  }
}

/** Blocks joined for reading: a heading sits on the line above what it heads; other blocks are a blank line apart. */
export function blocksAsText(blocks: AnswerBlock[]): string {
  let out = '';
  blocks.forEach((block, i) => {
    if (i > 0) out += blocks[i - 1]?.kind === 'heading' ? '\n' : '\n\n';
    out += blockAsText(block);
  });
  return out;
}

export const sourceLine = (answer: StructuredAnswer) => (answer.source ? `来源：${answer.source}` : '');

/** The whole answer as plain text: the blocks, the one citation line and the legal note. */
export function answerAsText(answer: StructuredAnswer): string {
  return [blocksAsText(answer.blocks), sourceLine(answer), answer.note ?? ''].filter(Boolean).join('\n\n');
}

/**
 * The answer for a chat app: the conclusion (first block) and as many following blocks as fit in `maxChars`, then the
 * citation line; what is left out is offered behind “详细”. A heading is never left hanging without what it heads.
 */
export function answerForChat(answer: StructuredAnswer, maxChars = CHAT_ANSWER_MAX_CHARS): { text: string; cut: boolean } {
  const whole = answerAsText(answer);
  if (len(whole) <= maxChars) return { text: whole, cut: false };
  const tail = [sourceLine(answer), MORE_PROMPT].filter(Boolean).join('\n');
  const budget = maxChars - len(tail) - 2;
  // The conclusion is the first block that says something (with its heading, if it has one).
  const first =
    Math.max(
      0,
      answer.blocks.findIndex((b) => b.kind !== 'heading'),
    ) + 1;
  let kept = answer.blocks.slice(0, first);
  for (let n = first + 1; n <= answer.blocks.length; n++) {
    const next = answer.blocks.slice(0, n);
    if (len(blocksAsText(next)) > budget) break;
    kept = next;
  }
  while (kept.length > first && kept.at(-1)?.kind === 'heading') kept = kept.slice(0, -1);
  return { text: `${blocksAsText(kept)}\n\n${tail}`, cut: true };
}
