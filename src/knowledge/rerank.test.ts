// The tie-break of reranking: a dead heat goes to the entry with the clearly nearer curated question, nothing else does.
import { describe, expect, it } from 'vitest';
import type { KnowledgeIndex } from './search-index.js';
import type { SearchHit } from './search-types.js';
import { sideFirst, tieToNearest } from './rerank.js';
import type { KnowledgeEntry } from './entry-schema.js';

const hit = (id: string, score: number, confidence: number, similarity: number, category = 'general'): SearchHit => ({
  entry: { id, category } as KnowledgeEntry,
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

describe('sideFirst', () => {
  // The side words as knowledge/lexicon/knowledge/pay-routing names them: 工资 employed, 运费 owner-operator.
  const sides = { matching: (text: string) => [...(text.includes('工资') ? ['employed'] : []), ...(text.includes('运费') ? ['owner-operator'] : [])] };
  const withSides = { words: { payRouting: sides }, repair: (text: string) => text } as unknown as KnowledgeIndex;
  const hits = () => [hit('freight-limit', 72, 0.58, 0.1, 'freight-dispute'), hit('arbitration-limit', 70, 0.52, 0.2, 'wage-arrears')];

  it("answers an employed driver's question from the wage entries when one is close behind a freight entry", () => {
    expect(ids(sideFirst(withSides, '老板一直拖工资 超过一年就不能仲裁了吗', hits()))).toEqual(['arbitration-limit', 'freight-limit']);
  });

  it('keeps the order when the driver names both sides or neither, or the runner-up is far behind', () => {
    const list = hits();
    expect(sideFirst(withSides, '工资和运费都拖着', list)).toBe(list);
    expect(sideFirst(withSides, '超过一年就不能告了吗', list)).toBe(list);
    const far = [hit('freight-limit', 100, 0.58, 0.1, 'freight-dispute'), hit('arbitration-limit', 70, 0.52, 0.2, 'wage-arrears')];
    expect(sideFirst(withSides, '拖工资', far)).toBe(far);
  });
});
