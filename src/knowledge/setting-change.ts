// Follow-ups that keep the previous topic and change one circumstance ("在四川呢", "那三轴的呢", "晚上呢"): detection, and the reply from the previous entry when no entry of that topic covers the new circumstance.
import { HOTLINES } from '../core/hotlines.js';
import type { Reply } from '../core/types.js';
import type { KnowledgeEntry } from './entry-schema.js';
import { citationFor, formatSource } from './faq-answer.js';
import { continuesPrevious } from './follow-up.js';
import type { KnowledgeIndex } from './search-index.js';

/** One circumstance a follow-up names: its kind (a rule of knowledge/lexicon/knowledge/circumstances.yaml) and the words said. */
export interface Circumstance {
  kind: string;
  said: string;
}

const PLACE_SICHUAN = 'place-sichuan';
const PLACE_ELSEWHERE = 'place-elsewhere';
// The helper words a circumstance is said with ("三轴的", "挂靠的") are not part of what an answer would mention.
const TRAILING_HELPERS = /[的车]+$/u;
const TRAILING_DE = /的$/u;

function global(pattern: RegExp): RegExp {
  return new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
}

/**
 * The circumstances a message changes when it is an elliptical follow-up: it says it goes on from the previous question
 * ("那…呢", "…也一样吗") and, apart from the circumstances, what it asks and the follow-up cues, has no topic word of
 * its own. Undefined for anything else: "那劳动仲裁收费吗" names a topic and is a question of its own.
 */
export function settingChange(index: KnowledgeIndex, text: string): Circumstance[] | undefined {
  const compact = text.replace(/\s+/gu, '');
  const words = index.words;
  if (!continuesPrevious(words, compact)) return undefined;
  const found: Circumstance[] = [];
  let rest = compact;
  for (const rule of words.circumstances.rules) {
    rest = rest.replace(global(rule.pattern), (said) => {
      found.push({ kind: rule.name, said });
      return ' ';
    });
  }
  if (found.length === 0) return undefined;
  for (const rule of [...words.askedAspects.rules, ...words.followUp.rules]) rest = rest.replace(global(rule.pattern), ' ');
  return index.contentWords(rest).length === 0 ? found : undefined;
}

function plain(line: string): string {
  return line
    .replace(/\*\*/gu, '')
    .replace(/^\s*(?:[-*]|\d+[.、])\s*/u, '')
    .trim();
}

/** The answer's lines that mention one of the circumstances, as the entry words them. */
function linesAbout(entry: KnowledgeEntry, circumstances: Circumstance[]): string[] {
  const cores = circumstances.map((c) => c.said.replace(TRAILING_HELPERS, '')).filter((w) => Array.from(w).length >= 2);
  if (cores.length === 0) return [];
  return entry.answer
    .split('\n')
    .map(plain)
    .filter((l) => l && cores.some((w) => l.includes(w)));
}

function placeReply(entry: KnowledgeEntry, place: Circumstance, source: string): { reply: Reply; covered: boolean } | undefined {
  const where = place.said;
  if (entry.region === 'national') {
    const text = `这条是全国统一的规定（依据${source}），在${where}也一样。\n${entry.speech}`;
    return { covered: true, reply: { text, speech: `这是全国的规定，${where}也一样。${entry.speech}`, citations: [citationFor(entry)] } };
  }
  const scope = entry.region === 'sichuan' ? '四川' : entry.region;
  if (place.kind === PLACE_SICHUAN && entry.region === 'sichuan') {
    const reply = { text: `刚才说的就是四川的做法（依据${source}）。\n${entry.speech}`, speech: `说的就是四川的。${entry.speech}`, citations: [citationFor(entry)] };
    return { covered: true, reply };
  }
  if (place.kind !== PLACE_SICHUAN && place.kind !== PLACE_ELSEWHERE) return undefined;
  const text = `刚才说的是${scope}的做法（依据${source}），${where}的情况我的资料里没有，不乱说免得误导您。可以拨打${HOTLINES.transport}交通运输服务热线问当地，法律问题打${HOTLINES.legal}，也可以说“转人工”找工作人员。`;
  const speech = `刚才说的是${scope}的做法，${where}的我没有资料。可以打${HOTLINES.transport}问当地，或说转人工。`;
  return { covered: false, reply: { text, speech, quickReplies: ['转人工'] } };
}

/**
 * The reply to a setting change from the previous entry: for a place, what the entry's region says about it; when the
 * search found that entry covering the circumstance (`restate`), its rule again with its lines on that circumstance; and
 * otherwise an honest "not covered" on that topic with whom to ask — never another topic's entry.
 */
export function settingReply(entry: KnowledgeEntry, circumstances: Circumstance[], restate = false): { reply: Reply; covered: boolean } {
  const source = entry.sources.map(formatSource).join('；');
  const place = circumstances.find((c) => c.kind === PLACE_SICHUAN || c.kind === PLACE_ELSEWHERE);
  const others = circumstances.filter((c) => c !== place);
  if (place && others.length === 0) {
    const answered = placeReply(entry, place, source);
    if (answered) return answered;
  }
  const label = circumstances.map((c) => c.said.replace(TRAILING_DE, '').replace(/我/gu, '您')).join('、');
  if (restate) {
    // The search found the previous entry covering the new circumstance: its rule again, and its lines on that circumstance.
    const lines = linesAbout(entry, circumstances);
    const about = lines.length > 0 ? `\n资料里说到${label}的是：\n${lines.join('\n')}` : '';
    const text = `还是按刚才说的「${entry.title}」：${entry.speech}${about}\n来源：${source}`;
    return { covered: true, reply: { text, speech: `还是按刚才说的：${entry.speech}`, citations: [citationFor(entry)] } };
  }
  const text =
    `刚才说的是「${entry.title}」（依据${source}）。${label}的情况我的资料里没有专门的说法，不乱说免得误导您。` +
    `可以拨打${HOTLINES.transport}交通运输服务热线问清楚，法律问题打${HOTLINES.legal}，也可以说“转人工”找工作人员。`;
  const speech = `${label}的情况我没有确切资料，不乱说。可以打${HOTLINES.transport}或${HOTLINES.legal}，也可以说转人工。`;
  return { covered: false, reply: { text, speech, quickReplies: ['转人工'] } };
}
