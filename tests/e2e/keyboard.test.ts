/** Keyboard users: a skip link that works, a visible 2 px focus ring with enough contrast, the classifier and a quiz by keyboard alone. */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, launch, openPage } from './browser';
import { contrast } from './contrast';
import { dataOf, frontMatterOf, QUIZ_FILE, QUIZ_ROUTE, RUNBOOK_ROUTE } from './site';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

async function focusRing(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement;
    const s = getComputedStyle(el);
    let bgEl: HTMLElement | null = el;
    let bg = 'rgb(255, 255, 255)';
    while (bgEl) {
      const c = getComputedStyle(bgEl).backgroundColor;
      if (c && c !== 'rgba(0, 0, 0, 0)' && c !== 'transparent') {
        bg = c;
        break;
      }
      bgEl = bgEl.parentElement;
    }
    return { tag: el.tagName, width: s.outlineWidth, style: s.outlineStyle, color: s.outlineColor, bg };
  });
}

describe('keyboard', () => {
  for (const scheme of ['light', 'dark'] as const) {
    it(`the first Tab reaches a skip link that jumps past the navigation, and focus shows a 2 px ring (${scheme})`, async () => {
      const { context, page } = await openPage(browser, 'desktop', { colorScheme: scheme });
      await page.goto(`${baseUrl()}${RUNBOOK_ROUTE}`, { waitUntil: 'networkidle' });
      await page.keyboard.press('Tab');
      await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toMatch(/skip to main content/i);
      const ring = await focusRing(page);
      expect(ring.style).toBe('solid');
      expect(parseFloat(ring.width)).toBeGreaterThanOrEqual(2);
      expect(contrast(ring.color, ring.bg)).toBeGreaterThanOrEqual(3);
      await page.keyboard.press('Enter');
      await page.keyboard.press('Tab');
      // The next stop is inside the page's main content (its breadcrumbs or text), not in the navbar or the sidebar.
      const inMain = await page.evaluate(() => {
        const el = document.activeElement!;
        return Boolean(el.closest('main')) && !el.closest('.theme-doc-sidebar-container, .navbar');
      });
      expect(inMain).toBe(true);
      const ring2 = await focusRing(page);
      expect(parseFloat(ring2.width)).toBeGreaterThanOrEqual(2);
      expect(contrast(ring2.color, ring2.bg)).toBeGreaterThanOrEqual(3);
      await context.close();
    });
  }

  it('answers the classifier with the keyboard alone', async () => {
    const { context, page } = await openPage(browser, 'desktop');
    const questions = dataOf('classifier').questions as { id: string; answers: { id: string }[] }[];
    await page.goto(`${baseUrl()}/classifier`, { waitUntil: 'networkidle' });
    // Tab from the top of the page until the first answer of the first question has focus.
    const first = `${questions[0].id}-${questions[0].answers[0].id}`;
    for (let i = 0; i < 80; i++) {
      await page.keyboard.press('Tab');
      if ((await page.evaluate(() => document.activeElement?.id)) === first) break;
    }
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe(first);
    await page.keyboard.press('Space');
    await page.getByTestId('recommended-level').waitFor();
    const ring = await focusRing(page);
    expect(parseFloat(ring.width)).toBeGreaterThanOrEqual(2);
    await context.close();
  });

  it('goes through a quiz with the keyboard alone', async () => {
    const { context, page } = await openPage(browser, 'desktop');
    const quiz = frontMatterOf(QUIZ_FILE).quiz as unknown[];
    await page.goto(`${baseUrl()}${QUIZ_ROUTE}`, { waitUntil: 'networkidle' });
    await page.getByTestId('quiz').waitFor();
    const radios = page.getByTestId('quiz').locator('input[type=radio]');
    await radios.first().waitFor();
    // Reach the first option of the first question by Tab, then answer every question: Space picks, Tab moves on.
    await page
      .getByTestId('quiz')
      .locator('legend, p')
      .first()
      .evaluate((el) => (el as HTMLElement).scrollIntoView());
    for (let i = 0; i < 400; i++) {
      await page.keyboard.press('Tab');
      const inQuiz = await page.evaluate(
        () => Boolean(document.activeElement?.closest('[data-testid=quiz]')) && (document.activeElement as HTMLInputElement).type === 'radio',
      );
      if (inQuiz) break;
    }
    for (let q = 0; q < quiz.length; q++) {
      await page.keyboard.press('Space');
      await page.keyboard.press('Tab');
    }
    await expect.poll(() => page.getByTestId('quiz-score').textContent()).toContain(`${quiz.length} answered`);
    await context.close();
  }, 120_000);
});
