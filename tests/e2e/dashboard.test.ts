import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, launch, recordExternalRequests, screenshot } from './browser';

let browser: Browser;
let page: Page;
let external: string[];
beforeAll(async () => {
  browser = await launch();
  page = await (await browser.newContext()).newPage();
  external = recordExternalRequests(page);
});
afterAll(async () => browser?.close());

describe('metrics, reports, exports and compliance', () => {
  it('shows the metrics dashboard with charts drawn locally', async () => {
    await page.goto(`${baseUrl()}/incidents/dashboard`, { waitUntil: 'networkidle' });
    await expect(page.getByTestId('headline').textContent()).resolves.toContain('Median time to acknowledge');
    expect(await page.locator('svg.recharts-surface').count()).toBeGreaterThan(0);
    await screenshot(page, 'dashboard');
    expect(external).toEqual([]);
  });

  it('publishes the API files', async () => {
    for (const name of ['severity', 'roles', 'escalation', 'runbooks', 'incidents']) {
      const res = await page.request.get(`${baseUrl()}/api/${name}.json`);
      expect(res.status()).toBe(200);
      expect(typeof (await res.json())).toBe('object');
    }
    const runbooks = await (await page.request.get(`${baseUrl()}/api/runbooks.json`)).json();
    expect(runbooks.runbooks.length).toBeGreaterThanOrEqual(10);
    expect(runbooks.runbooks[0]).toHaveProperty('alerts');
  });

  it('shows compliance coverage with an auditor export', async () => {
    await page.goto(`${baseUrl()}/compliance`);
    await expect(page.locator('h1').textContent()).resolves.toBe('Compliance coverage');
    expect(await page.locator('td[data-status]').count()).toBeGreaterThan(10);
    const csv = await page.request.get(`${baseUrl()}/compliance/coverage.csv`);
    expect((await csv.text()).startsWith('framework,control,title,status')).toBe(true);
    await screenshot(page, 'compliance');
  });
});
