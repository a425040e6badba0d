// The console as staff act on a handoff, in Chromium at 360×640 and 1440×900: the driver's problem first (category, place,
// amount, questions, name and phone, links to the driver's cases), the transcript newest first, replying that says it
// claims, and the ledger's 期限 readable with due-soon/overdue colours in due order; axe-core and a screenshot per view.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  horizontalOverflow,
  launchChromium,
  openPage,
  screenshot,
  seriousViolations,
  staffLogin,
  startServer,
  VIEWPORTS,
  type RunningServer,
} from '../support/browser.js';
import { addStaff } from '../support/staff-client.js';
import { createTestRuntime, type TestRuntime } from '../support/test-runtime.js';

let t: TestRuntime;
let server: RunningServer;
let browser: Browser;
let now = new Date();
const DAY = 86_400_000;
let intakeConversation = '';
let failedConversation = '';
let caseNumber = '';

async function conversationOf(id: string) {
  return (await t.runtime.database.db.query.conversations.findMany()).find((c) => c.id === id)!;
}

beforeAll(async () => {
  t = await createTestRuntime({ env: { WORK_HOURS: 'always', CASE_SWEEP_INTERVAL_MS: '0' }, clock: () => now });
  await addStaff(t.runtime, 'yantan', 'agent', '510311', '沿滩坐席');
  await addStaff(t.runtime, 'yantan2', 'agent', '510311', '沿滩二号');
  server = await startServer(t.app);
  browser = await launchChromium();

  // A driver inside the grievance form asks for a person; the form's last answers must not be what staff read first.
  await t.chat({ userId: 'problem-driver', text: '我在沿滩区，货主欠我运费8000元，两个月了' });
  intakeConversation = (await t.chat({ userId: 'problem-driver', text: '转人工' })).body.conversationId;
  // The same driver's earlier case (filed through the real service) ten days ago: overdue by now.
  const driverId = (await conversationOf(intakeConversation)).driverId;
  const file = async (key: string, at: Date, description: string, countyCode = '510311') => {
    now = at;
    const { record } = await t.runtime.cases.service.fileCase({
      driverId,
      conversationId: intakeConversation,
      channel: 'web',
      intakeKey: key,
      category: 'freight',
      description,
      amountYuan: 8000,
      countyCode,
      cityCode: '510300',
      consent: true,
    });
    return record.number;
  };
  const real = now;
  caseNumber = await file('old', new Date(real.getTime() - 10 * DAY), '货主拖欠运费8000元，一直不结');
  await file('recent', new Date(real.getTime() - 1.6 * DAY), '装卸费被多收');
  await file('fresh', real, '运费少结了500元');
  now = real;
  // Another driver: two questions the bot cannot answer hand the conversation over.
  await t.chat({ userId: 'failed-driver', text: '我在沿滩，货车年审可以异地办吗' });
  failedConversation = (await t.chat({ userId: 'failed-driver', text: '火星上能开货车不' })).body.conversationId;
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await t?.close();
});

async function expectAccessible(page: Page, view: string) {
  const violations = await seriousViolations(page);
  expect(violations, `${view}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
}

describe('a handoff in the console', () => {
  for (const [size, viewport] of [
    ['360', VIEWPORTS.phone],
    ['1440', VIEWPORTS.desktop],
  ] as const) {
    it(
      `shows the driver's problem, the collected contact and the driver's cases first, transcript newest first, at ${size} px`,
      { timeout: 90_000 },
      async () => {
        const page = await staffLogin(await openPage(browser, viewport), server.base, 'yantan');
        // The inbox row says what the problem is, not the form's last answers.
        const row = page.locator('#queue tr[data-handoff]', { hasText: '运费结算 · 自贡沿滩区 · 8,000元' });
        expect(await row.innerText()).toContain('货主欠我运费8000元');
        await screenshot(page, `handoff-${size}-inbox`, true);
        await page.goto(`${server.base}/staff/conversations/${intakeConversation}`);
        const card = page.locator('section.problem');
        const text = await card.innerText();
        expect(text).toContain('原因：司机要求转人工');
        expect(text).toMatch(/类别\s*运费结算/);
        expect(text).toMatch(/地点\s*\S*沿滩/);
        expect(text).toMatch(/金额\s*8,000元/);
        expect(text).toMatch(/电话\s*(未留|1\d{10})/);
        expect(await card.locator(`a[href="/staff/cases/${caseNumber}"]`).count()).toBe(1);
        expect(await card.locator('.driver-cases li').count()).toBe(3);
        // The transcript: newest first, the driver's request for a person near the top, the first message at the bottom.
        const ids = await page
          .locator('#transcript .msg')
          .evaluateAll((els) => els.map((e) => Number((e as unknown as { dataset: { id: string } }).dataset.id)));
        expect(ids.length).toBeGreaterThan(3);
        expect([...ids].sort((a, b) => b - a)).toEqual(ids);
        expect(await page.locator('#transcript .msg').last().innerText()).toContain('货主欠我运费8000元');
        expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
        await expectAccessible(page, 'conversation');
        await card.scrollIntoViewIfNeeded();
        await screenshot(page, `handoff-${size}-problem`, true);

        await page.goto(`${server.base}/staff/conversations/${failedConversation}`);
        const failed = await page.locator('section.problem').innerText();
        expect(failed).toContain('机器人连续两次答不上');
        expect(failed).toContain('没答上的问题');
        expect(failed).toContain('货车年审可以异地办吗');
        expect(failed).toContain('火星上能开货车不');
        await screenshot(page, `handoff-${size}-bot-failed`, true);
        await page.context().close();
      },
    );
  }

  it('says that replying claims, claims on send, and then shuts a colleague out of replying', { timeout: 90_000 }, async () => {
    const page = await staffLogin(await openPage(browser, VIEWPORTS.phone), server.base, 'yantan');
    await page.goto(`${server.base}/staff/conversations/${failedConversation}`);
    expect(await page.locator('#panel .tag').first().innerText()).toBe('等待接入');
    expect(await page.locator('#reply-note').innerText()).toContain('发送即接手');
    const send = page.locator('#reply-form button[type=submit]');
    expect(await send.innerText()).toBe('接手并发送');
    await expectAccessible(page, 'reply before claim');
    await page.locator('#reply-form').scrollIntoViewIfNeeded();
    await screenshot(page, 'handoff-360-reply-claims');

    await page.fill('#reply-form textarea', '师傅您好，年审的事我来帮您问。');
    await Promise.all([page.waitForEvent('load'), page.press('#reply-form textarea', 'Control+Enter')]);
    expect(await page.locator('#panel .tag').first().innerText()).toBe('人工服务中');
    expect(await page.locator('#panel').innerText()).toContain('接手：沿滩坐席');
    expect(await send.innerText()).toBe('发送');
    expect(await page.locator('#reply-note').count()).toBe(0);
    // Newest first: the reply is the transcript's first message.
    expect(await page.locator('#transcript .msg').first().innerText()).toContain('年审的事我来帮您问');
    // A live message from the driver arrives on top.
    await t.chat({ userId: 'failed-driver', text: '好的谢谢' });
    await expect.poll(() => page.locator('#transcript .msg').first().innerText(), { timeout: 10_000 }).toContain('好的谢谢');
    await page.context().close();

    const colleague = await staffLogin(await openPage(browser, VIEWPORTS.desktop), server.base, 'yantan2');
    await colleague.goto(`${server.base}/staff/conversations/${failedConversation}`);
    expect(await colleague.locator('#reply-note').innerText()).toContain('已由沿滩坐席接手');
    expect(await colleague.locator('#reply-form textarea').isDisabled()).toBe(true);
    // Nor can they hand it back: the button the server would refuse is not offered.
    expect(await colleague.locator('#handback').count()).toBe(0);
    await screenshot(colleague, 'handoff-1440-claimed-by-colleague');
    await colleague.context().close();
  });
});

describe('the case ledger', () => {
  for (const [size, viewport] of [
    ['360', VIEWPORTS.phone],
    ['1440', VIEWPORTS.desktop],
  ] as const) {
    it(`keeps 期限 readable, coloured and in due order at ${size} px`, { timeout: 60_000 }, async () => {
      const page = await staffLogin(await openPage(browser, viewport), server.base, 'yantan');
      await page.goto(`${server.base}/staff/cases`);
      const rows = page.locator('table.ledger tbody tr');
      expect(await rows.count()).toBe(3);
      const due = rows.locator('td.due');
      for (let i = 0; i < 3; i++) {
        const box = (await due.nth(i).boundingBox())!;
        expect(box.width).toBeGreaterThan(0);
        expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
        expect(await due.nth(i).innerText()).toMatch(/(转办|首次反馈|办理意见|回访)[\s\S]*(剩|已逾期)\d+/);
      }
      // Most urgent first: the ten-day-old case is overdue and on top, the fresh one last and not coloured.
      expect(await rows.first().getAttribute('class')).toBe('overdue');
      expect(await rows.first().innerText()).toContain('已逾期');
      expect(await rows.last().getAttribute('class')).toBeNull();
      const background = await rows.first().evaluate((tr) => {
        const view = (tr as unknown as { ownerDocument: { defaultView: { getComputedStyle(e: unknown): { backgroundColor: string } } } })
          .ownerDocument.defaultView;
        const cell = (tr as unknown as { firstElementChild: unknown }).firstElementChild;
        return [view.getComputedStyle(tr).backgroundColor, view.getComputedStyle(cell).backgroundColor];
      });
      expect(background).toContain('rgb(255, 240, 238)');
      // On a phone the header row is hidden and each cell carries its label (drawn as 期限： before the cell).
      expect(await due.first().getAttribute('data-label')).toBe('期限');
      // The category column gives way on a phone; the deadline does not.
      expect(await rows.first().locator('td.opt').isVisible()).toBe(size === '1440');
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await expectAccessible(page, 'ledger');
      await screenshot(page, `ledger-${size}`, true);
      await page.context().close();
    });
  }
});
