// Questions that ask two things at once ("疲劳驾驶扣几分 高速限速多少", "12333和12328分别管什么"): one answer per part.
import { CLAUSE_OR_PAUSE } from '../core/normalise.js';
import { ruleOf } from './knowledge-words.js';
import type { KnowledgeIndex, SearchHit } from './search-index.js';


const QUESTION_MARKS = /[？?]+/u;
// Coordination inside one clause (rule `conjunction` of knowledge/lexicon/knowledge/compound.yaml): the parts share the
// predicate, which starts (rule `predicate-start`) at an adverb, copula, modal or question word and stays with the last one.
interface Shape {
  conjunction: RegExp;
  predicateStart: RegExp;
  nextQuestion: RegExp;
  numbered: RegExp;
  asksExplicitly(text: string): boolean;
}
const MAX_PARTS = 2;
// A short clause after another ("疲劳驾驶罚款多少 扣几分") leans on it and cannot be searched alone. 4 was tried on
// 2026-12-07 (2 more right over all 84 eval files, none lost there) and reverted: a reviewer found a dozen follow-ups of
// four characters (要带啥子, 合不合理, 罚多少钱, 要扣车不) answered by an unrelated second entry.
const MIN_CLAUSE_CHARS = 5;
// Longer than this, a second sentence tells more of a story (the eval's long stories run 40 characters and more).
const MAX_QUESTION_SENTENCE_CHARS = 30;

/** Clauses that each ask on their own, or the conjuncts of one clause ("12333和12328分别管什么"). */
function split(shape: Shape, text: string): { parts: string[]; clauses: boolean; compared?: boolean } | undefined {
  const clauses = text.split(CLAUSE_OR_PAUSE).filter((c) => c.length > 0);
  // A story followed by a question is one question about the story, not two; so is a topic followed by its question
  // ("法律援助法 是从哪一年 开始施行的": a voice transcript's pauses are not clause breaks), so every clause must ask.
  // "劳动仲裁和去法院起诉，时效哪个更长": two things named, then one question about both; each gets the question.
  if (clauses.length === 2 && !shape.asksExplicitly(clauses[0] as string) && shape.asksExplicitly(clauses[1] as string)) {
    const named = (clauses[0] as string).split(shape.conjunction).filter((c) => c.length > 0);
    if (named.length === 2) return { parts: named.map((c) => `${c}${clauses[1] as string}`), clauses: false, compared: true };
  }
  const asksAlone = (c: string) => shape.asksExplicitly(c) && Array.from(c).length >= MIN_CLAUSE_CHARS;
  if (clauses.length >= 2 && clauses.every(asksAlone)) return { parts: clauses, clauses: true };
  // A one-clause question, then a short second sentence that asks on its own ("最高能开多快？要是抛锚了，三角牌放多远？"):
  // two questions, however many pauses the second one has. A first sentence of several clauses tells a story ("老板欠了
  // 三个月工资不给，算不算犯罪？能不能报警？"), and the question after it is about the same story.
  const sentences = text.split(QUESTION_MARKS).filter((c) => c.trim().length > 0);
  const [first, second] = sentences;
  if (
    sentences.length === 2 &&
    first !== undefined &&
    second !== undefined &&
    /[？?]\s*$/u.test(text) &&
    (first.split(CLAUSE_OR_PAUSE).filter(Boolean).length === 1 || shape.numbered.test(text)) &&
    asksAlone(first) &&
    asksAlone(second) &&
    Array.from(second).length <= MAX_QUESTION_SENTENCE_CHARS
  )
    return { parts: sentences, clauses: true };
  // A story, a question, then "还有，" and another question: the two questions it ends with.
  const next = clauses.findLastIndex((c) => shape.nextQuestion.test(c));
  if (next > 0 && next < clauses.length - 1) {
    const before = clauses[next - 1] as string;
    const after = clauses.slice(next + 1);
    if (asksAlone(before) && after.length === 1 && asksAlone(after[0] as string)) return { parts: [before, after[0] as string], clauses: true };
  }
  if (clauses.length >= 2) return undefined;
  const conjuncts = text.split(shape.conjunction).filter((c) => c.length > 0);
  if (conjuncts.length < 2) return undefined;
  // "工伤和交通事故都能申请法律援助吗": the predicate after the last conjunct belongs to every one of them.
  const last = conjuncts[conjuncts.length - 1] as string;
  const at = last.slice(1).search(shape.predicateStart);
  const predicate = at < 0 ? '' : last.slice(at + 1);
  // "劳动仲裁和小额诉讼哪个出结果快" compares: each thing is answered by its own best entry, not by one both share.
  const compared = /^(哪|谁)/u.test(predicate);
  return { parts: conjuncts.map((c, i) => (i === conjuncts.length - 1 ? c : `${c}${predicate}`)), clauses: false, compared };
}

/** What a clause is about: the words before its predicate ("劳动仲裁" in "劳动仲裁要不要钱"), or nothing. */
function subjectOf(shape: Shape, clause: string): string {
  const at = clause.slice(1).search(shape.predicateStart);
  return at < 0 ? '' : clause.slice(0, at + 1);
}


const POOL = 8;
// Every entry titled with a service number is among this many hits of a question naming it.
const SERVICE_POOL = 20;
// Term scores this close (a bare number matches every entry titled with it alike) are a tie.
const SCORE_TIE = 0.02;

/**
 * "12348跟12345有啥区别", "打12328还是12345": two public service numbers named are two subjects, each answered by the
 * entry titled with it, unless one entry is titled with both (122 and 110). The numbers are the rule in
 * knowledge/lexicon/knowledge/service-numbers.
 */
function serviceParts(index: KnowledgeIndex, text: string, threshold: number): SearchHit[] | undefined {
  const rule = new RegExp(ruleOf(index.words.serviceNumbers, 'service-number').source, 'gu');
  const numbers = (s: string) => new Set(s.match(rule) ?? []);
  const asked = [...numbers(index.normalise(text))];
  if (asked.length !== MAX_PARTS || !ruleOf(index.words.serviceNumbers, 'compared').test(text)) return undefined;
  const titledWith = (h: SearchHit, n: string) => numbers(h.entry.title).has(n);
  if (index.search(text, POOL).some((h) => asked.every((n) => titledWith(h, n)))) return undefined;
  // Each number searched with the rest of the question, the other number taken out: what is asked about it picks among
  // the entries titled with it (what 12328 is for, not how fast it answers).
  const normalised = index.normalise(text);
  const hits = asked.map((n) => {
    const alone = asked.reduce((t, other) => (other === n ? t : t.split(other).join(' ')), normalised);
    // By the plain term score: the ranking's coverage favours an entry whose title repeats the question's words, and a
    // comparison asks what the service is; on a tie the shorter title names the service rather than one of its rules.
    const titled = index.search(alone, SERVICE_POOL).filter((h) => titledWith(h, n));
    const tie = (a: SearchHit, b: SearchHit) => Math.abs(a.score - b.score) <= SCORE_TIE * Math.max(a.score, b.score);
    return titled.sort((a, b) => (tie(a, b) ? a.entry.title.length - b.entry.title.length : b.score - a.score))[0];
  });
  if (hits.some((h) => !h)) return undefined;
  // The number alone is the whole question for its own entry: as sure as the threshold, however short the query.
  return (hits as SearchHit[]).map((h) => ({ ...h, confidence: Math.max(h.confidence, threshold) }));
}

/**
 * The entries that answer each part of a two-part question, or undefined when it asks one thing, when one entry
 * answers every part ("超载和超限有啥区别" has its own entry), or when a part has no confident answer of its own.
 */
export function partAnswers(index: KnowledgeIndex, text: string, threshold: number): SearchHit[] | undefined {
  const shape = {
    conjunction: ruleOf(index.words.compound, 'conjunction'),
    predicateStart: ruleOf(index.words.compound, 'predicate-start'),
    nextQuestion: ruleOf(index.words.compound, 'next-question'),
    numbered: ruleOf(index.words.compound, 'numbered-questions'),
    asksExplicitly: index.words.question.asksExplicitly,
  };
  const byNumber = serviceParts(index, text, threshold);
  if (byNumber) return byNumber;
  const found = split(shape, text);
  if (!found) return undefined;
  const { parts } = found;
  const whole = index.search(text, 1)[0];
  const subject = found.clauses ? subjectOf(shape, parts[0] as string) : '';
  const perPart = parts.map((part, i) => {
    const alone = index.search(part, POOL);
    // A later clause may leave out what it is about ("劳动仲裁要不要钱 时效是多久"); read with the first clause's
    // subject, it wins unless the clause alone is answered better.
    if (i === 0 || !subject || part.startsWith(subject)) return alone;
    const withSubject = index.search(`${subject}${part}`, POOL);
    return (withSubject[0]?.confidence ?? 0) >= (alone[0]?.confidence ?? 0) ? withSubject : alone;
  });
  // Conjuncts share a predicate, so an entry confident about each answers them all; two separate questions are one only
  // when the whole question's entry is each one's best answer (confidence alone ties too often at 1).
  const answers = (hits: SearchHit[], id: string) =>
    found.clauses || found.compared ? hits[0]?.entry.id === id : hits.some((h) => h.entry.id === id && h.confidence >= threshold);
  const answersAll = (id: string) => perPart.every((hits) => answers(hits, id));
  if (whole && whole.confidence >= threshold && answersAll(whole.entry.id)) return undefined;
  const hits: SearchHit[] = [];
  for (const found of perPart) {
    const hit = found[0];
    if (!hit || hit.confidence < threshold) return undefined;
    if (!hits.some((h) => h.entry.id === hit.entry.id)) hits.push(hit);
  }
  return hits.length >= 2 ? hits.slice(0, MAX_PARTS) : undefined;
}
