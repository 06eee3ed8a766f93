/**
 * The pages a responder opens first run no library they do not show: no code highlighter on a page without code, no
 * chart library on a page without charts, no diagram library on a page without diagrams. (How many bytes a first
 * visit costs, and how fast it renders on a slow link, is measured by the benchmark: `npm run bench -- --pages`.)
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { baseUrl, browserSession } from './browser';
import { RUNBOOK_ROUTE } from './site';

const session = browserSession();

/** A string each library's code carries (a Prism hook name, a recharts class name, a Mermaid diagram keyword). */
const LIBRARIES = {
  'code highlighter (Prism)': 'before-tokenize',
  'chart library (recharts)': 'recharts-surface',
  'diagram library (Mermaid)': 'sequenceDiagram',
} as const;
type Library = keyof typeof LIBRARIES;

/** The libraries among the scripts a cold visit of `route` runs until the network is idle. */
async function librariesRun(page: Page, route: string): Promise<Library[]> {
  const bodies: Promise<string>[] = [];
  const listener = (res: import('playwright-core').Response) => {
    if (res.request().resourceType() === 'script') bodies.push(res.text().catch(() => ''));
  };
  page.on('response', listener);
  await page.goto(`${baseUrl()}${route}`, { waitUntil: 'networkidle' });
  page.off('response', listener);
  const code = (await Promise.all(bodies)).join('\n');
  return (Object.keys(LIBRARIES) as Library[]).filter((name) => code.includes(LIBRARIES[name]));
}

describe('first visits run only the libraries the page shows', () => {
  it.each(['/', '/classifier', '/on-call-now'])('%s runs no highlighter, chart or diagram library', async (route) => {
    const context = await session.browser.newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    expect(await librariesRun(page, route)).toEqual([]);
    await context.close();
  });

  it('a runbook loads the highlighter with its code blocks and shows them highlighted, and nothing else', async () => {
    const context = await session.browser.newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    expect(await librariesRun(page, RUNBOOK_ROUTE)).toEqual(['code highlighter (Prism)']);
    await expect(page.locator('.theme-code-block .token').count()).resolves.toBeGreaterThan(0);
    await expect(page.locator('.theme-code-block button[aria-label*="opy" i]').count()).resolves.toBe(await page.locator('.theme-code-block').count());
    await context.close();
  });
});
