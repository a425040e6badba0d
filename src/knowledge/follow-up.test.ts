// Follow-up resolution over the real knowledge base: which messages lean on the previous question, and what they resolve to.
import { beforeAll, describe, expect, it } from 'vitest';
import { ANSWER_THRESHOLD } from './faq-skill.js';
import { continuesPrevious, leansOnPrevious, resolveFollowUp } from './follow-up.js';
import { loadEntries } from './load-entries.js';
import { repositoryLanguage } from './repository-language.js';
import { buildKnowledgeIndex, type KnowledgeIndex } from './search-index.js';

let index: KnowledgeIndex;
beforeAll(() => {
  index = buildKnowledgeIndex(loadEntries(), repositoryLanguage());
});

const OVERLOAD_STORY = '我被交警罚了款 说我超载 我拉的是十八吨 车是六轴的';
const resolved = (previous: string, text: string, previousEntry?: string) =>
  resolveFollowUp(index, { text, previous, ...(previousEntry ? { previousEntry } : {}) }, ANSWER_THRESHOLD)?.hits[0]?.entry.id;

describe('which messages continue the previous question', () => {
  it.each(['那高速上呢', '他们说要扣两万', '要是单位不给申请呢', '公司说跟他们没关系', '那 高速上 呢'])('%s continues it', (text) => {
    expect(continuesPrevious(index.words, text)).toBe(true);
  });

  it.each([
    '劳动仲裁收费吗',
    // A story long enough to name its own people: 他 and 那个 point inside it.
    '老板拖了我三个月工资 他说年底一起结 到现在都没给我该怎么办呢',
    '我兄弟昨晚跑夜路被拍了个疲劳驾驶，他开的是半挂，要扣几分',
  ])('%s does not', (text) => {
    expect(continuesPrevious(index.words, text)).toBe(false);
  });

  it('leans on the previous question when it only asks, not when it names a topic of its own', () => {
    const own = (t: string) => index.confidence(t);
    expect(leansOnPrevious(index, '那我要交多少钱', own('那我要交多少钱'), ANSWER_THRESHOLD)).toBe(true);
    expect(leansOnPrevious(index, '罚多少', own('罚多少'), ANSWER_THRESHOLD)).toBe(true);
    expect(leansOnPrevious(index, '三轴货车限重', own('三轴货车限重'), ANSWER_THRESHOLD)).toBe(false);
    expect(leansOnPrevious(index, '套路贷', own('套路贷'), ANSWER_THRESHOLD)).toBe(false);
    // Nothing of its own found: the previous question may be what it is about.
    expect(leansOnPrevious(index, '罚几块钱', own('罚几块钱'), ANSWER_THRESHOLD)).toBe(true);
  });
});

describe('resolving a follow-up', () => {
  it('answers the new aspect on the carried topic', () => {
    expect(resolved('疲劳驾驶怎么处罚', '那高速上呢', 'fatigue-driving-penalty')).toBe('fatigue-driving-rule');
    // The fine, not the weight limits answered before.
    expect(resolved(OVERLOAD_STORY, '那我要交多少钱', 'overlimit-weight-limits')).toBe('overload-fines');
    expect(resolved(OVERLOAD_STORY, '那 我 要 交 多少 钱', 'overlimit-weight-limits')).toBe('overload-fines');
    expect(resolved('疲劳驾驶扣几分', '那罚多少钱呢', 'fatigue-driving-penalty')).toBe('fatigue-driving-penalty');
    expect(resolved('工伤认定怎么申请', '过了期限呢', 'work-injury-application-deadline')).toBe('work-injury-application-deadline');
  });

  it('weighs the new words over the carried ones', () => {
    // The fee entry covers both questions' words, yet 时效 is what is asked now.
    expect(resolved('劳动仲裁收费吗', '那时效是多久呢', 'labour-arbitration-cost-and-timeline')).toBe('labour-arbitration-time-limit');
    expect(resolved('超限的标准是好多', '那罚款呢', 'overlimit-size-limits')).toBe('overlimit-penalties');
  });

  it('resolves nothing when no entry answers the new part on that topic', () => {
    // No entry covers a deposit; 两万 alone matches the 套路贷 entry, which is off the topic.
    expect(resolved('挂靠公司不给我退保证金怎么办', '他们说要扣两万', 'affiliation-ownership-proof')).toBeUndefined();
    // A topic of its own.
    expect(resolved('疲劳驾驶怎么处罚', '劳动仲裁收费吗', 'fatigue-driving-penalty')).toBeUndefined();
    expect(resolved('疲劳驾驶怎么处罚', '那闯红灯呢', 'fatigue-driving-penalty')).toBeUndefined();
    expect(resolved('劳动仲裁收费吗', 'iphone多少钱', 'labour-arbitration-cost-and-timeline')).toBeUndefined();
    expect(resolved('绿通是什么', '那拉冻肉行不行', 'green-lane-disqualified')).toBeUndefined();
    // Nothing new asked: repeating the last answer would help nobody.
    expect(resolved('疲劳驾驶怎么处罚', '还有呢', 'fatigue-driving-penalty')).toBeUndefined();
  });

  it('carries a bounded text into the next turn however long the chain', () => {
    const long = `${OVERLOAD_STORY} ${OVERLOAD_STORY} ${OVERLOAD_STORY}`;
    const out = resolveFollowUp(index, { text: '那我要交多少钱', previous: long, previousEntry: 'overlimit-weight-limits' }, ANSWER_THRESHOLD);
    expect(out?.question.startsWith('那我要交多少钱')).toBe(true);
    expect(Array.from(out?.question ?? '').length).toBeLessThanOrEqual(80);
  });
});
