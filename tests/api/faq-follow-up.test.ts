// Follow-up questions through /api/chat, offline: resolved against the previous answer, typed and spoken, and never overriding a question of its own or an open form.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, type TestRuntime } from '../support/test-runtime.js';
import { testDriver } from '../support/test-db.js';

interface Turn {
  intent: string;
  replies: Array<{ text: string; citations?: Array<{ id: string }> }>;
}

describe(`follow-up questions over /api/chat (${testDriver})`, () => {
  let t: TestRuntime;
  let n = 0;
  beforeAll(async () => {
    t = await createTestRuntime();
  });
  afterAll(async () => t.close());

  /** One driver's conversation: each message in turn, on one channel. */
  const converse = async (texts: string[], channel: 'web' | 'voice' = 'web'): Promise<Turn[]> => {
    const userId = `follow-${n++}`;
    const turns: Turn[] = [];
    for (const text of texts) {
      const { status, body } = await t.chat({ userId, text, channel });
      expect(status).toBe(200);
      turns.push(body as Turn);
    }
    return turns;
  };
  const cited = (turn: Turn | undefined) => turn?.replies[0]?.citations?.[0]?.id;

  it('answers "那高速上呢" after a fatigue-driving question about fatigue driving, then a new topic as asked', async () => {
    const [, highway, arbitration] = await converse(['疲劳驾驶怎么处罚', '那高速上呢', '劳动仲裁收费吗']);
    expect(highway?.intent).toBe('faq');
    expect(cited(highway)).toBe('fatigue-driving-rule');
    expect(highway?.replies[0]?.text).toMatch(/4\s*小时/);
    expect(highway?.replies[0]?.text).not.toMatch(/150\s*米/);
    expect(cited(arbitration)).toBe('labour-arbitration-cost-and-timeline');
  });

  it('answers the same follow-up spoken, with the transcript’s spaces', async () => {
    const [first, highway] = await converse(['疲劳驾驶 怎么 处罚', '那 高速上 呢'], 'voice');
    expect(cited(first)).toBe('fatigue-driving-penalty');
    expect(cited(highway)).toBe('fatigue-driving-rule');
    expect(highway?.replies[0]?.text).toMatch(/4\s*小时/);
  });

  it('answers "那我要交多少钱" after an overload story with the overload fine, not another fee', async () => {
    for (const channel of ['web', 'voice'] as const) {
      const story = '我被交警罚了款 说我超载 我拉的是十八吨 车是六轴的';
      const [, pay] = await converse([story, channel === 'voice' ? '那 我 要 交 多少 钱' : '那我要交多少钱'], channel);
      expect(cited(pay), channel).toBe('overload-fines');
      expect(pay?.replies[0]?.text).toMatch(/200\s*(元|到)/);
      expect(pay?.replies[0]?.text).not.toContain('0.18');
    }
  });

  it('asks the new aspect of the same topic: 时效 after 收费', async () => {
    const [, limit] = await converse(['劳动仲裁收费吗', '那时效是多久呢']);
    expect(cited(limit)).toBe('labour-arbitration-time-limit');
    expect(limit?.replies[0]?.text).toMatch(/1\s*年/);
  });

  it('admits the gap when no entry covers the follow-up, instead of answering 套路贷', async () => {
    const [, deduction] = await converse(['挂靠公司不给我退保证金怎么办', '他们说要扣两万']);
    expect(deduction?.intent).toBe('unknown');
    expect(deduction?.replies[0]?.citations ?? []).toEqual([]);
    expect(deduction?.replies[0]?.text).not.toContain('套路贷');
    expect(deduction?.replies[0]?.text).toContain('转人工');
  });

  it('leaves questions with a topic of their own as they are, between follow-ups', async () => {
    const turns = await converse(['疲劳驾驶扣几分', '那罚多少钱呢', '三轴货车限重', '套路贷']);
    expect(turns.map(cited)).toEqual(['fatigue-driving-penalty', 'fatigue-driving-penalty', 'overlimit-weight-limits', 'taolu-dai-what-is']);
    expect(turns[1]?.replies[0]?.text).toMatch(/20\s*元/);
  });

  it('gives an open grievance form the driver’s next message, even one that sounds like a follow-up', async () => {
    const turns = await converse(['疲劳驾驶怎么处罚', '那高速上呢', '老板欠了我三个月工资', '他们说要扣两万']);
    expect(cited(turns[1])).toBe('fatigue-driving-rule');
    expect(turns[2]?.intent).toBe('grievance');
    expect(turns[3]?.intent).toBe('grievance');
    expect(turns[3]?.replies[0]?.citations ?? []).toEqual([]);
  });
});
