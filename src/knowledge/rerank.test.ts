// The tie-break of reranking: a dead heat goes to the entry with the clearly nearer curated question, nothing else does.
import { describe, expect, it } from 'vitest';
import type { KnowledgeIndex } from './search-index.js';
import type { SearchHit } from './search-types.js';
import { tieToNearest } from './rerank.js';
import type { KnowledgeEntry } from './entry-schema.js';

const hit = (id: string, score: number, confidence: number, similarity: number): SearchHit => ({
  entry: { id } as KnowledgeEntry,
  score,
  confidence,
  nearest: { similarity, question: id },
});
const index = {} as KnowledgeIndex;
const ids = (hits: SearchHit[]) => hits.map((h) => h.entry.id);

describe('tieToNearest', () => {
  it('puts the runner-up first in a dead heat when its curated question is clearly nearer, with the top confidence', () => {
    const order = tieToNearest(index, '', [hit('cost', 32.85, 0.9, 0.12), hit('time-limit', 32.84, 0.9, 0.36)]);
    expect(ids(order)).toEqual(['time-limit', 'cost']);
    expect(order[0]?.promoted).toBe(true);
  });

  it('keeps the order when the scores are not a tie, the confidences differ, or the nearer question is only a little nearer', () => {
    const cases = [
      [hit('a', 40, 0.9, 0.1), hit('b', 32, 0.9, 0.6)],
      [hit('a', 40, 0.9, 0.1), hit('b', 40, 0.8, 0.6)],
      [hit('a', 40, 0.9, 0.3), hit('b', 40, 0.9, 0.4)],
      [hit('a', 40, 0.4, 0.1), hit('b', 40, 0.4, 0.6)],
    ];
    for (const hits of cases) expect(tieToNearest(index, '', hits)).toBe(hits);
  });
});
