import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDuration } from '../../plugins/lint/duration';
import { baseUrl, launch, openPage, screenshot, type ViewportName } from './browser';
import { dataOf, EXERCISE_FILE, EXERCISE_ROUTE, frontMatterOf } from './site';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

const fm = frontMatterOf(EXERCISE_FILE);
const injects = fm.injects as { at: string; title: string; text: string }[];

describe('exercise player', () => {
  it.each<ViewportName>(['phone', 'desktop'])('lists the roles from the exercise data (%s)', async (size) => {
    const { context, page } = await openPage(browser, size);
    await page.goto(`${baseUrl()}${EXERCISE_ROUTE}`);
    const roles = dataOf('roles').roles as { id: string; name: string }[];
    const list = page.getByTestId('exercise-roles');
    await list.waitFor();
    for (const id of fm.roles as string[]) {
      await expect(list.locator(`[data-role="${id}"]`).textContent()).resolves.toContain(roles.find((r) => r.id === id)!.name);
    }
    await context.close();
  });

  it('hides every inject until the clock reaches it (fake clock)', async () => {
    const { context, page } = await openPage(browser, 'desktop');
    const second = injects[1];
    const at = parseDuration(second.at)!;
    await page.clock.install({ time: new Date('2026-11-23T10:00:00Z') });
    await page.goto(`${baseUrl()}${EXERCISE_ROUTE}`);
    await page.getByTestId('exercise-player').waitFor();
    // Before Start nothing is on screen: not the titles, not the texts.
    await expect(page.getByTestId('revealed-inject').count()).resolves.toBe(0);
    const article = page.locator('article');
    for (const inj of injects) {
      await expect(
        article
          .getByText(inj.text, { exact: false })
          .first()
          .isVisible()
          .catch(() => false),
      ).resolves.toBe(false);
    }
    await page.getByRole('button', { name: 'Start exercise' }).click();
    await page.clock.runFor(1000);
    const revealed = page.getByTestId('revealed-inject');
    await expect(revealed.count()).resolves.toBe(injects.filter((i) => parseDuration(i.at)! <= 1000).length);
    expect(await page.getByTestId('revealed-injects').textContent()).not.toContain(second.title);
    await page.clock.runFor(at);
    await expect.poll(() => page.getByTestId('revealed-injects').textContent()).toContain(second.title);
    await screenshot(page, 'exercise-player');
    await context.close();
  });
});
