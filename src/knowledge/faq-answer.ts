// Turns a knowledge entry into a reply: the curated answer, its sources, the legal-reference line and the speakable version.
import { HOTLINES } from '../core/hotlines.js';
import { VOICE_MAX_CHARS } from '../core/render.js';
import type { Citation, Reply } from '../core/types.js';
import type { KnowledgeEntry, KnowledgeSource } from './entry-schema.js';
import { focusedSpeech } from './focused-speech.js';

/** The one line every legal answer ends with (reference row 12: 12348 gives free legal advice). */
export const LEGAL_DISCLAIMER = `以上内容仅供参考，具体情况可拨打${HOTLINES.legal}公共法律服务热线免费咨询。`;
const LEGAL_DISCLAIMER_SPOKEN = `仅供参考，可打${HOTLINES.legal}免费咨询。`;

export function formatSource(source: KnowledgeSource): string {
  const name = /^[\p{Script=Han}]+$/u.test(source.name) && !source.name.includes('报道') ? `《${source.name}》` : source.name;
  return [name, source.article, source.body].filter(Boolean).join(' ');
}

export function citationFor(entry: KnowledgeEntry): Citation {
  return { id: entry.id, title: entry.title, source: entry.sources.map(formatSource).join('；') };
}

export interface AnswerOptions {
  /** A model's wording of the answer, already checked against the entries; the curated text otherwise. */
  phrased?: string;
  /** Further entries the answer drew on (cited after the main one). */
  related?: KnowledgeEntry[];
  /** The driver's question, so the spoken version can lead with the part of the answer that was asked for. */
  question?: string;
}

export function answerReply(entry: KnowledgeEntry, opts: AnswerOptions = {}): Reply {
  const cited = [entry, ...(opts.related ?? []).filter((e) => e.id !== entry.id)];
  const legal = cited.some((e) => e.legal);
  const lines = [opts.phrased ?? entry.answer, '', `来源：${cited.map((e) => citationFor(e).source).join('；')}`];
  if (legal) lines.push(LEGAL_DISCLAIMER);
  const spoken = focusedSpeech(entry, opts.question);
  const withNote = `${spoken}${LEGAL_DISCLAIMER_SPOKEN}`;
  const speech = legal && Array.from(withNote).length <= VOICE_MAX_CHARS ? withNote : spoken;
  return { text: lines.join('\n'), speech, citations: cited.map(citationFor) };
}

// Who is owed: an employee's wages (labour arbitration) or an owner-operator's freight (a civil contract dispute).
// 拖多久 / 拖好几个月 asks how long something takes, not about money held back.
const OWED = /欠|拖(?!多久|好久|多长|很久|好几|几|多少)|不给|不付|不结|没结|没给|讨|要不到|要不回|赖账|追/;
// The labour authorities (劳动局, 劳动监察, 人社) only act for employees, so naming them says who is owed.
const EMPLOYED = /工资|薪|受雇|雇我|打工|上班|员工|劳动合同|加班|社保|车队|给老板开车|给公司开车|帮老板开车|单位|劳动局|劳动监察|劳动保障|人社/;
// Who pays for the load (收货的, 发货人) is a freight customer, never an employer.
const OWNER_OPERATOR = /运费|车主|个体|挂靠|自己的车|自己车|自家车|货主|货老板|托运|运单|平台单|拉货的钱|跑车的钱|收货|发货/;
const PAY_CATEGORIES = new Set(['wage-arrears', 'freight-dispute']);

/**
 * When a driver asks about money owed without saying whether they are employed or an owner-operator, the routing
 * entry (which covers both routes) answers instead of sending them down one route by guess.
 */
export function needsPayRouting(text: string, entry: KnowledgeEntry): boolean {
  if (!PAY_CATEGORIES.has(entry.category) || !OWED.test(text)) return false;
  return !EMPLOYED.test(text) && !OWNER_OPERATOR.test(text);
}
