// What the case service accepts from staff and drivers, validated: filing, status changes, transfers, notes, phones, callbacks, filters.
import { z } from 'zod';
import { AppError } from '../errors.js';
import { CASE_CATEGORIES } from './categories.js';
import { CASE_LEVELS } from './routing.js';
import { CASE_STATUSES } from './status-machine.js';

export const actor = z.string().trim().min(1).max(100);
export const text = (max: number) => z.string().trim().min(1).max(max);

export const fileCaseSchema = z.object({
  driverId: z.uuid(),
  conversationId: z.uuid().nullable(),
  channel: text(40),
  intakeKey: text(100),
  /** The id of the driver's case this one was told together with (filed as linked cases). */
  linkedTo: z.uuid().nullish(),
  category: z.enum(CASE_CATEGORIES),
  description: text(2000),
  counterpart: text(100).nullish(),
  amountYuan: z.number().int().positive().max(1_000_000_000).nullish(),
  startedText: text(50).nullish(),
  startedOn: z.iso.date().nullish(),
  countyCode: z
    .string()
    .regex(/^\d{6}$/)
    .nullish(),
  cityCode: z
    .string()
    .regex(/^\d{6}$/)
    .nullish(),
  employment: z.enum(['employed', 'owner_operator']).nullish(),
  phone: z
    .string()
    .regex(/^1[3-9]\d{9}$/)
    .nullish(),
  /** Consent to share the details with the handling department; urgent cases go to staff without it. */
  consent: z.boolean(),
  urgent: z.boolean().default(false),
});
export type FileCaseInput = z.input<typeof fileCaseSchema>;

export const statusOptions = z.object({ actor, reason: text(500).optional(), note: text(2000).optional() });
export const assignOptions = z.object({ actor, assignee: text(100) });
export const transferOptions = z.object({ actor, level: z.enum(CASE_LEVELS), desk: text(60).optional(), reason: text(500) });
export const noteOptions = z.object({ actor, text: text(2000) });
export const phoneOptions = z.object({
  actor,
  phone: z
    .string()
    .regex(/^1[3-9]\d{9}$/)
    .nullable(),
});
export const resolveOptions = z.object({ actor, resolution: text(2000) });
export const attemptOptions = z.object({ actor, note: text(1000).optional() });
export const callbackOptions = z.object({
  actor,
  solved: z.boolean(),
  rating: z.number().int().min(1).max(5).nullish(),
  note: text(1000).optional(),
});
export const filterSchema = z.object({
  statuses: z.array(z.enum(CASE_STATUSES)).optional(),
  levels: z.array(z.enum(CASE_LEVELS)).optional(),
  desk: z.string().max(60).optional(),
  priority: z.enum(['normal', 'high', 'urgent']).optional(),
  driverId: z.uuid().optional(),
  overdue: z.boolean().optional(),
  limit: z.number().int().min(1).max(500).optional(),
  offset: z.number().int().min(0).optional(),
});

export function parse<S extends z.ZodType>(schema: S, raw: unknown): z.infer<S> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue?.path.join('.') || undefined;
  throw new AppError('bad_request', `${field ? `${field}: ` : ''}${issue?.message ?? 'invalid'}`, field);
}
