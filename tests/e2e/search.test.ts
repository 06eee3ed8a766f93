import { describe, expect, it } from 'vitest';
import { baseUrl, browserSession, screenshot } from './browser';
import { frontMatterOf, RUNBOOK_FILE, RUNBOOK_ROUTE } from './site';

const session = browserSession();

describe('search and alert links', () => {
  const fm = frontMatterOf(RUNBOOK_FILE);
  const alert = (fm.alerts as string[])[0];

  it('finds a runbook by an alert name', async () => {
    await session.page.goto(`${baseUrl()}/search?q=${encodeURIComponent(alert)}`);
    const link = session.page.locator(`a[href^="${RUNBOOK_ROUTE}"]`).first();
    await link.waitFor({ timeout: 20_000 });
    await screenshot(session.page, 'search-alert');
    expect(session.external).toEqual([]);
  });

  it('finds a runbook by a symptom', async () => {
    const symptom = (fm.symptoms as string[])[0];
    await session.page.goto(`${baseUrl()}/search?q=${encodeURIComponent(symptom)}`);
    await session.page.locator(`a[href^="${RUNBOOK_ROUTE}"]`).first().waitFor({ timeout: 20_000 });
  });

  it('resolves /runbooks/alert/<AlertName> to the runbook that lists the alert', async () => {
    await session.page.goto(`${baseUrl()}/runbooks/alert/${alert}`);
    await session.page.waitForURL(`**${RUNBOOK_ROUTE}`);
    await expect(session.page.locator('h1').first().textContent()).resolves.toBe(fm.title);
  });
});
