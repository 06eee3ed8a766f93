import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, launch, recordExternalRequests, screenshot } from './browser';
import { EXERCISE_ROUTE, QUIZ_ROUTE, RUNBOOK_ROUTE } from './site';

const axeSource = readFileSync(createRequire(__filename).resolve('axe-core/axe.min.js'), 'utf8');
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

async function seriousViolations(page: Page) {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () => (window as any).axe.run(document, { resultTypes: ['violations'] }));
  return (result.violations as any[])
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.slice(0, 3).map((n: any) => n.target.join(' ')).join(' | ')})`);
}

describe('accessibility and self-containment', () => {
  const pages: [string, string][] = [
    ['home', '/'],
    ['runbook', RUNBOOK_ROUTE],
    ['classification matrix', '/classification'],
    ['classifier', '/classifier'],
    ['quiz', QUIZ_ROUTE],
    ['exercise', EXERCISE_ROUTE],
    ['escalation', '/escalation'],
    ['on-call', '/on-call'],
    ['break-glass', '/break-glass'],
  ];
  it.each(pages)('%s has no serious or critical axe violations and loads nothing external', async (name, route) => {
    const page = await (await browser.newContext()).newPage();
    const external = recordExternalRequests(page);
    await page.goto(`${baseUrl()}${route}`, { waitUntil: 'networkidle' });
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, name.replace(/\s+/g, '-'));
    expect(external).toEqual([]);
    await page.context().close();
  });
});
