// Offline follow-up resolution: a message that leans on the previous question ("那高速上呢") is searched together with it.
import type { KnowledgeEntry } from './entry-schema.js';
import type { KnowledgeIndex, SearchHit } from './search-index.js';
import { contentWords } from './text-features.js';

// "那挂靠的呢", "要是超过了呢", "还有别的吗": openings and endings that continue the previous question.
const LEADS = /^(那|那么|要是|如果|假如|还有|另外|可是|但是)|呢[?？。!！]*$/u;
// "他们说要扣两万", "这个要交钱不": a party or thing named only in the previous question.
const REFERS_BACK = /他们|(?<!其)他(?!人)|她|对方|人家|这个|那个|这样|那样|这种|那种|这事|那事|这些|那些/u;
const LEADING_REFERENCE = new RegExp(`^(${REFERS_BACK.source})`, 'u');
// Longer messages tell a story of their own, in which 他 or 那个 point inside it ("老板…他说…") or are fillers.
const FOLLOW_UP_MAX_CHARS = 16;
// So brief that a pronoun anywhere in it can only point back ("公司说跟他们没关系").
const BRIEF_CHARS = 10;
/** Share of the previous question an entry must cover to be on its topic. */
const MIN_PREVIOUS = 0.5;
/**
 * Share of the message's own words (apart from what it asks) an entry must cover to answer its new part. Above the
 * index's penalty for a named topic the entry never mentions (0.45), so "那闯红灯呢" never resolves to fatigue driving.
 */
const MIN_OWN = 0.5;
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
    asks: /(交|罚|赔|收|给|花|要)?(多少|好多|几)(钱|块钱?|元)|(交|罚|赔|收|花)(多少|好多)|(要|收|花)(不(要|收|花))?钱/u,
    answers: /\d(\.\d+)?\s*万?(元|块)|免费|不收费|无偿/u,
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

/** The aspects a message asks about, and its words apart from those asking forms (empty: it only asks, "罚多少"). */
function split(text: string): { asked: typeof ASPECTS; rest: string; hasContent: boolean } {
  // Voice transcripts space their words ("交 多少 钱"); the asking forms are matched across the spaces.
  const compact = text.replace(/\s+/gu, '');
  const asked = ASPECTS.filter((a) => a.asks.test(compact));
  const rest = ASPECTS.reduce((t, a) => t.replace(new RegExp(a.asks.source, 'gu'), ' '), compact).trim();
  return { asked, rest, hasContent: contentWords(rest).length > 0 };
}

/** Whether a message says it goes on from the previous question ("那…", "…呢", "他们…"), whatever else it contains. */
export function continuesPrevious(text: string): boolean {
  const chars = Array.from(text.replace(/\s+/gu, '')).length;
  if (chars > FOLLOW_UP_MAX_CHARS) return false;
  return LEADS.test(text) || LEADING_REFERENCE.test(text) || (chars <= BRIEF_CHARS && REFERS_BACK.test(text));
}

/**
 * Whether a message reads as a continuation of the previous question: it says so, only asks ("要交多少钱") or finds no
 * answer of its own. A question with a topic of its own ("三轴货车限重", "劳动仲裁收费吗") does not.
 */
export function leansOnPrevious(text: string, ownConfidence: number, threshold: number): boolean {
  if (continuesPrevious(text) || ownConfidence < threshold) return true;
  const { asked, hasContent } = split(text);
  return asked.length > 0 && !hasContent;
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

/**
 * Whether an entry is on the topic carried over: the previous answer's own category (挂靠's ownership after 挂靠's
 * accidents), or an entry that covers the previous question well.
 */
function topicTest(index: KnowledgeIndex, input: Omit<FollowUpInput, 'text'>): (entry: KnowledgeEntry) => boolean {
  const category = index.entries.find((e) => e.id === input.previousEntry)?.category;
  const previous = confidences(index, input.previous);
  return (entry) =>
    entry.id === input.previousEntry || (category !== undefined && category !== 'general' && entry.category === category) || (previous.get(entry.id) ?? 0) >= MIN_PREVIOUS;
}

export function onPreviousTopic(index: KnowledgeIndex, input: Omit<FollowUpInput, 'text'>, entry: KnowledgeEntry): boolean {
  return topicTest(index, input)(entry);
}

/**
 * The entry that answers the follow-up's new part on the previous question's topic, or undefined when none does with
 * confidence. The message's own words count thrice (alone, by strength, and within the joined text), so they outweigh
 * the carried ones.
 */
export function resolveFollowUp(index: KnowledgeIndex, input: FollowUpInput, threshold: number): ResolvedFollowUp | undefined {
  const { asked, rest, hasContent } = split(input.text);
  const own = strengths(index, rest);
  // "还有呢", "那怎么办": nothing new to look for, and repeating the last answer helps nobody.
  if (!hasContent && asked.length === 0) return undefined;
  const onTopic = topicTest(index, input);
  const question = `${input.text} ${input.previous}`.slice(0, MAX_CARRIED_CHARS);
  const joined = index.search(question, POOL);
  let best: { hit: SearchHit; score: number } | undefined;
  for (const hit of joined) {
    const id = hit.entry.id;
    if (hit.confidence < threshold) continue;
    if (!onTopic(hit.entry)) continue;
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
