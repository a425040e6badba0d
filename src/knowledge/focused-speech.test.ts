// The spoken answer leads with the sentence that answers a detail the curated speech leaves out, and only then.
import { describe, expect, it } from 'vitest';
import type { KnowledgeEntry } from './entry-schema.js';
import { focusedSpeech } from './focused-speech.js';

const entry: KnowledgeEntry = {
  id: 'legal-aid-apply',
  title: '法律援助去哪里申请',
  category: 'legal-aid',
  region: 'national',
  questions: ['法律援助在哪里申请', '去哪个地方申请法律援助', '法律援助咋个申请', '外地能申请法律援助吗'],
  answer: '**向哪里申请**：\n- 诉讼事项向办案机关所在地的法律援助机构申请。\n\n**怎么申请**\n1. 带身份证和证据材料（合同、运单、病历等）。\n2. 详见"四川省法律援助条例"。',
  speech: '打官司的，向办案机关所在地的法律援助机构申请。先打12348问清楚。',
  sources: [{ name: '法律援助法', article: '第38条' }],
  effective: '2022-01-01',
  reviewed: '2026-01-01',
  tags: ['法律援助', '申请'],
};

describe('focusedSpeech', () => {
  it('leads with the answer sentence about a detail the speech does not mention', () => {
    expect(focusedSpeech(entry, '申请法律援助要带什么材料')).toBe(`带身份证和证据材料（合同、运单、病历等）。${entry.speech}`);
  });

  it('keeps the curated speech when the question asks what the entry is about', () => {
    expect(focusedSpeech(entry, '法律援助去哪里申请')).toBe(entry.speech);
    expect(focusedSpeech(entry, undefined)).toBe(entry.speech);
  });

  it('never leads with a heading or a cross-reference', () => {
    expect(focusedSpeech(entry, '怎么申请')).toBe(entry.speech);
    expect(focusedSpeech(entry, '四川省条例')).toBe(entry.speech);
  });

  it('leads with a detail a tag names but the speech leaves out (a tag is not what the speech says)', () => {
    const tagged = { ...entry, tags: [...entry.tags, '证据材料'] };
    expect(focusedSpeech(tagged, '要带哪些证据材料')).toBe(`带身份证和证据材料（合同、运单、病历等）。${entry.speech}`);
  });

  it('leads with a sentence that gives a hotline asked for by number', () => {
    const withHotline = { ...entry, answer: `${entry.answer}\n被欠工资的打12333投诉，也可以申请仲裁。` };
    expect(focusedSpeech(withHotline, '欠工资打12333有用吗')).toMatch(/^被欠工资的打12333投诉/);
  });

  it('leads with the detail even when a curated question names it (the questions are not what the speech says)', () => {
    const asked = { ...entry, questions: [...entry.questions, '申请法律援助要带什么材料'] };
    expect(focusedSpeech(asked, '申请法律援助要带啥材料')).toMatch(/^带身份证和证据材料/);
  });

  it('stays speakable in length', () => {
    const long = { ...entry, answer: `带身份证和证据材料${'，还有合同运单'.repeat(30)}。` };
    expect(Array.from(focusedSpeech(long, '要带什么材料')).length).toBeLessThanOrEqual(120);
  });
});

describe('focusedSpeech with asked aspects', () => {
  const law: KnowledgeEntry = {
    ...entry,
    id: 'legal-aid-law',
    title: '法律援助是什么',
    answer: '**是什么**：法律援助是国家免费提供的法律服务。\n\n**这部法律**：《法律援助法》2022年1月1日起施行，共7章71条。\n\n**谁能申请**：经济困难的公民可以申请法律援助。',
    speech: '法律援助是国家免费提供的法律服务，不收钱。拿不准就打12348问。',
  };
  const count = { name: 'count', asks: /(?<!第)(多少|几|好多)(条|章)/u, answers: /(?<!第\s*\d*)\d+\s*(条|章)/u };

  it('leads with the sentence stating the count asked for, though the question shares only the subject with it', () => {
    expect(focusedSpeech(law, '法律援助法一共有多少条', [], [count])).toBe(`《法律援助法》2022年1月1日起施行，共7章71条。${law.speech}`);
  });

  it('keeps the speech when the question asks no aspect, or when the speech already states it', () => {
    expect(focusedSpeech(law, '法律援助是什么', [], [count])).toBe(law.speech);
    const stated = { ...law, speech: '《法律援助法》共71条，法律援助不收钱。' };
    expect(focusedSpeech(stated, '法律援助法一共有多少条', [], [count])).toBe(stated.speech);
  });
});
