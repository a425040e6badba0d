// Pure quality rules for the knowledge base, shared by scripts/kb-check.ts and the unit tests.
import { SPEECH_MAX_CHARS, type KnowledgeEntry } from './entry-schema.js';

export const MIN_ENTRIES = 45;
// Ranking learns from each entry's paraphrases, so every entry carries at least this many driver-style questions.
export const MIN_QUESTIONS = 12;
export const REVIEW_MAX_AGE_MONTHS = 12;

export interface CheckOptions {
  minEntries?: number;
  minQuestions?: number;
}

// Entries may come with the file they were read from, so problems can point at it.
export type CheckInput = KnowledgeEntry | { file: string; entry: KnowledgeEntry };

const URL_PATTERN = /https?:\/\/|www\.|\b[a-z0-9-]+\.(?:com|cn|net|org|gov)\b/i;
// Characters a TTS engine would read out literally or that only make sense rendered.
const MARKDOWN_PATTERN = /\*\*|__|`|~~|\[[^\]]*\]\(|^\s*(?:#{1,6}\s|[-*+>]\s|\d+\.\s)|\||【|】|\n/m;

function label(input: CheckInput): { where: string; entry: KnowledgeEntry } {
  if ('entry' in input) return { where: input.file, entry: input.entry };
  return { where: `${input.id}`, entry: input };
}

function reviewCutoff(today: string): string {
  const d = new Date(`${today}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) throw new Error(`today is not an ISO date: ${today}`);
  d.setUTCMonth(d.getUTCMonth() - REVIEW_MAX_AGE_MONTHS);
  return d.toISOString().slice(0, 10);
}

export function checkEntries(inputs: readonly CheckInput[], today: string, options: CheckOptions = {}): string[] {
  const minEntries = options.minEntries ?? MIN_ENTRIES;
  const minQuestions = options.minQuestions ?? MIN_QUESTIONS;
  const cutoff = reviewCutoff(today);
  const problems: string[] = [];
  const idOwner = new Map<string, string>();
  const questionOwner = new Map<string, string>();

  for (const input of inputs) {
    const { where, entry } = label(input);

    const prevId = idOwner.get(entry.id);
    if (prevId !== undefined) problems.push(`${where}: duplicate id "${entry.id}" (also in ${prevId})`);
    else idOwner.set(entry.id, where);

    if (entry.sources.length === 0 || entry.sources.some((s) => s.name.trim() === '')) {
      problems.push(`${where}: sources: missing source`);
    }

    const speechLength = [...entry.speech].length;
    if (speechLength > SPEECH_MAX_CHARS) {
      problems.push(`${where}: speech: ${speechLength} characters, max ${SPEECH_MAX_CHARS}`);
    }
    if (URL_PATTERN.test(entry.speech)) problems.push(`${where}: speech: contains a URL`);
    if (MARKDOWN_PATTERN.test(entry.speech)) problems.push(`${where}: speech: contains markdown or layout characters`);

    // ISO dates compare correctly as strings.
    if (entry.reviewed < cutoff) {
      problems.push(`${where}: reviewed: ${entry.reviewed} is older than ${REVIEW_MAX_AGE_MONTHS} months (before ${cutoff})`);
    }

    if (entry.questions.length < minQuestions) {
      problems.push(`${where}: questions: ${entry.questions.length}, need at least ${minQuestions}`);
    }

    for (const q of entry.questions) {
      const key = q.trim();
      const prevQ = questionOwner.get(key);
      if (prevQ !== undefined) problems.push(`${where}: questions: duplicate question "${key}" (also in ${prevQ})`);
      else questionOwner.set(key, where);
    }
  }

  if (inputs.length < minEntries) problems.push(`knowledge base: ${inputs.length} entries, need at least ${minEntries}`);
  return problems;
}

export interface KbSummary {
  entries: number;
  questions: number;
  categories: Record<string, number>;
}

export function summarise(entries: readonly KnowledgeEntry[]): KbSummary {
  const categories: Record<string, number> = {};
  for (const e of entries) categories[e.category] = (categories[e.category] ?? 0) + 1;
  return {
    entries: entries.length,
    questions: entries.reduce((n, e) => n + e.questions.length, 0),
    categories,
  };
}
