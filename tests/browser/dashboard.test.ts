// The console's dashboard in Chromium at 360×640 and 1440×900: ECharts served by this server (never a CDN) draws every
// chart under the console's own CSP, unscaled so labels keep their size, the data tables stay for screen readers; axe-core.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ARTIFACTS,
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

beforeAll(async () => {
  t = await createTestRuntime({ env: { WORK_HOURS: 'always', CASE_SWEEP_INTERVAL_MS: '0' } });
  await addStaff(t.runtime, 'province', 'supervisor', '510000', '省级主管');
  server = await startServer(t.app);
  browser = await launchChromium();
  // Cases in several categories (one with the longest label) and counties, and a few handoffs, filed through the real services.
  const filings: [string, string, string, string][] = [
    ['freight', '510311', '510300', '货主拖欠运费8000元'],
    ['freight', '510302', '510300', '运费被压了两个月'],
    ['illegal_fees', '510104', '510100', '高速出口被乱收费'],
    ['family', '510104', '510100', '孩子转学需要证明'],
    ['wage', '510311', '510300', '老板拖欠三个月工资'],
  ];
  for (const [i, [category, countyCode, cityCode, description]] of filings.entries()) {
    const r = await t.chat({ userId: `dash-driver-${i}`, text: '你好' });
    const conversation = (await t.runtime.database.db.query.conversations.findMany()).find((c) => c.id === r.body.conversationId)!;
    await t.runtime.cases.service.fileCase({
      driverId: conversation.driverId,
      conversationId: conversation.id,
      channel: conversation.channel,
      intakeKey: `dash-${i}`,
      category: category as 'freight',
      description,
      amountYuan: null,
      countyCode,
      cityCode,
      consent: true,
    });
  }
  await t.chat({ userId: 'dash-driver-0', text: '转人工' });
  await t.chat({ userId: 'dash-driver-1', text: '找人工客服' });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await t?.close();
});

/** Per chart: drawn or not, the canvas's CSS width against its figure's, and its backing-store scale. */
async function chartGeometry(page: Page) {
  return page.evaluate<
    { drawn: boolean; canvasWidth: number; figureWidth: number; scale: number }[]
  >(`[...document.querySelectorAll('figure.chart-card')].filter((f) => f.querySelector('[data-chart]')).map((f) => {
    const canvas = f.querySelector('canvas');
    return { drawn: f.classList.contains('drawn'), canvasWidth: canvas ? canvas.getBoundingClientRect().width : 0, figureWidth: f.getBoundingClientRect().width, scale: canvas ? canvas.width / canvas.getBoundingClientRect().width / devicePixelRatio : 0 };
  })`);
}

describe('dashboard charts', () => {
  for (const [size, viewport] of [
    ['360', VIEWPORTS.phone],
    ['1440', VIEWPORTS.desktop],
  ] as const) {
    it(`draws every chart with the locally served ECharts under the console CSP at ${size} px`, { timeout: 90_000 }, async () => {
      // No bypassCSP: the page must work under its own policy (script-src 'self').
      const page = await openPage(browser, viewport, { bypassCSP: false });
      const requests: string[] = [];
      const cspErrors: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      page.on('console', (m) => (/Content Security Policy/i.test(m.text()) ? cspErrors.push(m.text()) : undefined));
      await staffLogin(page, server.base, 'province');
      const response = await page.goto(`${server.base}/staff/dashboard?days=30`);
      expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
      await page.locator('figure.drawn canvas').nth(4).waitFor({ timeout: 15_000 });

      const charts = await chartGeometry(page);
      expect(charts.length).toBe(5); // 按类别, 按地区, 按状态（每日）, 转人工状态, 转人工原因
      for (const c of charts) {
        expect(c.drawn).toBe(true);
        // Drawn at the figure's own width in CSS pixels: text is the size ECharts was told (13 px), not a scaled viewBox.
        expect(c.canvasWidth).toBeGreaterThan(c.figureWidth * 0.8);
        expect(c.canvasWidth).toBeLessThanOrEqual(c.figureWidth);
        expect(c.scale).toBeCloseTo(1, 1);
      }
      // The axis labels as ECharts laid them out: the category chart names every category, the long one cut with …
      const labels = await page.evaluate<string[]>(
        `echarts.getInstanceByDom(document.querySelector('[data-chart*="运费结算"]')).getModel().getComponent('yAxis', 0).axis.getViewLabels().map((l) => l.formattedLabel ?? String(l.tickValue))`,
      );
      expect(labels.length).toBe(4);
      expect(requests.every((u) => u.startsWith(server.base))).toBe(true);
      expect(requests.some((u) => u.endsWith('/staff/assets/echarts.min.js'))).toBe(true);
      expect(cspErrors).toEqual([]);
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await screenshot(page, `dashboard-${size}`, true);
      await page
        .locator('figure.chart-card')
        .first()
        .screenshot({ path: `${ARTIFACTS}/dashboard-${size}-category-chart.png` });
      await page.context().close();

      // axe needs to inject its script, so it runs in a context that bypasses the CSP.
      const axePage = await staffLogin(await openPage(browser, viewport), server.base, 'province');
      await axePage.goto(`${server.base}/staff/dashboard?days=30`);
      await axePage.locator('figure.drawn canvas').nth(4).waitFor({ timeout: 15_000 });
      expect(await seriousViolations(axePage)).toEqual([]);
      // The data stays readable by screen readers: a table per chart with the same figures.
      expect(await axePage.locator('div.chart-data table').count()).toBe(5);
      await axePage.context().close();
    });
  }

  it('serves ECharts gzipped with an ETag, and the data tables stand in when scripts are off', { timeout: 60_000 }, async () => {
    const res = await fetch(`${server.base}/staff/assets/echarts.min.js`, { headers: { 'accept-encoding': 'gzip' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('javascript');
    expect((await res.text()).length).toBeGreaterThan(500_000); // fetch decodes: the whole library arrived
    const etag = res.headers.get('etag')!;
    expect((await fetch(`${server.base}/staff/assets/echarts.min.js`, { headers: { 'if-none-match': etag } })).status).toBe(304);

    const page = await openPage(browser, VIEWPORTS.phone, { javaScriptEnabled: false });
    await staffLogin(page, server.base, 'province');
    await page.goto(`${server.base}/staff/dashboard?days=30`);
    const table = page.locator('div.chart-data table', { hasText: '运费结算' });
    expect(await table.isVisible()).toBe(true);
    expect(await table.innerText()).toMatch(/运费结算\s*2件/);
    await screenshot(page, 'dashboard-360-no-script', true);
    await page.context().close();
  });
});
