// The staff console's StaffCasePort over the case service and ledger: console actions map onto the status machine,
// and driver notices are handed back to the console (which delivers them) instead of being sent here.
import { AppError } from '../errors.js';
import type { CaseDashboard, StaffActor, StaffCaseActionResult, StaffCasePort } from '../staff/case-port.js';
import { CasePortError } from '../staff/case-port.js';
import { caseNotices, type CaseService } from './case-service.js';
import { CASE_CATEGORIES } from './categories.js';
import { CATEGORY_OPTIONS, STATUS_OPTIONS, STAFF_STATUS_LABELS, detailOf, summaryOf } from './staff-case-view.js';
import type { StaffCaseQueries } from './staff-case-queries.js';
import { allowedTransitions, CASE_STATUSES, InvalidTransitionError, type CaseStatus } from './status-machine.js';

export interface StaffCasePortDeps {
  service: CaseService;
  queries: StaffCaseQueries;
  /** The region directory's name for a county or city code (the staff domain's wording). */
  placeName: (code: string) => string;
  clock: () => Date;
}

const isStatus = (s: string): s is CaseStatus => (CASE_STATUSES as readonly string[]).includes(s);
const label = (s: CaseStatus) => STAFF_STATUS_LABELS[s];

/** Turns the case domain's refusals into messages staff can act on. */
function staffError(err: unknown): never {
  if (err instanceof InvalidTransitionError) {
    const allowed = allowedTransitions(err.from).map(label);
    throw new CasePortError(
      err.from === err.to
        ? `诉求当前为“${label(err.from)}”，不能这样操作`
        : `诉求当前为“${label(err.from)}”，不能改为“${label(err.to)}”${allowed.length ? `；可以改为：${allowed.join('、')}` : '；这个诉求已结束'}`,
      'conflict',
    );
  }
  if (err instanceof AppError && (err.code === 'not_found' || err.code === 'bad_request' || err.code === 'conflict')) {
    throw new CasePortError(err.code === 'not_found' ? '没有这个诉求' : `操作未完成：${err.message}`, err.code);
  }
  throw err;
}

export function createStaffCasePort(deps: StaffCasePortDeps): StaffCasePort & { connected: true } {
  const { service, queries, clock } = deps;

  async function detail(ref: string) {
    const row = await queries.get(ref);
    if (!row) return undefined;
    const [events, linked] = await Promise.all([queries.events(row.record.id), queries.linkedNumbers(row.record)]);
    return detailOf(row.record, row.dueAt, events, clock(), deps.placeName, linked);
  }

  async function act(ref: string, run: () => Promise<string | undefined>): Promise<StaffCaseActionResult> {
    let driverNotice: string | undefined;
    try {
      driverNotice = await run();
    } catch (err) {
      staffError(err);
    }
    const updated = await detail(ref);
    if (!updated) throw new CasePortError('没有这个诉求', 'not_found');
    return { case: updated, ...(driverNotice ? { driverNotice } : {}) };
  }

  async function current(ref: string) {
    const record = await service.getCase(ref);
    if (!record) throw new CasePortError('没有这个诉求', 'not_found');
    return record;
  }

  return {
    connected: true,
    statuses: () => STATUS_OPTIONS,
    categories: () => CATEGORY_OPTIONS,

    async listCases(filter) {
      if (filter.status && !isStatus(filter.status)) return [];
      if (filter.category && !(CASE_CATEGORIES as readonly string[]).includes(filter.category)) return [];
      const now = clock();
      const rows = await queries.list({
        regionCodes: filter.regionCodes,
        includeProvince: filter.includeUnknownRegion,
        ...(filter.status ? { status: filter.status as CaseStatus } : {}),
        ...(filter.category ? { category: filter.category } : {}),
        ...(filter.overdue ? { overdueAt: now } : {}),
        ...(filter.driverId ? { driverId: filter.driverId } : {}),
        limit: filter.limit,
      });
      return rows.map((r) => summaryOf(r.record, r.dueAt, now));
    },

    getCase: (id) => detail(id),

    async changeStatus(id, status, actor: StaffActor, note) {
      if (!isStatus(status)) throw new CasePortError(`没有“${status.slice(0, 40)}”这个状态`);
      const text = note?.trim() || undefined;
      return act(id, async () => {
        const record = await current(id);
        if (record.status === status && status !== 'in_progress') throw new CasePortError(`诉求已经是“${label(status)}”`, 'conflict');
        switch (status) {
          case 'resolved': {
            if (!text) throw new CasePortError('办结需要在“办理说明”里写明办理结果，这段话会发给司机');
            const done = await service.resolveCase(id, { actor: actor.staffId, resolution: text }, 'caller');
            return caseNotices.resolved(done, text);
          }
          case 'rejected': {
            if (!text) throw new CasePortError('不予受理需要在“办理说明”里写明原因，这段话会发给司机');
            const done = await service.transitionCase(id, 'rejected', { actor: actor.staffId, reason: text }, 'caller');
            return caseNotices.rejected(done, text);
          }
          case 'in_progress': {
            // A note with "办理中" is progress for the driver and counts as the feedback the deadline asks for.
            if (record.status === 'in_progress' && !text) throw new CasePortError('诉求已经是“办理中”；要告知司机进展，请写办理说明', 'conflict');
            if (record.status !== 'in_progress' && !(record.status === 'assigned' && text))
              await service.transitionCase(id, 'in_progress', { actor: actor.staffId });
            if (!text) return undefined;
            const done = await service.addFeedback(id, { actor: actor.staffId, text }, 'caller');
            return caseNotices.feedback(done, text);
          }
          case 'reopened': {
            const done = await service.transitionCase(id, 'reopened', { actor: actor.staffId, ...(text ? { note: text } : {}) }, 'caller');
            return caseNotices.reopened(done);
          }
          default:
            await service.transitionCase(id, status, { actor: actor.staffId, ...(text ? { note: text } : {}) }, 'caller');
            return undefined;
        }
      });
    },

    addNote: (id, text, actor) =>
      act(id, async () => {
        await service.addNote(id, { actor: actor.staffId, text });
        return undefined;
      }),

    recordCallback: (id, input, actor) =>
      act(id, async () => {
        const note = input.note?.trim() || undefined;
        if (!input.reached) {
          await service.recordCallbackAttempt(id, { actor: actor.staffId, ...(note ? { note } : {}) });
          return undefined;
        }
        if (input.solved === undefined || input.solved === null) throw new CasePortError('请选择回访结果：问题是否已经解决');
        const record = await current(id);
        if (record.status !== 'resolved')
          throw new CasePortError(`诉求当前为“${label(record.status)}”，只有已办结（待回访）的诉求可以记录回访结果`, 'conflict');
        const done = await service.recordCallback(id, {
          actor: actor.staffId,
          solved: input.solved,
          rating: input.rating,
          ...(note ? { note } : {}),
        });
        return input.solved ? undefined : caseNotices.reopened(done);
      }),

    async dashboard(filter): Promise<CaseDashboard> {
      const rows = await queries.dashboard({
        regionCodes: filter.regionCodes,
        includeProvince: filter.includeUnknownRegion,
        from: filter.from,
        to: filter.to,
        now: clock(),
      });
      const labels = new Map(CATEGORY_OPTIONS.map((o) => [o.value, o.label]));
      const days = new Map<string, Record<string, number>>();
      for (const r of rows.byStatusPerDay) {
        const counts = days.get(r.day) ?? {};
        counts[r.status] = r.count;
        days.set(r.day, counts);
      }
      return {
        byCategory: rows.byCategory.map((r) => ({ key: r.category, label: labels.get(r.category) ?? r.category, count: r.count })),
        byRegion: rows.byRegion,
        byStatusOverTime: [...days].map(([day, counts]) => ({ day, counts })),
        medianFirstResponseMinutes: rows.medianFirstResponseMinutes,
        medianResolutionHours: rows.medianResolutionHours,
        deadlineCompliance: rows.deadlinesDue ? rows.deadlinesMet / rows.deadlinesDue : null,
        deadlinesDue: rows.deadlinesDue,
        deadlinesMet: rows.deadlinesMet,
        total: rows.total,
      };
    },
  };
}
