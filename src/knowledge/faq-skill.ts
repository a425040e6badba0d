// The policy Q&A skill, the knowledge probe for intent detection, and the honest "not found" for questions it cannot answer.
import { HOTLINES } from '../core/hotlines.js';
import { isQuestionText } from '../core/intent.js';
import type { KnowledgeProbe, Reply, Skill, SkillResult, TurnContext } from '../core/types.js';
import type { KnowledgeEntry } from './entry-schema.js';
import { partAnswers } from './compound.js';
import { answerReply, needsPayRouting } from './faq-answer.js';
import { continuesPrevious, leansOnPrevious, onPreviousTopic, resolveFollowUp } from './follow-up.js';
import type { KnowledgeIndex, SearchHit } from './search-index.js';
import { namedTopics } from './topic-words.js';

/** Confidence at or above which the top entry is treated as the answer (calibrated on the eval files). */
export const ANSWER_THRESHOLD = 0.5;
/**
 * A story told as a grievance gets the top entry's one-line answer only at this confidence: below it the entry is
 * often a neighbour of the driver's problem, and a wrong fact inside an intake misleads more than none.
 */
export const KEY_FACT_CONFIDENCE = 0.8;
/** Below this the question shares almost nothing with the knowledge base: it is off-topic, not a gap. */
export const OFF_TOPIC_BELOW = 0.35;
/** The entry that explains both pay routes, used when a driver does not say which one is theirs. */
export const PAY_ROUTING_ENTRY = 'employee-or-owner-operator';

/** Optional model help; every function may return undefined, which means "use the curated text". */
export interface AnswerAssistant {
  rewriteQuestion(history: string[], question: string): Promise<string | undefined>;
  phraseAnswer(question: string, entries: KnowledgeEntry[]): Promise<string | undefined>;
}

export interface FaqDeps {
  index: KnowledgeIndex;
  assistant?: AnswerAssistant;
  threshold?: number;
}

// Words that show a question is about driving, transport or a driver's rights even when no entry answers it.
const DOMAIN =
  /车|司机|驾|驶|运|货|路|高速|服务区|收费|通行费|etc|罚|扣分|扣几分|红灯|违章|事故|交警|保险|险|工资|欠|仲裁|法院|起诉|律师|法律|工伤|合同|投诉|举报|热线|电话|暖心|工会|党|政策|规定|贷|骗|赔|活|累|压力|心/i;

// Short questions that lean on the previous one: "那挂靠的呢", "要是超过了呢", "还有别的吗".
const FOLLOW_UP = /^(那|那么|那要是|要是|如果|还有|另外)|呢[?？]?$/;

export function createKnowledgeProbe(index: KnowledgeIndex, threshold = ANSWER_THRESHOLD): KnowledgeProbe {
  return {
    confidence(text) {
      const whole = index.confidence(text);
      const parts = partAnswers(index, text, threshold);
      return parts ? Math.max(whole, Math.min(...parts.map((h) => h.confidence))) : whole;
    },
    keyFact(text) {
      const hits = index.search(text, 2);
      const hit = pickAnswer(index, text, hits);
      return hit && hit.confidence >= KEY_FACT_CONFIDENCE ? hit.entry.speech : undefined;
    },
  };
}

function pickAnswer(index: KnowledgeIndex, text: string, hits: SearchHit[]): SearchHit | undefined {
  const top = hits[0];
  if (!top) return undefined;
  if (needsPayRouting(text, top.entry)) {
    const routing = index.entries.find((e) => e.id === PAY_ROUTING_ENTRY);
    if (routing) return { ...top, entry: routing };
  }
  return top;
}

async function compose(deps: FaqDeps, question: string, hit: SearchHit, hits: SearchHit[]): Promise<Reply> {
  // The repaired text (公伤 → 工伤) is what the entry's words can be compared with.
  const asked = deps.index.repair(question);
  if (!deps.assistant) return answerReply(hit.entry, { question: asked });
  // The model may only reword what the top entries say; anything it adds is rejected by the guard inside phraseAnswer.
  const close = hits.filter((h) => h.entry.id !== hit.entry.id && h.confidence >= (deps.threshold ?? ANSWER_THRESHOLD)).slice(0, 1);
  const entries = [hit.entry, ...close.map((h) => h.entry)];
  const phrased = await deps.assistant.phraseAnswer(question, entries).catch(() => undefined);
  return phrased ? answerReply(hit.entry, { phrased, related: entries.slice(1), question: asked }) : answerReply(hit.entry, { question: asked });
}

// The state keeps the last three questions (as answered: a resolved follow-up whole) and the entry that answered the last.
function remember(ctx: TurnContext, question: string, entry?: string): SkillResult['state'] {
  const { faqEntry: _last, ...rest } = ctx.state;
  return { ...rest, faqQuestions: [...history(ctx), question].slice(-3), ...(entry ? { faqEntry: entry } : {}) };
}

function history(ctx: TurnContext): string[] {
  return Array.isArray(ctx.state.faqQuestions) ? (ctx.state.faqQuestions as unknown[]).filter((q): q is string => typeof q === 'string') : [];
}

/** The previous exchange when the last turn was answered from the knowledge base: only then can a message lean on it. */
function lastAnswered(ctx: TurnContext): { previous: string; previousEntry?: string } | undefined {
  const previous = history(ctx).at(-1);
  if (!previous || ctx.state.lastIntent !== 'faq') return undefined;
  return { previous, ...(typeof ctx.state.faqEntry === 'string' ? { previousEntry: ctx.state.faqEntry } : {}) };
}

/** Answers from the knowledge base, or says plainly that it does not know. */
export async function answerQuestion(deps: FaqDeps, ctx: TurnContext): Promise<SkillResult | undefined> {
  const threshold = deps.threshold ?? ANSWER_THRESHOLD;
  let question = ctx.text;
  let hits = deps.index.search(question, 4);
  const previous = history(ctx);
  const followUp = FOLLOW_UP.test(question) && Array.from(question).length <= 16;
  if (deps.assistant && previous.length > 0 && (followUp || (hits[0]?.confidence ?? 0) < threshold)) {
    // A follow-up ("那挂靠的呢") only makes sense with the earlier question; the model may restate it.
    const standalone = await deps.assistant.rewriteQuestion(previous, question).catch(() => undefined);
    if (standalone) {
      const retry = deps.index.search(standalone, 4);
      if ((retry[0]?.confidence ?? 0) >= Math.max(threshold, followUp ? 0 : (hits[0]?.confidence ?? 0))) {
        question = standalone;
        hits = retry;
      }
    }
  }
  let resolved = false;
  const last = question === ctx.text ? lastAnswered(ctx) : undefined;
  if (last && leansOnPrevious(question, hits[0]?.confidence ?? 0, threshold)) {
    const joined = resolveFollowUp(deps.index, { text: question, ...last }, threshold);
    if (joined) {
      question = joined.question;
      hits = joined.hits;
      resolved = true;
    } else if (continuesPrevious(question) && hits[0] && !onPreviousTopic(deps.index, last, hits[0].entry)) {
      // "他们说要扣两万" after a deposit question goes on about that deposit; an entry that merely shares some of its words
      // would mislead. Only a question clearly about a topic of its own ("那劳动仲裁收费吗") is answered on its own.
      if (!isQuestionText(question) || hits[0].confidence < KEY_FACT_CONFIDENCE) return undefined;
    }
  }
  // The joined text of a follow-up is not two questions; the resolution already chose its one answer.
  const parts = resolved ? undefined : partAnswers(deps.index, question, threshold);
  if (parts) {
    const replies = parts.map((h) => answerReply(h.entry, { question: deps.index.repair(question) }));
    return { intent: 'faq', replies, state: remember(ctx, question) };
  }
  const hit = resolved ? hits[0] : pickAnswer(deps.index, question, hits);
  if (!hit || hit.confidence < threshold) return undefined;
  return { intent: 'faq', replies: [await compose(deps, question, hit, hits)], state: remember(ctx, question, hit.entry.id) };
}

/** Nothing to do with driving or the services (weather, jokes): refused politely, and not the bot failing a question. */
export function isOffTopic(ctx: TurnContext, confidence: number): boolean {
  // "还有呢" after a policy answer continues it: not off-topic, just not answered.
  const continues = lastAnswered(ctx) !== undefined && leansOnPrevious(ctx.text, confidence, ANSWER_THRESHOLD);
  return confidence < OFF_TOPIC_BELOW && !continues && !DOMAIN.test(ctx.text) && namedTopics(ctx.text).length === 0;
}

export function notFoundReply(ctx: TurnContext, confidence: number): Reply {
  const misses = (ctx.state.misses ?? 0) + 1;
  if (isOffTopic(ctx, confidence)) {
    const text = '抱歉，这个不在我能帮忙的范围。我专门帮货车司机解答政策法规、找暖心之家、登记诉求。';
    return { text, speech: text, quickReplies: ['政策问答', '附近的暖心之家', '我要反映问题'] };
  }
  const text =
    misses >= 2
      ? `这个问题我的资料里没有确切答案，我不乱说。您可以说“转人工”让工作人员来帮您，或拨打${HOTLINES.transport}交通运输服务热线、${HOTLINES.legal}法律服务热线。`
      : `这个问题我的资料里没有确切答案，不乱说免得误导您。可以拨打${HOTLINES.transport}交通运输服务热线，法律问题打${HOTLINES.legal}，也可以说“转人工”找工作人员。`;
  const speech = `这个我没有确切答案。可以打${HOTLINES.transport}或${HOTLINES.legal}，也可以说转人工。`;
  return { text, speech, quickReplies: ['转人工', '附近的暖心之家', '我要反映问题'] };
}

export function createFaqSkill(deps: FaqDeps): Skill {
  return {
    async handle(ctx) {
      const answered = await answerQuestion(deps, ctx);
      if (answered) return answered;
      const confidence = deps.index.confidence(ctx.text);
      return { intent: 'unknown', replies: [notFoundReply(ctx, confidence)], miss: !isOffTopic(ctx, confidence) };
    },
  };
}

/** Replaces the core's generic fallback: tries the knowledge base once more (follow-ups), then refuses or admits a gap. */
export function createNotFoundSkill(deps: FaqDeps): Skill {
  return {
    async handle(ctx) {
      if ((deps.assistant && history(ctx).length > 0) || lastAnswered(ctx)) {
        const answered = await answerQuestion(deps, ctx);
        if (answered) return answered;
      }
      const confidence = deps.index.confidence(ctx.text);
      return { replies: [notFoundReply(ctx, confidence)], miss: !isOffTopic(ctx, confidence) };
    },
  };
}
