// The conversation engine: normalise → understand → act → render, with idempotent, leased turns and flow state in the store.
import type { IntentDetector } from './intent.js';
import { normaliseText, type Normalise } from './normalise.js';
import { ConflictError, type ConversationRecord, type ConversationStore, type TurnObserver } from './ports.js';
import { renderReplies } from './render.js';
import { FAILURE_REPLY, HUMAN_ACK, repeatLast, smalltalkSkill, unknownSkill } from './basic-skills.js';
import { createDispatcher } from './dispatch.js';
import { keyedQueue } from './keyed-queue.js';
import { mixedAsks, type MixedAsk, type MixedAskWords } from './mixed-asks.js';
import type { Metrics } from './metrics.js';
import type {
  Flow,
  FlowState,
  HandoffRequest,
  InboundMessage,
  Intent,
  KnowledgeOutcome,
  KnowledgeProbe,
  Reply,
  Skill,
  SkillResult,
  TurnContext,
  TurnResult,
} from './types.js';

export interface EngineLog {
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

export interface EngineDeps {
  store: ConversationStore;
  skills?: Partial<Record<Intent, Skill>>;
  flows?: Flow[];
  knowledge?: KnowledgeProbe;
  /** Orders the domains' intent words (the composition root builds it from the word rules). */
  detectIntent: IntentDetector;
  /** Normalises each message (script, width, digits; dialect and fillers from the word rules); script and digits only by default. */
  normalise?: Normalise;
  clock?: () => Date;
  log?: EngineLog;
  /** Called once when a turn hands the conversation from the bot to staff. */
  onHandoff?: (conversation: ConversationRecord, request: HandoffRequest, ctx: TurnContext) => Promise<void>;
  /**
   * Called with every driver message while staff own the conversation. Returning an outcome hands the
   * conversation back to the bot with those replies (the driver cancelled a handoff nobody had claimed yet).
   */
  onHumanModeMessage?: (conversation: ConversationRecord, text: string, ctx: HumanModeContext) => Promise<HumanModeOutcome | void>;
  /**
   * How long a turn's lease on its inbound message lasts; renewed at a third of that while the turn runs. A re-delivery
   * (in this process or another sharing the store) waits while the lease is live and answers itself once it runs out.
   */
  turnLeaseMs?: number;
  /** How long a re-delivery waits for the first delivery's replies (default: the lease and 2 s more). */
  duplicateWaitMs?: number;
  /** Names this engine's leases (default: random); two engines must never share one. */
  leaseOwner?: string;
  /**
   * Failures the sender should simply retry (the database restarting). They are not answered with an apology, which
   * would be stored as the turn's reply and end it: they propagate, nothing is stored, and the retry runs the turn again.
   */
  isRetryable?: (err: unknown) => boolean;
  /** Told of every committed bot turn with what the knowledge base decided (the learning loop records unanswered questions). */
  onTurnCommitted?: TurnObserver;
  /** Told of every answered turn (channel, intent, missed, latency). */
  metrics?: Pick<Metrics, 'turn'>;
  /**
   * Asked first in every state (a form, staff owning the chat, out of hours): a message telling of danger gets the
   * emergency numbers and an urgent case; a later message of an urgent case is never left without a reply.
   */
  safety?: SafetyPort;
  /** Tried before intent detection: replies that act on what was just shown (a station list, a filed case, the last answer). */
  followUps?: FollowUp[];
  /** A policy question beside a station search, a booking or a complaint to file is split off and answered by its own skill (src/core/mixed-asks.ts). */
  mixedAskWords?: MixedAskWords;
  /** Called when an urgent message arrives while staff already own the conversation (the open handoff becomes urgent). */
  onUrgentWhileHuman?: (conversation: ConversationRecord, request: HandoffRequest, ctx: TurnContext) => Promise<void>;
}

export interface SafetyPort {
  check(ctx: TurnContext): Promise<SkillResult | undefined>;
  afterUrgent(ctx: TurnContext): Promise<SkillResult | undefined>;
}

/** A reply to a reference to the conversation's context, or undefined when the message is not one. */
export type FollowUp = (ctx: TurnContext) => Promise<SkillResult | undefined>;

/** While staff own the chat the driver gets one acknowledgement, then at most one in this long. */
export const HUMAN_ACK_EVERY_MS = 10 * 60_000;

export interface HumanModeContext {
  /** Normalised text, for matching words like 不用了. */
  text: string;
  now: Date;
}

export interface HumanModeOutcome {
  mode: 'bot';
  replies: Reply[];
}

export interface Engine {
  handle(message: InboundMessage): Promise<TurnResult>;
}

/** The engine's probe for one turn: the turn's text is answered from the outcome already computed, anything else searched. */
function turnProbe(probe: KnowledgeProbe, outcome: KnowledgeOutcome): KnowledgeProbe {
  const assess = (t: string) => (t === outcome.question ? outcome : probe.assess(t));
  return { ...probe, assess, confidence: (t) => assess(t).confidence };
}

/** What a message answered as one may hold beside a policy question (src/core/mixed-asks.ts). */
const MIXABLE: ReadonlySet<Intent> = new Set(['station', 'faq', 'booking', 'grievance']);

const REPEAT = /^(重复一遍|再说一遍|再说一次|没听清|没听清楚|你说啥|你说啥子|刚才说的啥|再讲一遍)[吧呢啊。！!]*$/;
/** The reply to a shortened chat answer's offer (回复“详细”看全文和法条): the whole last answer. */
const DETAIL = /^(详细|详情|看详细|要详细|详细的|详细点|详细说说|全文|看全文|发全文|全部|法条|看法条)[吧呢啊。！!]*$/;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Covers a turn with one slow model call; longer turns keep it by renewing. */
const DEFAULT_TURN_LEASE_MS = 10_000;

export function createEngine(deps: EngineDeps): Engine {
  const clock = deps.clock ?? (() => new Date());
  const act = createDispatcher({ smalltalk: smalltalkSkill, unknown: unknownSkill, ...deps.skills }, deps.flows ?? []);
  const queue = keyedQueue();
  // Turns this engine is running; a lease of ours on a message not in here was left by a turn of ours that failed.
  const inFlight = new Set<number>();
  const leaseMs = deps.turnLeaseMs ?? DEFAULT_TURN_LEASE_MS;
  const lease = { owner: deps.leaseOwner ?? crypto.randomUUID(), ms: leaseMs };
  const duplicateWaitMs = deps.duplicateWaitMs ?? leaseMs + 2_000;

  /**
   * A re-delivery: the stored replies once the turn that holds the message's lease commits, or undefined when this engine
   * has taken the lease (nobody holds it: the earlier delivery failed or its process died) and must answer it itself.
   */
  async function settleDuplicate(inboundId: number, conversation: ConversationRecord): Promise<TurnResult | undefined> {
    const deadline = Date.now() + duplicateWaitMs;
    for (;;) {
      const stored = await deps.store.turnFor(inboundId);
      if (stored) return { conversationId: conversation.id, intent: stored.intent, mode: stored.mode, replies: stored.replies, duplicate: true };
      if (!inFlight.has(inboundId) && (await deps.store.leaseTurn(inboundId, lease))) return undefined;
      if (Date.now() > deadline) {
        return { conversationId: conversation.id, intent: 'unknown', mode: conversation.mode, replies: [], duplicate: true };
      }
      await sleep(100);
    }
  }

  async function turn(message: InboundMessage, missed: { value: boolean }): Promise<TurnResult> {
    const text = (deps.normalise ?? normaliseText)(message.text, { transcript: message.transcript });
    const begun = await deps.store.beginTurn({
      channel: message.channel,
      externalUserId: message.externalUserId,
      text: message.text,
      messageId: message.messageId,
      lease,
    });
    let { conversation } = begun;
    const { inboundId } = begun;
    if (begun.duplicate) {
      const settled = await settleDuplicate(inboundId, conversation);
      if (settled) return settled;
      // Taken over, possibly after a wait in which other turns moved the conversation on.
      conversation = (await deps.store.getConversation(conversation.id)) ?? conversation;
    }
    inFlight.add(inboundId);
    const renewal = setInterval(() => void deps.store.leaseTurn(inboundId, lease).catch(() => undefined), Math.max(10, Math.floor(leaseMs / 3)));
    try {
      return await answer(message, text, conversation, inboundId, missed);
    } catch (err) {
      // A turn that lost its lease while still working (a stalled holder, not a dead one) loses the commit to its successor.
      const stored = err instanceof ConflictError ? await deps.store.turnFor(inboundId).catch(() => undefined) : undefined;
      if (stored) return { conversationId: conversation.id, intent: stored.intent, mode: stored.mode, replies: stored.replies, duplicate: true };
      await deps.store.releaseTurn(inboundId, lease.owner).catch(() => undefined);
      throw err;
    } finally {
      clearInterval(renewal);
      inFlight.delete(inboundId);
    }
  }

  async function answer(
    message: InboundMessage,
    text: string,
    conversation: ConversationRecord,
    inboundId: number,
    missedTurn: { value: boolean },
  ): Promise<TurnResult> {
    const state: FlowState = { ...conversation.state };
    const now = message.receivedAt ?? clock();
    const ctx: TurnContext = {
      driverId: conversation.driverId,
      conversationId: conversation.id,
      channel: message.channel,
      render: message.render,
      text,
      rawText: message.text,
      location: message.location,
      transcript: message.transcript ?? false,
      state,
      now,
    };

    if (conversation.mode === 'human') return humanTurn(message, text, conversation, inboundId, ctx);

    let result: SkillResult & { intent: Intent };
    const urgent = text ? await deps.safety?.check(ctx) : undefined;
    const followUp = urgent || !text ? undefined : await firstFollowUp(ctx);
    if (urgent) {
      result = { ...urgent, intent: urgent.intent ?? 'grievance' };
    } else if (followUp) {
      result = { ...followUp, intent: followUp.intent ?? 'unknown' };
    } else if (REPEAT.test(text) && state.lastReply) {
      result = repeatLast(state);
    } else if (DETAIL.test(text) && state.lastReply) {
      const last = repeatLast(state);
      result = { ...last, replies: last.replies.map((r) => ({ ...r, full: true })) };
    } else {
      // One search of the knowledge base per turn: intent detection reads its confidence, the FAQ skill its outcome.
      const knowledge = text && deps.knowledge ? deps.knowledge.assess(text) : undefined;
      ctx.knowledge = knowledge;
      const decision = deps.detectIntent({ text, location: message.location }, knowledge && deps.knowledge && turnProbe(deps.knowledge, knowledge));
      // Parts are read without the location: a short policy question sent with one is no search, whatever its length.
      const parts =
        deps.mixedAskWords && !state.flow && MIXABLE.has(decision.intent)
          ? mixedAsks(text, (part) => deps.detectIntent({ text: part }, deps.knowledge), deps.mixedAskWords)
          : undefined;
      try {
        result = parts ? await actOnParts(ctx, parts) : await act(ctx, decision.intent);
      } catch (err) {
        if (deps.isRetryable?.(err)) throw err;
        // One failing domain must not lose the message: store it with an apology the driver can act on.
        deps.log?.error('skill failed', { intent: decision.intent, error: err instanceof Error ? err.message : String(err) });
        result = { intent: decision.intent, replies: [FAILURE_REPLY] };
      }
    }

    const nextState: FlowState = { ...(result.state ?? state) };
    nextState.lastIntent = result.intent;
    const missed = result.miss ?? result.intent === 'unknown';
    missedTurn.value = missed;
    nextState.misses = missed ? (state.misses ?? 0) + 1 : result.miss === false && result.intent === 'unknown' ? (state.misses ?? 0) : 0;
    const first = result.replies[0];
    if (first) nextState.lastReply = { text: result.replies.map((r) => r.text).join('\n'), ...(first.speech ? { speech: first.speech } : {}) };
    const mode = result.mode ?? conversation.mode;
    if (mode === 'bot') {
      delete nextState.humanAcked;
      delete nextState.humanAckedAt;
    }

    const rendered = renderReplies(result.replies, message.render);
    await deps.store.commitTurn({ conversation, inboundId, intent: result.intent, state: nextState, mode, replies: rendered });
    if (mode === 'human' && conversation.mode === 'bot') {
      await deps.onHandoff?.({ ...conversation, mode }, result.handoff ?? { reason: 'driver_asked' }, ctx);
    }
    if (deps.onTurnCommitted) {
      const knowledge = result.knowledge ?? ctx.knowledge;
      const handoff = mode === 'human' && conversation.mode === 'bot' ? (result.handoff ?? { reason: 'driver_asked' as const }) : undefined;
      // After the commit: what observes a turn can never lose or repeat it.
      await deps
        .onTurnCommitted({
          inboundId,
          conversation,
          ctx,
          intent: result.intent,
          missed,
          ...(knowledge ? { knowledge } : {}),
          ...(handoff ? { handoff } : {}),
        })
        .catch((err: unknown) => deps.log?.warn('turn observer failed', { error: err instanceof Error ? err.message : String(err) }));
    }
    return { conversationId: conversation.id, intent: result.intent, mode, replies: rendered, duplicate: false };
  }

  /**
   * Each part answered as if asked alone, in the driver's order, from the same state; the part that asks for the driver's
   * location (a search with no place) speaks last, so its question ends the turn and its form is the one kept.
   */
  async function actOnParts(ctx: TurnContext, parts: readonly MixedAsk[]): Promise<SkillResult & { intent: Intent }> {
    const results: Array<SkillResult & { intent: Intent }> = [];
    for (const part of parts) results.push(await act({ ...ctx, text: part.text, rawText: part.text, knowledge: undefined }, part.intent));
    const [first] = results as [SkillResult & { intent: Intent }];
    const ordered = [...results].sort((a, b) => Number(Boolean(a.state?.flow)) - Number(Boolean(b.state?.flow)));
    const state: FlowState = Object.assign({}, ctx.state, ...ordered.map((r) => r.state ?? {}));
    return { ...first, replies: ordered.flatMap((r) => r.replies), state };
  }

  async function firstFollowUp(ctx: TurnContext): Promise<SkillResult | undefined> {
    for (const followUp of deps.followUps ?? []) {
      const answered = await followUp(ctx);
      if (answered) return answered;
    }
    return undefined;
  }

  /** Staff own the conversation: the bot stays quiet but for danger, an urgent case's follow-ups and a rare acknowledgement. */
  async function humanTurn(
    message: InboundMessage,
    text: string,
    conversation: ConversationRecord,
    inboundId: number,
    ctx: TurnContext,
  ): Promise<TurnResult> {
    const state = ctx.state;
    const commit = async (intent: Intent, next: FlowState, mode: 'bot' | 'human', replies: Reply[]) => {
      const rendered = renderReplies(replies, message.render);
      await deps.store.commitTurn({ conversation, inboundId, intent, state: next, mode, replies: rendered });
      return { conversationId: conversation.id, intent, mode, replies: rendered, duplicate: false };
    };
    const urgent = text ? await deps.safety?.check(ctx) : undefined;
    if (urgent) {
      const result = await commit('grievance', { ...(urgent.state ?? state), humanAckedAt: ctx.now.toISOString() }, 'human', urgent.replies);
      if (urgent.handoff) await deps.onUrgentWhileHuman?.(conversation, urgent.handoff, ctx);
      return result;
    }
    const outcome = await deps.onHumanModeMessage?.(conversation, message.text, { text, now: ctx.now });
    if (outcome) {
      const released: FlowState = { ...state, misses: 0, lastIntent: 'handoff' };
      delete released.humanAcked;
      delete released.humanAckedAt;
      return commit('handoff', released, 'bot', outcome.replies);
    }
    const after = text ? await deps.safety?.afterUrgent(ctx) : undefined;
    if (after) return commit('handoff', { ...(after.state ?? state), humanAckedAt: ctx.now.toISOString() }, 'human', after.replies);
    // A staff pick-up marks the chat acknowledged without a time: the clock starts at the driver's next message.
    const lastAck = typeof state.humanAckedAt === 'string' ? Date.parse(state.humanAckedAt) : undefined;
    const due = lastAck === undefined ? !state.humanAcked : ctx.now.getTime() - lastAck >= HUMAN_ACK_EVERY_MS;
    const next: FlowState = { ...state, humanAcked: true };
    if (due || lastAck === undefined) next.humanAckedAt = ctx.now.toISOString();
    return commit('handoff', next, 'human', due ? [HUMAN_ACK] : []);
  }

  return {
    async handle(message) {
      const key = `${message.channel}\u0000${message.externalUserId}`;
      const started = performance.now();
      const missed = { value: false };
      try {
        const result = await queue(key, () => turn(message, missed));
        deps.metrics?.turn({
          channel: message.channel,
          intent: result.intent,
          missed: missed.value,
          duplicate: result.duplicate,
          seconds: (performance.now() - started) / 1000,
        });
        return result;
      } catch (err) {
        if (err instanceof ConflictError) deps.log?.warn('turn conflict', { channel: message.channel });
        throw err;
      }
    },
  };
}
