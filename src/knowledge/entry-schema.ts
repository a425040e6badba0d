// Zod schema and type for one curated knowledge-base entry (front matter + Markdown answer).
import { z } from 'zod';

export const SPEECH_MAX_CHARS = 120;

export const knowledgeCategories = [
  'fatigue',
  'expressway',
  'overlimit',
  'overload',
  'green-lane',
  'legal-aid',
  'wage-arrears',
  'freight-dispute',
  'affiliation',
  'loans-scams',
  'work-injury',
  'insurance',
  'stations',
  'union',
  'hotlines',
  'party',
  'psychological',
  'general',
] as const;

export const categorySchema = z.enum(knowledgeCategories);

// A city is written in Chinese characters (e.g. 泸州) so it cannot collide with the two fixed scopes.
export const regionSchema = z.union([
  z.enum(['national', 'sichuan']),
  z.string().regex(/^\p{Script=Han}{2,}$/u, 'region must be "national", "sichuan" or a city name in Chinese'),
]);

export const sourceSchema = z
  .object({
    name: z.string().trim().min(1),
    article: z.string().trim().min(1).optional(),
    body: z.string().trim().min(1).optional(),
  })
  .strict();

const nonEmpty = z.string().trim().min(1);

export const knowledgeEntrySchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'id must be kebab-case'),
    title: nonEmpty,
    category: categorySchema,
    region: regionSchema,
    questions: z.array(nonEmpty).min(4),
    answer: nonEmpty,
    // Also enforced (with URL/markdown rules) by checkEntries, which reports it per entry.
    speech: nonEmpty.max(SPEECH_MAX_CHARS),
    sources: z.array(sourceSchema).min(1),
    effective: z.iso.date(),
    reviewed: z.iso.date(),
    tags: z.array(nonEmpty),
    legal: z.boolean().optional(),
    hotlines: z.array(z.string().regex(/^\d{3,5}$/, 'hotline must be digits only')).optional(),
  })
  .strict();

export type KnowledgeEntry = z.infer<typeof knowledgeEntrySchema>;
export type KnowledgeCategory = z.infer<typeof categorySchema>;
export type KnowledgeSource = z.infer<typeof sourceSchema>;
