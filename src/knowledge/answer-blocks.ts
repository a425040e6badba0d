// Parses an answer's Markdown (an entry body or a model's wording) once into blocks that every channel renders its own way.
import { Lexer, type Token, type Tokens } from 'marked';
import { blocksAsText } from '../core/answer-text.js';
import type { AnswerBlock, TextRun } from '../core/types.js';

/** Inline tokens → runs of plain text; emphasis is kept as `strong`, links keep their label, raw HTML is dropped. */
function runsOf(tokens: Token[] | undefined, strong = false): TextRun[] {
  const out: TextRun[] = [];
  for (const token of tokens ?? []) {
    switch (token.type) {
      case 'strong':
        out.push(...runsOf((token as Tokens.Strong).tokens, true));
        break;
      case 'em':
      case 'del':
      case 'link':
        out.push(...runsOf((token as Tokens.Em).tokens, strong));
        break;
      case 'br':
        out.push({ text: '\n' });
        break;
      case 'html':
      case 'image':
        break;
      case 'text': {
        const t = token as Tokens.Text;
        if (t.tokens?.length) out.push(...runsOf(t.tokens, strong));
        else out.push(strong ? { text: t.text, strong } : { text: t.text });
        break;
      }
      default:
        if ('text' in token && typeof token.text === 'string') out.push(strong ? { text: token.text, strong } : { text: token.text });
    }
  }
  return cjkEmphasis(merge(out));
}

/** Joins neighbouring runs of the same weight, so renderers see "出事先打" + strong "122" + "报警" and nothing smaller. */
function merge(runs: TextRun[]): TextRun[] {
  const out: TextRun[] = [];
  for (const run of runs) {
    const last = out.at(-1);
    if (!run.text) continue;
    if (last && Boolean(last.strong) === Boolean(run.strong)) last.text += run.text;
    else out.push({ ...run });
  }
  return out;
}

/**
 * CommonMark does not close `**` between a quote and a Han character (**"车险好投保"**平台), so such pairs reach us as
 * text; they are read here as emphasis the way the author meant.
 */
function cjkEmphasis(runs: TextRun[]): TextRun[] {
  if (!runs.some((r) => r.text.includes('**'))) return runs;
  let open = false;
  const out: TextRun[] = [];
  for (const run of runs) {
    run.text.split('**').forEach((piece, i) => {
      if (i > 0) open = !open;
      out.push(Boolean(run.strong) !== open ? { text: piece, strong: true } : { text: piece });
    });
  }
  return merge(out.map((r) => ({ ...r, text: r.text.replaceAll('*', '') })));
}

const textOf = (runs: TextRun[]) => runs.map((r) => r.text).join('');

/**
 * A paragraph of one bold phrase is a heading ("**建议**"); one that opens with a bold phrase followed by a colon or a
 * bracketed reference ("**责任**（《民法典》第1211条）：…") is labelled by it.
 */
function paragraph(runs: TextRun[]): AnswerBlock {
  const [first, ...rest] = runs;
  if (first?.strong && rest.every((r) => /^[\s:：]*$/u.test(r.text))) return { kind: 'heading', text: first.text.replace(/[:：\s]+$/u, '') };
  const after = textOf(rest);
  if (first?.strong && /^\s*[:：（(]/u.test(after) && Array.from(first.text).length <= 16) {
    const body = merge(rest.map((r, i) => (i === 0 ? { ...r, text: r.text.replace(/^\s*[:：]\s*/u, '') } : r)));
    return { kind: 'paragraph', label: first.text.replace(/[:：\s]+$/u, ''), runs: body };
  }
  return { kind: 'paragraph', runs };
}

function itemRuns(item: Tokens.ListItem): TextRun[] {
  // A list item's own tokens are text or paragraph blocks (loose lists); nested lists are flattened into the line.
  const runs: TextRun[] = [];
  for (const token of item.tokens) {
    if (token.type === 'list') for (const sub of (token as Tokens.List).items) runs.push({ text: '；' }, ...itemRuns(sub));
    else runs.push(...runsOf('tokens' in token ? (token.tokens as Token[]) : [token]));
  }
  return merge(runs);
}

export function parseAnswerMarkdown(markdown: string): AnswerBlock[] {
  const blocks: AnswerBlock[] = [];
  for (const token of new Lexer().lex(markdown)) {
    switch (token.type) {
      case 'heading':
        blocks.push({ kind: 'heading', text: textOf(runsOf((token as Tokens.Heading).tokens)).trim() });
        break;
      case 'paragraph':
      case 'text':
      case 'blockquote': {
        const runs = runsOf((token as Tokens.Paragraph).tokens);
        if (textOf(runs).trim()) blocks.push(paragraph(runs));
        break;
      }
      case 'list': {
        const list = token as Tokens.List;
        const start = typeof list.start === 'number' ? list.start : undefined;
        blocks.push({ kind: 'list', ordered: list.ordered, ...(list.ordered && start && start !== 1 ? { start } : {}), items: list.items.map(itemRuns) });
        break;
      }
      case 'table': {
        // A table (hotlines, weight limits) becomes a list: each row "first cell：the others"; the header row names columns only.
        const table = token as Tokens.Table;
        const items = table.rows.map((row) => merge(row.flatMap((cell, i) => [...(i === 1 ? [{ text: '：' }] : i > 1 ? [{ text: '，' }] : []), ...runsOf(cell.tokens)])));
        blocks.push({ kind: 'list', ordered: false, items });
        break;
      }
      case 'code':
        blocks.push({ kind: 'paragraph', runs: [{ text: (token as Tokens.Code).text }] });
        break;
      default:
        break;
    }
  }
  return blocks;
}

/** Text that may hold Markdown (a message stored before answers were structured) as plain text; other text unchanged. */
export function markdownAsPlain(text: string): string {
  return /\*\*|^\s{0,3}#{1,6}\s|^\s{0,3}[-*+]\s/mu.test(text) ? blocksAsText(parseAnswerMarkdown(text)) : text;
}
