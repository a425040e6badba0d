// Offline follow-up resolution: a message that leans on the previous question ("那高速上呢") is searched together with it.
import type { KnowledgeEntry } from './entry-schema.js';
import type { KnowledgeIndex, SearchHit } from './search-index.js';
import { aspectsOf, ruleOf, type Aspect, type KnowledgeWords } from './knowledge-words.js';

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
function split(index: KnowledgeIndex, text: string): { asked: Aspect[]; rest: string; hasContent: boolean } {
  // Voice transcripts space their words ("交 多少 钱"); the asking forms are matched across the spaces.
  const compact = text.replace(/\s+/gu, '');
  const all = aspectsOf(index.words);
  const asked = all.filter((a) => a.asks.test(compact));
  const rest = all.reduce((t, a) => t.replace(new RegExp(a.asks.source, 'gu'), ' '), compact).trim();
  return { asked, rest, hasContent: index.contentWords(rest).length > 0 };
}

/** Whether a message says it goes on from the previous question ("那…", "…呢", "他们…"), whatever else it contains. */
export function continuesPrevious(words: KnowledgeWords, text: string): boolean {
  const chars = Array.from(text.replace(/\s+/gu, '')).length;
  if (chars > FOLLOW_UP_MAX_CHARS) return false;
  // Every rule of follow-up.yaml marks a continuation wherever it matches, except `refers-back`: a pronoun counts only at
  // the start or in a very short message, since longer ones name their own people.
  const refersBack = ruleOf(words.followUp, 'refers-back');
  const leadingReference = new RegExp(`^(?:${refersBack.source})`, 'u');
  const marked = words.followUp.rules.some((r) => r.name !== 'refers-back' && r.pattern.test(text));
  return marked || leadingReference.test(text) || (chars <= BRIEF_CHARS && refersBack.test(text));
}

/**
 * Whether a message reads as a continuation of the previous question: it says so, only asks ("要交多少钱") or finds no
 * answer of its own. A question with a topic of its own ("三轴货车限重", "劳动仲裁收费吗") does not.
 */
export function leansOnPrevious(index: KnowledgeIndex, text: string, ownConfidence: number, threshold: number): boolean {
  if (continuesPrevious(index.words, text) || ownConfidence < threshold) return true;
  const { asked, hasContent } = split(index, text);
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

/** A follow-up with the question it leans on, as the next turn's history keeps it. */
export function carriedQuestion(text: string, previous: string): string {
  return `${text} ${previous}`.slice(0, MAX_CARRIED_CHARS);
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
  const { asked, rest, hasContent } = split(index, input.text);
  const own = strengths(index, rest);
  // "还有呢", "那怎么办": nothing new to look for, and repeating the last answer helps nobody.
  if (!hasContent && asked.length === 0) return undefined;
  const onTopic = topicTest(index, input);
  const question = carriedQuestion(input.text, input.previous);
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
