import { describe, expect, it } from 'vitest';
import { baseUrl, browserSession, screenshot } from './browser';

const session = browserSession();

async function classify(answers: Record<string, string>): Promise<string | null> {
  await session.page.goto(`${baseUrl()}/classifier`);
  await session.page.waitForSelector('[data-question]');
  for (const [q, a] of Object.entries(answers)) await session.page.check(`#${q}-${a}`);
  const el = session.page.getByTestId('recommended-level');
  await el.waitFor();
  return el.getAttribute('data-level');
}

describe('severity classifier', () => {
  const scenarios: [string, Record<string, string>, string][] = [
    ['checkout down for everyone', { who: 'all', what: 'critical-path', data: 'no', security: 'no', workaround: 'none' }, 'P0'],
    ['leaked credential, nobody affected yet', { who: 'none', what: 'cosmetic', data: 'suspected', security: 'suspected', workaround: 'not-applicable' }, 'P1'],
    ['one partner webhook failing with a workaround', { who: 'some', what: 'non-core', data: 'no', security: 'no', workaround: 'easy' }, 'P2'],
    ['internal dashboard slow', { who: 'internal', what: 'cosmetic', data: 'no', security: 'no', workaround: 'easy' }, 'P3'],
  ];
  it.each(scenarios)('recommends the right level: %s', async (_name, answers, level) => {
    expect(await classify(answers)).toBe(level);
  });

  it('explains why and links to the response steps', async () => {
    await classify({ who: 'many' });
    const result = session.page.getByTestId('classifier-result');
    await expect(result.textContent()).resolves.toContain('Many customers');
    await expect(result.locator('a[href="/escalation#p1"]').count()).resolves.toBe(1);
    await screenshot(session.page, 'classifier');
    expect(session.external).toEqual([]);
  });
});
