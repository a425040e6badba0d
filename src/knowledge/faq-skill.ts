// The policy Q&A skill, the knowledge probe for intent detection, and the honest "not found" for questions it cannot answer.
import { HOTLINES } from '../core/hotlines.js';
import type { KnowledgeOutcome, KnowledgeProbe, Reply, Skill, SkillResult, TurnContext } from '../core/types.js';
import type { KnowledgeEntry } from './entry-schema.js';
import { clarifyReply, pendingClarification, pickedOption } from './clarify.js';
import { assessQuestion, isEverydayMatter, looksOffTopic } from './decide.js';
import { evasionRefusal, evasionRequest } from './evasion.js';
import { answerReply } from './faq-answer.js';
import { carriedQuestion, continuesPrevious, leansOnPrevious, onPreviousTopic, resolveFollowUp } from './follow-up.js';
import { aspectsOf, ruleOf } from './knowledge-words.js';
import { settingChange, settingReply, type Circumstance } from './setting-change.js';
import type { KnowledgeIndex } from './search-index.js';
import { ANSWER_THRESHOLD, KEY_FACT_CONFIDENCE, MODEL_FLOOR, MODEL_SURE } from './thresholds.js';

export { ANSWER_THRESHOLD, KEY_FACT_CONFIDENCE, OFF_TOPIC_BELOW, PAY_ROUTING_ENTRY } from './thresholds.js';

/** Optional model help; every function may return undefined, which means "use the curated text". */
export interface AnswerAssistant {
  rewriteQuestion(history: string[], question: string): Promise<string | undefined>;
  phraseAnswer(question: string, entries: KnowledgeEntry[]): Promise<string | undefined>;
}

/**
 * A model choosing which candidate answers a question: an id among them, `null` for none, or undefined when it could not
 * say (timeout, 429, 5xx, malformed output, an id outside the candidates) — then the offline decision stands.
 */
export interface CandidateChooser {
  choose(question: string, candidates: KnowledgeEntry[]): Promise<{ id: string | null } | undefined>;
}

export interface FaqDeps {
  index: KnowledgeIndex;
  assistant?: AnswerAssistant;
  chooser?: CandidateChooser;
  threshold?: number;
}

export function createKnowledgeProbe(index: KnowledgeIndex, threshold = ANSWER_THRESHOLD): KnowledgeProbe {
  return {
    assess: (text) => assessQuestion(index, text, threshold),
    confidence: (text) => assessQuestion(index, text, threshold).confidence,
    everydayMatter: (text) => isEverydayMatter(index, text),
    keyFact(text, categories) {
      const outcome = assessQuestion(index, text, threshold);
      const top = outcome.candidates[0];
      const entry = outcome.decision === 'answer' && top && top.confidence >= KEY_FACT_CONFIDENCE ? index.entry(top.id) : undefined;
      return entry && (!categories || categories.includes(entry.category)) ? entry.speech : undefined;
    },
  };
}

/** This turn's outcome when the engine already searched this text, or one search now. */
function outcomeFor(deps: FaqDeps, ctx: TurnContext, text: string): KnowledgeOutcome {
  return ctx.knowledge && ctx.knowledge.question === text ? ctx.knowledge : assessQuestion(deps.index, text, deps.threshold);
}

function entriesOf(deps: FaqDeps, outcome: KnowledgeOutcome): KnowledgeEntry[] {
  return outcome.candidates.map((c) => deps.index.entry(c.id)).filter((e): e is KnowledgeEntry => e !== undefined);
}

/**
 * What the spoken answer is focused on: the repaired text (公伤 → 工伤) and the driver's own words, since a synonym may
 * rewrite a word the answer text uses itself (施行 → 实施).
 */
function askedForSpeech(deps: FaqDeps, question: string): string {
  const repaired = deps.index.repair(question);
  return repaired === question ? question : `${repaired}。${question}`;
}

async function compose(deps: FaqDeps, question: string, entry: KnowledgeEntry, outcome: KnowledgeOutcome): Promise<Reply> {
  const asked = askedForSpeech(deps, question);
  const functionWords = deps.index.words.functionWords.words;
  const aspects = aspectsOf(deps.index.words);
  if (!deps.assistant) return answerReply(entry, { question: asked, functionWords, aspects });
  // The model may only reword what the top entries say; anything it adds is rejected by the guard inside phraseAnswer.
  const threshold = deps.threshold ?? ANSWER_THRESHOLD;
  const close = outcome.candidates.filter((c) => c.id !== entry.id && c.confidence >= threshold).slice(0, 1);
  const entries = [entry, ...close.map((c) => deps.index.entry(c.id)).filter((e): e is KnowledgeEntry => e !== undefined)];
  const phrased = await deps.assistant.phraseAnswer(question, entries).catch(() => undefined);
  return phrased
    ? answerReply(entry, { phrased, related: entries.slice(1), question: asked, functionWords, aspects })
    : answerReply(entry, { question: asked, functionWords, aspects });
}

// The state keeps the last three questions (as answered: a resolved follow-up whole) and the entry that answered the last.
function remember(ctx: TurnContext, question: string, entry?: string): SkillResult['state'] {
  const { faqEntry: _last, faqClarify: _pending, ...rest } = ctx.state;
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

/**
 * When the offline search is unsure (two close entries, a near miss, a weak answer), the model — if configured — picks
 * one candidate by id or says none. Its failure leaves the offline outcome as it was.
 */
async function askModel(deps: FaqDeps, question: string, outcome: KnowledgeOutcome): Promise<KnowledgeOutcome> {
  if (!deps.chooser || outcome.parts || outcome.decision === 'off-topic') return outcome;
  const unsure = outcome.decision === 'clarify' || (outcome.decision === 'not-found' && outcome.confidence >= MODEL_FLOOR) || (outcome.decision === 'answer' && outcome.confidence < MODEL_SURE);
  if (!unsure) return outcome;
  const candidates = entriesOf(deps, outcome);
  if (candidates.length === 0) return outcome;
  const choice = await deps.chooser.choose(question, candidates).catch(() => undefined);
  if (!choice) return outcome;
  if (choice.id === null) return { ...outcome, decision: 'not-found', decidedBy: 'model', reason: 'the model found no candidate that answers it' };
  const chosen = outcome.candidates.find((c) => c.id === choice.id);
  // The chooser validates ids already; an id outside the candidates is ignored here too.
  if (!chosen) return outcome;
  return { ...outcome, decision: 'answer', decidedBy: 'model', candidates: [chosen, ...outcome.candidates.filter((c) => c !== chosen)], reason: `the model chose ${chosen.id}` };
}

/** Answers from the knowledge base, or says plainly that it does not know. */
export async function answerQuestion(deps: FaqDeps, ctx: TurnContext): Promise<SkillResult | undefined> {
  const threshold = deps.threshold ?? ANSWER_THRESHOLD;
  const evasion = evasionRequest(deps.index, ctx.text);
  if (evasion) return refuse(deps, ctx, evasion);
  const pending = pendingClarification(ctx.state);
  const picked = pending ? pickedOption(ctx.text, pending, deps.index.entry, deps.index.words.optionPicks) : undefined;
  const pickedEntry = picked ? deps.index.entry(picked) : undefined;
  if (pending && pickedEntry) {
    const outcome: KnowledgeOutcome = {
      question: pending.question,
      decision: 'answer',
      confidence: 1,
      candidates: [{ id: pickedEntry.id, score: 0, confidence: 1 }],
      reason: 'the driver picked an option of the clarifying question',
      decidedBy: 'clarification',
    };
    return { intent: 'faq', replies: [await compose(deps, pending.question, pickedEntry, outcome)], state: remember(ctx, pending.question, pickedEntry.id), knowledge: outcome };
  }
  let question = ctx.text;
  let outcome = outcomeFor(deps, ctx, question);
  const previous = history(ctx);
  const followUp = ruleOf(deps.index.words.followUp, 'leads').test(question) && Array.from(question).length <= 16;
  if (deps.assistant && previous.length > 0 && (followUp || outcome.confidence < threshold)) {
    // A follow-up ("那挂靠的呢") only makes sense with the earlier question; the model may restate it.
    const standalone = await deps.assistant.rewriteQuestion(previous, question).catch(() => undefined);
    if (standalone) {
      const retry = assessQuestion(deps.index, standalone, threshold);
      if (retry.confidence >= Math.max(threshold, followUp ? 0 : outcome.confidence)) {
        question = standalone;
        outcome = retry;
      }
    }
  }
  const last = question === ctx.text ? lastAnswered(ctx) : undefined;
  // "在四川呢", "那三轴的呢": the previous topic in a new circumstance, never a jump to another topic's entry.
  const setting = last ? settingChange(deps.index, question) : undefined;
  if (last && (setting || leansOnPrevious(deps.index, question, outcome.confidence, threshold))) {
    const joined = resolveFollowUp(deps.index, { text: question, ...last }, threshold);
    if (setting && last.previousEntry) {
      // Another entry of that topic that covers the new circumstance answers it ("那三轴的呢" → the axle limits), whether
      // the joined search or the message's own found it; the previous entry found again is restated on that point.
      const own = outcome.decision === 'answer' ? deps.index.entry(outcome.candidates[0]?.id ?? '') : undefined;
      const found = joined?.hits[0]?.entry ?? (own && onPreviousTopic(deps.index, last, own) ? own : undefined);
      if (!found || found.id === last.previousEntry) return answerSetting(deps, ctx, { ...last, previousEntry: last.previousEntry }, setting, found !== undefined);
    }
    if (joined) {
      // The joined text of a follow-up is not two questions; the resolution already chose its one answer.
      const entry = joined.hits[0]?.entry as KnowledgeEntry;
      const resolved: KnowledgeOutcome = {
        question: joined.question,
        decision: 'answer',
        confidence: joined.hits[0]?.confidence ?? 0,
        candidates: joined.hits.slice(0, 4).map((h) => ({ id: h.entry.id, score: h.score, confidence: h.confidence })),
        reason: 'follow-up resolved on the previous answer\u2019s topic',
        decidedBy: 'follow-up',
      };
      return { intent: 'faq', replies: [await compose(deps, joined.question, entry, resolved)], state: remember(ctx, joined.question, entry.id), knowledge: resolved };
    }
    const top = outcome.candidates[0];
    const topEntry = top ? deps.index.entry(top.id) : undefined;
    if (continuesPrevious(deps.index.words, question) && topEntry && !onPreviousTopic(deps.index, last, topEntry)) {
      // "他们说要扣两万" after a deposit question goes on about that deposit; an entry that merely shares some of its words
      // would mislead. Only a question clearly about a topic of its own ("那劳动仲裁收费吗") is answered on its own.
      // A setting change has no topic of its own, so it is never another topic's question.
      if (setting || !deps.index.words.question.asks(question) || (top?.confidence ?? 0) < KEY_FACT_CONFIDENCE) return undefined;
    }
  }
  outcome = await askModel(deps, question, outcome);
  if (outcome.parts) {
    const asked = askedForSpeech(deps, question);
    const functionWords = deps.index.words.functionWords.words;
    const aspects = aspectsOf(deps.index.words);
    const replies = outcome.parts.flatMap((id) => {
      const entry = deps.index.entry(id);
      return entry ? [answerReply(entry, { question: asked, functionWords, aspects })] : [];
    });
    return { intent: 'faq', replies, state: remember(ctx, question), knowledge: outcome };
  }
  if (outcome.decision === 'clarify') {
    const options = entriesOf(deps, outcome).slice(0, 2);
    const state = { ...remember(ctx, question), faqClarify: { options: options.map((e) => e.id), question } };
    return { intent: 'faq', replies: [clarifyReply(options)], state, knowledge: outcome };
  }
  const top = outcome.candidates[0];
  const entry = top ? deps.index.entry(top.id) : undefined;
  if (outcome.decision !== 'answer' || !entry) return undefined;
  return { intent: 'faq', replies: [await compose(deps, question, entry, outcome)], state: remember(ctx, question, entry.id), knowledge: outcome };
}

/** A setting change answered from the previous entry: what it says about the circumstance, or that it says nothing. */
function answerSetting(deps: FaqDeps, ctx: TurnContext, last: { previous: string; previousEntry: string }, setting: Circumstance[], restate: boolean): SkillResult | undefined {
  const entry = deps.index.entry(last.previousEntry);
  if (!entry) return undefined;
  const { reply, covered } = settingReply(entry, setting, restate);
  const question = carriedQuestion(ctx.text, last.previous);
  const knowledge: KnowledgeOutcome = {
    question,
    decision: covered ? 'answer' : 'not-found',
    confidence: covered ? 1 : 0,
    candidates: [{ id: entry.id, score: 0, confidence: covered ? 1 : 0 }],
    reason: `a follow-up changing the setting (${setting.map((c) => c.kind).join(', ')}) of the previous answer${covered ? '' : ', which does not cover it'}`,
    decidedBy: 'follow-up',
  };
  return { intent: 'faq', replies: [reply], state: remember(ctx, question, entry.id), knowledge, ...(covered ? {} : { miss: true }) };
}

/** A request to evade a check or defeat a monitor: refused, with the penalty from the curated entries. */
function refuse(deps: FaqDeps, ctx: TurnContext, rule: string): SkillResult {
  const { reply, entry } = evasionRefusal(deps.index, ctx.text, rule);
  const knowledge: KnowledgeOutcome = {
    ...outcomeFor(deps, ctx, ctx.text),
    decision: 'answer',
    candidates: entry ? [{ id: entry.id, score: 0, confidence: 1 }] : [],
    reason: `a request to evade (${rule}): refused with the legal consequence`,
  };
  return { intent: 'faq', replies: [reply], state: remember(ctx, ctx.text, entry?.id), knowledge };
}

/** Nothing to do with driving or the services (weather, jokes): refused politely, and not the bot failing a question. */
export function isOffTopic(index: KnowledgeIndex, ctx: TurnContext, confidence: number): boolean {
  // "还有呢" after a policy answer continues it: not off-topic, just not answered.
  const continues = lastAnswered(ctx) !== undefined && leansOnPrevious(index, ctx.text, confidence, ANSWER_THRESHOLD);
  return !continues && looksOffTopic(index, ctx.text, confidence);
}

export function notFoundReply(index: KnowledgeIndex, ctx: TurnContext, confidence: number): Reply {
  const misses = (ctx.state.misses ?? 0) + 1;
  if (isOffTopic(index, ctx, confidence)) {
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

/** The not-found result, with the outcome the console needs (off-topic or a gap, the near candidates). */
function notFound(deps: FaqDeps, ctx: TurnContext, intent?: 'unknown'): SkillResult {
  const outcome = outcomeFor(deps, ctx, ctx.text);
  const offTopic = isOffTopic(deps.index, ctx, outcome.confidence);
  const decision = offTopic ? 'off-topic' : 'not-found';
  const knowledge: KnowledgeOutcome = outcome.decision === decision ? outcome : { ...outcome, decision, reason: offTopic ? outcome.reason : `not answered: ${outcome.reason}` };
  return { ...(intent ? { intent } : {}), replies: [notFoundReply(deps.index, ctx, outcome.confidence)], miss: !offTopic, knowledge };
}

export function createFaqSkill(deps: FaqDeps): Skill {
  return {
    async handle(ctx) {
      return (await answerQuestion(deps, ctx)) ?? notFound(deps, ctx, 'unknown');
    },
  };
}

/** Replaces the core's generic fallback: tries the knowledge base once more (follow-ups, a clarification's pick, the model), then refuses or admits a gap. */
export function createNotFoundSkill(deps: FaqDeps): Skill {
  return {
    async handle(ctx) {
      const again = (deps.assistant && history(ctx).length > 0) || deps.chooser || lastAnswered(ctx) || pendingClarification(ctx.state);
      if (again || evasionRequest(deps.index, ctx.text)) {
        const answered = await answerQuestion(deps, ctx);
        if (answered) return answered;
      }
      return notFound(deps, ctx);
    },
  };
}
