// Shared Chromium helpers for the browser tests: the app on a real port, launch flags, contexts, staff log-in, screenshots
// kept as CI artefacts (test-artifacts/), and an axe-core check.
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import type { Hono } from 'hono';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { TEST_PASSWORD } from './staff-client.js';

export const ARTIFACTS = join(process.cwd(), 'test-artifacts');

export const VIEWPORTS = { phone: { width: 360, height: 640 }, narrow: { width: 320, height: 640 }, desktop: { width: 1440, height: 900 } } as const;
export type Viewport = { width: number; height: number };

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export interface RunningServer {
  base: string;
  close(): Promise<void>;
}

/** The app on 127.0.0.1 at a free port, as Chromium needs a real origin; close() drops open streams first. */
export async function startServer(app: Pick<Hono, 'fetch'>): Promise<RunningServer> {
  const server: ServerType = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

/**
 * A page in a fresh zh-CN context. `bypassCSP` lets the axe check inject its script; leave it off to test that a page
 * works under its own Content-Security-Policy. Dialogs (confirm) are accepted.
 */
export async function openPage(browser: Browser, viewport: Viewport, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', bypassCSP: true, ...options });
  const page = await context.newPage();
  page.on('dialog', (d) => void d.accept());
  return page;
}

/** Logs a staff member in through the real form; the page ends on the inbox. */
export async function staffLogin(page: Page, base: string, username: string, password = TEST_PASSWORD): Promise<Page> {
  await page.goto(`${base}/staff/login`);
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', password);
  await page.click('button[type=submit]');
  await page.waitForURL(`${base}/staff`);
  return page;
}

/** What the user sees (the viewport); `fullPage` for pages that scroll as a whole, like the console's long tables. */
export async function screenshot(page: Page, name: string, fullPage = false): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage });
  return path;
}

/** Horizontal overflow in CSS pixels (0 when the page fits its viewport's width). */
export async function horizontalOverflow(page: Page): Promise<number> {
  return Number(await page.evaluate('document.documentElement.scrollWidth - window.innerWidth'));
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** axe-core's critical and serious violations on the page as it is now (the context needs bypassCSP to inject it). */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate<boolean>("'axe' in window"))) await page.addScriptTag({ content: axeSource });
  // Run in the page (a string, as the test code has no DOM types): each violation with the selectors of its nodes.
  const violations = await page.evaluate<AxeViolation[]>(
    `axe.run(document).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => JSON.stringify(n.target)) })))`,
  );
  return violations.filter((v) => v.impact === 'critical' || v.impact === 'serious');
}
