// An in-memory StaffCasePort for console tests: cases with a region, statuses, notes, callbacks and a driver notice on closing.
import type { CaseDashboard, StaffCaseDetail, StaffCasePort } from '../../src/staff/case-port.js';
import { CasePortError } from '../../src/staff/case-port.js';

const STATUSES = [
  { value: 'new', label: '新登记' },
  { value: 'transferred', label: '已转办' },
  { value: 'in_progress', label: '办理中' },
  { value: 'resolved', label: '已办结' },
];
const CATEGORIES = [
  { value: 'unpaid_freight', label: '欠运费' },
  { value: 'fines', label: '乱罚款' },
];

export interface FakeCasePort extends StaffCasePort {
  add(input: {
    id: string;
    regionCode: string | null;
    conversationId?: string | null;
    driverId?: string;
    category?: string;
    title?: string;
  }): StaffCaseDetail;
  cases: Map<string, StaffCaseDetail>;
}

export function createFakeCasePort(clock: () => Date = () => new Date()): FakeCasePort {
  const cases = new Map<string, StaffCaseDetail>();
  const driverOf = new Map<string, string>();
  const label = (s: string) => STATUSES.find((x) => x.value === s)?.label ?? s;
  return {
    connected: true,
    cases,
    statuses: () => STATUSES,
    categories: () => CATEGORIES,
    add(input) {
      const item: StaffCaseDetail = {
        id: input.id,
        status: 'new',
        category: input.category ?? 'unpaid_freight',
        title: input.title ?? '运费被拖欠 8000 元',
        regionCode: input.regionCode,
        urgent: false,
        createdAt: clock(),
        dueAt: new Date(clock().getTime() + 2 * 3_600_000),
        overdue: false,
        conversationId: input.conversationId ?? null,
        facts: [{ label: '欠款金额', value: '8000元' }],
        events: [{ at: clock(), kind: 'created', text: '诉求已登记', actor: null }],
        callback: null,
      };
      cases.set(item.id, item);
      if (input.driverId) driverOf.set(item.id, input.driverId);
      return item;
    },
    async listCases(filter) {
      return [...cases.values()].filter(
        (c) =>
          (!filter.status || c.status === filter.status) &&
          (!filter.category || c.category === filter.category) &&
          (!filter.driverId || driverOf.get(c.id) === filter.driverId) &&
          (!filter.regionCodes || filter.regionCodes.includes(c.regionCode ?? '') || (c.regionCode === null && filter.includeUnknownRegion)),
      );
    },
    async getCase(id) {
      return cases.get(id);
    },
    async changeStatus(id, status, actor, note) {
      const c = cases.get(id);
      if (!c) throw new CasePortError('没有这个诉求', 'not_found');
      if (!STATUSES.some((s) => s.value === status)) throw new CasePortError(`没有“${status}”这个状态`);
      c.status = status;
      c.events.push({ at: clock(), kind: 'status', text: `状态改为${label(status)}${note ? `：${note}` : ''}`, actor: actor.name });
      return { case: c, ...(status === 'resolved' ? { driverNotice: `您的诉求 ${c.id} 已办结${note ? `：${note}` : ''}。` } : {}) };
    },
    async addNote(id, text, actor) {
      const c = cases.get(id)!;
      c.events.push({ at: clock(), kind: 'note', text, actor: actor.name });
      return { case: c };
    },
    async recordCallback(id, input, actor) {
      const c = cases.get(id)!;
      c.callback = { at: clock(), ...input };
      c.events.push({
        at: clock(),
        kind: 'callback',
        text: `回访${input.reached ? '已联系上' : '未联系上'}${input.rating ? `，满意度 ${input.rating}` : ''}`,
        actor: actor.name,
      });
      return { case: c };
    },
    async dashboard(filter): Promise<CaseDashboard> {
      const list = await this.listCases({ ...filter, limit: 1000 });
      const byCategory = CATEGORIES.map((c) => ({ key: c.value, label: c.label, count: list.filter((x) => x.category === c.value).length }));
      const regions = new Map<string | null, number>();
      for (const c of list) regions.set(c.regionCode, (regions.get(c.regionCode) ?? 0) + 1);
      const day = clock().toISOString().slice(0, 10);
      const counts: Record<string, number> = {};
      for (const c of list) counts[c.status] = (counts[c.status] ?? 0) + 1;
      return {
        byCategory,
        byRegion: [...regions].map(([regionCode, count]) => ({ regionCode, count })),
        byStatusOverTime: [{ day, counts }],
        medianFirstResponseMinutes: list.length ? 12 : null,
        medianResolutionHours: null,
        deadlineCompliance: list.length ? 1 : null,
        deadlinesDue: list.length,
        deadlinesMet: list.length,
        total: list.length,
      };
    },
  };
}
