// The public chat API's request contract, validated with zod at the boundary.
import { z } from 'zod';
import { locationSchema } from '../shared/location-schema.js';

// NUL, other control characters and lone surrogates are refused for every field by the boundary rule (src/http/text-guard.ts).

export const chatRequestSchema = z.object({
  userId: z.string().min(1).max(128),
  text: z
    .string()
    .max(2000)
    .refine((t) => t.trim().length > 0, 'must not be empty'),
  channel: z.enum(['web', 'voice']).default('web'),
  location: locationSchema.optional(),
  messageId: z.string().min(1).max(128).optional(),
});

export type ChatRequest = z.infer<typeof chatRequestSchema>;

export const updatesQuerySchema = z.object({
  userId: z.string().min(1).max(128),
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
