// Staff-written knowledge: paraphrase limits with Chinese messages, publishing refused without sources, and the Markdown export read back by the entry parser.
import { describe, expect, it } from 'vitest';
import { draftEntryOf, draftInputSchema, entryMarkdown, entryOf, paraphraseSchema, publishProblems } from './draft-entry.js';
import { parseEntry } from './parse-entry.js';

const input = {
  id: 'trailer-inspection-cycle',
  title: '挂车多久年检一次',
  category: 'general',
  questions: '挂车多久年检一次\n半挂车年审周期\n\n挂车要不要每年检验\n挂车年检过期了怎么办',
  answer: '挂车按规定周期检验。\n\n- 具体以车管所通知为准',
  speech: '挂车按规定周期检验，具体以车管所通知为准。',
  sources: [{ name: '机动车安全技术检验项目和方法', article: 'GB 38900' }],
  tags: '挂车，年检',
};

describe('paraphrases', () => {
  it('are trimmed to one line, refused empty or over 200 characters in Chinese', () => {
    expect(paraphraseSchema.parse('  挂车\n多久年检 ')).toBe('挂车 多久年检');
    expect(paraphraseSchema.safeParse('  ').error?.issues[0]?.message).toBe('问法不能为空');
    expect(paraphraseSchema.safeParse('车'.repeat(201)).error?.issues[0]?.message).toBe('问法不能超过 200 个字');
    expect(paraphraseSchema.safeParse('🚛'.repeat(200)).success).toBe(true);
  });
});

describe('drafts', () => {
  const draft = draftEntryOf(draftInputSchema.parse(input));

  it('take questions and tags one per line or comma', () => {
    expect(draft.questions).toHaveLength(4);
    expect(draft.tags).toEqual(['挂车', '年检']);
    expect(draft.region).toBe('sichuan');
  });

  it('publish only with sources, enough questions and a free id', () => {
    expect(publishProblems(draft, '2026-12-05', new Set())).toEqual([]);
    expect(publishProblems({ ...draft, sources: [] }, '2026-12-05', new Set())).toEqual(['没有来源的条目不能发布：请写明法规、文件或官方通知的名称']);
    expect(publishProblems({ ...draft, questions: ['一个'] }, '2026-12-05', new Set())).toEqual(['至少要有 4 个问法']);
    expect(publishProblems(draft, '2026-12-05', new Set([draft.id]))).toEqual([`条目编号 ${draft.id} 已被占用，请换一个`]);
  });

  it('export to the entries Markdown format that the entry parser reads back unchanged', () => {
    const entry = entryOf(draft, '2026-12-05');
    const text = entryMarkdown(entry);
    expect(text.startsWith('---\nid: "trailer-inspection-cycle"') || text.startsWith('---\nid: trailer-inspection-cycle')).toBe(true);
    expect(parseEntry(`${draft.id}.md`, text)).toEqual(entry);
  });
});
