// Groups drivers' unanswered questions by the search index's own similarity (nearest curated question), so staff handle one wording family at once.
import type { KnowledgeEntry } from './entry-schema.js';
import type { UnansweredQuestion } from './learning-types.js';
import type { KnowledgeIndex } from './search-index.js';

/** Two questions whose term overlap (the index's nearest-question similarity) reaches this are one group. */
export const GROUP_SIMILARITY = 0.5;

export interface QuestionGroup {
  questions: UnansweredQuestion[];
  /** Entries the search ranked for the group's questions, most often first: what staff most likely attach them to. */
  suggested: string[];
}

/** A question as a one-question entry, so the ordinary index can compare questions with each other. */
function asEntry(q: UnansweredQuestion): KnowledgeEntry {
  return { id: `q${q.id}`, title: q.text, category: 'general', region: 'sichuan', questions: [], answer: q.text, speech: q.text, sources: [], effective: '', reviewed: '', tags: [] } as unknown as KnowledgeEntry;
}

/**
 * Groups by single linkage over the index's similarity, newest group first. `build` makes an index the way the live one is
 * built (same words and normaliser), so a dialect or homophone wording groups with its plain form.
 */
export function groupQuestions(questions: readonly UnansweredQuestion[], build: (entries: readonly KnowledgeEntry[]) => KnowledgeIndex, threshold = GROUP_SIMILARITY): QuestionGroup[] {
  if (questions.length === 0) return [];
  const index = build(questions.map(asEntry));
  const parent = questions.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i] as number)));
  const at = new Map(questions.map((q, i) => [`q${q.id}`, i]));
  questions.forEach((q, i) => {
    for (const hit of index.search(q.text, 8)) {
      const j = at.get(hit.entry.id);
      if (j === undefined || j === i || (hit.nearest?.similarity ?? 0) < threshold) continue;
      parent[find(j)] = find(i);
    }
  });
  const groups = new Map<number, UnansweredQuestion[]>();
  questions.forEach((q, i) => groups.set(find(i), [...(groups.get(find(i)) ?? []), q]));
  return [...groups.values()]
    .map((members) => ({ questions: members, suggested: suggestedEntries(members) }))
    .sort((a, b) => newest(b.questions) - newest(a.questions));
}

const newest = (qs: UnansweredQuestion[]) => Math.max(...qs.map((q) => q.createdAt.getTime()));

function suggestedEntries(members: UnansweredQuestion[]): string[] {
  const weight = new Map<string, number>();
  for (const q of members) for (const c of q.candidates) weight.set(c.id, (weight.get(c.id) ?? 0) + c.confidence);
  return [...weight.entries()].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([id]) => id);
}
