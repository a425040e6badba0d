// The case service: files grievances, moves them through the status machine, and keeps the driver informed.
import { z } from 'zod';
import type { OutboxItem } from '../core/ports.js';
import { AppError } from '../errors.js';
import type { CaseFilter, CaseMutation, CaseRecord, CaseStore, DriverCaseSummary, NewCaseEvent } from './case-store.js';
import { addWorkingDays } from '../china/china-time.js';
import { calendarFrom, callbackDueFrom, deadlinesFrom } from './deadlines.js';
import type { CaseNotifier } from './notify-webhook.js';
import { deskFor, routeCase, type CaseLevel, type RoutingRules } from './routing.js';
import { canTransition, InvalidTransitionError, type CaseStatus } from './status-machine.js';
import {
  fileCaseSchema,
  statusOptions,
  assignOptions,
  transferOptions,
  noteOptions,
  phoneOptions,
  resolveOptions,
  attemptOptions,
  callbackOptions,
  filterSchema,
  parse,
  type FileCaseInput,
} from './case-inputs.js';
import { categoryLabel, callbackQuestion } from './case-wording.js';
export { categoryLabel, callbackQuestion } from './case-wording.js';

export { fileCaseSchema, type FileCaseInput } from './case-inputs.js';

export const CALLBACK_FLOW = 'case_callback';

/** Who delivers the driver's notice for a change: the case service, or the caller (so the driver never hears it twice). */
export type NoticeDelivery = 'service' | 'caller';

/** The driver-facing texts for case changes, shared by the service's own delivery and callers that deliver themselves. */
export const caseNotices = {
  rejected: (r: Pick<CaseRecord, 'number' | 'category'>, reason: string) =>
    `您的诉求${r.number}（${categoryLabel(r.category)}）未被受理，原因：${reason}。如有疑问可以回复“转人工”。`,
  feedback: (r: Pick<CaseRecord, 'number' | 'category'>, text: string) => `您的诉求${r.number}（${categoryLabel(r.category)}）有新进展：${text}`,
  resolved: (r: Pick<CaseRecord, 'number' | 'category'>, resolution: string) =>
    `您的诉求${r.number}（${categoryLabel(r.category)}）已办结。办理结果：${resolution}\n稍后我们会回访，问问您是否满意、问题是否真的解决了。`,
  reopened: (r: Pick<CaseRecord, 'number' | 'category'>) =>
    `您的诉求${r.number}（${categoryLabel(r.category)}）已重新交承办单位办理，有进展会再告诉您。`,
};

/** A message to the driver that is not a direct reply: an outbox item before it is stored. */
export type DriverMessage = Omit<OutboxItem, 'id' | 'createdAt'>;

export interface CaseServiceDeps {
  store: CaseStore;
  rules: RoutingRules;
  notifier?: CaseNotifier;
  /** Sends a message that is not a direct reply (the runtime's outbox). */
  deliver?: (message: DriverMessage) => Promise<unknown>;
  clock?: () => Date;
  /** How long after resolution the callback question is asked (the 2-working-day callback deadline still applies). */
  callbackDelayMs?: number;
  log?: { warn(msg: string, fields?: Record<string, unknown>): void };
}

function statusEvent(from: CaseStatus, to: CaseStatus, by: string, note?: string): NewCaseEvent {
  return { kind: 'status_changed', actor: by, fromStatus: from, toStatus: to, ...(note ? { note } : {}) };
}

export type CaseService = ReturnType<typeof createCaseService>;

export function createCaseService(deps: CaseServiceDeps) {
  const { store, rules } = deps;
  const clock = deps.clock ?? (() => new Date());
  const callbackDelayMs = deps.callbackDelayMs ?? 60 * 60_000;
  const calendar = calendarFrom(rules);

  async function tellDriver(record: CaseRecord, kind: string, message: string): Promise<void> {
    if (!deps.deliver) return;
    try {
      await deps.deliver({
        driverId: record.driverId,
        conversationId: record.conversationId,
        channel: record.channel,
        kind,
        text: message,
        payload: { caseId: record.number },
      });
    } catch (err) {
      // The case change is committed; a failed notice is logged and the driver can still ask for the status.
      deps.log?.warn('case notice not delivered', { case: record.number, kind, error: err instanceof Error ? err.message : String(err) });
    }
  }

  function transition(current: CaseRecord, to: CaseStatus, by: string, note?: string): CaseMutation {
    if (!canTransition(current.status, to)) throw new InvalidTransitionError(current.status, to);
    return { patch: { status: to }, events: [statusEvent(current.status, to, by, note)] };
  }

  /** Fresh handling deadlines from now, for reopened cases. */
  function freshDeadlines(now: Date) {
    const d = deadlinesFrom(now, rules);
    return { transferDueAt: d.transferDueAt, feedbackDueAt: d.feedbackDueAt, resolveDueAt: d.resolveDueAt, firstFeedbackAt: null };
  }

  const service = {
    rules,

    async fileCase(raw: FileCaseInput): Promise<{ record: CaseRecord; created: boolean }> {
      const input = parse(fileCaseSchema, raw);
      if (!input.consent && !input.urgent)
        throw new AppError('bad_request', 'a case is shared with the handling department only with the driver’s consent', 'consent');
      if (input.linkedTo) {
        const other = await store.get(input.linkedTo);
        // A link only ever joins two problems of one driver; anything else is a caller's mistake, not a silent drop.
        if (!other || other.driverId !== input.driverId) throw new AppError('bad_request', 'linkedTo must be a case of the same driver', 'linkedTo');
      }
      const now = clock();
      const priority = input.urgent ? 'urgent' : 'normal';
      const route = routeCase(
        { category: input.category, amountYuan: input.amountYuan, countyCode: input.countyCode, cityCode: input.cityCode, priority },
        rules,
      );
      const deadlines = deadlinesFrom(now, rules);
      const { record, created } = await store.create(
        {
          driverId: input.driverId,
          conversationId: input.conversationId,
          channel: input.channel,
          intakeKey: input.intakeKey,
          linkedCaseId: input.linkedTo ?? null,
          category: input.category,
          description: input.description,
          counterpart: input.counterpart ?? null,
          amountYuan: input.amountYuan ?? null,
          startedText: input.startedText ?? null,
          startedOn: input.startedOn ?? null,
          countyCode: input.countyCode ?? null,
          cityCode: input.cityCode ?? null,
          employment: input.employment ?? null,
          phone: input.phone ?? null,
          consentAt: input.consent ? now : null,
          // Routing is immediate (即时转办): the case reaches its desk in the same transaction it is filed.
          status: 'assigned',
          priority: route.priority,
          level: route.level,
          desk: route.desk,
          routeRule: route.ruleId ?? null,
          ...deadlines,
        },
        [
          {
            kind: 'created',
            actor: 'driver',
            toStatus: 'received',
            data: { category: input.category, urgent: input.urgent, consent: input.consent, linkedTo: input.linkedTo ?? null },
          },
          {
            kind: 'assigned',
            actor: 'system:routing',
            fromStatus: 'received',
            toStatus: 'assigned',
            data: { level: route.level, desk: route.desk, rule: route.ruleId ?? null },
          },
        ],
        now,
      );
      if (created) {
        deps.notifier?.notify({
          kind: route.priority === 'urgent' ? 'urgent' : 'new',
          total: 1,
          cases: [{ number: record.number, category: record.category, priority: record.priority, level: record.level }],
        });
      }
      return { record, created };
    },

    async getCase(ref: string): Promise<CaseRecord | undefined> {
      return store.get(ref);
    },

    async caseEvents(ref: string) {
      const record = await store.get(ref);
      if (!record) throw new AppError('not_found', `no case ${ref.slice(0, 60)}`);
      return store.events(record.id);
    },

    async listCases(filter: z.input<typeof filterSchema> = {}): Promise<CaseRecord[]> {
      const f = parse(filterSchema, filter);
      const storeFilter: CaseFilter = { ...f, ...(f.overdue ? { overdueAt: clock() } : {}) };
      return store.list(storeFilter);
    },

    async listDriverCases(driverId: string, limit = 5): Promise<DriverCaseSummary[]> {
      return store.listByDriver(driverId, Math.min(Math.max(limit, 1), 20));
    },

    async transitionCase(ref: string, to: CaseStatus, raw: z.input<typeof statusOptions>, notices: NoticeDelivery = 'service'): Promise<CaseRecord> {
      const opts = parse(statusOptions, raw);
      if (to === 'rejected' && !opts.reason) throw new AppError('bad_request', 'rejecting a case needs a reason', 'reason');
      if (to === 'resolved') return service.resolveCase(ref, { actor: opts.actor, resolution: opts.note ?? opts.reason ?? '' }, notices);
      const now = clock();
      const record = await store.mutate(
        ref,
        (current) => {
          const m = transition(current, to, opts.actor, opts.note ?? opts.reason);
          if (to === 'rejected') m.patch.rejectReason = opts.reason ?? null;
          if (to === 'closed') m.patch.closedAt = now;
          if (to === 'reopened')
            Object.assign(m.patch, freshDeadlines(now), { resolvedAt: null, callbackDueAt: null, closedAt: null, rejectReason: null });
          return m;
        },
        now,
      );
      if (to === 'rejected' && notices === 'service') await tellDriver(record, 'case_rejected', caseNotices.rejected(record, opts.reason ?? ''));
      return record;
    },

    async assignCase(ref: string, raw: z.input<typeof assignOptions>): Promise<CaseRecord> {
      const opts = parse(assignOptions, raw);
      return store.mutate(
        ref,
        (current) => {
          const events: NewCaseEvent[] = [{ kind: 'assigned', actor: opts.actor, data: { assignee: opts.assignee, desk: current.desk } }];
          const patch: CaseMutation['patch'] = { assignee: opts.assignee };
          if (current.status === 'received' || current.status === 'reopened') {
            events.push(statusEvent(current.status, 'assigned', opts.actor));
            patch.status = 'assigned';
          } else if (!['assigned', 'in_progress'].includes(current.status)) {
            throw new InvalidTransitionError(current.status, 'assigned');
          }
          return { patch, events };
        },
        clock(),
      );
    },

    async transferCase(ref: string, raw: z.input<typeof transferOptions>): Promise<CaseRecord> {
      const opts = parse(transferOptions, raw);
      return store.mutate(
        ref,
        (current) => {
          if (['closed', 'rejected', 'callback_done'].includes(current.status)) throw new InvalidTransitionError(current.status, 'assigned');
          const target = opts.desk ? { level: opts.level as CaseLevel, desk: opts.desk } : deskFor(opts.level, current, rules.provinceCode);
          return {
            patch: { level: target.level, desk: target.desk, assignee: null },
            events: [
              {
                kind: 'transferred',
                actor: opts.actor,
                note: opts.reason,
                data: { fromLevel: current.level, fromDesk: current.desk, toLevel: target.level, toDesk: target.desk },
              },
            ],
          };
        },
        clock(),
      );
    },

    async addNote(ref: string, raw: z.input<typeof noteOptions>): Promise<CaseRecord> {
      const opts = parse(noteOptions, raw);
      return store.mutate(ref, () => ({ patch: {}, events: [{ kind: 'note', actor: opts.actor, note: opts.text }] }), clock());
    },

    /** The driver's new callback number (or none): the case keeps it and staff see the change as an event. */
    async changePhone(ref: string, raw: z.input<typeof phoneOptions>): Promise<CaseRecord> {
      const opts = parse(phoneOptions, raw);
      return store.mutate(
        ref,
        () => ({
          patch: { phone: opts.phone },
          events: [{ kind: 'note', actor: opts.actor, note: opts.phone ? `司机更新了回访电话：${opts.phone}` : '司机不再留回访电话' }],
        }),
        clock(),
      );
    },

    async addFeedback(ref: string, raw: z.input<typeof noteOptions>, notices: NoticeDelivery = 'service'): Promise<CaseRecord> {
      const opts = parse(noteOptions, raw);
      const now = clock();
      const record = await store.mutate(
        ref,
        (current) => {
          if (['closed', 'rejected'].includes(current.status)) throw new InvalidTransitionError(current.status, current.status);
          const patch: CaseMutation['patch'] = current.firstFeedbackAt ? {} : { firstFeedbackAt: now };
          const events: NewCaseEvent[] = [{ kind: 'feedback', actor: opts.actor, note: opts.text }];
          // Feedback from an assigned desk means the desk has taken the case up.
          if (current.status === 'assigned') {
            patch.status = 'in_progress';
            events.push(statusEvent('assigned', 'in_progress', opts.actor));
          }
          return { patch, events };
        },
        now,
      );
      if (notices === 'service') await tellDriver(record, 'case_feedback', caseNotices.feedback(record, opts.text));
      return record;
    },

    async resolveCase(ref: string, raw: z.input<typeof resolveOptions>, notices: NoticeDelivery = 'service'): Promise<CaseRecord> {
      const opts = parse(resolveOptions, raw);
      const now = clock();
      const callbackDueAt = callbackDueFrom(now, rules);
      const record = await store.mutate(
        ref,
        (current) => {
          const m = transition(current, 'resolved', opts.actor, opts.resolution);
          Object.assign(m.patch, { resolution: opts.resolution, resolvedAt: now, callbackDueAt, firstFeedbackAt: current.firstFeedbackAt ?? now });
          m.followups = [
            { kind: 'result', dueAt: now, sentAt: now },
            { kind: 'callback', dueAt: new Date(Math.min(now.getTime() + callbackDelayMs, callbackDueAt.getTime())) },
          ];
          return m;
        },
        now,
      );
      if (notices === 'service') await tellDriver(record, 'case_resolved', caseNotices.resolved(record, opts.resolution));
      return record;
    },

    async recordCallback(ref: string, raw: z.input<typeof callbackOptions>): Promise<CaseRecord> {
      const opts = parse(callbackOptions, raw);
      const now = clock();
      return store.mutate(
        ref,
        (current) => {
          if (current.status !== 'resolved') throw new InvalidTransitionError(current.status, opts.solved ? 'callback_done' : 'reopened');
          const rating = opts.rating ?? null;
          const events: NewCaseEvent[] = [
            { kind: 'callback', actor: opts.actor, data: { solved: opts.solved, rating }, ...(opts.note ? { note: opts.note } : {}) },
          ];
          if (rating !== null) events.push({ kind: 'rating', actor: opts.actor, data: { rating } });
          if (opts.solved) {
            events.push(
              statusEvent('resolved', 'callback_done', opts.actor),
              statusEvent('callback_done', 'closed', 'system:callback', '司机确认已解决'),
            );
            return { patch: { status: 'closed', rating, solved: true, closedAt: now }, events, answerCallback: { rating, solved: true } };
          }
          // "Not solved" sends it back to the same desk with fresh deadlines and a higher priority.
          events.push(statusEvent('resolved', 'reopened', opts.actor, '回访时司机表示问题没有解决'));
          return {
            patch: {
              status: 'reopened',
              rating,
              solved: false,
              resolvedAt: null,
              callbackDueAt: null,
              priority: current.priority === 'urgent' ? 'urgent' : 'high',
              ...freshDeadlines(now),
            },
            events,
            answerCallback: { rating, solved: false },
          };
        },
        now,
      );
    },

    async recordCallbackAttempt(ref: string, raw: z.input<typeof attemptOptions>): Promise<CaseRecord> {
      const opts = parse(attemptOptions, raw);
      return store.mutate(
        ref,
        () => ({ patch: {}, events: [{ kind: 'callback', actor: opts.actor, data: { reached: false }, ...(opts.note ? { note: opts.note } : {}) }] }),
        clock(),
      );
    },

    async sendDueCallbacks(at?: Date): Promise<number> {
      const now = at ?? clock();
      let sent = 0;
      for (const due of await store.dueCallbacks(now, 200)) {
        const { record } = due;
        if (record.conversationId) {
          const waiting = await store.setPendingCallback(record.conversationId, {
            name: CALLBACK_FLOW,
            data: { caseId: record.number, askedAt: now.toISOString(), tries: 0 },
            startedAt: now.toISOString(),
          });
          // The driver is in the middle of another form (or with staff): ask at the next sweep.
          if (!waiting) continue;
        }
        await store.mutate(record.id, () => ({ patch: {}, events: [{ kind: 'callback_asked', actor: 'system:callback' }] }), now);
        await store.markFollowupSent(due.followupId, now);
        await tellDriver(record, 'case_callback', callbackQuestion(record));
        sent++;
      }
      return sent;
    },

    async sweep(at?: Date): Promise<{ escalated: number; callbacksSent: number }> {
      const now = at ?? clock();
      const outcome = await store.sweepOverdue({
        now,
        transferDueAt: new Date(now.getTime() + rules.deadlines.transferHours * 3600_000),
        feedbackDueAt: addWorkingDays(now, rules.deadlines.feedbackWorkingDays, calendar),
        resolveDueAt: addWorkingDays(now, rules.deadlines.opinionWorkingDays, calendar),
        provinceCode: rules.provinceCode,
      });
      if (outcome.escalated) deps.notifier?.notify({ kind: 'overdue', total: outcome.escalated, cases: outcome.sample });
      const callbacksSent = await service.sendDueCallbacks(now);
      return { escalated: outcome.escalated, callbacksSent };
    },
  };
  return service;
}
