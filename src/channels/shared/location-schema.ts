// A shared location as every channel receives it (a WeChat location message, a phone's GPS), validated at the boundary.
import { z } from 'zod';

export const locationSchema = z.object({
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  // PostgreSQL text cannot hold NUL; it carries no meaning in a place label, so it is dropped rather than refused.
  label: z
    .string()
    .max(200)
    .transform((s) => s.replaceAll('\u0000', ''))
    .optional(),
});
