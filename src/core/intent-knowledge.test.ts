// Intent rules: the knowledge probe's confidence decides FAQ vs. unknown, and questions about a grievance go to the FAQ.
import { describe, expect, it } from 'vitest';
import { testDetectIntent as detectIntent } from '../../tests/support/intent-words.js';
import { FAQ_THRESHOLD } from './intent.js';
import type { KnowledgeProbe } from './types.js';

const probe = (confidence: number): KnowledgeProbe => ({
  confidence: () => confidence,
  assess: (text) => ({ question: text, decision: 'answer', confidence, candidates: [], reason: 'test' }),
});

describe('detectIntent with a knowledge probe', () => {
  it('answers from the knowledge base at or above the threshold and not below', () => {
    expect(detectIntent({ text: '疲劳驾驶怎么规定的' }, probe(FAQ_THRESHOLD)).intent).toBe('faq');
    expect(detectIntent({ text: '疲劳驾驶怎么规定的' }, probe(FAQ_THRESHOLD - 0.01)).intent).toBe('unknown');
    expect(detectIntent({ text: '帮我写一首诗' }, probe(0.1)).intent).toBe('unknown');
  });

  it('treats "是不是 / 算不算" as a question, so a known topic goes to the FAQ instead of a grievance', () => {
    const text = '借条上写的比拿到手的多这是不是套路贷';
    expect(detectIntent({ text }, probe(0.8)).intent).toBe('faq');
    expect(detectIntent({ text }, probe(0.2)).intent).toBe('grievance');
    expect(detectIntent({ text: '老板拖欠工资算不算犯罪' }, probe(0.8)).intent).toBe('faq');
  });

  it('still files a grievance when the driver tells a story without asking', () => {
    expect(detectIntent({ text: '货主拖欠我运费三个月了' }, probe(0.9)).intent).toBe('grievance');
  });

  it.each(['保险公司拖着不赔找谁', '服务区油被偷了保险赔不赔', '平台受伤了管不管', '欠我的钱走哪条路'])(
    'hears 谁, 哪 and A-not-A as asking: %s',
    (text) => {
      expect(detectIntent({ text }, probe(0.8)).intent).toBe('faq');
    },
  );

  it.each(['我朋友说货车连续开四个钟头要被罚，真的假的', '银行乱收费投诉电话', '挂靠车撞了人是司机赔还是公司赔'])(
    'hears doubt and a hotline fragment as asking: %s',
    (text) => {
      expect(detectIntent({ text }, probe(0.8)).intent).toBe('faq');
      expect(detectIntent({ text }, probe(0.2)).intent).toBe('grievance');
    },
  );

  it('takes a bare topic as a question, but a short story as a grievance', () => {
    expect(detectIntent({ text: '套路贷' }, probe(0.8)).intent).toBe('faq');
    expect(detectIntent({ text: '被套路了' }, probe(0.8)).intent).toBe('grievance');
  });

  it('reads a filing request from the clause that names it on: a question word told before it asks nothing', () => {
    const told = '三台车在平台上都被扣了押金，说是违规又说不出哪里违规，我要投诉这个平台';
    expect(detectIntent({ text: told }, probe(0.8)).intent).toBe('grievance');
    expect(detectIntent({ text: '我要投诉这个平台，找哪个部门' }, probe(0.8)).intent).toBe('faq');
    expect(detectIntent({ text: '我要投诉找哪个部门' }, probe(0.8)).intent).toBe('faq');
  });
});
