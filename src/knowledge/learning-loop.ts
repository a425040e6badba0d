// The learning loop's intake: which committed turns and which 👎 put a driver's question on the 未答问题 page, stored once each.
import type { CommittedTurn } from '../core/ports.js';
import type { FlowState, GeoPoint, KnowledgeOutcome, KnowledgeProbe } from '../core/types.js';
import type { WordSet } from '../lexicon/compile.js';
import type { LearningStore, NewUnansweredQuestion, QuestionReason } from './learning-types.js';
import { MODEL_SURE } from './thresholds.js';

/** A stored question is at most this long: the console shows it, and a story longer than this is rarely one question. */
export const QUESTION_MAX_CHARS = 500;
const CANDIDATES_KEPT = 4;

export interface LearningLoopDeps {
  store: Pick<LearningStore, 'recordQuestion' | 'findAnswered'>;
  /** knowledge/lexicon/knowledge/answer-rejected: rules `whole` and `leading`. */
  rejections: WordSet;
  /** The search, for the candidates of a question the driver gave 👎 (the console suggests them). */
  probe: Pick<KnowledgeProbe, 'assess'>;
  /** The county or city a question comes from (location, place named, form data), or null for the province. */
  regionOf(text: string, location: GeoPoint | undefined, state: FlowState): string | null;
}

export type ThumbsDownResult = 'recorded' | 'already' | 'unknown-message';

export interface LearningLoop {
  /** The engine's turn observer. */
  observe(turn: CommittedTurn): Promise<void>;
  /** A 👎 under a bot answer: the driver's message, found by its channel id among this driver's own. */
  thumbsDown(channel: string, externalUserId: string, channelMessageId: string): Promise<ThumbsDownResult>;
}

const clip = (text: string) => Array.from(text).slice(0, QUESTION_MAX_CHARS).join('');

/** Why a turn's question was not answered well, or undefined when it was (or was off-topic, or not a question for the base). */
export function unansweredReason(turn: Pick<CommittedTurn, 'intent' | 'knowledge' | 'handoff'>): QuestionReason | undefined {
  const k = turn.knowledge;
  if (!k || k.decision === 'off-topic') return undefined;
  if (turn.handoff?.reason === 'bot_failed') return 'not_found';
  if (turn.intent !== 'faq' && turn.intent !== 'unknown') return undefined;
  if (k.decision === 'not-found') return 'not_found';
  if (k.decision === 'clarify') return 'low_confidence';
  // Below the confidence at which a model would be asked, the answer given was a guess worth a look.
  if (k.decision === 'answer' && !k.parts && (k.decidedBy ?? 'search') !== 'follow-up' && k.decidedBy !== 'clarification' && k.confidence < MODEL_SURE) {
    return 'low_confidence';
  }
  return undefined;
}

/** The previous question and the entry that answered it, when the last turn was a knowledge answer. */
function previousAnswer(state: FlowState): { question: string; entryId: string | null } | undefined {
  const questions = Array.isArray(state.faqQuestions) ? (state.faqQuestions as unknown[]) : [];
  const question = questions.at(-1);
  if (state.lastIntent !== 'faq' || typeof question !== 'string') return undefined;
  return { question, entryId: typeof state.faqEntry === 'string' ? state.faqEntry : null };
}

/** Whether a message rejects the answer just given ("不对", "没用"), alone or before the question restated. */
export function rejectsAnswer(rejections: WordSet, text: string, state: FlowState): boolean {
  return previousAnswer(state) !== undefined && rejections.test(text.trim());
}

function candidatesOf(k: KnowledgeOutcome | undefined): NewUnansweredQuestion['candidates'] {
  return (k?.candidates ?? []).slice(0, CANDIDATES_KEPT).map((c) => ({ id: c.id, confidence: Math.round(c.confidence * 1000) / 1000 }));
}

export function createLearningLoop(deps: LearningLoopDeps): LearningLoop {
  return {
    async observe(turn) {
      const { ctx } = turn;
      const base = { messageId: turn.inboundId, conversationId: turn.conversation.id, regionCode: deps.regionOf(ctx.rawText, ctx.location, ctx.state) };
      const previous = previousAnswer(ctx.state);
      if (previous && deps.rejections.test(ctx.text.trim())) {
        const earlier = deps.probe.assess(previous.question);
        await deps.store.recordQuestion({ ...base, reason: 'rejected', text: clip(previous.question), entryId: previous.entryId, candidates: candidatesOf(earlier), confidence: earlier.confidence });
        // "不对 我问的是…" restates the question: it is judged below like any other.
        if (deps.rejections.matching(ctx.text.trim()).includes('whole')) return;
      }
      const reason = unansweredReason(turn);
      if (!reason) return;
      const k = turn.knowledge;
      await deps.store.recordQuestion({ ...base, reason, text: clip(ctx.rawText), candidates: candidatesOf(k), confidence: k?.confidence ?? 0 });
    },

    async thumbsDown(channel, externalUserId, channelMessageId) {
      const asked = await deps.store.findAnswered(channel, externalUserId, channelMessageId);
      if (!asked) return 'unknown-message';
      const outcome = deps.probe.assess(asked.text);
      const stored = await deps.store.recordQuestion({
        messageId: asked.messageId,
        conversationId: asked.conversationId,
        reason: 'thumbs_down',
        text: clip(asked.text),
        entryId: asked.entryId,
        candidates: candidatesOf(outcome),
        confidence: outcome.confidence,
        regionCode: deps.regionOf(asked.text, undefined, {}),
      });
      return stored ? 'recorded' : 'already';
    },
  };
}
