// The decision stage: one typed outcome per question (answer / clarify / not-found / off-topic), clarifying questions and their picks, and paraphrases added at run time going live on a rebuilt index.
import { beforeAll, describe, expect, it } from 'vitest';
import type { FlowState, TurnContext } from '../core/types.js';
import { assessQuestion, isEverydayMatter, rankedHits } from './decide.js';
import type { KnowledgeEntry } from './entry-schema.js';
import { createFaqSkill, createNotFoundSkill } from './faq-skill.js';
import { loadEntries } from './load-entries.js';
import { repositoryLanguage } from './repository-language.js';
import { buildKnowledgeIndex, type KnowledgeIndex } from './search-index.js';
import { ANSWER_THRESHOLD } from './thresholds.js';

let index: KnowledgeIndex;
beforeAll(() => {
  index = buildKnowledgeIndex(loadEntries(), repositoryLanguage());
});

const ctx = (text: string, state: FlowState = {}): TurnContext => ({
  driverId: 'd1',
  conversationId: 'c1',
  channel: 'test',
  render: 'text',
  text,
  rawText: text,
  transcript: false,
  state,
  now: new Date('2026-12-04T06:00:00Z'),
});

const entry = (id: string, category: KnowledgeEntry['category'], title: string, questions: string[], answer: string): KnowledgeEntry => ({
  id,
  title,
  category,
  region: 'national',
  questions,
  answer,
  speech: answer,
  sources: [{ name: '测试来源' }],
  effective: '2026-01-01',
  reviewed: '2026-01-01',
  tags: [],
});

describe('assessQuestion', () => {
  it('answers with candidates best first, a confidence and the reason', () => {
    const o = assessQuestion(index, '12328是管什么的');
    expect(o).toMatchObject({ decision: 'answer', decidedBy: 'search', question: '12328是管什么的' });
    expect(o.candidates[0]?.id).toBe('hotline-12328');
    expect(o.confidence).toBeGreaterThanOrEqual(ANSWER_THRESHOLD);
    expect(o.reason).toMatch(/confidence/);
  });

  it('prefers a close runner-up that states the amount asked for over a top entry that states none', () => {
    // The premise: the weight-limits entry ranks first on 六轴 / 吨 but states no fine.
    expect(index.search('超限了 六轴 拉了五十吨', 1)[0]?.entry.id).toBe('overlimit-weight-limits');
    expect(assessQuestion(index, '超限了 六轴 拉了五十吨 罚好多').candidates[0]?.id).toBe('overlimit-penalties');
    // Without an asked amount the ranking stands.
    expect(assessQuestion(index, '六轴车限重多少吨').candidates[0]?.id).toBe('overlimit-weight-limits');
  });

  it('answers a question naming one service number with the entry titled with it, not one titled with another number', () => {
    // The premise: 12345's time limits rank first on 投诉多久 … 回复, though the question names 12328.
    expect(index.search('12328接到投诉多久要给回复', 1)[0]?.entry.id).toBe('hotline-12345');
    expect(assessQuestion(index, '12328接到投诉多久要给回复').candidates[0]?.id).toBe('hotline-12328-timeline');
    expect(assessQuestion(index, '打了12345投诉 多久能有答复').candidates[0]?.id).toBe('hotline-12345');
    // Two numbers named (a comparison): the search's order stands.
    const both = '12328和12345有什么不同';
    expect(assessQuestion(index, both).candidates[0]?.id).toBe(index.search(both, 1)[0]?.entry.id);
  });

  it('moves up a close runner-up whose curated question is nearly the driver’s words, never one matching by characters alone', () => {
    expect(index.search('12328 是 干 啥 的', 1)[0]?.entry.id).toBe('hotline-12328-timeline');
    expect(assessQuestion(index, '12328 是 干 啥 的').candidates[0]?.id).toBe('hotline-12328');
    // 12328's 「12328是管什么的」 is near by characters, but it does not cover 12348.
    expect(assessQuestion(index, '幺二三四八是管啥的').candidates[0]?.id).toBe('hotline-12348');
  });

  it('calls an everyday matter off-topic even with a truck or a road as its setting, never with money or work beside it', () => {
    expect(assessQuestion(index, '推荐一部讲卡车司机的电影，要那种公路片').decision).toBe('off-topic');
    expect(assessQuestion(index, '我家娃儿的玩具卡车轮子掉了，怎么装回去').decision).toBe('off-topic');
    expect(isEverydayMatter(index, '高速上堵车无聊得很，推荐几首好听的歌')).toBe(true);
    expect(isEverydayMatter(index, '开车的时候听歌会不会扣分')).toBe(false);
    expect(isEverydayMatter(index, '老板拖着工资不发，倒是换了新车到处耍，朋友圈天天晒')).toBe(false);
    expect(isEverydayMatter(index, '我要投诉，拉了一车玩具到义乌，货主不给运费')).toBe(false);
    expect(isEverydayMatter(index, '货车今天限号吗')).toBe(false);
    expect(isEverydayMatter(index, '高空作业车上高速要办什么证')).toBe(false);
    // A legal word quoted to be translated or explained is not a legal question.
    expect(assessQuestion(index, '“仲裁”这个词用英文怎么说').decision).toBe('off-topic');
    expect(assessQuestion(index, '仲裁委用英文怎么说，申请仲裁要钱不').decision).not.toBe('off-topic');
  });

  it('answers about the service number asked when two are told and one asked about', () => {
    expect(rankedHits(index, '12345和12328都能投诉，四川12345的投诉一般几个工作日办结？')[0]?.entry.id).toBe('hotline-12345');
  });

  it('calls an errand off-topic unless a curated question is clearly near it', () => {
    expect(assessQuestion(index, '帮我给老板打个电话 说我明天晚点到').decision).toBe('off-topic');
    expect(assessQuestion(index, '你帮我问一下公司有没有给我交工伤保险').decision).toBe('answer');
    expect(assessQuestion(index, '你帮我问问 老板拖了三个月工资 能不能去劳动仲裁').decision).toBe('answer');
  });

  it('calls a message with no driver word and no near entry off-topic, and a driver topic without an entry a gap', () => {
    expect(assessQuestion(index, '回锅肉怎么做才好吃').decision).toBe('off-topic');
    expect(assessQuestion(index, '开车玩手机扣几分').decision).toBe('not-found');
  });

  it('does not answer chat that shares only stray words with an entry, while a driver word keeps a loosely worded question answered', () => {
    const stray = assessQuestion(index, '鱼缸里的鱼三天没吃东西了 怎么办');
    // The premise: some entry scores above the answer bar on the shared words (三天, 东西) alone.
    expect(stray.confidence).toBeGreaterThanOrEqual(ANSWER_THRESHOLD);
    expect(stray.decision).toBe('off-topic');
    expect(stray.reason).toMatch(/driver word/);
    expect(assessQuestion(index, '老板拖了工钱三个月 人也联系不上了').decision).toBe('answer');
  });

  it('lists one entry per part of a two-part question', () => {
    const o = assessQuestion(index, '疲劳驾驶扣几分 高速限速多少');
    expect(o.decision).toBe('answer');
    expect(o.parts).toHaveLength(2);
  });

  it('does not let a comparison with an uncovered topic (养老保险) block the entry about the subject', () => {
    const o = assessQuestion(index, '工伤保险是不是跟养老保险一样 个人也要从工资里头扣一部分');
    expect(o.candidates[0]?.id).toBe('work-injury-premium');
    // Without the comparison rule the 养老 topic cut it to 0.22 (the uncovered-topic penalty).
    expect(o.candidates[0]?.confidence).toBeGreaterThan(0.4);
  });

  it('answers how soon a step must be taken with the entry that states its time limit, not how long the step takes', () => {
    for (const q of ['劳动仲裁要在多长时间以内申请', '劳动仲裁多久之内要去申请']) {
      expect(assessQuestion(index, q).candidates[0]?.id, q).toBe('labour-arbitration-time-limit');
    }
    expect(assessQuestion(index, '劳动仲裁多久出结果').candidates[0]?.id).toBe('labour-arbitration-cost-and-timeline');
  });

  it('explains a procedure the driver names (小额诉讼) instead of asking who owes them, and asks that when none is named', () => {
    expect(assessQuestion(index, '小额诉讼是啥子，欠多少钱以下可以走这个').candidates[0]?.id).toBe('freight-small-claims');
    expect(assessQuestion(index, '老板不给钱咋办').candidates[0]?.id).toBe('employee-or-owner-operator');
  });

  it('answers a short question whose top entry stands far above the rest, unless that entry misses a topic it names', () => {
    const o = assessQuestion(index, '不诚信的货主会被平台封不');
    expect(o.decision).toBe('answer');
    expect(o.candidates[0]?.id).toBe('freight-platform-complaints');
    // The points of a whole licence are no fatigue-driving question, however far that entry leads.
    expect(assessQuestion(index, '驾驶证一年总共多少分').decision).not.toBe('answer');
  });

  it('does not ask which entry is meant when what the question asks (an amount) already chose between them', () => {
    const o = assessQuestion(index, '核载十八吨 我装了二十五吨 罚好多嘛');
    expect(o.decision).toBe('answer');
    expect(o.candidates[0]?.id).toBe('overload-fines');
  });
});

describe('clarifying questions', () => {
  // Two entries on different subjects that a short question names equally.
  const small = () =>
    buildKnowledgeIndex(
      [
        entry('a', 'fatigue', '夜间停车休息规定', ['夜间停车休息有什么规定'], '夜间连续驾驶不超过2小时，要停车休息。'),
        entry('b', 'stations', '夜间停车休息地点', ['夜间停车休息去哪里'], '暖心之家可以停车休息。'),
      ],
      repositoryLanguage(),
    );

  it('asks which one with both options and their one-line answers, then answers the pick', async () => {
    const idx = small();
    const skill = createFaqSkill({ index: idx });
    const first = await skill.handle(ctx('夜间停车休息'));
    expect(first.knowledge?.decision).toBe('clarify');
    expect(first.replies[0]?.text).toContain('1. 夜间停车休息');
    expect(first.replies[0]?.text).toContain('2. 夜间停车休息');
    expect(first.replies[0]?.quickReplies).toHaveLength(2);
    const state: FlowState = { ...(first.state ?? {}), lastIntent: 'faq' };
    const offered = (state.faqClarify as { options: string[] }).options;
    const picked = await createNotFoundSkill({ index: idx }).handle(ctx('第二个', state));
    expect(picked.intent).toBe('faq');
    expect(picked.replies[0]?.citations?.[0]?.id).toBe(offered[1]);
    expect(picked.knowledge).toMatchObject({ decision: 'answer', decidedBy: 'clarification' });
    expect(picked.state?.faqClarify).toBeUndefined();
  });

  it('forgets the question once the driver moved on', async () => {
    const idx = small();
    const first = await createFaqSkill({ index: idx }).handle(ctx('夜间停车休息'));
    const moved: FlowState = { ...(first.state ?? {}), lastIntent: 'station' };
    const later = await createNotFoundSkill({ index: idx }).handle(ctx('第二个', moved));
    expect(later.replies[0]?.citations).toBeUndefined();
  });

  it('never asks when the two entries are aspects of one topic', () => {
    expect(assessQuestion(index, '超载怎么罚').decision).toBe('answer');
  });
});

describe('requests for a task', () => {
  it('are off-topic when no curated question is near, whatever driver words set the scene', () => {
    const o = assessQuestion(index, '帮我给货主发个消息 说货明天到');
    expect(o.decision).toBe('off-topic');
    expect(o.candidates[0]?.confidence).toBeGreaterThanOrEqual(ANSWER_THRESHOLD);
  });

  it('are off-topic even beside a near curated question: shopping advice and settings are no driver question', () => {
    expect(assessQuestion(index, '服务区卖的奶茶哪个牌子好喝').decision).toBe('off-topic');
    expect(assessQuestion(index, '微信咋改头像').decision).toBe('off-topic');
    expect(assessQuestion(index, '12348这个号码能帮我做什么').decision).not.toBe('off-topic');
  });

  it('still answer a question asked as a request, and papers of the driver\'s own dispute', () => {
    expect(assessQuestion(index, '帮我查一下超载怎么罚').decision).toBe('answer');
    expect(assessQuestion(index, '帮我写个欠运费的投诉').decision).toBe('answer');
  });
});

describe('long stories', () => {
  const affiliation = () =>
    buildKnowledgeIndex(
      [
        entry('seizure', 'affiliation', '挂靠车被查封怎么证明车是自己的', ['挂靠车被法院查封了怎么办', '车挂在公司名下被查封 怎么证明是我的'], '保留购车发票、付款凭证和挂靠协议，向法院提出执行异议。'),
        entry('fee', 'affiliation', '挂靠管理费', ['挂靠管理费一年交多少'], '挂靠管理费按合同约定。'),
        entry('limit', 'wage-arrears', '劳动仲裁时效', ['劳动仲裁时效多久'], '劳动仲裁时效一年。'),
      ],
      repositoryLanguage(),
    );
  const story = '这台车是我们一家人吃饭的家伙 全款买的 挂在运输公司名下 现在公司欠了别人的钱 法院把公司名下的车都查封了 我现在车都跑不成了 咋个办';

  it('answers the entry that stands far above the rest although the story dilutes its coverage', () => {
    const o = assessQuestion(affiliation(), story);
    expect(o.candidates[0]).toMatchObject({ id: 'seizure' });
    expect(o.candidates[0]?.confidence).toBeLessThan(ANSWER_THRESHOLD);
    expect(o).toMatchObject({ decision: 'answer', confidence: ANSWER_THRESHOLD });
    expect(o.reason).toContain('story');
  });

  it('keeps not-found when two entries are near each other, or the message is short', () => {
    const both = '这台车是全款买的 挂在运输公司名下 每年交挂靠管理费 管理费一年好几千 现在公司欠了别人的钱 法院查封了公司名下的车 我现在车都跑不成了';
    const o = assessQuestion(affiliation(), both);
    expect(o.candidates[1]?.score).toBeGreaterThan(o.candidates[0]!.score / 1.4);
    expect(o.reason).not.toContain('story');
    expect(assessQuestion(affiliation(), '全款买的车跑不成了咋个办').decision).toBe('not-found');
  });
});

describe('paraphrases added at run time', () => {
  it('go live on the rebuilt index, the old one untouched', () => {
    const question = '拉货拉到半夜眼皮打架了咋整';
    const before = index.search(question, 1)[0];
    const grown = index.withQuestions({ 'fatigue-driving-rule': [question], 'no-such-entry': ['x'] });
    expect(grown.search(question, 1)[0]?.entry.id).toBe('fatigue-driving-rule');
    expect(grown.search(question, 1)[0]?.nearest?.question).toBe(question);
    expect(index.search(question, 1)[0]?.entry.id).toBe(before?.entry.id);
    expect(grown.entries.find((e) => e.id === 'fatigue-driving-rule')?.questions).toContain(question);
  });
});
