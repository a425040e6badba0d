// The FAQ skill with conversation state, offline: follow-ups resolved against the last answer, and what the state keeps.
import { beforeAll, describe, expect, it } from 'vitest';
import type { FlowState, TurnContext } from '../core/types.js';
import { answerQuestion, createFaqSkill, createNotFoundSkill, type FaqDeps } from './faq-skill.js';
import { loadEntries } from './load-entries.js';
import { repositoryLanguage } from './repository-language.js';
import { buildKnowledgeIndex } from './search-index.js';

let deps: FaqDeps;
beforeAll(() => {
  deps = { index: buildKnowledgeIndex(loadEntries(), repositoryLanguage()) };
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
  now: new Date('2026-11-29T06:00:00Z'),
});

/** Runs turns through the skill as the engine would, keeping the state and the last intent between them. */
async function converse(...texts: string[]): Promise<Array<{ intent?: string; id?: string; state: FlowState }>> {
  let state: FlowState = {};
  const out = [];
  for (const text of texts) {
    const result = await createFaqSkill(deps).handle(ctx(text, state));
    state = { ...(result.state ?? state), lastIntent: result.intent };
    out.push({ intent: result.intent, id: result.replies[0]?.citations?.[0]?.id, state });
  }
  return out;
}

const cited = async (...texts: string[]) => (await converse(...texts)).map((t) => t.id ?? t.intent);

describe('follow-up questions without a model', () => {
  it('answers a follow-up on the previous question topic', async () => {
    expect(await cited('疲劳驾驶怎么处罚', '那高速上呢')).toEqual(['fatigue-driving-penalty', 'fatigue-driving-rule']);
    expect(await cited('我被交警罚了款 说我超载 我拉的是十八吨 车是六轴的', '那我要交多少钱')).toEqual(['overlimit-weight-limits', 'overload-fines']);
    expect(await cited('劳动仲裁收费吗', '那时效是多久呢')).toEqual(['labour-arbitration-cost-and-timeline', 'labour-arbitration-time-limit']);
  });

  it('keeps the topic when a follow-up changes only the setting ("也一样吗")', async () => {
    expect(await cited('疲劳驾驶怎么罚', '高速上也一样吗')).toEqual(['fatigue-driving-penalty', 'fatigue-driving-rule']);
  });

  it('chains: the resolved question is what the next follow-up leans on', async () => {
    expect(await cited('疲劳驾驶怎么处罚', '那高速上呢', '要扣几分')).toEqual(['fatigue-driving-penalty', 'fatigue-driving-rule', 'fatigue-driving-penalty']);
  });

  it('admits the gap for a follow-up no entry covers instead of answering an entry that shares a word', async () => {
    const turns = await converse('挂靠公司不给我退保证金怎么办', '他们说要扣两万');
    expect(turns[1]?.intent).toBe('unknown');
    expect(await cited('绿通是什么', '那拉冻肉行不行')).toEqual(['green-lane-disqualified', 'unknown']);
  });

  it('answers a question with a topic of its own as it would without history', async () => {
    expect(await cited('疲劳驾驶怎么处罚', '那高速上呢', '劳动仲裁收费吗')).toEqual(['fatigue-driving-penalty', 'fatigue-driving-rule', 'labour-arbitration-cost-and-timeline']);
    expect(await cited('疲劳驾驶怎么处罚', '那劳动仲裁收费吗')).toEqual(['fatigue-driving-penalty', 'labour-arbitration-cost-and-timeline']);
    expect(await cited('超载怎么罚', '三轴货车限重')).toEqual(['overload-fines', 'overlimit-weight-limits']);
    // Same category as the previous answer: still the topic, so its own answer stands.
    expect(await cited('挂靠的车出事故谁赔', '那车到底算谁的')).toEqual(['affiliation-accident-liability', 'affiliation-ownership-proof']);
  });

  it('leans only on a question the last turn answered', async () => {
    const state: FlowState = { faqQuestions: ['疲劳驾驶怎么处罚'], faqEntry: 'fatigue-driving-penalty', lastIntent: 'faq' };
    const id = async (s: FlowState) => (await answerQuestion(deps, ctx('那高速上呢', s)))?.replies[0]?.citations?.[0]?.id;
    expect(await id(state)).toBe('fatigue-driving-rule');
    // A station search came in between: the fatigue question is no longer what the driver is talking about.
    expect(await id({ ...state, lastIntent: 'station' })).not.toBe('fatigue-driving-rule');
  });

  it('keeps the questions and the answering entry in the state, and leaves the rest of it alone', async () => {
    const flow = { name: 'grievance', data: { step: 'category' }, startedAt: '2026-11-29T05:00:00Z' };
    const answer = await answerQuestion(deps, ctx('那高速上呢', { flow, faqQuestions: ['疲劳驾驶怎么处罚'], faqEntry: 'fatigue-driving-penalty', lastIntent: 'faq' }));
    expect(answer?.state).toMatchObject({ flow, faqEntry: 'fatigue-driving-rule' });
    expect(answer?.state?.faqQuestions).toEqual(['疲劳驾驶怎么处罚', '那高速上呢 疲劳驾驶怎么处罚']);
  });

  it('answers a follow-up that intent detection could not place, from the not-found skill', async () => {
    const state: FlowState = { faqQuestions: ['疲劳驾驶怎么处罚'], faqEntry: 'fatigue-driving-penalty', lastIntent: 'faq' };
    expect(deps.index.confidence('罚几块钱')).toBeLessThan(0.5);
    const result = await createNotFoundSkill(deps).handle(ctx('罚几块钱', state));
    expect(result.intent).toBe('faq');
    expect(result.replies[0]?.citations?.[0]?.id).toBe('fatigue-driving-penalty');
  });

  it('does not call a follow-up off-topic when it finds nothing', async () => {
    const state: FlowState = { faqQuestions: ['疲劳驾驶怎么处罚'], faqEntry: 'fatigue-driving-penalty', lastIntent: 'faq' };
    const result = await createNotFoundSkill(deps).handle(ctx('还有呢', state));
    expect(result.replies[0]?.text).not.toMatch(/不在我能帮忙的范围/);
    expect(result.replies[0]?.text).toContain('转人工');
  });
});

describe('requests to evade checks or defeat monitors', () => {
  it.each([
    ['有什么办法躲过治超站的称重', 'overlimit'],
    ['教我怎么把车上的疲劳驾驶监测关掉', 'fatigue'],
    // A weigh station weighs for 超限: cheating its scale is answered with the overlimit penalties (the rule's first category).
    ['有个遥控器说能让地磅少显示两吨 好不好用', 'overlimit'],
    ['车上的北斗我想拿胶布贴起', 'fatigue'],
    ['超限站 晚上 有没有办法 绕过去', 'overlimit'],
    ['过检测站之前先把一部分货卸到朋友车上 过了再装回来', 'overlimit'],
    ['嗯 那个 有没有办法 让地磅 称轻一点', 'overlimit'],
    ['两个人轮着开，只插我一个人的卡，记录上就不超时了吧', 'fatigue'],
  ])('refuses %s with the legal consequence from a cited entry', async (text, category) => {
    const result = await createNotFoundSkill(deps).handle(ctx(text));
    expect(result.intent).toBe('faq');
    expect(result.replies[0]?.text).toMatch(/^这个忙我不能帮/);
    const cited = result.replies[0]?.citations?.[0]?.id;
    expect(deps.index.entry(cited ?? '')?.category).toBe(category);
    expect(result.replies[0]?.text).toMatch(/\d+\s*(元|分)/);
  });

  it('refuses forged papers without citing any fact the base does not hold', async () => {
    const result = await createNotFoundSkill(deps).handle(ctx('老板喊我搞一本假的行车日志应付检查'));
    expect(result.replies[0]?.text).toMatch(/^这个忙我不能帮：伪造/);
    expect(result.replies[0]?.citations ?? []).toEqual([]);
  });

  it('refuses forged papers with the entry that answers what they would stand in for, when the search is sure of it', async () => {
    const result = await createNotFoundSkill(deps).handle(ctx('我的车总质量8吨 没办道路运输证 能不能搞个假的道路运输证先用着'));
    expect(result.replies[0]?.text).toMatch(/^这个忙我不能帮：伪造/);
    expect(result.replies[0]?.text).toMatch(/4500\s*千克|4\.5\s*吨/);
    expect(result.replies[0]?.citations?.length).toBeGreaterThan(0);
  });

  it('answers a plain question about the same devices or stations as usual', async () => {
    const result = await createNotFoundSkill(deps).handle(ctx('超限检测站称重超了1吨罚多少'));
    expect(result.replies[0]?.text).not.toMatch(/不能帮/);
  });
});
