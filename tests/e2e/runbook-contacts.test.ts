/**
 * A runbook names where to look and whom to page before its first step: each of its services' dashboard and logs
 * and the owning team's page link, all from data/contacts.yaml. Expectations come from data/ and front matter.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, launch, openPage } from './browser';
import { dataOf, frontMatterOf, runbooks } from './site';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

const contacts = dataOf('contacts') as {
  contacts?: { for?: { team?: string }; page_url?: string }[];
  services?: { service: string; dashboard_url?: string; logs_url?: string }[];
};

describe('runbook contacts', () => {
  it('every runbook links its services’ dashboards and logs and the owner’s page link, above the first step', async () => {
    const { context, page } = await openPage(browser, 'phone');
    for (const rb of runbooks()) {
      await page.goto(`${baseUrl()}${rb.route}`);
      const facts = page.getByRole('complementary', { name: 'About this document' });
      const hrefs = await facts.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      for (const s of rb.services) {
        const e = contacts.services?.find((x) => x.service === s);
        if (e?.dashboard_url) expect(hrefs, `${rb.route} ${s} dashboard`).toContain(e.dashboard_url);
        if (e?.logs_url) expect(hrefs, `${rb.route} ${s} logs`).toContain(e.logs_url);
      }
      const owner = String(frontMatterOf(rb.file).owner ?? '');
      const pageUrl = contacts.contacts?.find((c) => c.for?.team === owner && c.page_url)?.page_url;
      if (pageUrl) expect(hrefs, `${rb.route} owner ${owner}`).toContain(pageUrl);
      // Before the first step: the facts box comes before the first section heading of the runbook.
      const factsTop = (await facts.boundingBox())!.y;
      const firstSection = (await page.locator('article h2').first().boundingBox())!.y;
      expect(factsTop).toBeLessThan(firstSection);
    }
    await context.close();
  });
});
