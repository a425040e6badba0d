// Handoff behaviour end to end over /api/chat and the staff API: silence while human, cancel, bot failing twice, escalation, hand-back.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, type TestRuntime } from '../support/test-runtime.js';
import { testDriver } from '../support/test-db.js';
import { addStaff, loggedIn, type Browserless } from '../support/staff-client.js';

// Monday 2026-03-02 10:00 in Beijing: inside the default working hours.
let now = new Date('2026-03-02T02:00:00Z');
const clock = () => now;

describe(`handoff (${testDriver})`, () => {
  let t: TestRuntime;
  let agent: Browserless;
  beforeAll(async () => {
    t = await createTestRuntime({ clock, env: { HANDOFF_ESCALATE_MINUTES: '10' } });
    await addStaff(t.runtime, 'yantan', 'agent', '510311', '沿滩坐席');
    agent = await loggedIn(t.app, 'yantan');
  });
  afterAll(async () => t.close());

  const updates = async (userId: string) =>
    (await t.app.request(`/api/chat/updates?userId=${userId}`)).json() as Promise<{ updates: { kind: string; text: string }[] }>;

  it('hands off when the driver asks, acknowledges once, and stays silent for every later message', async () => {
    await t.chat({ userId: 'd1', text: '我在沿滩，货主欠我运费三个月了' });
    const asked = await t.chat({ userId: 'd1', text: '转人工' });
    expect(asked.body.mode).toBe('human');
    expect(asked.body.replies).toHaveLength(1);
    expect(asked.body.replies[0].text).toContain('已转人工，工作人员会尽快回复');
    expect(asked.body.replies[0].text).not.toContain('不是工作时间');

    let botReplies = 0;
    for (let i = 0; i < 12; i++) {
      const r = await t.chat({ userId: 'd1', text: ['你好', '附近哪里可以洗澡', '疲劳驾驶怎么规定的', '在吗', '我要投诉', '谢谢'][i % 6] });
      expect(r.status).toBe(200);
      expect(r.body.mode).toBe('human');
      botReplies += r.body.replies.length;
    }
    expect(botReplies).toBe(0);

    const queue = await agent.api('GET', '/queue');
    const h = queue.body.handoffs.find((x: { summary: string }) => x.summary.includes('欠我运费'));
    expect(h).toMatchObject({ status: 'waiting', reason: 'driver_asked', regionCode: '510311' });
    expect(h.summary).toContain('司机要求转人工');
    expect(h.summary).toContain('沿滩');
  });

  it('lets the driver cancel a handoff nobody has claimed, and the bot answers again', async () => {
    await t.chat({ userId: 'd2', text: '找人工' });
    const cancel = await t.chat({ userId: 'd2', text: '不用了' });
    expect(cancel.body.mode).toBe('bot');
    expect(cancel.body.replies[0].text).toContain('已取消转人工');
    const after = await t.chat({ userId: 'd2', text: '你好' });
    expect(after.body.mode).toBe('bot');
    expect(after.body.replies.length).toBeGreaterThan(0);
  });

  it('does not cancel once staff have claimed it: "不用了" reaches staff instead', async () => {
    await t.chat({ userId: 'd3', text: '我在沿滩区，要跟人说' });
    const r = await t.chat({ userId: 'd3', text: '人工客服' });
    const conversationId = r.body.conversationId;
    const q = await agent.api('GET', '/queue');
    const h = q.body.handoffs.find((x: { conversationId: string }) => x.conversationId === conversationId);
    expect((await agent.api('POST', `/handoffs/${h.id}/claim`)).status).toBe(200);
    const cancel = await t.chat({ userId: 'd3', text: '不用了' });
    expect(cancel.body.mode).toBe('human');
    expect(cancel.body.replies).toHaveLength(0);
  });

  it('does not hand off for off-topic chat: a polite refusal is not the bot failing', async () => {
    for (const text of ['讲个笑话', '量子纠缠是什么原理', '你喜欢吃什么']) {
      const r = await t.chat({ userId: 'd4-chat', text });
      expect(r.body.mode).toBe('bot');
      expect(r.body.replies[0].text).toContain('不在我能帮忙的范围');
    }
  });

  it('hands off on the second miss in a row, not the first', async () => {
    const first = await t.chat({ userId: 'd4', text: '货车年审可以异地办吗' });
    expect(first.body.mode).toBe('bot');
    expect(first.body.intent).toBe('unknown');
    const second = await t.chat({ userId: 'd4', text: '火星上能开货车不' });
    expect(second.body.mode).toBe('human');
    expect(second.body.replies[0].text).toContain('已转人工');
    const all = await t.runtime.staff.console.queue(
      { staff: { id: 'x', username: 'x', displayName: 'x', role: 'admin', regionCode: null }, ip: null },
      { statuses: ['waiting'] },
    );
    const h = all.find((x) => x.conversationId === second.body.conversationId);
    expect(h).toMatchObject({ reason: 'bot_failed', regionCode: null });
    expect(h?.summary).toContain('货车年审');
  });

  it('tells the driver when staff are back and the hotline outside working hours', async () => {
    now = new Date('2026-03-07T14:00:00Z'); // Saturday 22:00 Beijing
    try {
      const r = await t.chat({ userId: 'd5', text: '转人工' });
      expect(r.body.replies[0].text).toContain('现在不是工作时间');
      expect(r.body.replies[0].text).toContain('（周一）09:00');
      expect(r.body.replies[0].text).toContain('12328');
    } finally {
      now = new Date('2026-03-02T02:00:00Z');
    }
  });

  it('delivers staff replies to the driver and greets the driver again on hand-back', async () => {
    const r = await t.chat({ userId: 'd6', text: '我在自贡沿滩，转人工' });
    const conversationId = r.body.conversationId;
    const sent = await agent.api('POST', `/conversations/${conversationId}/reply`, { text: '您好，我是沿滩的工作人员，请说说货主的名字。' });
    expect(sent.status).toBe(200);
    expect(sent.body.message).toMatchObject({ author: 'staff', direction: 'out' });
    // Replying claims: the first reply claimed the waiting handoff (and says so, and the audit log has the claim); the next does not.
    expect(sent.body.claimed).toBe(true);
    const view = await agent.api('GET', `/conversations/${conversationId}`);
    expect(view.body.handoff).toMatchObject({ status: 'active' });
    const claims = (await t.runtime.staff.store.listAudit({ limit: 500 })).filter(
      (a) => a.action === 'handoff.claim' && a.targetId === view.body.handoff.id,
    );
    expect(claims.map((a) => [a.outcome, (a.detail as { via?: string } | null)?.via])).toEqual([['ok', 'reply']]);
    expect((await agent.api('POST', `/conversations/${conversationId}/reply`, { text: '请稍等。' })).body.claimed).toBe(false);
    let u = await updates('d6');
    expect(u.updates.map((x) => [x.kind, x.text])).toContainEqual(['staff_reply', '您好，我是沿滩的工作人员，请说说货主的名字。']);

    const back = await agent.api('POST', `/conversations/${conversationId}/handback`);
    expect(back.status).toBe(200);
    u = await updates('d6');
    expect(u.updates.at(-1)).toMatchObject({ kind: 'handback' });
    expect(u.updates.at(-1)?.text).toContain('暖心助手继续为您服务');
    const next = await t.chat({ userId: 'd6', text: '你好' });
    expect(next.body.mode).toBe('bot');
    expect(next.body.replies.length).toBeGreaterThan(0);

    const transcript = await agent.api('GET', `/conversations/${conversationId}/messages`);
    const authors = transcript.body.messages.map((m: { author: string }) => m.author);
    expect(authors).toContain('staff');
  });

  it('escalates an unclaimed handoff to the city and then the province, and leaves claimed ones alone', async () => {
    const r = await t.chat({ userId: 'd7', text: '沿滩这边有人乱罚款，找人工' });
    const id = (await agent.api('GET', '/queue')).body.handoffs.find(
      (x: { conversationId: string }) => x.conversationId === r.body.conversationId,
    ).id;
    expect(await t.runtime.handoffs.escalateDue(new Date(now.getTime() + 5 * 60_000))).toHaveLength(0);
    const first = await t.runtime.handoffs.escalateDue(new Date(now.getTime() + 11 * 60_000));
    expect(first.find((h) => h.id === id)?.escalatedTo).toBe('510300');
    const second = await t.runtime.handoffs.escalateDue(new Date(now.getTime() + 22 * 60_000));
    expect(second.find((h) => h.id === id)?.escalatedTo).toBe('510000');
    const third = await t.runtime.handoffs.escalateDue(new Date(now.getTime() + 40 * 60_000));
    expect(third.find((h) => h.id === id)).toBeUndefined();
    // The county desk still sees it, flagged as overdue.
    const overdue = await agent.api('GET', '/queue?overdue=1');
    expect(overdue.body.handoffs.some((h: { id: string }) => h.id === id)).toBe(false); // the test clock has not moved for the console
    now = new Date(now.getTime() + 30 * 60_000);
    const later = await agent.api('GET', '/queue?overdue=1');
    expect(later.body.handoffs.some((h: { id: string }) => h.id === id)).toBe(true);
  });

  it('tells a live inbox about a queue change another server process made, which raised no event here', async () => {
    await t.chat({ userId: 'd8', text: '我在沿滩，想找人说说' });
    await t.chat({ userId: 'd8', text: '转人工' });
    const controller = new AbortController();
    const res = await agent.request('/staff/api/events', { signal: controller.signal });
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let received = '';
    while (!received.includes('event: ready')) received += decoder.decode((await reader.read()).value);
    // Another process cancels the handoff straight in the database: only the stream's poll can notice.
    await t.runtime.database.db.execute(sql`update handoffs set status = 'cancelled', closed_at = now()
      where conversation_id = (select c.id from conversations c join driver_identities i on i.driver_id = c.driver_id where i.external_id = 'd8')`);
    const started = Date.now();
    while (!received.includes('event: queue')) {
      const chunk = await reader.read();
      if (chunk.done) break;
      received += decoder.decode(chunk.value);
    }
    controller.abort();
    expect(received).toContain('event: queue');
    expect(Date.now() - started).toBeLessThan(7000);
  }, 15_000);

  it('tells the driver staff are off on a public holiday, and when they are back', async () => {
    // Thursday 1 October 2026, 10:00 in Beijing: a weekday inside working hours, but National Day.
    now = new Date('2026-10-01T02:00:00Z');
    const asked = await t.chat({ userId: 'd9', text: '转人工' });
    expect(asked.body.mode).toBe('human');
    expect(asked.body.replies[0].text).toContain('现在不是工作时间');
    expect(asked.body.replies[0].text).toContain('10月8日（周四）09:00');
  });
});
