// Two-part questions over the real knowledge base: each part's entry, and the shapes that must stay one question.
import { beforeAll, describe, expect, it } from 'vitest';
import { partAnswers } from './compound.js';
import { ANSWER_THRESHOLD, createKnowledgeProbe } from './faq-skill.js';
import { loadEntries } from './load-entries.js';
import { repositoryLanguage } from './repository-language.js';
import { buildKnowledgeIndex, type KnowledgeIndex } from './search-index.js';

let index: KnowledgeIndex;
beforeAll(() => {
  index = buildKnowledgeIndex(loadEntries(), repositoryLanguage());
});

const parts = (text: string) => partAnswers(index, text, ANSWER_THRESHOLD)?.map((h) => h.entry.id);

describe('two-part questions', () => {
  it('answers two questions asked in a row', () => {
    expect(parts('疲劳驾驶扣几分 高速限速多少')).toEqual(['fatigue-driving-penalty', 'expressway-speed-limits']);
  });

  it('answers the two questions a story ends with when 还有 / 另外 says a second one follows', () => {
    const story = index.normalise('半夜在高速上爆胎了，车上就我一个人，三角牌要放好远？还有，货车在高速上最低要跑好快？');
    expect(parts(story)).toEqual(['expressway-breakdown-warning', 'expressway-speed-limits']);
    expect(parts(index.normalise('半夜在高速上爆胎了，车上就我一个人，三角牌要放好远？'))).toBeUndefined();
  });

  it('answers two short sentences that each end in a question mark, and keeps a story ending in two questions whole', () => {
    expect(parts(index.normalise('货车在高速上最快能跑多少？要是半路坏了，警告牌得摆出去多远？'))).toEqual([
      'expressway-speed-limits',
      'expressway-breakdown-warning',
    ]);
    const story = '老板欠了我们十二个司机八万多工资，劳动部门下了限期支付的通知，到期了还是不给，自己换了新车到处耍，这样算不算犯罪？能不能报警？';
    expect(parts(index.normalise(story))).toBeUndefined();
    expect(parts(index.normalise('老板欠了我三个月工资不给，算不算犯罪？能不能报警？'))).toBeUndefined();
    expect(parts(index.normalise('高速上车坏了，三角牌放多远？要打什么电话？'))).toBeUndefined();
  });

  it('splits a coordination of two topics that no one entry covers, each with the shared predicate', () => {
    expect(parts('挂靠和留置权分别是什么')).toEqual(['affiliation-accident-liability', 'freight-carrier-lien']);
    expect(parts('12345跟12378分别管什么')).toEqual(['hotline-12345', 'hotline-12378']);
    expect(createKnowledgeProbe(index).confidence('12345跟12378分别管什么')).toBeGreaterThanOrEqual(ANSWER_THRESHOLD);
  });

  it('answers two service numbers compared with the entry titled with each, and one entry titled with both alone', () => {
    expect(parts('12348跟12345有啥区别，法律的事找哪个')).toEqual(['hotline-12348', 'hotline-12345']);
    // What 12328 is, not how fast it answers: both are titled with it.
    expect(parts('12328和12345有什么不同？运费纠纷应该打哪个？')).toEqual(['hotline-12328', 'hotline-12345']);
    expect(parts('撞车了先打110还是122')).toBeUndefined();
    // Two numbers only told, not compared, are no two questions.
    expect(parts('12328和12345都打过了，老板还是不给工资，怎么办')).toBeUndefined();
  });

  it('reads a second question that leaves out its subject with the first one\'s', () => {
    expect(parts('劳动仲裁要不要钱 时效是多久')).toEqual(['labour-arbitration-cost-and-timeline', 'labour-arbitration-time-limit']);
    expect(parts('12333跟12378各管啥')).toEqual(['hotline-12333', 'hotline-12378']);
  });

  it('keeps a story with its question, and a short follow-on clause with the one before', () => {
    expect(parts('老板拖了我三个月工资 现在还能不能去仲裁')).toBeUndefined();
    expect(parts('疲劳驾驶罚款多少 扣几分')).toBeUndefined();
  });

  it('keeps a topic and its question together when a voice transcript pauses between them', () => {
    expect(parts('法律援助法 是从哪一年 开始施行的')).toBeUndefined();
  });

  it('answers each of two things compared with its own entry, whether the question shares their clause or follows it', () => {
    expect(parts('劳动仲裁和小额诉讼哪个出结果快')).toEqual(['labour-arbitration-cost-and-timeline', 'freight-small-claims']);
    expect(parts('仲裁出裁决和小额诉讼判决，哪个期限短')).toEqual(['labour-arbitration-cost-and-timeline', 'freight-small-claims']);
  });

  it('does not split a coordination the whole question already answers', () => {
    expect(parts('超载和超限有啥区别')).toBeUndefined();
    expect(parts('工伤和交通事故都能申请法律援助吗')).toBeUndefined();
  });
});
