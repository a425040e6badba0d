// Unit tests for the entry parser, each kb:check rule, and the real knowledge/entries directory.
import { describe, expect, it } from 'vitest';
import { checkEntries, MIN_ENTRIES, MIN_QUESTIONS } from './check-entries.js';
import type { KnowledgeEntry } from './entry-schema.js';
import { loadEntriesWithProblems, parseEntry } from './load-entries.js';

const TODAY = '2026-11-28';

const goodFile = `---
id: sample-entry
title: 示例条目
category: fatigue
region: national
questions:
  - 问题一
  - 问题二啥子意思
  - 咋个办
  - 那个就是问题四
speech: 连续开车不能超过4小时，每次休息不少于20分钟。
sources:
  - name: 道路交通安全法实施条例
    article: 第62条
effective: 2026-11-28
reviewed: 2026-11-28
tags: [疲劳驾驶]
---
## 正文

连续驾驶不超过4小时。
`;

function entry(overrides: Partial<KnowledgeEntry> = {}): KnowledgeEntry {
  return {
    id: 'a',
    title: '标题',
    category: 'general',
    region: 'national',
    questions: ['q1', 'q2', 'q3', 'q4'],
    answer: '正文',
    speech: '可以朗读的一句话。',
    sources: [{ name: '某条例', article: '第1条' }],
    effective: TODAY,
    reviewed: TODAY,
    tags: [],
    ...overrides,
  };
}

const opts = { minEntries: 1, minQuestions: 4 };

describe('parseEntry', () => {
  it('splits front matter from the Markdown body and keeps dates as ISO strings', () => {
    const e = parseEntry('sample-entry.md', goodFile);
    expect(e.id).toBe('sample-entry');
    expect(e.answer).toBe('## 正文\n\n连续驾驶不超过4小时。');
    expect(e.reviewed).toBe('2026-11-28');
    expect(e.sources[0]?.article).toBe('第62条');
  });

  it('accepts CRLF line endings and a BOM', () => {
    const e = parseEntry('crlf.md', `\uFEFF${goodFile.replace(/\n/g, '\r\n')}`);
    expect(e.title).toBe('示例条目');
  });

  it('names the file and the field on schema errors', () => {
    const bad = goodFile.replace('category: fatigue', 'category: weather').replace('id: sample-entry', 'id: Sample_Entry');
    expect(() => parseEntry('bad.md', bad)).toThrow(/bad\.md: category/);
    expect(() => parseEntry('bad.md', bad)).toThrow(/bad\.md: id/);
  });

  it('rejects too few questions, a missing source list and non-ISO dates', () => {
    const bad = goodFile
      .replace('  - 那个就是问题四\n', '')
      .replace('reviewed: 2026-11-28', 'reviewed: 28/11/2026')
      .replace(/sources:\n(?: {2}.*\n)+/, 'sources: []\n');
    let message = '';
    try {
      parseEntry('bad.md', bad);
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/bad\.md: questions/);
    expect(message).toMatch(/bad\.md: sources/);
    expect(message).toMatch(/bad\.md: reviewed/);
  });

  it('fails clearly without front matter or with broken YAML', () => {
    expect(() => parseEntry('none.md', '# just markdown')).toThrow(/none\.md: missing YAML front matter/);
    expect(() => parseEntry('yaml.md', '---\nid: [unclosed\n---\nbody')).toThrow(/yaml\.md: front matter is not valid YAML/);
  });

  it('refuses an answer field in front matter because the body is the answer', () => {
    const bad = goodFile.replace('title: 示例条目', 'title: 示例条目\nanswer: 不该在这里');
    expect(() => parseEntry('dup.md', bad)).toThrow(/dup\.md: answer/);
  });
});

describe('checkEntries', () => {
  it('passes a clean set', () => {
    expect(checkEntries([entry({ id: 'a' }), entry({ id: 'b', questions: ['q5', 'q6', 'q7', 'q8'] })], TODAY, opts)).toEqual([]);
  });

  it('flags a missing source', () => {
    const problems = checkEntries([entry({ sources: [] })], TODAY, opts);
    expect(problems).toEqual(['a: sources: missing source']);
  });

  it('flags speech over 120 characters', () => {
    const problems = checkEntries([entry({ speech: '字'.repeat(121) })], TODAY, opts);
    expect(problems).toEqual(['a: speech: 121 characters, max 120']);
    expect(checkEntries([entry({ speech: '字'.repeat(120) })], TODAY, opts)).toEqual([]);
  });

  it('flags a URL in speech', () => {
    expect(checkEntries([entry({ speech: '详情见 https://example.cn 网站' })], TODAY, opts)).toContain('a: speech: contains a URL');
    expect(checkEntries([entry({ speech: '上www点12328点gov' })], TODAY, opts)).toEqual([]);
  });

  it('flags markdown in speech', () => {
    for (const speech of ['**加粗**说明', '## 标题', '- 列表项', '见[链接](x)', '表格 | 列', '【提示】注意']) {
      expect(checkEntries([entry({ speech })], TODAY, opts)).toContain('a: speech: contains markdown or layout characters');
    }
  });

  it('flags duplicate ids and names both places', () => {
    const problems = checkEntries(
      [
        { file: 'one.md', entry: entry({ id: 'same', questions: ['a1', 'a2', 'a3', 'a4'] }) },
        { file: 'two.md', entry: entry({ id: 'same', questions: ['b1', 'b2', 'b3', 'b4'] }) },
      ],
      TODAY,
      opts,
    );
    expect(problems).toEqual(['two.md: duplicate id "same" (also in one.md)']);
  });

  it('flags duplicate questions across entries after trimming', () => {
    const problems = checkEntries(
      [entry({ id: 'a', questions: ['疲劳驾驶咋个算', 'x2', 'x3', 'x4'] }), entry({ id: 'b', questions: ['  疲劳驾驶咋个算 ', 'y2', 'y3', 'y4'] })],
      TODAY,
      opts,
    );
    expect(problems).toEqual(['b: questions: duplicate question "疲劳驾驶咋个算" (also in a)']);
  });

  it('flags a review date older than 12 months', () => {
    expect(checkEntries([entry({ reviewed: '2025-11-28' })], TODAY, opts)).toEqual([]);
    const problems = checkEntries([entry({ reviewed: '2025-11-27' })], TODAY, opts);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^a: reviewed: 2025-11-27 is older than 12 months/);
  });

  it('flags fewer than 45 entries by default', () => {
    expect(MIN_ENTRIES).toBe(45);
    expect(checkEntries([entry()], TODAY, { minQuestions: 4 })).toEqual(['knowledge base: 1 entries, need at least 45']);
  });

  it('flags an entry with fewer than 12 questions by default', () => {
    expect(MIN_QUESTIONS).toBe(12);
    const twelve = Array.from({ length: 12 }, (_, i) => `问题${i}`);
    expect(checkEntries([entry({ questions: twelve })], TODAY, { minEntries: 1 })).toEqual([]);
    expect(checkEntries([entry({ questions: twelve.slice(1) })], TODAY, { minEntries: 1 })).toEqual([
      'a: questions: 11, need at least 12',
    ]);
  });
});

describe('knowledge/entries', () => {
  it('loads and passes every kb:check rule', () => {
    const { entries, problems } = loadEntriesWithProblems();
    expect(problems).toEqual([]);
    expect(checkEntries(entries, TODAY)).toEqual([]);
    expect(entries.length).toBeGreaterThanOrEqual(48);
    for (const { file, entry: e } of entries) expect(file).toBe(`${e.id}.md`);
  });
});
