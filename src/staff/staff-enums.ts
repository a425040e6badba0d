// The staff domain's fixed vocabularies; db/schema.ts builds its columns from them (no imports here, so drizzle-kit can load it).
export const STAFF_ROLES = ['agent', 'supervisor', 'admin'] as const;
export const AUDIT_OUTCOMES = ['ok', 'denied', 'failed'] as const;

export type StaffRole = (typeof STAFF_ROLES)[number];
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];
