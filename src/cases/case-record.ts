// The case ledger's records as the cases domain sees them; the store's rows must match these (checked where the store maps rows).
import type { CaseEmployment, CaseLevel, CasePriority, CaseStatus, FollowupKind } from './case-enums.js';

export interface CaseRecord {
  id: string;
  /** What drivers and staff quote: SC-2026-000123. */
  number: string;
  driverId: string;
  conversationId: string | null;
  /** The channel the driver used, so results go back the same way. */
  channel: string;
  /** The intake that produced the case: filing twice from one intake returns the first case. */
  intakeKey: string;
  /** The case filed before this one from the same message (two problems told at once), or null. */
  linkedCaseId: string | null;
  category: string;
  description: string;
  counterpart: string | null;
  amountYuan: number | null;
  /** When it started, as the driver said it, and the approximate date it resolves to. */
  startedText: string | null;
  startedOn: string | null;
  countyCode: string | null;
  cityCode: string | null;
  employment: CaseEmployment | null;
  phone: string | null;
  consentAt: Date | null;
  status: CaseStatus;
  priority: CasePriority;
  level: CaseLevel;
  desk: string;
  /** The routing rule that chose the level, for audit. */
  routeRule: string | null;
  assignee: string | null;
  rejectReason: string | null;
  resolution: string | null;
  transferDueAt: Date | null;
  feedbackDueAt: Date | null;
  resolveDueAt: Date | null;
  callbackDueAt: Date | null;
  firstFeedbackAt: Date | null;
  resolvedAt: Date | null;
  closedAt: Date | null;
  escalations: number;
  rating: number | null;
  solved: boolean | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface CaseEvent {
  id: number;
  caseId: string;
  kind: string;
  fromStatus: string | null;
  toStatus: string | null;
  /** 'driver', 'system:routing', 'system:sweep', or a staff id. */
  actor: string;
  note: string | null;
  data: unknown;
  at: Date;
}

export interface CaseFollowup {
  id: number;
  caseId: string;
  kind: FollowupKind;
  dueAt: Date;
  sentAt: Date | null;
  answeredAt: Date | null;
  rating: number | null;
  solved: boolean | null;
  createdAt: Date;
}
