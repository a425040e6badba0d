// Offline follow-up resolution: a message that leans on the previous question ("那高速上呢") is searched together with it.
import type { KnowledgeEntry } from './entry-schema.js';
import type { KnowledgeIndex, SearchHit } from './search-index.js';

// "那挂靠的呢", "要是超过了呢", "还有别的吗": openings and endings that continue the previous question.
const LEADS = /^(那|那么|要是|如果|假如|还有|另外|可是|但是)|呢[?？。!！]*$/u;
// "他们说要扣两万", "这个要交钱不": a party or thing named only in the previous question.
const REFERS_BACK = /他们|(?<!其)他(?!人)|她|对方|人家|这个|那个|这样|那样|这种|那种|这事|那事|这些|那些/u;
// So short it can hardly name both a topic and what is asked about it ("罚多少", "高速上呢").
const SHORT_CHARS = 6;
/** Share of the previous question an entry must cover to be on its topic. */
const MIN_PREVIOUS = 0.5;
/** Share of the message's own words (apart from what it asks) an entry must cover to answer its new part. */
const MIN_OWN = 0.5;
// A message whose own words reach no entry beyond this adds no topic of its own ("那我要", "还有").
const NO_CONTENT = 0.2;
const ASPECT_BONUS = 0.5;
const POOL = 8;
const WIDE = 40;
/** The carried text stays bounded however long a chain of follow-ups runs. */
const MAX_CARRIED_CHARS = 80;

/**
 * What a question asks about its topic, and how an entry shows it answers that: "交多少钱" after an overload story asks
 * for the fine, which the entry that states amounts in 元 answers and the one that states weight limits does not.
 * Only question forms are listed; nouns like 罚款 or 时效 are topics the entries name, searched as words.
 */
const ASPECTS: ReadonlyArray<{ asks: RegExp; answers: RegExp }> = [
  {
    asks: /(交|罚|赔|收|给|花|要)?(多少|好多|几)(钱|块钱?|元)|(交|罚|赔|收|花)(多少|好多)/u,
    answers: /\d(\.\d+)?\s*万?(元|块)|免费|不收费/u,
  },
  { asks: /(扣|记)(几|多少|好多)分/u, answers: /[记扣]\s*\d+\s*分/u },
  { asks: /多久|多长时间|好久|几(天|个月|年)/u, answers: /\d+\s*(个月|日|天|年|小时|分钟)/u },
];

export interface FollowUpInput {
  text: string;
  /** The previous question as it was answered (a resolved follow-up is stored whole). */
  previous: string;
  /** The entry that answered it, which is on its topic however the question was worded. */
  previousEntry?: string;
}

export interface ResolvedFollowUp {
  /** The follow-up with the previous question, for the spoken focus and the next turn's history. */
  question: string;
  /** The chosen entry first, then the other candidates. */
  hits: SearchHit[];
}

/** Whether a message reads as a continuation of the previous question rather than a question of its own. */
export function leansOnPrevious(text: string, ownConfidence: number, threshold: number): boolean {
  return LEADS.test(text) || REFERS_BACK.test(text) || Array.from(text).length <= SHORT_CHARS || ownConfidence < threshold;
}

/** Whether a message names a party or thing only the previous question introduced. */
export function refersBack(text: string): boolean {
  return REFERS_BACK.test(text);
}

function confidences(index: KnowledgeIndex, text: string): Map<string, number> {
  return new Map(index.search(text, WIDE).map((h) => [h.entry.id, h.confidence]));
}

/** Each entry's coverage of a text, and its score relative to the best entry's: how much it is about those words. */
function strengths(index: KnowledgeIndex, text: string): Map<string, { confidence: number; strength: number }> {
  const hits = index.search(text, WIDE);
  const top = Math.max(0, ...hits.map((h) => h.score));
  return new Map(hits.map((h) => [h.entry.id, { confidence: h.confidence, strength: top > 0 ? h.score / top : 0 }]));
}

function answersAspect(entry: KnowledgeEntry, answers: RegExp): boolean {
  return answers.test(`${entry.speech}\n${entry.answer}`);
}

/** The previous question's coverage of an entry: whether that entry is on the topic carried over. */
export function onPreviousTopic(index: KnowledgeIndex, input: Omit<FollowUpInput, 'text'>, entryId: string): boolean {
  return entryId === input.previousEntry || (confidences(index, input.previous).get(entryId) ?? 0) >= MIN_PREVIOUS;
}

/**
 * The entry that answers the follow-up's new part on the previous question's topic, or undefined when none does with
 * confidence. The message's own words count thrice (alone, by strength, and within the joined text), so they outweigh
 * the carried ones.
 */
export function resolveFollowUp(index: KnowledgeIndex, input: FollowUpInput, threshold: number): ResolvedFollowUp | undefined {
  const asked = ASPECTS.filter((a) => a.asks.test(input.text));
  const rest = ASPECTS.reduce((t, a) => t.replace(new RegExp(a.asks.source, 'gu'), ' '), input.text).trim();
  const own = strengths(index, rest);
  const hasContent = Math.max(0, ...[...own.values()].map((o) => o.confidence)) > NO_CONTENT;
  // "还有呢", "那怎么办": nothing new to look for, and repeating the last answer helps nobody.
  if (!hasContent && asked.length === 0) return undefined;
  const previous = confidences(index, input.previous);
  const question = `${input.text} ${input.previous}`.slice(0, MAX_CARRIED_CHARS);
  const joined = index.search(question, POOL);
  let best: { hit: SearchHit; score: number } | undefined;
  for (const hit of joined) {
    const id = hit.entry.id;
    if (hit.confidence < threshold) continue;
    if (id !== input.previousEntry && (previous.get(id) ?? 0) < MIN_PREVIOUS) continue;
    const mine = own.get(id);
    const fit = hasContent ? (mine?.confidence ?? 0) : 1;
    if (fit < MIN_OWN) continue;
    const aspects = asked.filter((a) => answersAspect(hit.entry, a.answers)).length;
    // A message that only asks ("那我要交多少钱") must be answered in that respect, or it is not answered at all.
    if (!hasContent && aspects === 0) continue;
    // Among entries that all cover the new words, the one most about them ("时效" after "劳动仲裁收费吗" is the time-limit
    // entry, not the fee entry again).
    const score = hit.confidence + fit + (hasContent ? (mine?.strength ?? 0) : 0) + ASPECT_BONUS * aspects;
    if (!best || score > best.score) best = { hit, score };
  }
  if (!best) return undefined;
  const chosen = best.hit;
  return { question, hits: [chosen, ...joined.filter((h) => h !== chosen)] };
}
