// The case status machine: which transitions are allowed, and what each status means to a driver.
import { AppError } from '../errors.js';
import type { CaseStatus } from './case-enums.js';

export { CASE_STATUSES, type CaseStatus } from './case-enums.js';

const TRANSITIONS: Record<CaseStatus, readonly CaseStatus[]> = {
  received: ['assigned', 'rejected'],
  assigned: ['in_progress', 'resolved', 'rejected'],
  in_progress: ['resolved', 'rejected'],
  // "Not solved" at the callback reopens; a satisfied driver moves it on to callback_done.
  resolved: ['callback_done', 'reopened'],
  callback_done: ['closed', 'reopened'],
  reopened: ['assigned', 'in_progress', 'resolved', 'rejected'],
  // A rejected case may be reopened on appeal; a closed case stays closed (a new grievance is a new case).
  rejected: ['reopened'],
  closed: [],
};

export const OPEN_STATUSES: readonly CaseStatus[] = ['received', 'assigned', 'in_progress', 'reopened'];

export function canTransition(from: CaseStatus, to: CaseStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export function allowedTransitions(from: CaseStatus): readonly CaseStatus[] {
  return TRANSITIONS[from];
}

export class InvalidTransitionError extends AppError {
  constructor(
    readonly from: CaseStatus,
    readonly to: CaseStatus,
  ) {
    super('conflict', `a case cannot go from ${from} to ${to}; allowed: ${TRANSITIONS[from].join(', ') || 'none'}`);
    this.name = 'InvalidTransitionError';
  }
}

export const STATUS_LABELS: Record<CaseStatus, string> = {
  received: '已受理，等待转办',
  assigned: '已转办到承办单位',
  in_progress: '正在办理',
  resolved: '已办结，等待回访',
  callback_done: '已回访',
  closed: '已结案',
  reopened: '重新办理中',
  rejected: '未受理',
};
