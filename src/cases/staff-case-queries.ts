// The read side the staff console needs from the case ledger: region-scoped queues and dashboard aggregates, in SQL.
import type { CaseEvent, CaseRecord } from './case-store.js';
import type { CaseStatus } from './status-machine.js';

/** Which routed regions to read; a case's region is its county or city desk, the province desk has none. */
export interface CaseRegionScope {
  /** County/city codes; undefined = every case. */
  regionCodes?: string[];
  /** Also cases at the province desk (no region). */
  includeProvince: boolean;
}

export interface StaffCaseQuery extends CaseRegionScope {
  status?: CaseStatus;
  category?: string;
  /** Only cases whose next deadline has passed at this instant. */
  overdueAt?: Date;
  driverId?: string;
  limit: number;
}

export interface StaffCaseRow {
  record: CaseRecord;
  /** The next deadline for the case's current status (transfer, feedback, opinion, callback). */
  dueAt: Date | null;
}

export interface StaffCaseEvent extends CaseEvent {
  /** The staff member's display name when the actor is a staff id. */
  actorName: string | null;
}

export interface CaseDashboardRows {
  total: number;
  byCategory: { category: string; count: number }[];
  byRegion: { regionCode: string | null; count: number }[];
  byStatusPerDay: { day: string; status: string; count: number }[];
  medianFirstResponseMinutes: number | null;
  medianResolutionHours: number | null;
  deadlinesDue: number;
  deadlinesMet: number;
}

export interface StaffCaseQueries {
  list(query: StaffCaseQuery): Promise<StaffCaseRow[]>;
  /** The case with its next deadline, by id or number. */
  get(ref: string): Promise<StaffCaseRow | undefined>;
  events(caseId: string): Promise<StaffCaseEvent[]>;
  /** The numbers of the cases told together with this one: the case it links to and the cases linking to it. */
  linkedNumbers(record: Pick<CaseRecord, 'id' | 'linkedCaseId'>): Promise<string[]>;
  /** Aggregates over cases filed from `from` up to and including `to` (usually now); deadlines are judged at `now`. */
  dashboard(scope: CaseRegionScope & { from: Date; to: Date; now: Date }): Promise<CaseDashboardRows>;
}
