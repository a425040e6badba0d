// Staff-written additions to the knowledge base: a paraphrase's rules, a draft entry's contract, and the entry it publishes as (same schema, same Markdown).
import { stringify } from 'yaml';
import { z } from 'zod';
import { categorySchema, knowledgeEntrySchema, regionSchema, sourceSchema, SPEECH_MAX_CHARS, type KnowledgeEntry } from './entry-schema.js';
import type { DraftEntry } from './learning-types.js';

/** A staff-attached paraphrase is a question as a driver asked it: one line, not an essay. */
export const PARAPHRASE_MAX_CHARS = 200;

const chars = (s: string) => Array.from(s).length;

export const paraphraseSchema = z
  .string()
  .transform((s) => s.replace(/\s+/g, ' ').trim())
  .refine((s) => s.length > 0, '问法不能为空')
  .refine((s) => chars(s) <= PARAPHRASE_MAX_CHARS, `问法不能超过 ${PARAPHRASE_MAX_CHARS} 个字`);

const line = (what: string, max: number) =>
  z
    .string()
    .trim()
    .min(1, `${what}不能为空`)
    .refine((s) => chars(s) <= max, `${what}不能超过 ${max} 个字`);

/** A draft as staff submit it; questions and tags may come as one text with one per line (the console's form). */
export const draftInputSchema = z.object({
  id: z.string().trim().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, '条目编号只能用小写字母、数字和连字符，如 truck-parking-fees'),
  title: line('标题', 80),
  category: categorySchema,
  region: regionSchema.default('sichuan'),
  questions: z.union([z.array(z.string()), z.string()]).transform((v) => (Array.isArray(v) ? v : v.split('\n')).map((q) => q.trim()).filter(Boolean)),
  answer: line('回答', 4000),
  speech: line('语音版', SPEECH_MAX_CHARS),
  sources: z.array(sourceSchema).default([]),
  tags: z.union([z.array(z.string()), z.string()]).transform((v) => (Array.isArray(v) ? v : v.split(/[,，、\n]/)).map((t) => t.trim()).filter(Boolean)).default([]),
  legal: z.boolean().optional(),
  /** The unanswered questions this entry answers (they become its first questions and leave the open list). */
  questionIds: z.array(z.number().int().positive()).max(50).default([]),
});
export type DraftInput = z.infer<typeof draftInputSchema>;

export function draftEntryOf(input: DraftInput): DraftEntry {
  const { questionIds: _ids, ...entry } = input;
  return { ...entry, questions: [...new Set(entry.questions.map((q) => q.slice(0, PARAPHRASE_MAX_CHARS)))] };
}

/** Why a draft cannot be published, in Chinese for the reviewer; empty when it can. */
export function publishProblems(draft: DraftEntry, today: string, takenIds: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  if (draft.sources.length === 0) problems.push('没有来源的条目不能发布：请写明法规、文件或官方通知的名称');
  if (takenIds.has(draft.id)) problems.push(`条目编号 ${draft.id} 已被占用，请换一个`);
  const parsed = knowledgeEntrySchema.safeParse(entryOf(draft, today));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path.join('.');
      if (field === 'sources' && draft.sources.length === 0) continue;
      problems.push(field === 'questions' ? '至少要有 4 个问法' : `${field || '条目'}：${issue.message}`);
    }
  }
  return problems;
}

/** The curated entry a draft publishes as, dated the day of publication. */
export function entryOf(draft: DraftEntry, published: string): KnowledgeEntry {
  return { ...draft, effective: published, reviewed: published } as KnowledgeEntry;
}

/** The entry in the knowledge/entries file format: YAML front matter and the Markdown answer (parseEntry reads it back). */
export function entryMarkdown(entry: KnowledgeEntry): string {
  const { answer, ...front } = entry;
  const yaml = stringify(front, { lineWidth: 0, defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN' });
  return `---\n${yaml}---\n\n${answer.trim()}\n`;
}
