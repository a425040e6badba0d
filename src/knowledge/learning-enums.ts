// The learning loop's fixed vocabularies; db/schema.ts builds its columns from them (no imports here, so drizzle-kit can load it).

/** Why a driver's question reached the 未答问题 page. */
export const QUESTION_REASONS = ['not_found', 'low_confidence', 'rejected', 'thumbs_down'] as const;
/** open: waiting for staff; attached: now a paraphrase of an entry; drafted: a new entry is being written for it; dismissed: not worth an entry. */
export const QUESTION_STATUSES = ['open', 'attached', 'drafted', 'dismissed'] as const;
/** draft: being written or waiting for review; published: live in the index; rejected: a supervisor turned it down. */
export const DRAFT_STATUSES = ['draft', 'published', 'rejected'] as const;

export type QuestionReason = (typeof QUESTION_REASONS)[number];
export type QuestionStatus = (typeof QUESTION_STATUSES)[number];
export type DraftStatus = (typeof DRAFT_STATUSES)[number];
