import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, launch, screenshot } from './browser';
import { frontMatterOf, RUNBOOK_FILE, RUNBOOK_ROUTE } from './site';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

describe('offline', () => {
  it('loads a runbook with the browser offline after a first visit', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${baseUrl()}/`);
    // The service worker installs on the first visit and precaches the site.
    await page.evaluate(async () => {
      const reg = await navigator.serviceWorker.ready;
      return Boolean(reg.active);
    });
    await page.reload();
    await expect.poll(() => page.evaluate(() => Boolean(navigator.serviceWorker.controller)), { timeout: 20_000 }).toBe(true);
    await context.setOffline(true);
    await page.goto(`${baseUrl()}${RUNBOOK_ROUTE}`);
    const title = frontMatterOf(RUNBOOK_FILE).title as string;
    await expect(page.locator('h1').first().textContent()).resolves.toBe(title);
    await expect(page.locator('article').textContent()).resolves.toContain('First 5 minutes');
    await screenshot(page, 'runbook-offline');
    await context.close();
  });
});
