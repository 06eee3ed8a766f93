import { describe, expect, it } from 'vitest';
import { baseUrl, browserSession, screenshot } from './browser';
import { frontMatterOf, QUIZ_FILE, QUIZ_ROUTE } from './site';

const session = browserSession();

describe('training quiz', () => {
  const quiz = frontMatterOf(QUIZ_FILE).quiz as { question: string; options: { correct?: boolean; explanation: string }[] }[];

  it('gives immediate feedback with the explanation', async () => {
    await session.page.goto(`${baseUrl()}${QUIZ_ROUTE}`);
    await session.page.getByTestId('quiz').waitFor();
    const wrong = quiz[0].options.findIndex((o) => !o.correct);
    await session.page.check(`#q0-o${wrong}`);
    await expect(session.page.locator('[role=status]').first().textContent()).resolves.toContain(quiz[0].options[wrong].explanation);
  });

  it('records progress that survives a reload and shows on the progress page', async () => {
    await session.page.goto(`${baseUrl()}${QUIZ_ROUTE}`);
    await session.page.getByTestId('quiz').waitFor();
    for (let i = 0; i < quiz.length; i++) await session.page.check(`#q${i}-o${quiz[i].options.findIndex((o) => o.correct)}`);
    await expect(session.page.getByTestId('quiz-score').textContent()).resolves.toContain(`${quiz.length} of ${quiz.length} correct`);
    await session.page.reload();
    await session.page.getByTestId('quiz').waitFor();
    await expect.poll(() => session.page.getByTestId('quiz-score').textContent()).toContain('Module complete');
    await expect(session.page.locator(`#q0-o${quiz[0].options.findIndex((o) => o.correct)}`).isChecked()).resolves.toBe(true);
    await screenshot(session.page, 'quiz');
    await session.page.goto(`${baseUrl()}/training/progress`);
    const row = session.page.locator('tr[data-module="training/responder-fundamentals"]');
    await expect.poll(() => row.textContent()).toContain('Complete');
    await screenshot(session.page, 'training-progress');
  });
});
