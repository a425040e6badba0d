// The live index: paraphrases and published entries from the store are searched after a refresh, other processes' changes are noticed within the check period, and a failing store leaves the index answering.
import { describe, expect, it } from 'vitest';
import { loadEntries } from './load-entries.js';
import type { DraftEntry, Paraphrase } from './learning-types.js';
import { createLiveIndex } from './live-index.js';
import { repositoryLanguage } from './repository-language.js';
import { buildKnowledgeIndex } from './search-index.js';
import { groupQuestions } from './question-groups.js';

const language = repositoryLanguage();
const build = (entries: Parameters<typeof buildKnowledgeIndex>[0]) => buildKnowledgeIndex(entries, language);
const base = build(loadEntries());
const GAP = '拉货途中轮胎爆了保险公司赔不赔';

function source() {
  const paraphrases: Paraphrase[] = [];
  const published: { entry: DraftEntry; publishedAt: Date }[] = [];
  let fail = false;
  return {
    paraphrases,
    published,
    fail: () => (fail = true),
    store: {
      version: async () => {
        if (fail) throw new Error('database down');
        return `${paraphrases.length}/${published.length}`;
      },
      listParaphrases: async () => paraphrases,
      publishedEntries: async () => published,
    },
  };
}

describe('the live index', () => {
  it('answers a paraphrase staff attached once refreshed, and notices another process\u2019s change after the check period', async () => {
    const s = source();
    let now = 0;
    const live = createLiveIndex({ base, build, source: s.store, clock: () => new Date(now), checkEveryMs: 10_000 });
    await live.refresh();
    expect(live.search(GAP, 1)[0]?.entry.id).not.toBe('car-insurance-hard-to-buy');
    s.paraphrases.push({ id: 1, entryId: 'car-insurance-hard-to-buy', text: GAP, questionId: null, addedBy: null, createdAt: new Date() });
    now = 5_000;
    await live.refresh();
    expect(live.search(GAP, 1)[0]?.entry.id).not.toBe('car-insurance-hard-to-buy');
    now = 11_000;
    await live.refresh();
    expect(live.search(GAP, 1)[0]?.entry.id).toBe('car-insurance-hard-to-buy');
    expect(live.entry('car-insurance-hard-to-buy')?.questions).toContain(GAP);
    // A new wording of the attached question is found through it.
    expect(live.search('拉货的时候轮胎爆了 保险公司赔不赔', 1)[0]?.entry.id).toBe('car-insurance-hard-to-buy');
  });

  it('adds a published entry, but never one that reuses a curated id or breaks the schema', async () => {
    const s = source();
    const live = createLiveIndex({ base, build, source: s.store, clock: () => new Date() });
    const entry: DraftEntry = {
      id: 'trailer-inspection-cycle',
      title: '挂车多久年检一次',
      category: 'general',
      region: 'sichuan',
      questions: ['挂车多久年检一次', '半挂车年审周期', '挂车要不要每年检验', '挂车年检过期了怎么办'],
      answer: '挂车按规定周期检验。',
      speech: '挂车按规定周期检验。',
      sources: [{ name: '机动车安全技术检验项目和方法' }],
      tags: ['挂车'],
    };
    s.published.push({ entry, publishedAt: new Date('2026-12-05T00:00:00Z') }, { entry: { ...entry, id: 'hotline-12328' }, publishedAt: new Date() }, { entry: { ...entry, id: 'no-sources', sources: [] }, publishedAt: new Date() });
    await live.refresh(true);
    expect(live.search('半挂车年审周期', 1)[0]?.entry.id).toBe('trailer-inspection-cycle');
    expect(live.entry('hotline-12328')?.title).toBe(base.entry('hotline-12328')?.title);
    expect(live.entry('no-sources')).toBeUndefined();
  });

  it('keeps answering from the index in use when the store fails', async () => {
    const s = source();
    const live = createLiveIndex({ base, build, source: s.store, clock: () => new Date() });
    s.fail();
    await expect(live.refresh(true)).resolves.toBeUndefined();
    expect(live.search('12328是管什么的', 1)[0]?.entry.id).toBe('hotline-12328');
  });
});

describe('grouping unanswered questions by the index\u2019s similarity', () => {
  const q = (id: number, text: string, candidates: { id: string; confidence: number }[] = []) => ({
    id,
    text,
    messageId: id,
    conversationId: null,
    reason: 'not_found' as const,
    candidates,
    confidence: 0,
    regionCode: null,
    status: 'open' as const,
    resolvedBy: null,
    resolvedAt: null,
    createdAt: new Date(1_000 * id),
  });

  it('puts wordings of one question together, newest group first, with the entries the search ranked for them', () => {
    const groups = groupQuestions(
      [q(1, '挂车的年检周期是多久', [{ id: 'overlimit-size-limits', confidence: 0.3 }]), q(2, '高速上能不能停车睡觉'), q(3, '挂车年检周期多久一次', [{ id: 'overlimit-size-limits', confidence: 0.2 }])],
      build,
    );
    expect(groups.map((g) => g.questions.map((x) => x.id).sort())).toEqual([['1', '3'].map(Number), [2]]);
    expect(groups[0]?.suggested).toEqual(['overlimit-size-limits']);
    expect(groupQuestions([], build)).toEqual([]);
  });
});
