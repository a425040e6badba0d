// Handoff between bot and staff: opening, the queue, cancel, claim, staff replies, hand-back and escalation.
import type { ConversationRecord } from '../core/ports.js';
import type { HumanModeContext, HumanModeOutcome } from '../core/engine.js';
import type { Notifier } from '../core/notifier.js';
import type { OutboxItem } from '../core/ports.js';
import type { FlowState, HandoffRequest, Reply, TurnContext } from '../core/types.js';
import { HOTLINES } from '../core/hotlines.js';
import type { Logger } from '../log.js';
import { PROVINCE_CODE, type RegionDirectory } from '../china/regions.js';
import { CATEGORY_INFO } from '../cases/categories.js';
import { handoffProblem } from './problem.js';
import { templateSummary } from './summary.js';

/** Coded form values by name, so the summary says 运费结算 and 个体或挂靠车主, not freight and owner_operator. */
const VALUE_LABELS: Record<string, string> = {
  ...Object.fromEntries(Object.entries(CATEGORY_INFO).map(([code, info]) => [`category:${code}`, info.label])),
  'employment:employed': '受雇司机',
  'employment:owner_operator': '个体或挂靠车主',
};
import type { Handoff, HandoffStore, TranscriptMessage } from './types.js';
import type { WorkCalendar } from '../china/china-time.js';
import { type WorkingHours, describeOpening, isWorkingTime, workingMinutesBetween } from '../china/working-hours.js';

export interface StaffEvent {
  type: 'handoff' | 'message';
  conversationId: string;
  handoffId?: string;
  regionCode: string | null;
}

export const STAFF_EVENTS_KEY = 'staff';

export interface HandoffServiceDeps {
  store: HandoffStore;
  regions: RegionDirectory;
  workingHours: WorkingHours;
  /** Public holidays (staff off) and 调休 working weekends (staff on). */
  calendar?: WorkCalendar;
  escalateMinutes: number;
  clock: () => Date;
  deliver(item: Omit<OutboxItem, 'id' | 'createdAt'>): Promise<OutboxItem>;
  events: Notifier<StaffEvent>;
  /** The region a grievance case was routed to, when the case domain is connected. */
  caseRegion?: (caseId: string) => Promise<string | null | undefined>;
  log: Logger;
}

const CANCEL = /^(不用了|不用|算了|算了吧|不要了|取消|取消转人工|不转人工了?|不要人工了?|不需要了?|没事了)[吧了啊呀。！!，,\s]*$/;

export const HANDOFF_ACK = '已转人工，工作人员会尽快回复。';
export const CANCELLED_TEXT = '好的，已取消转人工，暖心助手继续为您服务。您还有什么想问的？';
export const HANDBACK_TEXT = '工作人员已结束人工服务，暖心助手继续为您服务。还有什么可以帮您？可以问政策、找暖心之家、登记或查询诉求。';

export type HandoffService = ReturnType<typeof createHandoffService>;

export function createHandoffService(deps: HandoffServiceDeps) {
  const { store, regions } = deps;
  const publish = (h: Pick<Handoff, 'id' | 'conversationId' | 'regionCode'>, type: StaffEvent['type'] = 'handoff') =>
    deps.events.publish(STAFF_EVENTS_KEY, { type, conversationId: h.conversationId, handoffId: h.id, regionCode: h.regionCode });

  /** The one message the driver gets when a person takes over, with the out-of-hours notice when nobody is on duty. */
  function ackReplies(now: Date, lead?: string): Reply[] {
    let text = `${lead ?? ''}${HANDOFF_ACK}`;
    let speech = text;
    if (!isWorkingTime(deps.workingHours, now, deps.calendar)) {
      const back = describeOpening(deps.workingHours, now, deps.calendar);
      text += `\n现在不是工作时间，工作人员${back}上班后回复您。急事请拨打${HOTLINES.transport}交通运输服务热线，遇到危险请拨打${HOTLINES.police}。`;
      speech += `现在不是工作时间，工作人员${back}上班后回复。急事请拨打${HOTLINES.transport}。`;
    }
    return [{ text, speech, quickReplies: ['不用了'] }];
  }

  async function regionFor(
    request: HandoffRequest,
    ctx: Pick<TurnContext, 'state' | 'location'>,
    transcript: TranscriptMessage[],
  ): Promise<{ code: string | null; source?: string }> {
    if (request.caseId && deps.caseRegion) {
      try {
        const code = await deps.caseRegion(request.caseId);
        if (code && regions.kind(code)) return { code, source: `诉求 ${request.caseId}` };
      } catch (err) {
        deps.log.warn('case region lookup failed', { caseId: request.caseId, error: (err as Error).message });
      }
    }
    const data = ctx.state.flow?.data ?? {};
    for (const key of ['countyCode', 'regionCode', 'cityCode']) {
      const v = data[key] ?? ctx.state[key];
      if (typeof v === 'string' && regions.kind(v) && v !== PROVINCE_CODE) return { code: v, source: '表单填写的地点' };
    }
    if (ctx.location) {
      const near = regions.nearest(ctx.location);
      if (near) return { code: near, source: '司机发送的位置' };
    }
    for (const m of [...transcript].reverse()) {
      if (m.author !== 'driver') continue;
      const hit = regions.detect(m.text);
      if (hit) return { code: hit, source: '司机提到的地名' };
    }
    return { code: null };
  }

  async function open(
    conversation: Pick<ConversationRecord, 'id' | 'driverId' | 'state'>,
    request: HandoffRequest,
    ctx: Pick<TurnContext, 'state' | 'location'>,
    now: Date,
  ) {
    const transcript = await store.recentMessages(conversation.id, 30);
    const region = await regionFor(request, ctx, transcript);
    const summary = templateSummary({
      reason: request.reason,
      regionName: regions.name(region.code),
      regionSource: region.source,
      caseId: request.caseId ?? null,
      slots: ctx.state.flow?.data,
      flowName: ctx.state.flow?.name,
      valueLabels: VALUE_LABELS,
      transcript,
      given: request.summary,
    });
    const problem = handoffProblem({
      reason: request.reason,
      regionName: region.code ? regions.name(region.code) : null,
      slots: ctx.state.flow?.data,
      valueLabels: VALUE_LABELS,
      transcript,
    });
    return store.open({
      conversationId: conversation.id,
      driverId: conversation.driverId,
      reason: request.reason,
      summary,
      problem,
      caseId: request.caseId ?? null,
      regionCode: region.code,
      now,
    });
  }

  return {
    ackReplies,

    /** Engine hook: a turn handed the conversation to staff. */
    async start(conversation: ConversationRecord, request: HandoffRequest, ctx: TurnContext): Promise<void> {
      const { handoff, created } = await open(conversation, request, ctx, ctx.now);
      if (created) publish(handoff);
    },

    /** Engine hook: danger told while staff already own the chat; the staff queue is told at once (the case alert goes out with the case). */
    async urgentWhileHuman(conversation: ConversationRecord, request: HandoffRequest, ctx: TurnContext): Promise<void> {
      const { handoff } = await open(conversation, request, ctx, ctx.now);
      publish(handoff);
      deps.log.warn('urgent message while staff own the chat', { conversationId: conversation.id, caseId: request.caseId });
    },

    /** When nobody is on duty: when staff are back (e.g. 周一09:00); undefined in working hours. */
    offHoursBack(now: Date): string | undefined {
      return isWorkingTime(deps.workingHours, now, deps.calendar) ? undefined : describeOpening(deps.workingHours, now, deps.calendar);
    },

    /** Engine hook: a driver message while staff own the conversation. */
    async onDriverMessage(conversation: ConversationRecord, _raw: string, ctx: HumanModeContext): Promise<HumanModeOutcome | void> {
      const handoff = await store.findOpen(conversation.id);
      if (!handoff) {
        // Human mode with no open handoff only happens after a race; give the driver back to the bot rather than to nobody.
        return { mode: 'bot', replies: [{ text: CANCEL.test(ctx.text) ? CANCELLED_TEXT : HANDBACK_TEXT }] };
      }
      if (handoff.status === 'waiting' && CANCEL.test(ctx.text)) {
        const closed = await store.close(handoff.id, 'cancelled', null, ctx.now, true);
        if (closed) {
          publish(closed);
          return { mode: 'bot', replies: [{ text: CANCELLED_TEXT }] };
        }
      }
      publish(handoff, 'message');
    },

    /** Staff take a conversation from the bot. */
    async pickUp(conversationId: string, staffId: string): Promise<Handoff> {
      const now = deps.clock();
      const conversation = await store.conversation(conversationId);
      if (!conversation) throw new Error('conversation not found');
      const { handoff } = await open(conversation, { reason: 'staff' }, { state: conversation.state }, now);
      await store.setMode(conversationId, 'human', (s) => ({ ...s, humanAcked: true }));
      const claimed = (await store.claim(handoff.id, staffId, now, false)) ?? handoff;
      publish(claimed);
      return claimed;
    },

    async claim(handoffId: string, staffId: string, takeover: boolean): Promise<Handoff | undefined> {
      const claimed = await store.claim(handoffId, staffId, deps.clock(), takeover);
      if (claimed) publish(claimed);
      return claimed;
    },

    /** Sends a staff reply on the driver's channel and stores it in the transcript. */
    async reply(handoff: Handoff, staffId: string, text: string): Promise<TranscriptMessage> {
      const conversation = await store.conversation(handoff.conversationId);
      if (!conversation) throw new Error('conversation not found');
      const message = await store.addMessage({ conversationId: conversation.id, channel: conversation.channel, author: 'staff', text });
      await store.markFirstResponse(handoff.id, deps.clock());
      await deps.deliver({
        driverId: conversation.driverId,
        conversationId: conversation.id,
        channel: conversation.channel,
        kind: 'staff_reply',
        text,
        payload: { staffId },
      });
      publish(handoff, 'message');
      return message;
    },

    /** Staff give the conversation back: the bot greets the driver again. */
    async handBack(handoff: Handoff, staffId: string): Promise<Handoff | undefined> {
      const now = deps.clock();
      const closed = await store.close(handoff.id, 'returned', staffId, now, false);
      if (!closed) return undefined;
      await store.setMode(handoff.conversationId, 'bot', (s) => {
        const next: FlowState = { ...s, misses: 0 };
        delete next.humanAcked;
        return next;
      });
      const conversation = await store.conversation(handoff.conversationId);
      if (conversation) {
        await store.addMessage({ conversationId: conversation.id, channel: conversation.channel, author: 'bot', text: HANDBACK_TEXT });
        await deps.deliver({
          driverId: conversation.driverId,
          conversationId: conversation.id,
          channel: conversation.channel,
          kind: 'handback',
          text: HANDBACK_TEXT,
          payload: null,
        });
      }
      publish(closed);
      return closed;
    },

    /**
     * Moves unclaimed handoffs one level up (county → city → province) once they have waited too long in working hours: a
     * request on Friday night, told "周一09:00", escalates only after Monday's opening plus the wait.
     */
    async escalateDue(now = deps.clock()): Promise<Handoff[]> {
      // Working time never exceeds clock time, so the clock-time query finds every candidate.
      const before = new Date(now.getTime() - deps.escalateMinutes * 60_000);
      const moved: Handoff[] = [];
      for (const h of await store.dueForEscalation(before)) {
        const since = h.escalatedAt ?? h.createdAt;
        if (workingMinutesBetween(deps.workingHours, since, now, deps.calendar) < deps.escalateMinutes) continue;
        const from = h.escalatedTo ?? h.regionCode;
        if (from === null || from === PROVINCE_CODE) continue;
        const to = regions.parent(from) ?? PROVINCE_CODE;
        if (await store.escalate(h.id, to, now)) {
          const escalated = { ...h, escalatedTo: to, escalatedAt: now };
          moved.push(escalated);
          publish(escalated);
          deps.log.info('handoff escalated', { handoffId: h.id, from, to });
        }
      }
      return moved;
    },
  };
}
