// Background work of the cases domain in a running runtime: the sweep timer and the webhook on new, urgent and overdue cases.
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, type TestRuntime } from '../support/test-runtime.js';

const HOOK = 'https://hooks.example.test/robot';
const server = setupServer();
const posted: { text: { content: string } }[] = [];
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  posted.length = 0;
});
afterAll(() => server.close());

let t: TestRuntime | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

describe('cases in the background', () => {
  it('posts new and urgent cases to the webhook without personal data', async () => {
    server.use(http.post(HOOK, async ({ request }) => (posted.push((await request.json()) as never), HttpResponse.json({ errcode: 0 }))));
    t = await createTestRuntime({ env: { CASE_SWEEP_INTERVAL_MS: '0', NOTIFY_WEBHOOK_URL: HOOK } });
    await t.chat({ userId: 'w1', text: '金堂的货主欠我运费两万，三个月了，自己的车，电话13812345678，对方是李老板' });
    await t.chat({ userId: 'w1', text: '同意' });
    const filed = await t.chat({ userId: 'w1', text: '确认' });
    const caseId = filed.body.replies[0].caseId as string;
    const urgent = await t.chat({ userId: 'w2', text: '救命，我被砍伤了' });
    expect(urgent.body.mode).toBe('human');
    await t.runtime.cases.notifier.flush();
    expect(posted).toHaveLength(2);
    expect(posted[0]!.text.content).toContain(caseId);
    expect(posted[1]!.text.content).toContain('紧急');
    const all = JSON.stringify(posted);
    expect(all).not.toMatch(/13812345678|李老板|砍伤|金堂/);
  });

  it('the server timer sweeps overdue cases, reports them, and stops with the runtime', async () => {
    server.use(http.post(HOOK, async ({ request }) => (posted.push((await request.json()) as never), HttpResponse.json({ errcode: 0 }))));
    let now = new Date('2026-11-25T10:00:00+08:00');
    t = await createTestRuntime({ env: { CASE_SWEEP_INTERVAL_MS: '50', NOTIFY_WEBHOOK_URL: HOOK }, clock: () => now });
    const begun = await t.runtime.conversations.beginTurn({ channel: 'api', externalUserId: 'w3', text: '你好' });
    const { record } = await t.runtime.cases.service.fileCase({
      driverId: begun.conversation.driverId,
      conversationId: begun.conversation.id,
      channel: 'api',
      intakeKey: 'timer',
      category: 'wage',
      description: '欠工资',
      countyCode: '510121',
      cityCode: '510100',
      consent: true,
    });
    now = new Date('2026-12-10T10:00:00+08:00');
    await expect.poll(async () => (await t!.runtime.cases.service.getCase(record.number))?.level, { timeout: 10_000, interval: 50 }).toBe('city');
    await t.runtime.stop();
    expect(posted.some((p) => p.text.content.includes('超期升级') && p.text.content.includes(record.number))).toBe(true);
  });
});
