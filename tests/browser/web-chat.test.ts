// The driver web page in Chromium: ask a question and see the cited answer, share a mocked location and see station cards,
// ask for a human and see a staff reply arrive live.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshot, startServer, type RunningServer } from '../support/browser.js';
import { createTestRuntime, type TestRuntime } from '../support/test-runtime.js';

let t: TestRuntime;
let server: RunningServer;
let base: string;
let browser: Browser;

beforeAll(async () => {
  // The real knowledge base, station data and handoff desk; working hours around the clock so the acknowledgement is stable.
  t = await createTestRuntime({ env: { COOKIE_SECRET: 'b'.repeat(40), WORK_HOURS: 'always', CASE_SWEEP_INTERVAL_MS: '0' } });
  server = await startServer(t.app);
  base = server.base;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await t?.close();
});

describe('driver web chat in Chromium', () => {
  it('answers with sources, shows station cards for a shared location, and shows a staff reply live', async () => {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      locale: 'zh-CN',
      geolocation: { latitude: 29.27, longitude: 104.87 },
    });
    await context.grantPermissions(['geolocation'], { origin: base });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(base);
    await expect.poll(() => page.title()).toContain('暖心');

    await page.fill('#text', '疲劳驾驶怎么规定的？');
    await page.click('#send');
    const answer = page.locator('.msg.bot').last();
    await answer.locator('.cite').waitFor();
    // Figures from the curated entry (reference/driver-law-facts.md: 4 hours, 20 minutes, art. 62 (7)).
    expect(await answer.innerText()).toContain('4小时');
    expect(await answer.innerText()).toContain('20分钟');
    const cite = await answer.locator('.cite').innerText();
    expect(cite).toContain('《道路交通安全法实施条例》');
    expect(cite).toContain('第62条');

    await page.click('#locate');
    const card = page.locator('.station-card').first();
    await card.waitFor();
    expect(await card.locator('h3').innerText()).toMatch(/沿滩服务区暖心之家 · \d/);
    expect(await card.innerText()).toContain('沿滩');
    expect(await card.locator('.amen li').allInnerTexts()).toEqual(expect.arrayContaining(['吃饭', '洗澡', '住宿']));
    expect(await card.locator('a[href^="https://uri.amap.com/"]').getAttribute('href')).toContain('104.880000,29.270000');

    await page.fill('#text', '转人工');
    await page.click('#send');
    await page.locator('.msg.bot', { hasText: '已转人工' }).waitFor();
    const identity = (await t.runtime.database.db.query.driverIdentities.findMany()).find((i) => i.channel === 'web');
    expect(identity).toBeDefined();
    await t.runtime.deliver({
      driverId: identity!.driverId,
      conversationId: null,
      channel: 'web',
      kind: 'staff_reply',
      text: '师傅您好，我是暖心之家的小李，马上帮您看。',
      payload: null,
    });
    const staff = page.locator('.msg.staff');
    await staff.waitFor({ timeout: 10_000 });
    expect(await staff.innerText()).toContain('小李');

    await screenshot(page, 'web-chat-390', true);
    expect(errors).toEqual([]);
    await context.close();
  });
});
