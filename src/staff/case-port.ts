// The narrow port through which the staff console reads and acts on grievance cases; the case domain plugs in behind it.
import type { StaffMember } from './types.js';

/**
 * Contract for implementers (the case service adapter wired in src/runtime.ts):
 * - `regionCode` on every case is the county (or city) the case is routed to; null means the province.
 *   The console checks it against the caller's region before every action and audits refusals,
 *   so the port does not need to authorise, but `listCases` must honour `filter.regionCodes`.
 * - Actions return the updated case and, when the driver must hear about it (resolved, needs more
 *   information …), a `driverNotice` text; the console delivers it on the driver's channel and stores it.
 *   The port must not deliver that notice itself, or the driver hears it twice.
 * - Errors with a message meant for staff (an illegal status change) are thrown as `CasePortError`.
 */
export interface StaffCaseOption {
  value: string;
  label: string;
}

export interface StaffCaseSummary {
  id: string;
  status: string;
  category: string;
  /** One line for the inbox. */
  title: string;
  regionCode: string | null;
  urgent: boolean;
  createdAt: Date;
  /** The next deadline (transfer, feedback, opinion …) and whether it has passed. */
  dueAt: Date | null;
  overdue: boolean;
  /** What the deadline is for: 转办, 首次反馈 (2 working days), 办理意见 (5 working days) or 回访. */
  milestone?: string;
  conversationId: string | null;
}

export interface StaffCaseEvent {
  at: Date;
  kind: string;
  text: string;
  actor: string | null;
}

export interface StaffCaseDetail extends StaffCaseSummary {
  /** The grievance form's answers, labelled for staff (欠款金额: 8000元 …). */
  facts: { label: string; value: string }[];
  events: StaffCaseEvent[];
  callback: { at: Date; reached: boolean; rating: number | null; note: string | null } | null;
}

export interface StaffCaseFilter {
  status?: string;
  category?: string;
  /** Regions the caller may see (already narrowed to a requested region); undefined = the whole province. */
  regionCodes?: string[];
  /** Include cases with no region (province queue). */
  includeUnknownRegion: boolean;
  overdue?: boolean;
  /** Only this driver's cases (the console's conversation view links them). */
  driverId?: string;
  limit: number;
}

export interface StaffActor {
  staffId: string;
  name: string;
  role: StaffMember['role'];
}

export interface StaffCallbackInput {
  reached: boolean;
  rating: number | null;
  note: string | null;
  solved?: boolean | null;
}

export interface StaffCaseActionResult {
  case: StaffCaseDetail;
  driverNotice?: string;
}

export interface CaseDashboardFilter {
  from: Date;
  to: Date;
  regionCodes?: string[];
  includeUnknownRegion: boolean;
}

export interface CaseDashboard {
  byCategory: { key: string; label: string; count: number }[];
  byRegion: { regionCode: string | null; count: number }[];
  /** One row per day (Beijing date, YYYY-MM-DD) with counts per status label. */
  byStatusOverTime: { day: string; counts: Record<string, number> }[];
  medianFirstResponseMinutes: number | null;
  medianResolutionHours: number | null;
  /** Share of deadlines met among deadlines that have come due, 0..1. */
  deadlineCompliance: number | null;
  deadlinesDue: number;
  deadlinesMet: number;
  total: number;
}

export interface StaffCasePort {
  readonly connected: true;
  statuses(): StaffCaseOption[];
  categories(): StaffCaseOption[];
  listCases(filter: StaffCaseFilter): Promise<StaffCaseSummary[]>;
  getCase(id: string): Promise<StaffCaseDetail | undefined>;
  changeStatus(id: string, status: string, actor: StaffActor, note?: string): Promise<StaffCaseActionResult>;
  addNote(id: string, text: string, actor: StaffActor): Promise<StaffCaseActionResult>;
  /** `solved` is what the driver said when reached (a solved case closes, an unsolved one is reopened). */
  recordCallback(id: string, input: StaffCallbackInput, actor: StaffActor): Promise<StaffCaseActionResult>;
  dashboard(filter: CaseDashboardFilter): Promise<CaseDashboard>;
}

/** What the console holds: a connected port, or the reason there is none. */
export type StaffCases = StaffCasePort | { readonly connected: false; reason: string };

export const CASES_NOT_CONNECTED: StaffCases = {
  connected: false,
  reason: '诉求台账模块尚未接入本系统，暂时无法在此查看和办理诉求。',
};

/** A case action the case domain refused, with a message for staff. */
export class CasePortError extends Error {
  constructor(
    message: string,
    readonly code: 'bad_request' | 'conflict' | 'not_found' = 'bad_request',
  ) {
    super(message);
    this.name = 'CasePortError';
  }
}
