// The decision stage: one search of a question, then answer / clarify / not-found / off-topic with the reason, as a typed outcome.
import type { KnowledgeCandidate, KnowledgeOutcome } from '../core/types.js';
import { partAnswers } from './compound.js';
import { needsPayRouting } from './faq-answer.js';
import type { KnowledgeEntry } from './entry-schema.js';
import type { KnowledgeIndex, SearchHit } from './search-index.js';
import type { WordSet } from '../lexicon/compile.js';
import { reranked } from './rerank.js';
import {
  ANSWER_THRESHOLD,
  CANDIDATES,
  CLARIFY_CONFIDENCE_GAP,
  CLARIFY_SCORE_RATIO,
  DOMINANCE,
  NEAR_QUESTION_FOR_TASK,
  NEAR_QUESTION_OR_DOMAIN,
  OFF_TOPIC_BELOW,
  PAY_ROUTING_ENTRY,
  SHORT_DOMINANCE,
  SHORT_FLOOR,
  STORY_CHARS,
  STORY_FLOOR,
} from './thresholds.js';
import { namedTopics } from './topic-words.js';

/** Rules of knowledge/lexicon/knowledge/task-requests.yaml that no curated question's nearness can make a driver question. */
const ALWAYS_OFF_TOPIC = new Set([
  'shopping-advice',
  'fortune-telling',
  'cooking',
  'phone-settings',
  'app-account',
  'arithmetic',
  'route-between-places',
  'recommend',
  'entertain-me',
  'verse-for-me',
]);

const candidate = (h: SearchHit): KnowledgeCandidate => ({ id: h.entry.id, score: round(h.score), confidence: round(h.confidence) });
const round = (x: number) => Math.round(x * 1000) / 1000;

/** Nothing to do with driving or the services (weather, jokes): no entry is near and no driver word or topic is named. */
export function looksOffTopic(index: KnowledgeIndex, text: string, confidence: number): boolean {
  return confidence < OFF_TOPIC_BELOW && outsideDomain(index, text);
}

/**
 * Nothing says the question is about driving: no driver word or named topic once the asker's introduction is taken off
 * ("我是货车司机，买什么基金好" asks about funds).
 */
function outsideDomain(index: KnowledgeIndex, text: string): boolean {
  // Read as retrieval reads it: pinyin typed for characters ("laodong zhongcai") names the domain as the characters do.
  if (isEverydayMatter(index, text)) return true;
  const asked = index.words.selfIntroduction.rewrite(index.repair(text));
  return !index.words.driverDomain.test(asked) && namedTopics(asked, index.words.uncoveredTopics).length === 0;
}

/**
 * Driver words an everyday matter uses as its setting: a way to complain or get help (a game's 申诉), and vehicles and
 * roads (a film about truckers, a toy truck, songs for a jam on the 高速).
 */
const SETTING_WORDS: ReadonlySet<string> = new Set(['help-channels', 'vehicles-and-roads']);

const QUOTED = /[“"「『‘'][^”"」』’']{1,12}[”"」』’']/gu;
const spans = new WeakMap<WordSet, RegExp[]>();
/** Each everyday rule as a global pattern, compiled once per word set. */
function everydaySpans(topics: WordSet): RegExp[] {
  let all = spans.get(topics);
  if (!all) {
    all = topics.rules.map((rule) => new RegExp(rule.pattern.source, `${rule.pattern.flags.replace('g', '')}g`));
    spans.set(topics, all);
  }
  return all;
}

/**
 * An everyday matter outside a driver's work (a game account, a pet, a lift, a film) with no word of offences, money or work
 * beside it: "我儿子玩吃鸡被封号了，申诉要多久" is an appeal to a game company, not a grievance the ledger takes.
 */
export function isEverydayMatter(index: KnowledgeIndex, text: string): boolean {
  const repaired = index.repair(text);
  // After a turn to an aside ("在服务区等装货，顺便问一下世界杯谁夺冠") only the aside is asked, when what came before is only
  // where the driver is; a wrong told first ("老板欠我三个月运费，顺便问一哈…") stays the driver's matter.
  const aside = index.words.asides.exec(repaired);
  const before = aside ? repaired.slice(0, aside.match.index) : '';
  const onlySetting = (part: string) =>
    index.words.driverDomain.matching(index.words.tripSetting.rewrite(part)).every((rule) => SETTING_WORDS.has(rule));
  const asked = aside && onlySetting(before) ? repaired.slice(aside.match.index + aside.match[0].length) : repaired;
  const topics = index.words.everydayTopics;
  if (!topics.test(asked)) return false;
  // The everyday word's own characters say nothing of driving (动车 holds 车, 电梯超载 no truck's load), nor does a word
  // quoted to be translated or explained (“仲裁”用英文怎么说, “律师函警告”是啥梗).
  const unquoted = asked.replace(QUOTED, ' ');
  const rest = everydaySpans(topics).reduce((t, pattern) => t.replace(pattern, ' '), unquoted);
  return index.words.driverDomain.matching(rest).every((rule) => SETTING_WORDS.has(rule));
}

/**
 * A confident hit on stray words alone: no curated question is near and nothing names the drivers' world, or the
 * message asks the assistant to do a task ("帮我给老板打个电话"), where driver words are only its setting.
 */
function strayMatch(index: KnowledgeIndex, text: string, top: SearchHit): boolean {
  const tasks = index.words.taskRequests.matching(text);
  // Shopping, cooking, phone settings, songs and jokes are never a driver question, however near a curated wording is;
  // an errand or a note may wrap one ("你帮我问一下公司有没有给我交工伤保险"), so there a near curated question answers.
  if (tasks.some((name) => ALWAYS_OFF_TOPIC.has(name))) return true;
  const near = top.nearest?.similarity;
  if (near === undefined) return false;
  // An errand shares its setting words (打个电话, 老板) with curated questions: only a clearly near one answers it.
  if (tasks.includes('act-for-me')) return near < NEAR_QUESTION_FOR_TASK;
  return near < NEAR_QUESTION_OR_DOMAIN && (outsideDomain(index, text) || tasks.length > 0);
}

/**
 * Whether the question names the subject of an entry's title ("小额诉讼是啥子" for 小额诉讼：…): a driver asking about a
 * procedure by name wants it explained, whoever owes them.
 */
function namesEntrySubject(index: KnowledgeIndex, text: string, entry: KnowledgeEntry): boolean {
  const subject = entry.title.split(/[：:，,（(]/u)[0] ?? '';
  const words = index
    .contentWords(subject)
    .map((w) => w.word)
    .filter((w) => Array.from(w).length >= 2);
  return words.length > 0 && words.every((w) => text.includes(w));
}

/** The hits ranked for a question, with the pay-routing entry in front when the driver did not say who owes them. */
export function rankedHits(index: KnowledgeIndex, text: string, limit = CANDIDATES): SearchHit[] {
  const hits = index.search(text, limit);
  const top = hits[0];
  // Read as written, then as repaired: a recogniser's 劳动检查 is the 劳动监察 that says the driver is employed.
  const unsaid = (s: string) => top !== undefined && needsPayRouting(s, top.entry, index.words.payRouting);
  if (top && unsaid(text) && unsaid(`${text}\n${index.repair(text)}`) && !namesEntrySubject(index, text, top.entry)) {
    const routing = index.entry(PAY_ROUTING_ENTRY);
    if (routing && routing.id !== top.entry.id) return [{ ...top, entry: routing }, ...hits.filter((h) => h.entry.id !== PAY_ROUTING_ENTRY)];
  }
  return reranked(index, text, hits);
}

/**
 * Whether the two best entries are too close to pick one: a near tie between entries on different subjects. Two entries
 * of one category are aspects of one topic, where the ranking's choice is right far more often than a question helps;
 * the pay-routing entry already covers both routes of its pair.
 */
function tooClose(hits: SearchHit[], threshold: number): boolean {
  const [a, b] = hits;
  // A reranking step already chose between the two on what the question asks (an amount, a time limit, a number).
  if (!a || !b || a.promoted || b.confidence < threshold || a.entry.category === b.entry.category || a.entry.id === PAY_ROUTING_ENTRY) return false;
  return b.score >= CLARIFY_SCORE_RATIO * a.score && a.confidence - b.confidence <= CLARIFY_CONFIDENCE_GAP;
}

/**
 * A top entry that stands far above the runner-up though its coverage is under the bar: a long story's words dilute it,
 * and a short question may share only its one subject word with the entry ("运费拖了四年了还告得赢不"). A short question's
 * top must also not miss a narrow topic it names (驾驶证一年总共多少分 is no fatigue-points question).
 */
function dominatesStory(text: string, hits: SearchHit[]): boolean {
  const [a, b] = hits;
  const story = Array.from(text).length >= STORY_CHARS;
  if (!a || (!story && a.missesTopic) || a.confidence < (story ? STORY_FLOOR : SHORT_FLOOR)) return false;
  return !b || a.score >= (story ? DOMINANCE : SHORT_DOMINANCE) * b.score;
}

/** The one search of a turn's text and what to do with it. */
export function assessQuestion(index: KnowledgeIndex, text: string, threshold = ANSWER_THRESHOLD): KnowledgeOutcome {
  const hits = text ? rankedHits(index, text) : [];
  const candidates = hits.map(candidate);
  const top = hits[0];
  const base = { question: text, candidates, decidedBy: 'search' as const };
  const parts = text ? partAnswers(index, text, threshold) : undefined;
  if (parts) {
    const confidence = Math.max(top?.confidence ?? 0, Math.min(...parts.map((h) => h.confidence)));
    return { ...base, decision: 'answer', confidence: round(confidence), parts: parts.map((h) => h.entry.id), reason: 'two-part question: each part has a confident entry' };
  }
  const confidence = round(top?.confidence ?? 0);
  if (top && top.confidence >= threshold && strayMatch(index, text, top)) {
    return { ...base, decision: 'off-topic', confidence, reason: `no curated question within ${NEAR_QUESTION_OR_DOMAIN} similarity and no driver word or topic, or an errand with none within ${NEAR_QUESTION_FOR_TASK}` };
  }
  if (top && top.confidence >= threshold) {
    if (tooClose(hits, threshold)) {
      return { ...base, decision: 'clarify', confidence, reason: `two entries within ${CLARIFY_CONFIDENCE_GAP} confidence and ${Math.round(100 * (1 - CLARIFY_SCORE_RATIO))}% score` };
    }
    return { ...base, decision: 'answer', confidence, reason: `top confidence ${confidence} ≥ ${threshold}` };
  }
  // Dominance answers on thin coverage, so never for an everyday matter (a son's maths told around a driver's day).
  if (top && dominatesStory(text, hits) && !strayMatch(index, text, top) && !isEverydayMatter(index, text)) {
    return { ...base, decision: 'answer', confidence: threshold, reason: `a top entry scoring ${DOMINANCE}× the next in a story of ${STORY_CHARS}+ characters, or ${SHORT_DOMINANCE}× in a shorter question` };
  }
  if (looksOffTopic(index, text, confidence)) {
    return { ...base, decision: 'off-topic', confidence, reason: `confidence ${confidence} < ${OFF_TOPIC_BELOW} and no driver word or topic` };
  }
  return { ...base, decision: 'not-found', confidence, reason: `top confidence ${confidence} < ${threshold}` };
}
