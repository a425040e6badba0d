// The saved index groundwork reads back to the same index: same arrays, same sound pairs, same answers.
import { describe, expect, it } from 'vitest';
import { indexOptionsFor } from '../composition-root.js';
import { buildKnowledgeIndex, indexGroundwork } from '../knowledge/search-index.js';
import { restoreGroundwork, saveGroundwork } from './index-cache.js';
import { loadNodeAssets } from './node-assets.js';

describe('index groundwork cache', () => {
  const assets = loadNodeAssets();
  const options = indexOptionsFor(assets);
  const built = indexGroundwork(assets.entries, options);
  const restored = restoreGroundwork(JSON.parse(JSON.stringify(saveGroundwork('key', built))));

  it('reads back the postings and sound pairs bit for bit', () => {
    const { postings: a } = built;
    const { postings: b } = restored;
    expect([...b.dict]).toEqual([...a.dict]);
    for (const key of ['offsets', 'docs', 'tfs', 'masks', 'idf'] as const) expect(b[key]).toStrictEqual(a[key]);
    expect(restored.fullTexts).toEqual(built.fullTexts);
    expect(restored.sounds).toStrictEqual(built.sounds);
  });

  it('answers every curated question and a few misspelt ones as the freshly built index does', () => {
    const fresh = buildKnowledgeIndex(assets.entries, options);
    const cached = buildKnowledgeIndex(assets.entries, options, restored);
    const questions = [...assets.entries.flatMap((e) => e.questions), '公伤怎么认定', 'laodong zhongcai shoufei ma', '扣几分'];
    for (const q of questions) {
      expect(cached.search(q, 5), q).toEqual(fresh.search(q, 5));
      expect(cached.repair(q), q).toBe(fresh.repair(q));
    }
  });
});
