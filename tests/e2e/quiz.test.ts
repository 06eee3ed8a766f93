import { describe, expect, it } from 'vitest';
import { baseUrl, browserSession, screenshot } from './browser';
import { neededToPass, optionOrder, questionSeed } from '../../src/components/shuffle';
import { dataOf, frontMatterOf, QUIZ_FILE, QUIZ_ROUTE } from './site';

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

describe('quiz order and pass mark', () => {
  const quiz = frontMatterOf(QUIZ_FILE).quiz as { question: string; options: { text: string; correct?: boolean }[] }[];
  const moduleId = QUIZ_ROUTE.slice(1);
  const passMark = (frontMatterOf(QUIZ_FILE).pass_mark as number | undefined) ?? (dataOf('training').pass_mark as number);
  const needed = neededToPass(passMark, quiz.length);

  /** The option texts of every question, in the order the page shows them. */
  const shownOrder = () =>
    session.page
      .getByTestId('quiz')
      .locator('fieldset')
      .evaluateAll((sets) => sets.map((f) => Array.from(f.querySelectorAll('label')).map((l) => l.textContent ?? '')));

  async function openAs(handle: string | null) {
    await session.page.goto(`${baseUrl()}/`);
    await session.page.evaluate((h) => {
      localStorage.clear();
      if (h) localStorage.setItem('incident-handbook:learner:v1', h);
    }, handle);
    await session.page.goto(`${baseUrl()}${QUIZ_ROUTE}`);
    await session.page.getByTestId('quiz-result').waitFor();
  }

  it('shows each learner the options in their own order, the same on every visit', async () => {
    for (const handle of ['@learner-one', '@learner-two']) {
      await openAs(handle);
      const expected = quiz.map((q, i) => optionOrder(q.options.length, questionSeed(handle, moduleId, i)).map((o) => q.options[o].text));
      await expect.poll(shownOrder, { timeout: 30_000 }).toEqual(expected);
      await session.page.reload();
      await session.page.getByTestId('quiz-result').waitFor();
      await expect.poll(shownOrder, { timeout: 30_000 }).toEqual(expected);
    }
  });

  it('keeps an order for a learner without a handle, stored in this browser', async () => {
    await openAs(null);
    const seed = await session.page.evaluate(() => localStorage.getItem('incident-handbook:quiz-seed:v1'));
    expect(seed).toMatch(/^anon-[0-9a-f]{16}$/);
    const expected = quiz.map((q, i) => optionOrder(q.options.length, questionSeed(seed!, moduleId, i)).map((o) => q.options[o].text));
    await expect.poll(shownOrder, { timeout: 30_000 }).toEqual(expected);
    await session.page.reload();
    await session.page.getByTestId('quiz-result').waitFor();
    await expect.poll(shownOrder, { timeout: 30_000 }).toEqual(expected);
  });

  it('shows the score and the pass mark, and never completes the module below it', async () => {
    expect(needed).toBeGreaterThan(0);
    await openAs('@below-the-mark');
    const fieldset = (q: (typeof quiz)[number]) => session.page.locator('fieldset', { hasText: q.question });
    // One right answer short of the pass mark, every question answered.
    for (const [i, q] of quiz.entries()) {
      const pick = i < needed - 1 ? q.options.find((o) => o.correct)! : q.options.find((o) => !o.correct)!;
      await fieldset(q).getByLabel(pick.text, { exact: true }).check();
    }
    const score = session.page.getByTestId('quiz-score');
    await expect.poll(() => score.textContent()).toContain(`Score: ${needed - 1} of ${quiz.length} correct`);
    await expect(session.page.getByTestId('quiz-pass-mark').textContent()).resolves.toContain(`Pass mark: ${needed} of ${quiz.length}`);
    await expect(score.textContent()).resolves.not.toContain('Module complete');
    await expect(session.page.getByTestId('completion-record').count()).resolves.toBe(0);
    await screenshot(session.page, 'quiz-below-pass-mark');
    await session.page.goto(`${baseUrl()}/training/progress`);
    const row = session.page.locator(`tr[data-module="${moduleId}"]`);
    await expect.poll(() => row.textContent()).toContain('In progress');
    // The one missing right answer passes it.
    await session.page.goto(`${baseUrl()}${QUIZ_ROUTE}`);
    const q = quiz[needed - 1];
    await fieldset(q)
      .getByLabel(q.options.find((o) => o.correct)!.text, { exact: true })
      .check();
    await expect.poll(() => session.page.getByTestId('quiz-score').textContent()).toContain('Module complete');
  });

  it('reopens a module saved as complete whose answers no longer reach the pass mark', async () => {
    await openAs('@stale-record');
    const wrong = Object.fromEntries(quiz.map((q, i) => [i, q.options.findIndex((o) => !o.correct)]));
    await session.page.evaluate(
      ([id, answers]) =>
        localStorage.setItem('incident-handbook:training:v1', JSON.stringify({ [id as string]: { answers, completedAt: '2026-01-01T00:00:00.000Z' } })),
      [moduleId, wrong] as const,
    );
    await session.page.reload();
    await session.page.getByTestId('quiz-result').waitFor();
    await expect.poll(() => session.page.getByTestId('quiz-score').textContent()).toContain('Below the pass mark');
    const saved = await session.page.evaluate((id) => JSON.parse(localStorage.getItem('incident-handbook:training:v1')!)[id], moduleId);
    expect(saved.completedAt).toBeUndefined();
  });
});
