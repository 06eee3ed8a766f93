import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { recommend, type ClassifierQuestion } from '../../plugins/lib/classify';
import { baseUrl, browserSession, screenshot } from './browser';

const session = browserSession();

// Expectations come from data/ (the organisation's questions and scale), never from ids typed here.
const root = path.resolve(__dirname, '../..');
const questions = parse(readFileSync(path.join(root, 'data/classifier.yaml'), 'utf8')).questions as ClassifierQuestion[];
const ranking = (parse(readFileSync(path.join(root, 'data/severity.yaml'), 'utf8')).levels as { id: string }[]).map((l) => l.id);

async function classify(answers: Record<string, string>): Promise<string | null> {
  await session.page.goto(`${baseUrl()}/classifier`);
  await session.page.waitForSelector('[data-question]');
  for (const [q, a] of Object.entries(answers)) await session.page.check(`#${q}-${a}`);
  const el = session.page.getByTestId('recommended-level');
  await el.waitFor();
  return el.getAttribute('data-level');
}

/** Answers picked by a rule over the registry: the same answer index in every question (clamped). */
const pick = (index: (q: ClassifierQuestion, i: number) => number): Record<string, string> =>
  Object.fromEntries(questions.map((q, i) => [q.id, q.answers[Math.min(q.answers.length - 1, Math.max(0, index(q, i)))].id]));

describe('severity classifier', () => {
  const scenarios: [string, Record<string, string>][] = [
    ['the first answer everywhere', pick(() => 0)],
    ['the last answer everywhere', pick((q) => q.answers.length - 1)],
    ['the second answer everywhere', pick(() => 1)],
    ['a different answer per question', pick((q, i) => i % q.answers.length)],
  ];
  it.each(scenarios)('recommends the level the registry gives: %s', async (_name, answers) => {
    const expected = recommend(questions, ranking, answers).level;
    expect(expected).toBeDefined();
    expect(await classify(answers)).toBe(expected);
  });

  it('explains why and links to the response steps', async () => {
    const q = questions[0];
    const a = q.answers[Math.min(1, q.answers.length - 1)];
    const level = recommend(questions, ranking, { [q.id]: a.id }).level!;
    await classify({ [q.id]: a.id });
    const result = session.page.getByTestId('classifier-result');
    await expect(result.textContent()).resolves.toContain(a.text);
    await expect(result.locator(`a[href="/escalation#${level.toLowerCase()}"]`).count()).resolves.toBe(1);
    await screenshot(session.page, 'classifier');
    expect(session.external).toEqual([]);
  });
});
