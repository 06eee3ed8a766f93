import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, launch } from './browser';
import { QUIZ_ROUTE, EXERCISE_ROUTE } from './site';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

describe('server-rendered content without JavaScript', () => {
  const pages: [string, string, string][] = [
    ['classification matrix', '/classification', 'table[aria-label="Severity classification matrix"] tbody tr'],
    ['classifier questions', '/classifier', '[data-question] input[type=radio]'],
    ['quiz questions', QUIZ_ROUTE, '[data-testid=quiz] fieldset'],
    ['exercise injects', EXERCISE_ROUTE, '[data-testid=injects] > li'],
    ['on-call rotations', '/on-call-now', '[data-testid=oncall-card]'],
    ['template filler', '/templates', '#tpl option'],
    ['break-glass', '/break-glass', 'main section'],
  ];
  it.each(pages)('%s render without JavaScript', async (_name, route, selector) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${baseUrl()}${route}`);
    expect(await page.locator(selector).count()).toBeGreaterThan(0);
    await context.close();
  });
});
