// The authorisation matrix: every console action by every role, inside and outside its region; refusals are audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, type TestRuntime } from '../support/test-runtime.js';
import { testDriver } from '../support/test-db.js';
import { addStaff, loggedIn, type Browserless } from '../support/staff-client.js';
import { createFakeCasePort, type FakeCasePort } from '../support/fake-case-port.js';
import { CASES_NOT_CONNECTED } from '../../src/staff/case-port.js';

const now = new Date('2026-03-02T02:00:00Z');

/** Where a driver is and what they say, so the handoff lands in that region's queue. */
const TARGETS = {
  yantan: { code: '510311' as string | null, text: '我在沿滩区，货主欠运费' },
  jintang: { code: '510121' as string | null, text: '我在金堂县，被乱罚款' },
  unknown: { code: null as string | null, text: '有人欠我钱' },
};
type Target = keyof typeof TARGETS;

const STAFF = {
  agentCounty: { role: 'agent', region: '510311', sees: ['yantan'] },
  agentCity: { role: 'agent', region: '510300', sees: ['yantan'] },
  agentOther: { role: 'agent', region: '510121', sees: ['jintang'] },
  supervisorCity: { role: 'supervisor', region: '510300', sees: ['yantan'] },
  supervisorProvince: { role: 'supervisor', region: '510000', sees: ['yantan', 'jintang', 'unknown'] },
  admin: { role: 'admin', region: null, sees: ['yantan', 'jintang', 'unknown'] },
} as const;
type StaffKey = keyof typeof STAFF;

describe(`authorisation matrix (${testDriver})`, () => {
  let t: TestRuntime;
  let cases: FakeCasePort;
  const clients = {} as Record<StaffKey, Browserless>;
  let n = 0;

  beforeAll(async () => {
    cases = createFakeCasePort(() => now);
    t = await createTestRuntime({ clock: () => now, staffCases: cases });
    for (const [name, s] of Object.entries(STAFF)) {
      await addStaff(t.runtime, name.toLowerCase(), s.role, s.region);
      clients[name as StaffKey] = await loggedIn(t.app, name.toLowerCase());
    }
  });
  afterAll(async () => t.close());

  /** A fresh driver conversation waiting in the target's queue, plus a case in the same region. */
  async function setup(target: Target) {
    const userId = `driver-${n++}`;
    await t.chat({ userId, text: TARGETS[target].text });
    const r = await t.chat({ userId, text: '转人工' });
    const conversationId: string = r.body.conversationId;
    const handoff = await t.runtime.staff.console.queue(
      { staff: { id: '-', username: '-', displayName: '-', role: 'admin', regionCode: null }, ip: null },
      { statuses: ['waiting'] },
    );
    const h = handoff.find((x) => x.conversationId === conversationId)!;
    expect(h.regionCode).toBe(TARGETS[target].code);
    const c = cases.add({ id: `SC-2026-${String(n).padStart(3, '0')}`, regionCode: TARGETS[target].code, conversationId });
    return { conversationId, handoffId: h.id, caseId: c.id };
  }

  const pairs = (Object.keys(STAFF) as StaffKey[]).flatMap((s) => (Object.keys(TARGETS) as Target[]).map((target) => [s, target] as const));

  it.each(pairs)('%s on a %s conversation and case', async (staffKey, target) => {
    const client = clients[staffKey];
    const allowed = (STAFF[staffKey].sees as readonly string[]).includes(target);
    const { conversationId, handoffId, caseId } = await setup(target);
    const before = (await t.runtime.staff.store.listAudit({ limit: 500 })).filter((a) => a.outcome === 'denied').length;

    const steps: [string, () => Promise<{ status: number }>][] = [
      ['view conversation', () => client.api('GET', `/conversations/${conversationId}`)],
      ['read transcript', () => client.api('GET', `/conversations/${conversationId}/messages`)],
      ['add note', () => client.api('POST', `/conversations/${conversationId}/notes`, { text: '内部备注' })],
      ['claim', () => client.api('POST', `/handoffs/${handoffId}/claim`)],
      ['reply', () => client.api('POST', `/conversations/${conversationId}/reply`, { text: '您好' })],
      ['hand back', () => client.api('POST', `/conversations/${conversationId}/handback`)],
      ['pick up', () => client.api('POST', `/conversations/${conversationId}/pickup`)],
      ['reply after pick-up', () => client.api('POST', `/conversations/${conversationId}/reply`, { text: '我接着帮您' })],
      ['view case', () => client.api('GET', `/cases/${caseId}`)],
      ['change case status', () => client.api('POST', `/cases/${caseId}/status`, { status: 'in_progress' })],
      ['add case note', () => client.api('POST', `/cases/${caseId}/notes`, { text: '已联系货主' })],
      ['record callback', () => client.api('POST', `/cases/${caseId}/callback`, { reached: true, rating: 5 })],
    ];
    for (const [name, run] of steps) {
      const res = await run();
      expect({ step: name, status: res.status }).toEqual({ step: name, status: allowed ? 200 : 403 });
    }
    const after = (await t.runtime.staff.store.listAudit({ limit: 500 })).filter((a) => a.outcome === 'denied').length;
    expect(after - before).toBe(allowed ? 0 : steps.length);

    // Lists never leak what the staff member may not see.
    const queue = await client.api('GET', '/queue?status=all');
    expect(queue.body.handoffs.some((h: { conversationId: string }) => h.conversationId === conversationId)).toBe(allowed);
    const list = await client.api('GET', '/cases');
    expect(list.body.cases.some((c: { id: string }) => c.id === caseId)).toBe(allowed);
    // Asking for a region outside one's own gives nothing rather than an error.
    if (!allowed && TARGETS[target].code) {
      const narrowed = await client.api('GET', `/queue?status=all&region=${TARGETS[target].code}`);
      expect(narrowed.body.handoffs).toEqual([]);
    }
  });

  it.each(Object.keys(STAFF) as StaffKey[])('%s and the supervisor-only actions (canned replies, audit log)', async (staffKey) => {
    const client = clients[staffKey];
    const supervisor = STAFF[staffKey].role !== 'agent';
    const created = await client.api('POST', '/canned', { title: `模板${staffKey}`, text: '请提供运单号' });
    expect(created.status).toBe(supervisor ? 201 : 403);
    expect((await client.api('GET', '/canned')).status).toBe(200);
    expect((await client.api('GET', '/audit')).status).toBe(supervisor ? 200 : 403);
    if (supervisor) expect((await client.api('DELETE', `/canned/${created.body.canned.id}`)).status).toBe(200);
  });

  it('tells the driver when a case is resolved, on the driver channel', async () => {
    const { caseId } = await setup('yantan');
    const res = await clients.agentCounty.api('POST', `/cases/${caseId}/status`, { status: 'resolved', note: '货主已付清运费' });
    expect(res.status).toBe(200);
    const userId = `driver-${n - 1}`;
    const updates = (await (await t.app.request(`/api/chat/updates?userId=${userId}`)).json()) as { updates: { kind: string; text: string }[] };
    expect(updates.updates.some((u) => u.kind === 'case_update' && u.text.includes('已办结') && u.text.includes('货主已付清运费'))).toBe(true);
  });

  it("lets a supervisor take over an agent's conversation but not another agent", async () => {
    const { conversationId, handoffId } = await setup('yantan');
    expect((await clients.agentCounty.api('POST', `/handoffs/${handoffId}/claim`)).status).toBe(200);
    expect((await clients.agentCity.api('POST', `/handoffs/${handoffId}/claim`)).status).toBe(409);
    expect((await clients.agentCity.api('POST', `/conversations/${conversationId}/reply`, { text: '插话' })).status).toBe(409);
    expect((await clients.supervisorCity.api('POST', `/handoffs/${handoffId}/claim`)).status).toBe(200);
  });

  it('shows an honest empty state when no case service is connected', async () => {
    const bare = await createTestRuntime({ clock: () => now, staffCases: CASES_NOT_CONNECTED });
    try {
      await addStaff(bare.runtime, 'solo', 'admin', null);
      const c = await loggedIn(bare.app, 'solo');
      const list = await c.api('GET', '/cases');
      expect(list.body).toEqual({ connected: false, cases: [] });
      expect((await c.api('GET', '/cases/SC-2026-001')).status).toBe(503);
      const page = await (await c.request('/staff/cases')).text();
      expect(page).toContain('诉求台账模块尚未接入');
    } finally {
      await bare.close();
    }
  });
});
