import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, launch, recordExternalRequests, screenshot } from './browser';
import { frontMatterOf, RUNBOOK_FILE, RUNBOOK_ROUTE } from './site';

let browser: Browser;
let page: Page;
let external: string[];
beforeAll(async () => {
  browser = await launch();
  page = await (await browser.newContext()).newPage();
  external = recordExternalRequests(page);
});
afterAll(async () => browser?.close());

describe('search and alert links', () => {
  const fm = frontMatterOf(RUNBOOK_FILE);
  const alert = (fm.alerts as string[])[0];

  it('finds a runbook by an alert name', async () => {
    await page.goto(`${baseUrl()}/search?q=${encodeURIComponent(alert)}`);
    const link = page.locator(`main a[href^="${RUNBOOK_ROUTE}"]`).first();
    await link.waitFor({ timeout: 20_000 });
    await screenshot(page, 'search-alert');
    expect(external).toEqual([]);
  });

  it('finds a runbook by a symptom from the search bar', async () => {
    const symptom = (fm.symptoms as string[])[0];
    await page.goto(`${baseUrl()}/`);
    const input = page.locator('input[type="search"]').first();
    await input.fill(symptom);
    await expect.poll(() => page.locator(`a[href^="${RUNBOOK_ROUTE}"]`).count(), { timeout: 20_000 }).toBeGreaterThan(0);
  });

  it('resolves /runbooks/alert/<AlertName> to the runbook that lists the alert', async () => {
    await page.goto(`${baseUrl()}/runbooks/alert/${alert}`);
    await page.waitForURL(`**${RUNBOOK_ROUTE}`);
    await expect(page.locator('h1').first().textContent()).resolves.toBe(fm.title);
  });
});
