import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, launch, screenshot } from './browser';
import { frontMatterOf, QUIZ_FILE, QUIZ_ROUTE } from './site';

let browser: Browser;
let context: BrowserContext;
let page: Page;
beforeAll(async () => {
  browser = await launch();
  context = await browser.newContext();
  page = await context.newPage();
});
afterAll(async () => browser?.close());

describe('training quiz', () => {
  const quiz = frontMatterOf(QUIZ_FILE).quiz as { question: string; options: { correct?: boolean; explanation: string }[] }[];

  it('gives immediate feedback with the explanation', async () => {
    await page.goto(`${baseUrl()}${QUIZ_ROUTE}`);
    await page.getByTestId('quiz').waitFor();
    const wrong = quiz[0].options.findIndex((o) => !o.correct);
    await page.check(`#q0-o${wrong}`);
    await expect(page.locator('[role=status]').first().textContent()).resolves.toContain(quiz[0].options[wrong].explanation);
  });

  it('records progress that survives a reload and shows on the progress page', async () => {
    await page.goto(`${baseUrl()}${QUIZ_ROUTE}`);
    await page.getByTestId('quiz').waitFor();
    for (let i = 0; i < quiz.length; i++) await page.check(`#q${i}-o${quiz[i].options.findIndex((o) => o.correct)}`);
    await expect(page.getByTestId('quiz-score').textContent()).resolves.toContain(`${quiz.length} of ${quiz.length} correct`);
    await page.reload();
    await page.getByTestId('quiz').waitFor();
    await expect.poll(() => page.getByTestId('quiz-score').textContent()).toContain('Module complete');
    await expect(page.locator(`#q0-o${quiz[0].options.findIndex((o) => o.correct)}`).isChecked()).resolves.toBe(true);
    await screenshot(page, 'quiz');
    await page.goto(`${baseUrl()}/training/progress`);
    const row = page.locator('tr[data-module="training/responder-fundamentals"]');
    await expect.poll(() => row.textContent()).toContain('Complete');
    await screenshot(page, 'training-progress');
  });
});
