// The learning loop in Chromium: a driver's 👎 under an answer on a phone, the 未答问题 page and the draft form at 1440×900 and 360×640 with no critical or serious axe violation, attaching through the page; screenshots.
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshot, seriousViolations, VIEWPORTS } from '../support/browser.js';
import { addStaff, TEST_PASSWORD } from '../support/staff-client.js';
import { createTestRuntime, type TestRuntime } from '../support/test-runtime.js';

let t: TestRuntime;
let server: ServerType;
let base: string;
let browser: Browser;

beforeAll(async () => {
  t = await createTestRuntime();
  await addStaff(t.runtime, 'kb-lead', 'supervisor', '510000', '省主管');
  server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium();
  for (const [userId, text] of [
    ['a', '挂车的年检周期是多久'],
    ['b', '挂车年检周期多久一次'],
    ['c', '货车ETC卡被冻结了怎么解冻'],
  ]) {
    await fetch(`${base}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId, text }) });
  }
});

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => {
    (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
    server?.close(() => resolve());
  });
  await t?.close();
});

async function expectAccessible(page: Page, view: string) {
  const violations = await seriousViolations(page);
  expect(violations, `${view}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
}

async function login(viewport: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', bypassCSP: true });
  const page = await context.newPage();
  page.on('dialog', (d) => void d.accept());
  await page.goto(`${base}/staff/login`);
  await page.fill('input[name=username]', 'kb-lead');
  await page.fill('input[name=password]', TEST_PASSWORD);
  await page.click('button[type=submit]');
  await page.waitForURL(`${base}/staff`);
  return page;
}

describe('the driver page', () => {
  it('sends a 👎 under an answer and says it was passed on', { timeout: 120_000 }, async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS.phone, locale: 'zh-CN', bypassCSP: true });
    const page = await context.newPage();
    await page.goto(base);
    await page.fill('#text', '超载了怎么罚');
    await page.click('#send');
    const button = page.locator('.msg.bot button.feedback').first();
    await button.waitFor({ timeout: 15_000 });
    await expectAccessible(page, 'driver page with 👎');
    await button.click();
    await expect.poll(() => page.locator('.msg.bot .feedback.sent').count()).toBeGreaterThan(0);
    await screenshot(page, 'driver-thumbs-down-360');
    const open = await t.runtime.staff.knowledge.unanswered({
      staff: { id: 'x', username: 'x', displayName: 'x', role: 'admin', regionCode: null },
      ip: null,
    });
    expect(
      open
        .flatMap((g) => g.questions)
        .filter((q) => q.reason === 'thumbs_down')
        .map((q) => q.text),
    ).toEqual(['超载了怎么罚']);
    // Reloaded, the answer keeps its "sent" note instead of offering the button again.
    await page.reload();
    await expect.poll(() => page.locator('.msg.bot .feedback.sent').count()).toBeGreaterThan(0);
    expect(await page.locator('.msg.bot button.feedback').count()).toBe(0);
    await context.close();
  });
});

describe('未答问题 in the console', () => {
  for (const [name, viewport] of [
    ['desktop', VIEWPORTS.desktop],
    ['phone', VIEWPORTS.phone],
  ] as const) {
    it(`shows grouped questions and the draft form accessibly (${name})`, { timeout: 120_000 }, async () => {
      const page = await login(viewport);
      await page.goto(`${base}/staff/knowledge`);
      expect(await page.locator('h1').textContent()).toBe('未答问题');
      expect(await page.locator('section.card').count()).toBeGreaterThanOrEqual(2);
      await expectAccessible(page, `knowledge ${name}`);
      await screenshot(page, `staff-knowledge-${name}`, true);
      await page.click('text=都答不了：为这组写新条目');
      await page.waitForURL(/\/staff\/knowledge\/drafts\/new/);
      await expectAccessible(page, `draft form ${name}`);
      await screenshot(page, `staff-knowledge-draft-${name}`, true);
      await page.goto(`${base}/staff/dashboard`);
      expect(await page.locator('#not-found-rate').textContent()).toContain('未答率');
      await expectAccessible(page, `dashboard ${name}`);
      await page.context().close();
    });
  }

  it('attaches a question to an entry from the page', { timeout: 120_000 }, async () => {
    const page = await login(VIEWPORTS.desktop);
    await page.goto(`${base}/staff/knowledge`);
    const row = page.locator('li', { hasText: '货车ETC卡被冻结了怎么解冻' });
    await row.locator('select[name=entryId]').selectOption('hotline-12328');
    await row.locator('button[type=submit]').click();
    await expect.poll(async () => page.locator('li', { hasText: '货车ETC卡被冻结了怎么解冻' }).count(), { timeout: 10_000 }).toBe(0);
    expect(t.runtime.knowledge.entry('hotline-12328')?.questions).toContain('货车ETC卡被冻结了怎么解冻');
    await page.context().close();
  });
});
