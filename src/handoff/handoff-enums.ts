// The handoff domain's fixed vocabularies; db/schema.ts builds its columns from them (no imports here, so drizzle-kit can load it).
export const HANDOFF_STATUSES = ['waiting', 'active', 'returned', 'cancelled'] as const;
export const HANDOFF_REASONS = ['driver_asked', 'bot_failed', 'urgent', 'staff'] as const;

export type HandoffStatus = (typeof HANDOFF_STATUSES)[number];
export type HandoffReason = (typeof HANDOFF_REASONS)[number];
