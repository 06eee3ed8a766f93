import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { genericRunbook, runbooksForServices, words } from '../../plugins/lib/alert-match';
import { baseUrl, launch, openPage, screenshot, type ViewportName } from './browser';
import { dataOf, runbooks } from './site';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

const all = runbooks();
const services = dataOf('services').services as { id: string; name: string }[];
const types = dataOf('incident-types').types as { id: string }[];
// An alert name no runbook lists, built from a service that has runbooks (CheckoutZzUnlisted… for "checkout").
const service = services.find((s) => all.some((r) => r.services.includes(s.id)))!;
const pascal = (id: string) =>
  words(id)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');
const unknown = `${pascal(service.id)}ZzUnlistedCondition`;

function reactErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && /React|Minified|hydrat/i.test(m.text())) errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  return errors;
}

describe('/runbooks/alert/<name> for an alert no runbook lists', () => {
  it.each<ViewportName>(['phone', 'desktop'])(
    'shows the name, a filled search, the service runbooks, the generic runbook and all runbooks (%s)',
    async (size) => {
      const { context, page } = await openPage(browser, size);
      const errors = reactErrors(page);
      await page.goto(`${baseUrl()}/runbooks/alert/${unknown}`);
      const main = page.getByTestId('alert-fallback');
      await main.waitFor();
      await expect(main.locator('h1').textContent()).resolves.toContain(unknown);
      await expect(main.locator('input[name=q]').inputValue()).resolves.toBe(unknown);
      const serviceLinks = await page
        .getByTestId('alert-service-runbooks')
        .locator('a')
        .evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      const expected = runbooksForServices(
        all.map((r) => ({ ...r, incidentTypes: r.incidentTypes })),
        [service.id],
      ).map((r) => r.route);
      for (const route of expected) expect(serviceLinks).toContain(route);
      const generic = genericRunbook(all, types);
      expect(generic, 'a runbook named after an incident type').toBeDefined();
      await expect(page.getByTestId('alert-generic').locator(`a[href="${generic!.route}"]`).count()).resolves.toBe(1);
      await expect(page.getByTestId('alert-all-runbooks').locator('a').count()).resolves.toBe(all.length);
      await screenshot(page, `alert-fallback-${size}`);
      expect(errors).toEqual([]);
      await context.close();
    },
  );

  it('searches for the name from the page', async () => {
    const { context, page } = await openPage(browser, 'desktop');
    await page.goto(`${baseUrl()}/runbooks/alert/${unknown}`);
    await page.getByTestId('alert-fallback').getByRole('button', { name: 'Search' }).click();
    await page.waitForURL((u) => u.pathname === '/search' && u.searchParams.get('q') === unknown);
    await context.close();
  });

  it('opens the runbook for a listed alert written in lower case, without a React error', async () => {
    const { context, page } = await openPage(browser, 'desktop');
    const errors = reactErrors(page);
    const runbook = all.find((r) => r.alerts.length)!;
    await page.goto(`${baseUrl()}/runbooks/alert/${runbook.alerts[0].toLowerCase()}`);
    await page.waitForURL(`**${runbook.route}`);
    await expect(page.locator('h1').first().textContent()).resolves.toBe(runbook.title);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('still forwards a listed alert to its runbook', async () => {
    const { context, page } = await openPage(browser, 'desktop');
    const runbook = all.find((r) => r.alerts.length)!;
    await page.goto(`${baseUrl()}/runbooks/alert/${runbook.alerts[0]}`);
    await page.waitForURL(`**${runbook.route}`);
    await context.close();
  });
});
