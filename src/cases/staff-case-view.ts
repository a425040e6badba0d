// How a case reads on the staff console: Chinese labels, the inbox line, labelled facts, event lines and the callback.
import type { StaffCaseDetail, StaffCaseEvent as PortEvent, StaffCaseOption, StaffCaseSummary } from '../staff/case-port.js';
import { CASE_CATEGORIES, CATEGORY_INFO } from './categories.js';
import type { CaseRecord } from './case-store.js';
import type { StaffCaseEvent } from './staff-case-queries.js';
import { CASE_STATUSES, type CaseStatus } from './status-machine.js';

/** Staff wording for statuses (the driver-facing wording lives in status-machine.ts). */
export const STAFF_STATUS_LABELS: Record<CaseStatus, string> = {
  received: '待转办',
  assigned: '已转办',
  in_progress: '办理中',
  resolved: '已办结（待回访）',
  callback_done: '已回访',
  closed: '已结案',
  reopened: '重新办理',
  rejected: '不予受理',
};

export const STATUS_OPTIONS: StaffCaseOption[] = CASE_STATUSES.map((value) => ({ value, label: STAFF_STATUS_LABELS[value] }));
export const CATEGORY_OPTIONS: StaffCaseOption[] = CASE_CATEGORIES.map((value) => ({ value, label: CATEGORY_INFO[value].label }));

const statusLabel = (s: string | null) => (s ? (STAFF_STATUS_LABELS[s as CaseStatus] ?? s) : '');
const categoryLabel = (c: string) => CATEGORY_INFO[c as (typeof CASE_CATEGORIES)[number]]?.label ?? c;
const LEVEL_LABELS: Record<string, string> = { county: '县级', city: '市级', province: '省级' };
const PRIORITY_LABELS: Record<string, string> = { normal: '普通', high: '较高', urgent: '紧急' };

/** The county or city desk a case sits at; null at the province desk. */
export function regionOf(record: Pick<CaseRecord, 'level' | 'desk'>): string | null {
  if (record.level === 'province') return null;
  return record.desk.slice(record.desk.indexOf(':') + 1) || null;
}

/** The milestone the case's current deadline belongs to (the same choice as the store's due-time query). */
export function milestoneOf(record: Pick<CaseRecord, 'status' | 'firstFeedbackAt' | 'feedbackDueAt' | 'resolveDueAt'>): string | undefined {
  if (record.status === 'received') return '转办';
  if (record.status === 'resolved') return '回访';
  if (!['assigned', 'in_progress', 'reopened'].includes(record.status)) return undefined;
  if (record.firstFeedbackAt) return '办理意见';
  const feedback = record.feedbackDueAt?.getTime() ?? Infinity;
  const resolve = record.resolveDueAt?.getTime() ?? Infinity;
  return feedback <= resolve ? '首次反馈' : '办理意见';
}

export function summaryOf(record: CaseRecord, dueAt: Date | null, now: Date): StaffCaseSummary {
  const description = record.description.length > 40 ? `${record.description.slice(0, 40)}…` : record.description;
  return {
    id: record.number,
    status: record.status,
    category: record.category,
    title: `${categoryLabel(record.category)}：${description}`,
    regionCode: regionOf(record),
    urgent: record.priority === 'urgent',
    createdAt: record.createdAt,
    dueAt,
    overdue: dueAt !== null && dueAt.getTime() < now.getTime(),
    ...(dueAt && milestoneOf(record) ? { milestone: milestoneOf(record) } : {}),
    conversationId: record.conversationId,
  };
}

function factsOf(r: CaseRecord, placeName: (code: string) => string, linked: string[]): { label: string; value: string }[] {
  const facts: [string, string | null | undefined][] = [
    ['诉求编号', r.number],
    // Two problems told in one message were filed as two cases; each shows the other, whichever staff open first.
    ['关联诉求', linked.join('、')],
    ['类别', categoryLabel(r.category)],
    ['问题描述', r.description],
    ['对方', r.counterpart],
    ['涉及金额', r.amountYuan === null ? null : `${r.amountYuan.toLocaleString('zh-CN')}元`],
    ['发生时间', r.startedText ? `${r.startedText}${r.startedOn ? `（约 ${r.startedOn}）` : ''}` : r.startedOn],
    ['地点', r.countyCode ? placeName(r.countyCode) : r.cityCode ? placeName(r.cityCode) : '未说明'],
    ['身份', r.employment === 'employed' ? '受雇司机' : r.employment === 'owner_operator' ? '个体车主' : null],
    ['联系电话', r.phone],
    ['同意转交承办单位', r.consentAt ? '同意' : '未同意（紧急情况直接转工作人员）'],
    ['优先级', PRIORITY_LABELS[r.priority] ?? r.priority],
    ['承办层级', `${LEVEL_LABELS[r.level] ?? r.level}${r.escalations ? `（超期升级 ${r.escalations} 次）` : ''}`],
    ['承办人', r.assignee],
    ['办理结果', r.resolution],
    ['不予受理原因', r.rejectReason],
    ['渠道', r.channel],
  ];
  return facts.filter((f): f is [string, string] => Boolean(f[1])).map(([label, value]) => ({ label, value }));
}

function eventText(e: StaffCaseEvent, placeName: (code: string) => string): string {
  const data = (e.data ?? {}) as Record<string, unknown>;
  const note = e.note ? `：${e.note}` : '';
  const desk = (d: unknown) => (typeof d === 'string' && d.includes(':') ? placeName(d.slice(d.indexOf(':') + 1)) : '省级');
  switch (e.kind) {
    case 'created':
      return `司机登记诉求（${categoryLabel(String(data.category ?? ''))}）${data.urgent ? '，紧急' : ''}${data.linkedTo ? '，与同时反映的另一件关联' : ''}`;
    case 'assigned':
      return data.assignee ? `指定承办人 ${String(data.assignee)}` : `转办到${desk(data.desk)}`;
    case 'transferred':
      return `转交${desk(data.toDesk)}${note}`;
    case 'escalated':
      return `超期升级：${desk(data.fromDesk)} → ${desk(data.toDesk)}`;
    case 'status_changed':
      return `状态：${statusLabel(e.fromStatus)} → ${statusLabel(e.toStatus)}${note}`;
    case 'note':
      return `内部备注${note}`;
    case 'feedback':
      return `告知司机进展${note}`;
    case 'callback_asked':
      return '已向司机发出回访问题';
    case 'callback':
      if (data.reached === false) return `回访未联系上${note}`;
      return `回访：${data.solved ? '问题已解决' : '问题未解决'}${typeof data.rating === 'number' ? `，满意度 ${data.rating}/5` : ''}${note}`;
    case 'rating':
      return `满意度 ${String(data.rating)}/5`;
    default:
      return `${e.kind}${note}`;
  }
}

function actorLabel(e: StaffCaseEvent): string | null {
  if (e.actorName) return e.actorName;
  if (e.actor === 'driver') return '司机';
  if (e.actor.startsWith('system:')) return '系统';
  return e.actor;
}

export function detailOf(
  record: CaseRecord,
  dueAt: Date | null,
  events: StaffCaseEvent[],
  now: Date,
  placeName: (code: string) => string,
  linked: string[] = [],
): StaffCaseDetail {
  const lastCallback = events.filter((e) => e.kind === 'callback').at(-1);
  const data = (lastCallback?.data ?? {}) as Record<string, unknown>;
  return {
    ...summaryOf(record, dueAt, now),
    facts: factsOf(record, placeName, linked),
    // A rating is also on its callback event; listing it twice would only repeat it.
    events: events
      .filter((e) => e.kind !== 'rating')
      .map((e): PortEvent => ({ at: e.at, kind: e.kind, text: eventText(e, placeName), actor: actorLabel(e) })),
    callback: lastCallback
      ? {
          at: lastCallback.at,
          reached: data.reached !== false,
          rating: typeof data.rating === 'number' ? data.rating : null,
          note: lastCallback.note,
        }
      : null,
  };
}

export { categoryLabel as staffCategoryLabel };
