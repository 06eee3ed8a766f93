import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDuration } from '../../plugins/lint/duration';
import { formatUtc } from '../../plugins/lib/comm-template';
import { baseUrl, launch, screenshot } from './browser';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

let browser: Browser;
let context: BrowserContext;
let page: Page;
beforeAll(async () => {
  browser = await launch();
  context = await browser.newContext();
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl() });
  page = await context.newPage();
});
afterAll(async () => browser?.close());

describe('communication template filler', () => {
  it('fills the template and copies it with the computed next-update time', async () => {
    const severity = parse(readFileSync(path.resolve(__dirname, '../../data/severity.yaml'), 'utf8'));
    const p1 = severity.levels.find((l: any) => l.id === 'P1');
    const now = new Date('2026-11-23T10:00:00Z');
    await page.clock.setFixedTime(now);
    await page.goto(`${baseUrl()}/templates?template=investigating`);
    await page.selectOption('#f-severity', 'P1');
    await page.fill('#f-id', 'INC-0042');
    await page.fill('#f-title', 'Checkout errors');
    const expected = formatUtc(new Date(now.getTime() + parseDuration(p1.response.update_every)!));
    await expect.poll(() => page.getByTestId('filled-text').textContent()).toContain(expected);
    await page.getByRole('tab', { name: 'Slack' }).click();
    await page.getByRole('button', { name: /^Copy as Slack/ }).click();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toContain('INC-0042');
    expect(copied).toContain(expected);
    await screenshot(page, 'template-filler');
  });
});
