// Grievance intake through /api/chat: one-message and step-by-step filing, corrections, cancel, interruption, urgent, consent, status.
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestRuntime, type TestRuntime } from '../support/test-runtime.js';

let t: TestRuntime;
const NOW = new Date('2026-11-25T10:00:00+08:00'); // a Wednesday

beforeEach(async () => {
  t = await createTestRuntime({ env: { CASE_SWEEP_INTERVAL_MS: '0' }, clock: () => NOW });
});
afterEach(async () => {
  await t.close();
});

async function say(userId: string, text: string, extra: Record<string, unknown> = {}) {
  const res = await t.chat({ userId, text, ...extra });
  expect(res.status).toBe(200);
  return { ...res.body, all: (res.body.replies as { text: string }[]).map((r) => r.text).join('\n') } as {
    intent: string;
    mode: string;
    replies: { text: string; caseId?: string }[];
    all: string;
  };
}

async function countCases(): Promise<number> {
  const result = await t.database.db.execute(sql`select count(*)::int as n from cases`);
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { n: number }[];
  return rows[0]!.n;
}

describe('filing a grievance in the conversation', () => {
  it('files from one message plus consent and confirmation, and the filing reply carries caseId', async () => {
    const first = await say('d1', '我是金堂的，成都顺达物流公司欠我运费三万，三个月了，我自己的车，电话13812345678');
    expect(first.intent).toBe('grievance');
    expect(first.all).toContain('同意');
    const summary = await say('d1', '同意');
    expect(summary.all).toContain('运费结算');
    expect(summary.all).toContain('3万元');
    expect(summary.all).toContain('成都市金堂县');
    expect(summary.all).toContain('成都顺达物流公司');
    expect(summary.all).toContain('138****5678');
    expect(summary.all).not.toContain('13812345678');
    expect(summary.all).toContain('运单'); // the evidence checklist
    expect(summary.all).toMatch(/3年/); // owner-operator: civil contract route
    expect(summary.all).not.toContain('劳动仲裁');
    const filed = await say('d1', '确认');
    const caseId = filed.replies.find((r) => r.caseId)?.caseId;
    expect(caseId).toMatch(/^SC-2026-\d{6}$/);
    expect(filed.all).toContain(caseId!);
    const record = await t.runtime.cases.service.getCase(caseId!);
    expect(record).toMatchObject({
      category: 'freight',
      amountYuan: 30000,
      countyCode: '510121',
      cityCode: '510100',
      employment: 'owner_operator',
      phone: '13812345678',
      status: 'assigned',
      level: 'county',
      desk: 'county:510121',
    });
    expect(record?.consentAt).not.toBeNull();

    const status = await say('d1', '我的诉求办得怎么样了');
    expect(status.intent).toBe('case_status');
    expect(status.all).toContain(caseId!);
    expect(status.all).toContain('已转办');
  });

  it('collects step by step and never asks again what was said', async () => {
    const a = await say('d2', '我要投诉');
    expect(a.all).toContain('哪方面');
    // Nothing of the story yet, so no knowledge-base fact in front of the question.
    expect(a.all).toMatch(/^好的，我帮您登记诉求/);
    const b = await say('d2', '拖欠工资');
    expect(b.all).toContain('发生了什么');
    const c = await say('d2', '在车队开车，老板三个月没发工资了');
    // counterpart, amount … but not the start (三个月) nor employment (老板/工资 → employed)
    expect(c.all).toContain('对方是谁');
    const d = await say('d2', '王老板');
    expect(d.all).toContain('多少钱');
    const e = await say('d2', '两千五');
    expect(e.all).not.toContain('什么时候');
    expect(e.all).toContain('区县');
    const f = await say('d2', '在成都');
    expect(f.all).toContain('成都市哪个区县');
    const g = await say('d2', '龙泉驿');
    expect(g.all).not.toContain('给老板开车');
    expect(g.all).toContain('手机号');
    const h = await say('d2', '1381234');
    expect(h.all).toContain('号码好像不对');
    const i = await say('d2', '13912345678');
    expect(i.all).toContain('同意');
    const j = await say('d2', '同意');
    expect(j.all).toContain('2500元');
    expect(j.all).toContain('成都市龙泉驿区');
    expect(j.all).toContain('劳动仲裁');
    expect(j.all).toContain('1年');
    const k = await say('d2', '对的');
    expect(k.replies.some((r) => r.caseId)).toBe(true);
  });

  it('notes a place given instead of the asked name or date and asks again; a bare word is an answer, not a question', async () => {
    await say('d20', '我要投诉，货主拖着运费不给，一共两万多');
    const place = await say('d20', '成都的');
    expect(place.all).toMatch(/^好的，记下了。\n对方是谁/);
    const county = await say('d20', '新都区');
    expect(county.all).toMatch(/^好的，记下了。\n对方是谁/);
    expect((await say('d20', '不知道')).all).toContain('什么时候');
    // "交警" to "when did it start?": neither a date nor a question about traffic police.
    const word = await say('d20', '交警');
    expect(word.intent).toBe('grievance');
    expect(word.all).toMatch(/^没太听明白。这事是什么时候开始的/);
    await say('d20', '上个月');
    await say('d20', '不留');
    await say('d20', '同意');
    const summary = await say('d20', '确认');
    expect(summary.all).toContain('已登记');
    const result = await t.database.db.execute(sql`select counterpart, county_code, started_text from cases`);
    const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Record<string, unknown>[];
    expect(rows[0]).toMatchObject({ counterpart: null, county_code: '510114', started_text: '上个月' });
  });

  it('applies a correction at the summary and files the corrected amount', async () => {
    const q = await say('d3', '在自贡沿滩被乱罚款两千，上周的事，罚单都没给，不留电话');
    expect(q.all).toContain('对方是谁');
    await say('d3', '不知道');
    const s1 = await say('d3', '同意');
    expect(s1.all).toContain('2000元');
    const s2 = await say('d3', '不对，是三千');
    expect(s2.all).toContain('金额改为：3000元');
    expect(s2.all).toContain('3000元');
    const filed = await say('d3', '确认');
    const caseId = filed.replies.find((r) => r.caseId)!.caseId!;
    expect((await t.runtime.cases.service.getCase(caseId))?.amountYuan).toBe(3000);
  });

  it('cancels with 算了 and files nothing', async () => {
    await say('d4', '老板欠我运费三个月了');
    const c = await say('d4', '算了');
    expect(c.all).toContain('已取消');
    expect(await countCases()).toBe(0);
    const next = await say('d4', '你好');
    expect(next.intent).toBe('smalltalk');
  });

  it('answers an interruption and returns to the form', async () => {
    await say('d5', '我要投诉');
    await say('d5', '乱收费');
    const q = await say('d5', '我的诉求办得怎么样了');
    expect(q.intent).toBe('case_status');
    expect(q.all).toContain('没有查到您登记过的诉求');
    expect(q.all).toContain('接着登记');
    const back = await say('d5', '高速出口收了我500块停车费');
    expect(back.all).not.toContain('没太听明白');
  });

  it('on consent refusal shares nothing and tells the driver what that means', async () => {
    await say('d6', '金堂的货主欠我运费两万，去年十月的，自己的车，不留电话，对方是李老板');
    const unclear = await say('d6', '不留');
    expect(unclear.all).toContain('请回复“同意”或“不同意”');
    const refused = await say('d6', '不同意');
    expect(refused.all).toContain('不会登记');
    expect(refused.all).toContain('没有单位会跟进');
    expect(refused.all).toContain('12328');
    expect(await countCases()).toBe(0);
  });

  it('urgent words skip the form: emergency numbers, an urgent case, and a human', async () => {
    const r = await say('d7', '救命，有人拿刀威胁要弄死我，就在金堂加油站');
    expect(r.mode).toBe('human');
    expect(r.replies[0]!.text).toContain('110');
    const caseId = r.replies.find((x) => x.caseId)?.caseId;
    expect(caseId).toBeDefined();
    const record = await t.runtime.cases.service.getCase(caseId!);
    expect(record).toMatchObject({ priority: 'urgent', countyCode: '510121' });
  });

  it('a 套路贷 story hears about 110 at once, before the form asks its first question', async () => {
    const r = await say('d10', '我被套路贷了');
    expect(r.intent).toBe('grievance');
    expect(r.replies[0]!.text).toMatch(/110[\s\S]*？/);
  });

  it('a story the knowledge base clearly answers hears its key fact beside the first question; a vague one does not', async () => {
    const clear = await say('d12', '我的车挂在运输公司 撞了人 赔不起了');
    expect(clear.intent).toBe('grievance');
    expect(clear.all).toContain('连带');
    const vague = await say('d13', '我要投诉宜宾一个货站乱收费');
    expect(vague.intent).toBe('grievance');
    expect(vague.all).not.toMatch(/12378|连带/);
  });

  it('urgent words in the middle of the form also skip it', async () => {
    await say('d8', '我要投诉');
    const r = await say('d8', '我受伤了在流血');
    expect(r.mode).toBe('human');
    expect(r.replies[0]!.text).toContain('120');
  });

  it('a re-delivered confirmation never creates two cases', async () => {
    await say('d9', '满帮上的货主不给运费两千五，在沿滩，三个月了，自己的车，不留电话，对方是成都某某物流公司');
    await say('d9', '同意', { messageId: 'm-consent' });
    const a = await say('d9', '确认', { messageId: 'm-confirm' });
    const b = await say('d9', '确认', { messageId: 'm-confirm' });
    expect(a.replies.find((r) => r.caseId)?.caseId).toBe(b.replies.find((r) => r.caseId)?.caseId);
    expect(await countCases()).toBe(1);
  });

  it('shows nobody another driver’s case', async () => {
    await say('d10', '沿滩的货主欠我运费两万，三个月了，自己的车，不留电话，对方是张老板');
    await say('d10', '同意');
    const filed = await say('d10', '确认');
    const caseId = filed.replies.find((r) => r.caseId)!.caseId!;
    const other = await say('d11', `查一下我的诉求 ${caseId} 办得怎么样了`);
    expect(other.all).toContain('没有找到');
    expect(other.all).not.toContain('运费结算');
    const mine = await say('d10', `我的诉求${caseId}进度`);
    expect(mine.all).toContain('运费结算');
  });
});
