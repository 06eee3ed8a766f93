import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, launch, openPage, screenshot } from './browser';
import { runbooks } from './site';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

/** Pages in a PDF written by Chromium (each page is one "/Type /Page" object). */
const pageCount = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;

describe('break-glass page', () => {
  it.each(['A4', 'Letter'])('prints on one %s sheet with every runbook', async (format) => {
    const { context, page } = await openPage(browser, 'desktop');
    await page.goto(`${baseUrl()}/break-glass`, { waitUntil: 'networkidle' });
    await page.emulateMedia({ media: 'print' });
    const withSteps = runbooks().length;
    const visible = await page.locator('[data-testid=break-glass] section').evaluateAll((els) => els.filter((e) => (e as HTMLElement).offsetHeight > 0).length);
    expect(visible).toBe(withSteps);
    const pdf = await page.pdf({ format, printBackground: false });
    expect(pageCount(pdf)).toBe(1);
    await context.close();
  });

  it('shows the full first steps on screen', async () => {
    const { context, page } = await openPage(browser, 'desktop');
    await page.goto(`${baseUrl()}/break-glass`);
    await page.getByTestId('break-glass').waitFor();
    await expect(page.locator('[data-testid=break-glass] section pre').count()).resolves.toBeGreaterThan(0);
    await screenshot(page, 'break-glass-desktop');
    await context.close();
  });
});
