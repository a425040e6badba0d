// The staff console in real Chromium: log in, see a handoff arrive live, claim, reply, hand back, resolve a case; screenshots saved.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, type TestRuntime } from '../support/test-runtime.js';
import { horizontalOverflow, launchChromium, openPage, screenshot, staffLogin, startServer, type RunningServer } from '../support/browser.js';
import { addStaff } from '../support/staff-client.js';

describe('staff console in Chromium', () => {
  let t: TestRuntime;
  let server: RunningServer;
  let base: string;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    // Working hours around the clock, so the acknowledgement does not depend on when CI runs.
    t = await createTestRuntime({ env: { WORK_HOURS: 'always', CASE_SWEEP_INTERVAL_MS: '0' } });
    await addStaff(t.runtime, 'yantan', 'agent', '510311', '沿滩坐席');
    server = await startServer(t.app);
    base = server.base;
    browser = await launchChromium();
    page = await openPage(browser, { width: 1280, height: 800 }, { bypassCSP: false });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await t?.close();
  });

  const driverSays = async (userId: string, text: string) => {
    const res = await fetch(`${base}/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId, text }),
    });
    return (await res.json()) as { conversationId: string; mode: string; replies: { text: string }[] };
  };
  const driverUpdates = async (userId: string) =>
    ((await (await fetch(`${base}/api/chat/updates?userId=${userId}`)).json()) as { updates: { kind: string; text: string }[] }).updates;
  const waitForUpdate = async (userId: string, kind: string) => {
    for (let i = 0; i < 50; i++) {
      const found = (await driverUpdates(userId)).find((u) => u.kind === kind);
      if (found) return found;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`driver never got a ${kind}`);
  };

  it('logs in, sees a handoff arrive live, claims, replies, hands back and resolves a case', async () => {
    await staffLogin(page, base, 'yantan');
    await expect(page.locator('#me').textContent()).resolves.toContain('沿滩坐席');
    await page.locator('#queue').getByText('没有符合条件的转人工对话').waitFor();

    // The driver asks for a person while the inbox is open: the row appears without a reload.
    await driverSays('browser-driver', '我在沿滩区，货主欠我8000运费');
    const handed = await driverSays('browser-driver', '转人工');
    expect(handed.mode).toBe('human');
    const row = page.locator('#queue tr[data-handoff]', { hasText: '欠我8000运费' });
    await row.waitFor({ timeout: 10_000 });
    await screenshot(page, 'staff-1280-inbox', true);

    await row.getByRole('button', { name: '接手' }).click();
    await page.waitForURL(`${base}/staff/conversations/${handed.conversationId}`);
    await page.locator('.summary', { hasText: '司机要求转人工' }).waitFor();

    await page.fill('#reply-form textarea', '您好，我是沿滩区的工作人员，请告诉我货主的名称。');
    await page.click('#reply-form button[type=submit]');
    const reply = await waitForUpdate('browser-driver', 'staff_reply');
    expect(reply.text).toBe('您好，我是沿滩区的工作人员，请告诉我货主的名称。');
    await page.locator('#transcript .msg.staff', { hasText: '请告诉我货主的名称' }).waitFor();

    // The driver answers; the bot stays silent and the message shows up live for staff.
    const answer = await driverSays('browser-driver', '货主是成都某某物流公司');
    expect(answer.replies).toHaveLength(0);
    await page.locator('#transcript .msg.driver', { hasText: '成都某某物流公司' }).waitFor({ timeout: 10_000 });

    await page.click('#note-form textarea');
    await page.fill('#note-form textarea', '司机情绪稳定，已要运单号');
    await page.click('#note-form button[type=submit]');
    await page.locator('#notes li', { hasText: '已要运单号' }).waitFor();

    await page.click('#handback');
    const back = await waitForUpdate('browser-driver', 'handback');
    expect(back.text).toContain('暖心助手继续为您服务');
    await page.locator('#pickup').waitFor();
    expect((await driverSays('browser-driver', '你好')).mode).toBe('bot');

    // A case filed in the agent's county (the real case ledger): resolving it tells the driver on their channel.
    const conversation = (await t.runtime.database.db.query.conversations.findMany()).find((c) => c.id === handed.conversationId)!;
    const { record } = await t.runtime.cases.service.fileCase({
      driverId: conversation.driverId,
      conversationId: conversation.id,
      channel: conversation.channel,
      intakeKey: 'browser-case',
      category: 'freight',
      description: '货主拖欠运费8000元，三个月没结',
      amountYuan: 8000,
      countyCode: '510311',
      cityCode: '510300',
      consent: true,
    });
    await page.goto(`${base}/staff/cases`);
    await page.locator(`a[href="/staff/cases/${record.number}"]`).first().waitFor();
    await page.goto(`${base}/staff/cases/${record.number}`);
    await page.selectOption('#case-status-form select[name=status]', 'resolved');
    await page.fill('#case-status-form textarea[name=note]', '货主已付清运费');
    await page.click('#case-status-form button[type=submit]');
    await page.locator('#case-status', { hasText: '已办结' }).waitFor();
    const told = await waitForUpdate('browser-driver', 'case_update');
    expect(told.text).toContain('已办结');
    expect((await driverUpdates('browser-driver')).filter((u) => u.text.includes('已办结'))).toHaveLength(1);

    await page.selectOption('#callback-form select[name=rating]', '5');
    await page.click('#callback-form button[type=submit]');
    await page.locator('#case-events li', { hasText: '满意度 5' }).waitFor();

    await page.goto(`${base}/staff/dashboard`);
    // Drawn by ECharts under the console's own CSP (this page does not bypass it).
    await page.locator('figure.drawn [role=img][aria-label^="按类别"] canvas').waitFor();
    await screenshot(page, 'staff-1280-dashboard', true);
  }, 120_000);

  it('fits a phone screen', async () => {
    const phone = await staffLogin(await openPage(browser, { width: 390, height: 844 }, { isMobile: true }), base, 'yantan');
    expect(await horizontalOverflow(phone)).toBeLessThanOrEqual(0);
    await screenshot(phone, 'staff-390-inbox', true);
    await phone.context().close();
  }, 60_000);
});
