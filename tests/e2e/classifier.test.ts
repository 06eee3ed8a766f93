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

async function classify(answers: Record<string, string>): Promise<string | null> {
  await page.goto(`${baseUrl()}/classifier`);
  await page.waitForSelector('[data-question]');
  for (const [q, a] of Object.entries(answers)) await page.check(`#${q}-${a}`);
  const el = page.getByTestId('recommended-level');
  await el.waitFor();
  return el.getAttribute('data-level');
}

describe('severity classifier', () => {
  const scenarios: [string, Record<string, string>, string][] = [
    ['checkout down for everyone', { who: 'all', what: 'critical-path', data: 'no', security: 'no', workaround: 'none' }, 'P0'],
    ['leaked credential, nobody affected yet', { who: 'none', what: 'cosmetic', data: 'suspected', security: 'suspected', workaround: 'not-applicable' }, 'P1'],
    ['one partner webhook failing with a workaround', { who: 'some', what: 'non-core', data: 'no', security: 'no', workaround: 'easy' }, 'P2'],
    ['internal dashboard slow', { who: 'internal', what: 'cosmetic', data: 'no', security: 'no', workaround: 'easy' }, 'P3'],
  ];
  it.each(scenarios)('recommends the right level: %s', async (_name, answers, level) => {
    expect(await classify(answers)).toBe(level);
  });

  it('explains why and links to the response steps', async () => {
    await classify({ who: 'many' });
    const result = page.getByTestId('classifier-result');
    await expect(result.textContent()).resolves.toContain('Many customers');
    await expect(result.locator('a[href="/escalation#p1"]').count()).resolves.toBe(1);
    await screenshot(page, 'classifier');
    expect(external).toEqual([]);
  });
});
