// Every staff console page in Chromium at 1440×900 and 360×640: axe-core finds no critical or serious violation, bot answers
// show without Markdown, Ctrl+Enter sends, built-in quick replies exist, the callback form waits for 已办结; a screenshot per page.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  launchChromium,
  screenshot,
  seriousViolations,
  staffLogin,
  openPage,
  startServer,
  VIEWPORTS,
  type RunningServer,
  type Viewport,
} from '../support/browser.js';
import { addStaff } from '../support/staff-client.js';
import { createTestRuntime, type TestRuntime } from '../support/test-runtime.js';

let t: TestRuntime;
let server: RunningServer;
let base: string;
let browser: Browser;
let conversationId = '';
let caseNumber = '';

const driverSays = async (userId: string, text: string) => {
  const res = await fetch(`${base}/api/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId, text }),
  });
  return (await res.json()) as { conversationId: string; mode: string };
};

beforeAll(async () => {
  t = await createTestRuntime({ env: { WORK_HOURS: 'always', CASE_SWEEP_INTERVAL_MS: '0' } });
  await addStaff(t.runtime, 'chief', 'supervisor', '510300', '自贡主管');
  server = await startServer(t.app);
  base = server.base;
  browser = await launchChromium();
  // A legal answer in the transcript, then a handoff, and a case in the supervisor's city.
  await driverSays('console-driver', '挂靠的车出了事故哪个赔');
  await driverSays('console-driver', '我在沿滩区，货主欠我8000运费');
  conversationId = (await driverSays('console-driver', '转人工')).conversationId;
  const conversation = (await t.runtime.database.db.query.conversations.findMany()).find((c) => c.id === conversationId)!;
  const { record } = await t.runtime.cases.service.fileCase({
    driverId: conversation.driverId,
    conversationId,
    channel: conversation.channel,
    intakeKey: 'console-pages-case',
    category: 'freight',
    description: '货主拖欠运费8000元，三个月没结',
    amountYuan: 8000,
    countyCode: '510311',
    cityCode: '510300',
    consent: true,
  });
  caseNumber = record.number;
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await t?.close();
});

const login = async (viewport: Viewport): Promise<Page> => staffLogin(await openPage(browser, viewport), base, 'chief');

const pages = () => [
  ['inbox', '/staff'],
  ['conversations', '/staff/conversations'],
  ['conversation', `/staff/conversations/${conversationId}`],
  ['cases', '/staff/cases'],
  ['case', `/staff/cases/${caseNumber}`],
  ['dashboard', '/staff/dashboard'],
  ['canned', '/staff/canned'],
  ['audit', '/staff/audit'],
];

describe('staff console pages', () => {
  for (const [size, viewport] of [
    ['1440', VIEWPORTS.desktop],
    ['360', VIEWPORTS.phone],
  ] as const) {
    it(`has no critical or serious axe violation on any page at ${size} px`, { timeout: 120_000 }, async () => {
      const page = await login(viewport);
      const login2 = await browser.newPage({ viewport, bypassCSP: true });
      await login2.goto(`${base}/staff/login`);
      expect(await seriousViolations(login2)).toEqual([]);
      await screenshot(login2, `console-${size}-login`);
      await login2.close();
      for (const [name, path] of pages()) {
        await page.goto(`${base}${path}`);
        await page.waitForLoadState('networkidle').catch(() => undefined);
        const violations = await seriousViolations(page);
        expect(violations, `${name}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
        await screenshot(page, `console-${size}-${name}`, true);
      }
      await page.context().close();
    });
  }

  it(
    'shows bot answers rendered, offers built-in quick replies, sends with Ctrl+Enter and offers the callback only once 已办结',
    { timeout: 120_000 },
    async () => {
      const page = await login(VIEWPORTS.desktop);
      await page.goto(`${base}/staff/conversations/${conversationId}`);
      const transcript = await page.locator('#transcript').innerText();
      expect(transcript).toContain('【责任】');
      expect(transcript).not.toContain('**');
      expect(await page.locator('#transcript').getAttribute('tabindex')).toBe('0');
      // The summary speaks the staff's language: labelled fields, no form internals; one status tag.
      const summary = await page.locator('.summary').first().innerText();
      expect(summary).toContain('类别：运费结算');
      expect(summary).toContain('身份：个体或挂靠车主');
      expect(summary).not.toMatch(/slots=|intakeId|stage=|asking=|"category"/);
      const statusLine = page.locator('p', { hasText: '渠道：' }).first();
      expect(await statusLine.locator('.tag').count()).toBe(1);
      expect(await statusLine.innerText()).toContain('等待接入');

      const claim = page.getByRole('button', { name: /接手|人工接入/ }).first();
      if (await claim.count()) {
        await claim.click();
        await page.waitForLoadState('networkidle').catch(() => undefined);
      }
      expect(await page.locator('#canned option').count()).toBeGreaterThan(3);
      await page.fill('#reply-form textarea', '师傅您好，我是自贡的工作人员。');
      // A reply that also claims the conversation reloads the page once it is sent (data-then="reload"); the live
      // transcript can show the message first, so the next navigation waits for that reload rather than racing it.
      const reloads = (await page.locator('#reply-form').getAttribute('data-then')) === 'reload';
      const reloaded = reloads ? page.waitForEvent('load', { timeout: 15_000 }) : Promise.resolve(page);
      await page.press('#reply-form textarea', 'Control+Enter');
      await reloaded;
      await page.locator('#transcript .msg.staff', { hasText: '自贡的工作人员' }).waitFor({ timeout: 10_000 });

      // The ledger names the milestone a deadline is for and the time left.
      await page.goto(`${base}/staff/cases`);
      const row = page.locator('tr', { has: page.locator(`a[href="/staff/cases/${caseNumber}"]`) });
      expect(await row.innerText()).toMatch(/首次反馈[\s\S]*剩\d+(天|小时|分钟)/);

      await page.goto(`${base}/staff/cases/${caseNumber}`);
      expect(await page.locator('#callback-form').count()).toBe(0);
      await page.selectOption('#case-status-form select[name=status]', 'resolved');
      await page.fill('#case-status-form textarea[name=note]', '货主已付清运费');
      await page.click('#case-status-form button[type=submit]');
      await page.locator('#case-status', { hasText: '已办结' }).waitFor();
      await page.locator('#callback-form').waitFor();
      await page.context().close();
    },
  );
});
