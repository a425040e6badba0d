// The driver page as a driver on a phone uses it: fits 320/360 px, rendered answers, failures with 重试, typing, reload,
// station and booking cards, the number keypad, quick replies, staff takeover and hand-back; axe-core and screenshots per view.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openPage, screenshot, seriousViolations, startServer, VIEWPORTS, type RunningServer } from '../support/browser.js';
import { createTestRuntime, type TestRuntime } from '../support/test-runtime.js';

let t: TestRuntime;
let server: RunningServer;
let base: string;
let browser: Browser;

beforeAll(async () => {
  t = await createTestRuntime({ env: { COOKIE_SECRET: 'c'.repeat(40), WORK_HOURS: 'always', CASE_SWEEP_INTERVAL_MS: '0' } });
  server = await startServer(t.app);
  base = server.base;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await t?.close();
});

async function open(viewport: { width: number; height: number }): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const page = await openPage(browser, viewport, { geolocation: { latitude: 29.27, longitude: 104.87 } });
  const context = page.context();
  await context.grantPermissions(['geolocation'], { origin: base });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(base);
  return { context, page, errors };
}

async function ask(page: Page, text: string) {
  const before = await page.locator('.msg.bot').count();
  await page.fill('#text', text);
  await page.click('#send');
  await expect.poll(() => page.locator('.msg.bot:not(.typing)').count(), { timeout: 15_000 }).toBeGreaterThan(before);
  return page.locator('.msg.bot:not(.typing)').nth(before);
}

async function expectAccessible(page: Page, view: string) {
  const violations = await seriousViolations(page);
  expect(violations, `${view}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
}

describe('driver page on a phone (360×640)', () => {
  it('works as a driver uses it', { timeout: 180_000 }, async () => {
    const { context, page, errors } = await open(VIEWPORTS.phone);
    // No speech-to-text configured: no hold-to-talk button that would only fail.
    await expect.poll(() => page.locator('#talk').isHidden()).toBe(true);
    await expectAccessible(page, 'start');
    await screenshot(page, 'driver-360-start');

    // A legal answer: rendered blocks, no Markdown, one source line; scrolled to its start.
    const answer = await ask(page, '挂靠的车出了事故哪个赔');
    const text = await answer.innerText();
    expect(text).toContain('连带责任');
    expect(text).not.toMatch(/\*\*|^- /m);
    expect(text.match(/来源：/g)).toHaveLength(1);
    expect(await answer.locator('ol li').count()).toBeGreaterThanOrEqual(3);
    const logBox = (await page.locator('#log').boundingBox())!;
    const answerBox = (await answer.boundingBox())!;
    expect(answerBox.y).toBeGreaterThanOrEqual(logBox.y - 1);
    expect(answerBox.y).toBeLessThan(logBox.y + 40);
    await screenshot(page, 'driver-360-answer');

    // 常见问题 opens real questions, and one of them is answered from the knowledge base.
    await page.click('[data-topics]');
    await page.locator('.chip', { hasText: '疲劳驾驶扣几分' }).waitFor();
    const before = await page.locator('.msg.bot').count();
    await page.click('.chip >> text=疲劳驾驶扣几分');
    await expect.poll(() => page.locator('.msg.bot:not(.typing)').count(), { timeout: 15_000 }).toBeGreaterThan(before);
    expect(await page.locator('.msg.bot').last().innerText()).toContain('3分');

    // While a turn is in flight: typing indicator and a disabled send button.
    await page.route('**/web/chat', async (route) => {
      await new Promise((r) => setTimeout(r, 700));
      await route.continue();
    });
    await page.fill('#text', '超载了怎么罚');
    await page.click('#send');
    await page.locator('#typing').waitFor();
    expect(await page.locator('#send').isDisabled()).toBe(true);
    await screenshot(page, 'driver-360-typing');
    await page.locator('#typing').waitFor({ state: 'detached', timeout: 15_000 });
    expect(await page.locator('#send').isDisabled()).toBe(false);
    await page.unroute('**/web/chat');

    // A failed send: Chinese text and 重试 on the failed bubble; retrying sends it.
    await page.route('**/web/chat', (route) => route.abort('internetdisconnected'));
    await page.fill('#text', '运费被拖欠怎么办');
    await page.click('#send');
    const failed = page.locator('.msg.me.unsent');
    await failed.waitFor();
    expect(await failed.innerText()).toContain('网络不好');
    expect(await failed.innerText()).not.toMatch(/Failed to fetch/);
    await expectAccessible(page, 'failed');
    await screenshot(page, 'driver-360-failed');
    await page.unroute('**/web/chat');
    const count = await page.locator('.msg.bot').count();
    await failed.locator('.retry').click();
    await expect.poll(() => page.locator('.msg.bot:not(.typing)').count(), { timeout: 15_000 }).toBeGreaterThan(count);
    expect(await page.locator('.msg.me.unsent').count()).toBe(0);

    // Stations: cards only (no map URLs in the text), with price, meal hours and the estimate note where it applies.
    await page.click('#locate');
    const card = page.locator('.station-card').first();
    await card.waitFor({ timeout: 15_000 });
    const stationMsg = page.locator('.msg.bot', { has: page.locator('.station-card') }).last();
    expect(await stationMsg.locator('p').first().innerText()).not.toMatch(/https?:/);
    expect(await card.innerText()).toMatch(/价格：.*元/);
    // A free service reads as free, as the text reply says it, not "0元".
    expect(await card.innerText()).not.toMatch(/(?<![0-9])0元/);
    expect(await card.innerText()).toContain('供餐：');
    expect(await page.locator('.station-card .approx').count()).toBeGreaterThanOrEqual(0);
    await stationMsg.scrollIntoViewIfNeeded();
    await screenshot(page, 'driver-360-stations');
    await card.locator('.links').scrollIntoViewIfNeeded();
    await screenshot(page, 'driver-360-station-card-end');

    // Booking: the phone question opens the number keypad, and the booking shows as a card.
    await ask(page, '预约第1个');
    await ask(page, '明天');
    const phoneQuestion = await ask(page, '张师傅');
    expect(await phoneQuestion.innerText()).toContain('手机号');
    expect(await page.locator('#text').getAttribute('inputmode')).toBe('tel');
    await ask(page, '13800138000');
    const booked = await ask(page, '确认');
    await booked.locator('.card.booking').waitFor();
    expect(await booked.locator('.card.booking').innerText()).toMatch(/预约码[\s\S]*[A-Z0-9]{4}/);
    expect(await page.locator('#text').getAttribute('inputmode')).toBe('text');
    await expectAccessible(page, 'booking');
    await screenshot(page, 'driver-360-booking');

    // The conversation and the chips survive a reload.
    const messages = await page.locator('.msg').count();
    const chips = await page.locator('#chips .chip').allInnerTexts();
    await page.reload();
    await expect.poll(() => page.locator('.msg').count()).toBe(messages);
    expect(await page.locator('#chips .chip').allInnerTexts()).toEqual(chips);
    expect(await page.locator('.card.booking').count()).toBe(1);

    // Staff take over: their reply is labelled 工作人员 and stale chips go; the hand-back is the assistant's.
    await ask(page, '转人工');
    const identity = (await t.runtime.database.db.query.driverIdentities.findMany()).find((i) => i.channel === 'web');
    await t.runtime.deliver({
      driverId: identity!.driverId,
      conversationId: null,
      channel: 'web',
      kind: 'staff_reply',
      text: '师傅您好，我是小李。',
      payload: null,
    });
    await page.locator('.msg.staff').waitFor({ timeout: 10_000 });
    expect(await page.locator('.msg.staff .who').innerText()).toContain('工作人员');
    await expect.poll(() => page.locator('#chips .chip').count()).toBe(0);
    await t.runtime.deliver({
      driverId: identity!.driverId,
      conversationId: null,
      channel: 'web',
      kind: 'handback',
      text: '工作人员已处理完，您可以继续问我。',
      payload: null,
    });
    const handback = page.locator('.msg', { hasText: '您可以继续问我' });
    await handback.waitFor({ timeout: 10_000 });
    expect(await handback.getAttribute('class')).toContain('bot');
    expect(await handback.locator('.who').count()).toBe(0);
    await expectAccessible(page, 'takeover');
    // The page itself never scrolls: only the conversation does, so the composer stays on screen.
    expect(await page.evaluate<number>('document.scrollingElement.scrollTop')).toBe(0);
    await screenshot(page, 'driver-360-takeover');

    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('driver page at other widths', () => {
  it('fits 320 px with the send button visible, and reads well at 1440×900', { timeout: 90_000 }, async () => {
    const narrow = await open(VIEWPORTS.narrow);
    const send = (await narrow.page.locator('#send').boundingBox())!;
    expect(send.x + send.width).toBeLessThanOrEqual(VIEWPORTS.narrow.width);
    expect(await narrow.page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(VIEWPORTS.narrow.width);
    await ask(narrow.page, '疲劳驾驶怎么规定的？');
    expect(await narrow.page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(VIEWPORTS.narrow.width);
    await screenshot(narrow.page, 'driver-320-answer');
    await narrow.context.close();

    const wide = await open(VIEWPORTS.desktop);
    const answer = await ask(wide.page, '疲劳驾驶扣几分');
    expect(await answer.locator('.cite').count()).toBe(1);
    await expectAccessible(wide.page, 'desktop');
    await screenshot(wide.page, 'driver-1440-answer');
    expect(wide.errors).toEqual([]);
    await wide.context.close();
  });
});
