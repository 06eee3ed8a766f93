import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDuration } from '../../plugins/lint/duration';
import { baseUrl, launch, screenshot } from './browser';
import { EXERCISE_FILE, EXERCISE_ROUTE, frontMatterOf } from './site';

let browser: Browser;
let page: Page;
beforeAll(async () => {
  browser = await launch();
  page = await (await browser.newContext()).newPage();
});
afterAll(async () => browser?.close());

describe('exercise player', () => {
  it('reveals an inject when the timer reaches its minute mark (fake clock)', async () => {
    const injects = frontMatterOf(EXERCISE_FILE).injects as { at: string; title: string }[];
    const second = injects[1];
    const at = parseDuration(second.at)!;
    await page.clock.install({ time: new Date('2026-11-23T10:00:00Z') });
    await page.goto(`${baseUrl()}${EXERCISE_ROUTE}`);
    await page.getByTestId('toggle-player').click();
    await page.getByRole('button', { name: 'Start exercise' }).click();
    await page.clock.runFor(1000);
    const revealed = page.getByTestId('revealed-inject');
    await expect(revealed.count()).resolves.toBe(injects.filter((i) => parseDuration(i.at)! <= 1000).length);
    expect(await page.getByTestId('revealed-injects').textContent()).not.toContain(second.title);
    await page.clock.runFor(at);
    await expect.poll(() => page.getByTestId('revealed-injects').textContent()).toContain(second.title);
    await screenshot(page, 'exercise-player');
  });
});
