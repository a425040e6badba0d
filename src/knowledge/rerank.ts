// The decision stage's last look at the order of a search's hits: a close runner-up that fits what the question names or asks takes the top's place.
import { ruleOf } from '../lexicon/compile.js';
import { askedClauses, type KnowledgeIndex, type SearchHit } from './search-index.js';

const lastClause = (text: string): string => text.split(/[，,。！!？?；;]/u).filter((c) => c.trim() !== '').at(-1) ?? '';
import { ANSWER_THRESHOLD, ASPECT_RUNNERS_UP, ASPECT_SCORE_RATIO, NEAR_TWIN_LEAD, NEAR_TWIN_SCORE_RATIO, NEAR_TWIN_SIMILARITY, SERVICE_SCORE_RATIO, SIDE_SCORE_RATIO, TIE_CONFIDENCE_GAP, TIE_NEAREST_LEAD, TIE_SCORE_RATIO } from './thresholds.js';

/** Each step keeps the hits when it has nothing to say; the first that moves a runner-up up decides the order. */
export function reranked(index: KnowledgeIndex, text: string, hits: SearchHit[]): SearchHit[] {
  for (const step of [serviceFirst, nearTwinFirst, aspectFirst, sideFirst, tieToNearest]) {
    const order = step(index, text, hits);
    if (order !== hits) return order;
  }
  return hits;
}

/** `better` in front with the top's confidence: the search was sure of the subject, and only this step chose between its entries. */
const promoted = (hits: SearchHit[], better: SearchHit): SearchHit[] => [
  { ...better, confidence: Math.max(better.confidence, (hits[0] as SearchHit).confidence), promoted: true },
  ...hits.filter((h) => h !== better),
];

/**
 * A question naming one public service number ("12328接到投诉多久回复") is about that service: an entry titled with another
 * number (12345's time limits) yields to a close one titled with the number asked. The numbers are the rule in
 * knowledge/lexicon/knowledge/service-numbers; a question naming two (a comparison) names both subjects and changes nothing.
 */
function serviceFirst(index: KnowledgeIndex, text: string, hits: SearchHit[]): SearchHit[] {
  const [top] = hits;
  if (!top) return hits;
  const pattern = new RegExp(ruleOf(index.words.serviceNumbers, 'service-number').source, 'gu');
  const numbers = (s: string) => new Set(s.match(pattern) ?? []);
  const whole = index.normalise(text);
  let asked = numbers(whole);
  // Two numbers told, one asked about ("12345和12328都能投诉，四川12345一般几天办结"): the asked clause names the subject.
  // A transcript without punctuation has no clauses to tell them apart, and keeps the search's order.
  if (asked.size > 1) asked = numbers(askedClauses(whole, index.words.question) ?? lastClause(whole));
  if (asked.size !== 1) return hits;
  const about = (h: SearchHit) => [...numbers(h.entry.title)];
  const topNames = about(top);
  if (topNames.length === 0 || topNames.some((n) => asked.has(n))) return hits;
  const better = hits.slice(1).find((h) => h.score >= SERVICE_SCORE_RATIO * top.score && about(h).some((n) => asked.has(n)));
  return better ? promoted(hits, better) : hits;
}

/**
 * A runner-up one of whose curated questions is nearly the driver's own words ("那个一二三二八是干嘛的") outranks a top
 * entry that only shares the question's rarer terms, when the scores are close: a near twin is the strongest evidence
 * the search has, and the lead it must have over the top's own nearest question keeps two paraphrased entries apart. It
 * must cover the question well enough to be answered itself: a near twin by characters alone (12328 for 12348) does not.
 */
function nearTwinFirst(_index: KnowledgeIndex, _text: string, hits: SearchHit[]): SearchHit[] {
  const [top] = hits;
  if (!top) return hits;
  const topNear = top.nearest?.similarity ?? 0;
  const better = hits
    .slice(1)
    .find(
      (h) =>
        h.confidence >= ANSWER_THRESHOLD &&
        h.score >= NEAR_TWIN_SCORE_RATIO * top.score &&
        (h.nearest?.similarity ?? 0) >= NEAR_TWIN_SIMILARITY &&
        (h.nearest?.similarity ?? 0) - topNear >= NEAR_TWIN_LEAD,
    );
  return better ? promoted(hits, better) : hits;
}

/**
 * A question that asks for an amount, points or a time ("六轴拉了五十吨 罚好多") is better answered by a close runner-up
 * that states one than by a top entry that does not (the weight limits against the fines for exceeding them). The aspects
 * are knowledge/lexicon/knowledge/asked-aspects and answer-aspects; the runner-up takes the top's place and confidence,
 * since the search was sure of the topic and only the aspect chose between its entries.
 */
function aspectFirst(index: KnowledgeIndex, text: string, hits: SearchHit[]): SearchHit[] {
  const [top] = hits;
  if (!top) return hits;
  const compact = text.replace(/\s+/gu, '');
  const shows = index.words.askedAspects.rules
    .filter((r) => ruleOf(index.words.askedAspects, r.name).test(compact))
    .map((r) => ruleOf(index.words.answerAspects, r.name));
  if (shows.length === 0) return hits;
  const answers = (h: SearchHit) => shows.every((pattern) => pattern.test(`${h.entry.answer}${h.entry.speech}`));
  if (answers(top)) return hits;
  // A runner-up the search is unsure of is another topic that happens to state the aspect (法律援助's 所在地 for 绿通).
  const better = hits
    .slice(1, 1 + ASPECT_RUNNERS_UP)
    .find((h) => h.score >= ASPECT_SCORE_RATIO * top.score && h.confidence >= ANSWER_THRESHOLD && answers(h));
  if (!better) return hits;
  return promoted(hits, better);
}

/**
 * A dead heat ("劳动争议多久不申请就过期": the time limit and the cost-and-timeline entries within a hundredth) is settled by
 * the curated questions: the entry one of whose questions is clearly nearer the driver's words is the likelier meaning.
 */
export function tieToNearest(_index: KnowledgeIndex, _text: string, hits: SearchHit[]): SearchHit[] {
  const [top, second] = hits;
  if (!top || !second || top.confidence < ANSWER_THRESHOLD) return hits;
  if (second.score < TIE_SCORE_RATIO * top.score || Math.abs(top.confidence - second.confidence) > TIE_CONFIDENCE_GAP) return hits;
  const lead = (second.nearest?.similarity ?? 0) - (top.nearest?.similarity ?? 0);
  return lead >= TIE_NEAREST_LEAD ? promoted(hits, second) : hits;
}

/** The category of entries for each side of money owed (knowledge/lexicon/knowledge/pay-routing names the sides). */
const SIDE_CATEGORY: Record<string, string> = { employed: 'wage-arrears', 'owner-operator': 'freight-dispute' };

/**
 * A driver who says which side they are on ("我在车队干了三年…拖工资": employed) is answered from that side's entries: a
 * close runner-up of the side's category takes the place of a top entry from the other side's (a freight contract's
 * 3-year limit for a wage question). Said both ways or neither, the order stays.
 */
export function sideFirst(index: KnowledgeIndex, text: string, hits: SearchHit[]): SearchHit[] {
  const [top] = hits;
  if (!top || !Object.values(SIDE_CATEGORY).includes(top.entry.category)) return hits;
  // Read as written and as repaired, as pay routing reads it (劳动检查 heard for 劳动监察 says employed).
  const said = new Set([...index.words.payRouting.matching(text), ...index.words.payRouting.matching(index.repair(text))]);
  const sides = [...said].filter((name) => name in SIDE_CATEGORY);
  if (sides.length !== 1) return hits;
  const own = SIDE_CATEGORY[sides[0] as string];
  if (top.entry.category === own) return hits;
  const better = hits.slice(1, 3).find((h) => h.entry.category === own && h.confidence >= ANSWER_THRESHOLD && h.score >= SIDE_SCORE_RATIO * top.score);
  return better ? promoted(hits, better) : hits;
}
