// The web page's rendering of a structured answer: escaped HTML of a small allowlist (p, strong, h4, ol, ul, li), one source line.
import type { AnswerBlock, StructuredAnswer, TextRun } from '../../core/types.js';

/** The only tags the web renderer ever writes; the browser test and the unit test check every answer against it. */
export const ANSWER_HTML_TAGS = ['p', 'strong', 'h4', 'ol', 'ul', 'li'] as const;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c] as string);

const runs = (rs: TextRun[]) => rs.map((r) => (r.strong ? `<strong>${escapeHtml(r.text)}</strong>` : escapeHtml(r.text))).join('');

function block(b: AnswerBlock): string {
  switch (b.kind) {
    case 'heading':
      return `<h4>${escapeHtml(b.text)}</h4>`;
    case 'paragraph':
      // A label before a bracketed reference ("规定（…第15条）：") takes no colon of its own.
      return `<p>${b.label ? `<strong>${escapeHtml(b.label)}</strong>${/^[（(]/u.test(b.runs[0]?.text ?? '') ? '' : '：'}` : ''}${runs(b.runs)}</p>`;
    case 'list': {
      const tag = b.ordered ? 'ol' : 'ul';
      const start = b.ordered && b.start && b.start !== 1 ? ` start="${b.start}"` : '';
      return `<${tag}${start}>${b.items.map((item) => `<li>${runs(item)}</li>`).join('')}</${tag}>`;
    }
  }
}

export function answerAsHtml(answer: StructuredAnswer): string {
  const cite = answer.source ? `<p class="cite">来源：${escapeHtml(answer.source)}</p>` : '';
  const note = answer.note ? `<p class="note">${escapeHtml(answer.note)}</p>` : '';
  return `${answer.blocks.map(block).join('')}${cite}${note}`;
}
