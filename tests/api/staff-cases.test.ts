// The staff console on the real case ledger: region-scoped lists, a county agent resolving a case, refusals, notices and the dashboard.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, type TestRuntime } from '../support/test-runtime.js';
import { testDriver } from '../support/test-db.js';
import { addStaff, loggedIn, type Browserless } from '../support/staff-client.js';

const NOW = new Date('2026-11-25T10:00:00+08:00'); // a Wednesday

describe(`staff cases through the real port (${testDriver})`, () => {
  let t: TestRuntime;
  let jintang: Browserless;
  let yantan: Browserless;
  let admin: Browserless;
  let caseId: string;

  async function say(userId: string, text: string) {
    const res = await t.chat({ userId, text });
    expect(res.status).toBe(200);
    return res.body as { replies: { text: string; caseId?: string }[] };
  }

  async function updates(userId: string) {
    const res = await t.app.request(`/api/chat/updates?userId=${userId}&after=0`);
    return ((await res.json()) as { updates: { kind: string; text: string }[] }).updates;
  }

  beforeAll(async () => {
    t = await createTestRuntime({ env: { CASE_SWEEP_INTERVAL_MS: '0' }, clock: () => NOW });
    await addStaff(t.runtime, 'jintang', 'agent', '510121', '金堂坐席');
    await addStaff(t.runtime, 'yantan', 'agent', '510311', '沿滩坐席');
    await addStaff(t.runtime, 'root', 'admin', null);
    [jintang, yantan, admin] = await Promise.all([loggedIn(t.app, 'jintang'), loggedIn(t.app, 'yantan'), loggedIn(t.app, 'root')]);
    for (const text of ['金堂的货主欠我运费三万块钱不给', '成都顺达物流公司', '三个月了', '13812345678', '同意']) await say('d1', text);
    const filed = await say('d1', '确认');
    caseId = filed.replies.find((r) => r.caseId)!.caseId!;
  });
  afterAll(async () => t.close());

  it('is connected and lists the case for the county agent with a county region the staff model knows', async () => {
    const list = await jintang.api('GET', '/cases');
    expect(list.body.connected).toBe(true);
    const item = list.body.cases.find((c: { id: string }) => c.id === caseId);
    expect(item).toMatchObject({ status: 'assigned', category: 'freight', regionCode: '510121', overdue: false });
    expect(t.runtime.staff.regions.kind(item.regionCode)).toBe('county');
    expect(item.title).toContain('运费结算');
    expect((await jintang.api('GET', '/cases?status=resolved')).body.cases).toEqual([]);
    expect((await jintang.api('GET', '/cases?category=wage')).body.cases).toEqual([]);
    expect((await jintang.api('GET', '/cases?overdue=1')).body.cases).toEqual([]);
    expect((await admin.api('GET', '/cases?region=510100')).body.cases.map((c: { id: string }) => c.id)).toContain(caseId);
    expect((await admin.api('GET', '/cases?region=unknown')).body.cases).toEqual([]);
  });

  it('refuses an agent of another county and audits it', async () => {
    expect((await yantan.api('GET', '/cases')).body.cases).toEqual([]);
    const view = await yantan.api('GET', `/cases/${caseId}`);
    expect(view.status).toBe(403);
    const change = await yantan.api('POST', `/cases/${caseId}/status`, { status: 'resolved', note: '越权办结' });
    expect(change.status).toBe(403);
    const denied = (await t.runtime.staff.store.listAudit({ limit: 100 })).filter((a) => a.outcome === 'denied' && a.targetId === caseId);
    expect(denied.map((a) => a.action).sort()).toEqual(['case.status', 'case.view']);
    expect((await t.runtime.cases.service.getCase(caseId))?.status).toBe('assigned');
  });

  it('shows labelled facts and events, and refuses an illegal status change with a staff-readable message', async () => {
    const view = await jintang.api('GET', `/cases/${caseId}`);
    expect(view.status).toBe(200);
    const facts = Object.fromEntries(view.body.case.facts.map((f: { label: string; value: string }) => [f.label, f.value]));
    expect(facts).toMatchObject({ 类别: '运费结算', 涉及金额: '30,000元', 对方: '成都顺达物流公司', 地点: '成都金堂县' });
    expect(view.body.case.events.map((e: { text: string }) => e.text).join('\n')).toContain('司机登记诉求');
    const bad = await jintang.api('POST', `/cases/${caseId}/status`, { status: 'closed' });
    expect(bad.status).toBe(409);
    expect(bad.body.error.message).toContain('不能改为“已结案”');
    const noResolution = await jintang.api('POST', `/cases/${caseId}/status`, { status: 'resolved' });
    expect(noResolution.status).toBe(400);
  });

  it('lets the county agent resolve it; the driver is told once', async () => {
    const before = (await updates('d1')).length;
    const res = await jintang.api('POST', `/cases/${caseId}/status`, { status: 'resolved', note: '已约谈货主，运费三日内结清' });
    expect(res.status).toBe(200);
    expect(res.body.case.status).toBe('resolved');
    const events = res.body.case.events as { text: string; actor: string | null }[];
    expect(events.at(-1)).toMatchObject({ actor: '金堂坐席' });
    const after = await updates('d1');
    const notices = after.slice(before).filter((u) => u.text.includes('已办结'));
    expect(notices).toHaveLength(1);
    expect(notices[0]!.text).toContain('已约谈货主，运费三日内结清');
    expect(notices[0]!.text).toContain(caseId);
  });

  it('records a phone callback: not reached keeps it open, solved closes it', async () => {
    const missed = await jintang.api('POST', `/cases/${caseId}/callback`, { reached: false, note: '电话未接' });
    expect(missed.status).toBe(200);
    expect(missed.body.case).toMatchObject({ status: 'resolved', callback: { reached: false, note: '电话未接' } });
    const done = await jintang.api('POST', `/cases/${caseId}/callback`, { reached: true, solved: true, rating: 5 });
    expect(done.status).toBe(200);
    expect(done.body.case).toMatchObject({ status: 'closed', callback: { reached: true, rating: 5 } });
    const again = await jintang.api('POST', `/cases/${caseId}/callback`, { reached: true, solved: true, rating: 5 });
    expect(again.status).toBe(409);
  });

  it('counts the filed case on the dashboard, scoped to the region', async () => {
    const mine = await jintang.api('GET', '/dashboard?days=7');
    expect(mine.status).toBe(200);
    const c = mine.body.cases;
    expect(c.total).toBe(1);
    expect(c.byCategory).toEqual([{ key: 'freight', label: '运费结算', count: 1 }]);
    expect(c.byRegion).toEqual([{ regionCode: '510121', count: 1 }]);
    expect(c.byStatusOverTime).toEqual([{ day: '2026-11-25', counts: { closed: 1 } }]);
    // The clock is fixed, so first response and resolution happen at filing time.
    expect(c.medianFirstResponseMinutes).toBe(0);
    expect(c.medianResolutionHours).toBe(0);
    expect(c.deadlinesDue).toBe(2);
    expect(c.deadlineCompliance).toBe(1);
    expect((await yantan.api('GET', '/dashboard?days=7')).body.cases.total).toBe(0);
  });
  it('shows 关联诉求 with the other case’s number on both linked cases', async () => {
    const driverId = (await t.runtime.conversations.findDriver('api', 'd1'))!;
    const base = {
      driverId,
      conversationId: null,
      channel: 'api',
      description: '工资和罚款',
      countyCode: '510121',
      cityCode: '510100',
      consent: true,
    };
    const wage = await t.runtime.cases.service.fileCase({ ...base, intakeKey: 'linked-1', category: 'wage', amountYuan: 20000 });
    const fine = await t.runtime.cases.service.fileCase({
      ...base,
      intakeKey: 'linked-2',
      category: 'illegal_fees',
      amountYuan: 200,
      linkedTo: wage.record.id,
    });
    const factsOf = async (id: string) => {
      const view = await jintang.api('GET', `/cases/${id}`);
      expect(view.status).toBe(200);
      return Object.fromEntries(view.body.case.facts.map((f: { label: string; value: string }) => [f.label, f.value]));
    };
    expect((await factsOf(wage.record.number))['关联诉求']).toBe(fine.record.number);
    expect((await factsOf(fine.record.number))['关联诉求']).toBe(wage.record.number);
    expect((await factsOf(caseId))['关联诉求']).toBeUndefined();
    const events = (await jintang.api('GET', `/cases/${fine.record.number}`)).body.case.events.map((e: { text: string }) => e.text);
    expect(events.join('\n')).toContain('与同时反映的另一件关联');
  });
});
