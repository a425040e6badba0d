// Shared Chromium helpers for the browser tests: launch flags, screenshots kept as CI artefacts, and an axe-core check.
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const ARTIFACTS = join(process.cwd(), 'test-artifacts');

export const VIEWPORTS = { phone: { width: 360, height: 640 }, narrow: { width: 320, height: 640 }, desktop: { width: 1440, height: 900 } } as const;

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** What the user sees (the viewport); `fullPage` for pages that scroll as a whole, like the console's long tables. */
export async function screenshot(page: Page, name: string, fullPage = false): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage });
  return path;
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
