// Request contracts of the staff console API, validated with zod at the boundary.
import { z } from 'zod';
import { HANDOFF_STATUSES } from '../../handoff/handoff-enums.js';

export const idParam = z.object({ id: z.uuid({ error: 'not a valid id' }) });
export const caseIdParam = z.object({ id: z.string().trim().min(1).max(64) });

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `at most ${max} characters`);

export const replySchema = z.object({ text: text(2000) });
export const noteSchema = z.object({ text: text(4000) });
export const cannedSchema = z.object({ title: text(40), text: text(2000) });
export const caseStatusSchema = z.object({ status: text(40), note: z.string().trim().max(2000).optional() });
export const callbackSchema = z.object({
  reached: z.boolean(),
  /** What the driver said when reached: solved closes the case, unsolved reopens it. */
  solved: z.boolean().nullable().default(null),
  rating: z.number().int().min(1).max(5).nullable().default(null),
  note: z.string().trim().max(2000).nullable().default(null),
});

const regionFilter = z.union([z.literal('unknown'), z.string().regex(/^\d{6}$/, 'a 6-digit region code')]).optional();
const bool = z
  .enum(['1', 'true', '0', 'false', ''])
  .optional()
  .transform((v) => v === '1' || v === 'true');

export const queueQuery = z.object({
  status: z.union([z.enum(HANDOFF_STATUSES), z.literal('open'), z.literal('all')]).default('open'),
  region: regionFilter,
  overdue: bool,
});

export const caseQuery = z.object({
  status: z.string().trim().max(40).optional(),
  category: z.string().trim().max(40).optional(),
  region: regionFilter,
  overdue: bool,
});

export const dashboardQuery = z.object({
  days: z.coerce.number().int().min(1).max(366).default(30),
  region: regionFilter,
});

export const afterQuery = z.object({ after: z.coerce.number().int().min(0).default(0) });

export function statusesOf(status: z.infer<typeof queueQuery>['status']) {
  if (status === 'open') return ['waiting', 'active'] as const;
  if (status === 'all') return HANDOFF_STATUSES;
  return [status] as const;
}
