import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
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
    .map(
      (v) =>
        `${v.id}: ${v.help} (${v.nodes
          .slice(0, 3)
          .map((n: any) => n.target.join(' '))
          .join(' | ')})`,
    );
}

/**
 * The first incident record of the build that is a page of the site, the first archived one (a static page
 * without the site's scripts), and the first archived report, from the generated index and the built files (no
 * sample data typed here).
 */
function generatedRoutes(): [string, string][] {
  const build = path.resolve(__dirname, '../../build');
  const api = JSON.parse(readFileSync(path.join(build, 'api/incidents.json'), 'utf8')) as { incidents: { route: string }[] };
  const isStatic = (route: string) => !/<script[^>]*\ssrc=/.test(readFileSync(path.join(build, `${route}.html`), 'utf8'));
  const live = api.incidents.find((i) => !isStatic(i.route));
  const archived = api.incidents.find((i) => isStatic(i.route));
  const reports = path.join(build, 'incidents/reports');
  const report = existsSync(reports)
    ? readdirSync(reports, { recursive: true, encoding: 'utf8' })
        .filter((f) => f.endsWith('.html'))
        .map((f) => `/incidents/reports/${f.replace(/\.html$/, '')}`)
        .find(isStatic)
    : undefined;
  return [
    ...(live ? [['incident record', live.route] as [string, string]] : []),
    ...(archived ? [['archived incident record', archived.route] as [string, string]] : []),
    ...(report ? [['archived report', report] as [string, string]] : []),
  ];
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
    ['on-call now', '/on-call-now'],
    ['incidents index', '/incidents'],
    ['dashboard', '/incidents/dashboard'],
    ['break-glass', '/break-glass'],
    ...generatedRoutes(),
  ];
  // Contrast is checked in both colour schemes: the dark theme has its own colours (charts, badges, links).
  for (const scheme of ['light', 'dark'] as const) {
    it.each(pages)(`%s has no serious or critical axe violations and loads nothing external (${scheme})`, async (name, route) => {
      const context = await browser.newContext({ colorScheme: scheme });
      const page = await context.newPage();
      const external = recordExternalRequests(page);
      await page.goto(`${baseUrl()}${route}`, { waitUntil: 'networkidle' });
      await expect(page.locator('html').getAttribute('data-theme')).resolves.toBe(scheme);
      // The page has hydrated (the colour-mode toggle is enabled then): what a reader sees from then on is checked.
      // Archived records are static pages: nothing to wait for.
      if (await page.locator('script[src]').count()) await page.locator('button[class*="toggleButton"]:not([disabled])').first().waitFor({ state: 'attached' });
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, `${name.replace(/\s+/g, '-')}${scheme === 'dark' ? '-dark' : ''}`);
      expect(external).toEqual([]);
      await context.close();
    });
  }
});
