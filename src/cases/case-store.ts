// The storage port the case service owns: a transactional ledger of cases, their events and follow-ups.
import { AppError } from '../errors.js';
import type { CaseEvent, CaseFollowup, CaseRecord } from './case-record.js';
import type { CaseCategory } from './categories.js';
import type { CaseLevel, CasePriority } from './routing.js';
import type { CaseStatus } from './status-machine.js';

export type { CaseEvent, CaseFollowup, CaseRecord } from './case-record.js';

export type CaseEventKind =
  'created' | 'assigned' | 'transferred' | 'escalated' | 'note' | 'status_changed' | 'feedback' | 'callback_asked' | 'callback' | 'rating';

export interface NewCaseEvent {
  kind: CaseEventKind;
  actor: string;
  fromStatus?: CaseStatus;
  toStatus?: CaseStatus;
  note?: string;
  data?: Record<string, unknown>;
}

export interface NewCase {
  driverId: string;
  conversationId: string | null;
  channel: string;
  intakeKey: string;
  linkedCaseId: string | null;
  category: CaseCategory;
  description: string;
  counterpart: string | null;
  amountYuan: number | null;
  startedText: string | null;
  startedOn: string | null;
  countyCode: string | null;
  cityCode: string | null;
  employment: 'employed' | 'owner_operator' | null;
  phone: string | null;
  consentAt: Date | null;
  status: CaseStatus;
  priority: CasePriority;
  level: CaseLevel;
  desk: string;
  routeRule: string | null;
  transferDueAt: Date | null;
  feedbackDueAt: Date | null;
  resolveDueAt: Date | null;
}

export type CasePatch = Partial<Omit<CaseRecord, 'id' | 'number' | 'driverId' | 'createdAt'>>;

/** What one change does: fields to set, events to append, follow-ups to schedule — all in one transaction. */
export interface CaseMutation {
  patch: CasePatch;
  events: NewCaseEvent[];
  followups?: { kind: 'result' | 'callback'; dueAt: Date; sentAt?: Date }[];
  /** Marks the open callback follow-up answered. */
  answerCallback?: { rating: number | null; solved: boolean };
}

export interface CaseFilter {
  statuses?: CaseStatus[];
  levels?: CaseLevel[];
  desk?: string;
  priority?: CasePriority;
  driverId?: string;
  /** Only cases whose handling deadline has passed at this instant. */
  overdueAt?: Date;
  limit?: number;
  offset?: number;
}

export interface DriverCaseSummary {
  record: CaseRecord;
  lastEvent: CaseEvent | undefined;
}

export interface SweepParams {
  now: Date;
  /** New deadlines for escalated cases, computed once per sweep from `now`. */
  transferDueAt: Date;
  feedbackDueAt: Date;
  resolveDueAt: Date;
  provinceCode: string;
}

export interface SweepOutcome {
  escalated: number;
  /** A few of the escalated cases for the notification, most urgent first. */
  sample: { number: string; category: string; priority: string; level: string }[];
}

export interface DueCallback {
  followupId: number;
  record: CaseRecord;
}

export interface CaseStore {
  /** Files a case with a fresh number; the same (driver, intake key) returns the first case with created=false. */
  create(input: NewCase, events: NewCaseEvent[], now: Date): Promise<{ record: CaseRecord; created: boolean }>;
  /** By id (uuid) or number (SC-2026-000123). */
  get(ref: string): Promise<CaseRecord | undefined>;
  /** Locks the case, lets `change` decide (it may throw to refuse), and writes the patch and its events atomically. */
  mutate(ref: string, change: (current: CaseRecord) => CaseMutation, now: Date): Promise<CaseRecord>;
  events(caseId: string): Promise<CaseEvent[]>;
  followups(caseId: string): Promise<CaseFollowup[]>;
  list(filter: CaseFilter): Promise<CaseRecord[]>;
  listByDriver(driverId: string, limit: number): Promise<DriverCaseSummary[]>;
  /** Escalates every overdue open case one level up in one statement, with an event per case. */
  sweepOverdue(params: SweepParams): Promise<SweepOutcome>;
  dueCallbacks(now: Date, limit: number): Promise<DueCallback[]>;
  markFollowupSent(followupId: number, now: Date): Promise<void>;
  /**
   * Puts the callback question into the conversation's flow state, unless the driver is in another form
   * (then false: ask later). Returns true when the conversation now waits for the answer.
   */
  setPendingCallback(conversationId: string, flow: { name: string; data: Record<string, unknown>; startedAt: string }): Promise<boolean>;
}

export class CaseNotFoundError extends AppError {
  constructor(readonly ref: string) {
    super('not_found', `no case ${ref.slice(0, 60)}`);
    this.name = 'CaseNotFoundError';
  }
}
