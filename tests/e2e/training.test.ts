import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { baseUrl, browserSession, screenshot } from './browser';
import { frontMatterOf, QUIZ_FILE, QUIZ_ROUTE } from './site';

const ROOT = path.resolve(__dirname, '../..');
const session = browserSession();
const yaml = (rel: string) => parse(readFileSync(path.join(ROOT, rel), 'utf8'));

/** People on rotations whose role requires training, and what each needs: derived from data/, as the site is. */
function rostered(): Map<string, Set<string>> {
  const training = yaml('data/training.yaml') as { requirements: { role: string; modules: string[] }[] };
  const oncall = yaml('data/oncall.yaml') as { rotations: { role: string; members: string[] }[] };
  const out = new Map<string, Set<string>>();
  for (const r of oncall.rotations) {
    const modules = training.requirements.filter((q) => q.role === r.role).flatMap((q) => q.modules);
    if (!modules.length) continue;
    for (const m of r.members) out.set(m, new Set([...(out.get(m) ?? []), ...modules]));
  }
  return out;
}

describe('training that counts', () => {
  it('shows every rostered person on the training status page', async () => {
    const people = rostered();
    await session.page.goto(`${baseUrl()}/training/status`);
    await session.page.getByTestId('training-status').waitFor();
    await expect(session.page.locator('[data-readiness]').count()).resolves.toBe(people.size);
    const [first] = [...people.keys()].sort();
    await expect(session.page.locator(`#person-${first.slice(1).toLowerCase()}`).textContent()).resolves.toContain(first);
    await screenshot(session.page, 'training-status');
  });

  it('lets a learner who passes a module download a valid completion record', async () => {
    const fm = frontMatterOf(QUIZ_FILE) as { quiz: { question: string; options: { text: string; correct?: boolean }[] }[] };
    await session.page.goto(`${baseUrl()}${QUIZ_ROUTE}`);
    await session.page.getByTestId('quiz').waitFor();
    // Answer by the option's text: the order of options on the page may differ per learner.
    for (const q of fm.quiz) {
      const right = q.options.find((o) => o.correct)!;
      await session.page.locator('fieldset', { hasText: q.question }).getByLabel(right.text, { exact: true }).check();
    }
    const record = session.page.getByTestId('completion-record');
    await record.waitFor();
    await record.getByLabel('Your chat handle').fill('@e2e-learner');
    const [download] = await Promise.all([session.page.waitForEvent('download'), record.getByRole('button', { name: /Download/ }).click()]);
    const text = readFileSync((await download.path())!, 'utf8');
    const r = parse(text);
    expect(r).toMatchObject({ person: '@e2e-learner', module: QUIZ_ROUTE.slice(1), score: fm.quiz.length, questions: fm.quiz.length });
    expect(download.suggestedFilename()).toBe(`e2e-learner--${QUIZ_ROUTE.split('/').pop()}--${r.completed_on}.yaml`);
    await screenshot(session.page, 'completion-record');
  });

  it('shows a rostered learner what their roles still need', async () => {
    const [person, modules] = [...rostered()].sort(([a], [b]) => a.localeCompare(b))[0];
    await session.page.goto(`${baseUrl()}/training/progress`);
    const needs = session.page.getByTestId('training-needs');
    await needs.waitFor();
    await needs.getByLabel('Your chat handle').fill(person);
    await expect.poll(() => needs.locator('li[data-state]').count()).toBe(modules.size);
    await screenshot(session.page, 'training-needs');
  });
});
