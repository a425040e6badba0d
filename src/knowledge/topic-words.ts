// Narrow driver topics an answer must name (knowledge/lexicon/knowledge/uncovered-topics.yaml): a question about one is answered only by an entry that mentions it.
import type { CompiledRule, WordSet } from '../lexicon/compile.js';

/**
 * Averaged word coverage lets a neighbouring entry answer a question whose subject it never mentions ("开车玩手机扣几分"
 * looked like the fatigue-driving points entry, because 开车 and 扣分 matched); a wrong confident answer is worse than
 * admitting a gap. When an entry starts to mention a topic, questions about it reach that entry with no change to the data.
 */
export function namedTopics(text: string, ...sets: readonly WordSet[]): CompiledRule[] {
  // A match set's patterns carry no g flag, so testing keeps no state between calls.
  return sets.flatMap((topics) => (topics.test(text) ? topics.rules.filter((r) => r.pattern.test(text)) : []));
}

/** Whether an entry's text mentions every topic the question names. */
export function coversTopics(named: readonly CompiledRule[], entryText: string): boolean {
  return named.every((r) => r.pattern.test(entryText));
}
