// The case ledger's fixed vocabularies, owned by the cases domain; db/schema.ts builds its columns from them (no imports here, so drizzle-kit can load it).
export const CASE_STATUSES = ['received', 'assigned', 'in_progress', 'resolved', 'callback_done', 'closed', 'reopened', 'rejected'] as const;
export const CASE_LEVELS = ['county', 'city', 'province'] as const;
export const CASE_PRIORITIES = ['normal', 'high', 'urgent'] as const;
export const CASE_EMPLOYMENTS = ['employed', 'owner_operator'] as const;
export const FOLLOWUP_KINDS = ['result', 'callback'] as const;

export type CaseStatus = (typeof CASE_STATUSES)[number];
export type CaseLevel = (typeof CASE_LEVELS)[number];
export type CasePriority = (typeof CASE_PRIORITIES)[number];
export type CaseEmployment = (typeof CASE_EMPLOYMENTS)[number];
export type FollowupKind = (typeof FOLLOWUP_KINDS)[number];
