import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, launch, openPage, screenshot, waitForOfflineCache } from './browser';
import { dataOf, frontMatterOf, QUIZ_ROUTE, runbooks, RUNBOOK_FILE, RUNBOOK_ROUTE } from './site';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

const all = runbooks();
const alerts = all.flatMap((r) => r.alerts.map((alert) => ({ alert, route: r.route })));

/** Types `query` into the search page and returns the result links, once they belong to this query. */
async function results(page: Page, query: string): Promise<string[]> {
  const input = page.locator('main input[type=search], input[name=q]').first();
  await input.fill('');
  await input.fill(query);
  let hrefs: string[] = [];
  await expect
    .poll(
      async () => {
        hrefs = await page.locator('article h2 a').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
        const none = await page.getByText('No documents were found').count();
        // Result links carry the query's words in ?_highlight=, so stale results of the previous query are not read.
        const fresh =
          hrefs.length > 0 &&
          decodeURIComponent(hrefs[0])
            .toLowerCase()
            .includes(query.toLowerCase().split(/[\s-]+/)[0]);
        return fresh || none > 0;
      },
      { timeout: 20_000 },
    )
    .toBe(true);
  return hrefs.map((h) => h.replace(/[?#].*$/, ''));
}

async function expectEveryAlertFindsItsRunbook(page: Page) {
  const misses: string[] = [];
  for (const { alert, route } of alerts) {
    const hrefs = await results(page, alert);
    if (hrefs[0] !== route) misses.push(`${alert}: first result ${hrefs[0] ?? '(none)'}, expected ${route}`);
  }
  expect(misses).toEqual([]);
}

describe('search knows alert names, services and severities', () => {
  it('lists alerts in the runbooks front matter', () => {
    expect(alerts.length).toBeGreaterThan(0);
  });

  it('ranks the runbook first for every alert name in the runbooks (desktop, online)', async () => {
    const { context, page, external } = await openPage(browser, 'desktop');
    await page.goto(`${baseUrl()}/search?q=${encodeURIComponent(alerts[0].alert)}`);
    await expectEveryAlertFindsItsRunbook(page);
    await results(page, alerts[0].alert);
    await screenshot(page, 'search-alert-desktop');
    expect(external).toEqual([]);
    await context.close();
  }, 300_000);

  it('ranks the runbook first for every alert name with the network off (phone, after a first visit)', async () => {
    const { context, page } = await openPage(browser, 'phone');
    await page.goto(`${baseUrl()}/`);
    await waitForOfflineCache(page);
    // The search index is in the precache the service worker filled after the first load.
    await expect
      .poll(
        () =>
          page.evaluate(
            async () =>
              (await caches.keys()).length > 0 && Boolean(await caches.match(new URL('/search-index.json', location.href).href, { ignoreSearch: true })),
          ),
        {
          timeout: 60_000,
        },
      )
      .toBe(true);
    await context.setOffline(true);
    await page.goto(`${baseUrl()}/search?q=${encodeURIComponent(alerts[0].alert)}`);
    await expectEveryAlertFindsItsRunbook(page);
    await screenshot(page, 'search-offline-phone');
    await context.close();
  }, 300_000);

  it('finds the runbooks of a service by its id and by its name', async () => {
    const { context, page } = await openPage(browser, 'desktop');
    const services = dataOf('services').services as { id: string; name: string }[];
    const service = services.find((s) => all.some((r) => r.services.includes(s.id)))!;
    const expected = all.filter((r) => r.services.includes(service.id)).map((r) => r.route);
    await page.goto(`${baseUrl()}/search?q=${encodeURIComponent(service.id)}`);
    for (const q of [service.id, service.name]) {
      const hrefs = await results(page, q);
      expect(
        hrefs.some((h) => expected.includes(h)),
        `${q}: ${hrefs.slice(0, 5).join(', ')}`,
      ).toBe(true);
    }
    await context.close();
  });

  it('finds runbooks by a severity id', async () => {
    const { context, page } = await openPage(browser, 'desktop');
    const level = (dataOf('severity').levels as { id: string }[]).find((l) => all.some((r) => r.severities.includes(l.id)))!;
    const expected = all.filter((r) => r.severities.includes(level.id)).map((r) => r.route);
    await page.goto(`${baseUrl()}/search?q=${encodeURIComponent(level.id)}`);
    const hrefs = await results(page, level.id);
    expect(hrefs.some((h) => expected.includes(h))).toBe(true);
    await context.close();
  });

  it('indexes what responders and trainees search for, and leaves the linter reference out', async () => {
    const parts = (await (await fetch(`${baseUrl()}/search-index.json`)).json()) as { documents: { u: string }[] }[];
    const urls = new Set(parts.flatMap((p) => p.documents.map((d) => d.u.replace(/[?#].*$/, ''))));
    expect([...urls].filter((u) => /^\/linter(\/|$)/.test(u))).toEqual([]);
    expect(all.map((r) => r.route).filter((route) => !urls.has(route))).toEqual([]);
    expect(urls.has(QUIZ_ROUTE)).toBe(true);
  });

  it('finds a runbook by a symptom', async () => {
    const { context, page } = await openPage(browser, 'desktop');
    const symptom = (frontMatterOf(RUNBOOK_FILE).symptoms as string[])[0];
    await page.goto(`${baseUrl()}/search?q=${encodeURIComponent(symptom)}`);
    await page.locator(`a[href^="${RUNBOOK_ROUTE}"]`).first().waitFor({ timeout: 20_000 });
    await context.close();
  });
});
