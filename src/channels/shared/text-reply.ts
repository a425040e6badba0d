// Turns engine replies into one plain text for chat apps (WeChat OA, personal WeChat): answer, sources, station cards, chips.
import { answerForChat } from '../../core/answer-text.js';
import type { Reply } from '../../core/types.js';
import { formatDistance, readStationCards } from './station-card.js';

export interface TextStyle {
  /** WeChat OA text messages render `<a href>` links; personal WeChat shows bare URLs. */
  links: 'html' | 'plain';
}

function link(label: string, url: string, style: TextStyle): string {
  return style.links === 'html' ? `<a href="${url.replace(/"/g, '%22')}">${label}</a>` : `${label}：${url}`;
}

/** A knowledge answer is shortened to what a phone shows at once (the rest behind “详细”) unless the driver asked for it all. */
function body(reply: Reply): string {
  if (reply.answer && !reply.full) return answerForChat(reply.answer).text;
  return reply.text.trim();
}

export function replyAsText(reply: Reply, style: TextStyle): string {
  const parts = [body(reply)];
  for (const card of readStationCards(reply.stations)) {
    const head = `📍${card.name}${card.distanceKm !== undefined ? `（${formatDistance(card.distanceKm)}）` : ''}`;
    const lines = [head];
    if (card.amenities.length) lines.push(`   ${card.amenities.join('、')}`);
    if (card.address) lines.push(`   ${card.address}`);
    if (card.phone) lines.push(`   电话 ${card.phone}`);
    for (const l of card.links.slice(0, 2)) lines.push(`   ${link(l.label, l.url, style)}`);
    parts.push(lines.join('\n'));
  }
  if (reply.caseId) parts.push(`诉求编号：${reply.caseId}`);
  // The answer's own 来源 line is its one citation; a reply that cites without one gets a single 依据 line.
  if (reply.citations?.length && !/来源：/u.test(parts[0] ?? ''))
    parts.push(`依据：${reply.citations.map((c) => c.source || `《${c.title.replace(/^《|》$/g, '')}》`).join('；')}`);
  if (reply.quickReplies?.length) parts.push(`可以回复：${reply.quickReplies.map((q) => `“${q}”`).join(' ')}`);
  return parts.filter(Boolean).join('\n\n');
}

export function repliesAsText(replies: Reply[], style: TextStyle): string {
  return replies
    .map((r) => replyAsText(r, style))
    .filter(Boolean)
    .join('\n\n');
}

/** Splits text into pieces of at most `maxBytes` UTF-8 bytes at line or sentence ends (WeChat caps a text at 2048 bytes). */
export function splitByBytes(text: string, maxBytes: number): string[] {
  const out: string[] = [];
  let rest = text;
  const bytes = (s: string) => Buffer.byteLength(s, 'utf8');
  while (bytes(rest) > maxBytes) {
    const chars = Array.from(rest);
    let size = 0;
    let cut = 0;
    while (cut < chars.length && size + bytes(chars[cut] as string) <= maxBytes) size += bytes(chars[cut++] as string);
    const head = chars.slice(0, cut).join('');
    const soft = Math.max(head.lastIndexOf('\n'), head.lastIndexOf('。'), head.lastIndexOf('！'), head.lastIndexOf('？'));
    const at = soft > head.length / 2 ? soft + 1 : head.length;
    out.push(head.slice(0, at).trim());
    rest = rest.slice(at).trim();
  }
  if (rest) out.push(rest);
  return out;
}
