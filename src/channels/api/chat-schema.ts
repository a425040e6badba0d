// The public chat API's request contract, validated with zod at the boundary.
import { z } from 'zod';
import { locationSchema } from '../shared/location-schema.js';

// PostgreSQL text cannot hold NUL; it carries no meaning in a chat message, so it is dropped rather than refused.
const withoutNul = (s: string) => s.replaceAll('\u0000', '');


export const chatRequestSchema = z.object({
  userId: z
    .string()
    .min(1)
    .max(128)
    // eslint-disable-next-line no-control-regex -- ids are opaque but must be printable
    .refine((id) => !/[\u0000-\u001F\u007F]/.test(id), 'must not contain control characters'),
  text: z
    .string()
    .max(2000)
    .transform(withoutNul)
    .refine((t) => t.trim().length > 0, 'must not be empty'),
  channel: z.enum(['web', 'voice']).default('web'),
  location: locationSchema.optional(),
  messageId: z.string().min(1).max(128).transform(withoutNul).optional(),
});

export type ChatRequest = z.infer<typeof chatRequestSchema>;

export const updatesQuerySchema = z.object({
  userId: z.string().min(1).max(128),
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
