/**
 * What a person sees on a phone and a laptop: no page scrolls sideways (a crawl of every page of the build at
 * 390 px), screenshots of the pages used under pressure at both sizes and in dark mode (tests/e2e/screenshots,
 * look at them), copy buttons that show without hover on touch screens, and a break-glass page that prints on one sheet.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, launch, openPage, screenshot, type ViewportName } from './browser';
import { RUNBOOK_ROUTE } from './site';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

/** Every page of the build: its HTML files (a sitemap is only written when the site's address is set). */
function builtRoutes(): string[] {
  const root = path.resolve(__dirname, '../../build');
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) return e.name === 'assets' ? [] : walk(p);
      return e.name.endsWith('.html') ? [path.relative(root, p)] : [];
    });
  return walk(root)
    .filter((f) => f !== '404.html')
    .map((f) =>
      `/${f
        .replace(/\\/g, '/')
        .replace(/(^|\/)index\.html$/, '')
        .replace(/\.html$/, '')}`.replace(/(.)\/$/, '$1'),
    )
    .sort();
}

/** Elements that stick out to the right of the viewport: what makes a page scroll sideways. */
async function overflow(page: Page): Promise<{ scrollWidth: number; clientWidth: number; culprits: string[] }> {
  return page.evaluate(() => {
    const root = document.documentElement;
    const width = root.clientWidth;
    const culprits: string[] = [];
    if (root.scrollWidth > width) {
      for (const el of Array.from(document.body.querySelectorAll('*'))) {
        const r = el.getBoundingClientRect();
        if (r.right > width + 1 && r.width > 0) {
          // Report the outermost offender only.
          if (!el.parentElement || el.parentElement.getBoundingClientRect().right <= width + 1) {
            culprits.push(
              `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.split(' ')[0]}` : ''} (right ${Math.round(r.right)})`,
            );
          }
        }
        if (culprits.length >= 3) break;
      }
    }
    return { scrollWidth: root.scrollWidth, clientWidth: width, culprits };
  });
}

const KEY_PAGES: [string, string][] = [
  ['home', '/'],
  ['runbook', RUNBOOK_ROUTE],
  ['oncall', '/on-call-now'],
  ['classifier', '/classifier'],
  ['dashboard', '/incidents/dashboard'],
  ['incidents', '/incidents'],
];

describe('layout on a phone and a laptop', () => {
  it('no page scrolls sideways at 390 px (every page of the build)', async () => {
    const { context, page } = await openPage(browser, 'phone');
    const routes = builtRoutes();
    expect(routes.length).toBeGreaterThan(20);
    const wide: string[] = [];
    for (const route of routes) {
      await page.goto(`${baseUrl()}${route}`, { waitUntil: 'load' });
      await page.waitForFunction(() => document.readyState === 'complete');
      const o = await overflow(page);
      if (o.scrollWidth > o.clientWidth) wide.push(`${route}: scrollWidth ${o.scrollWidth} > ${o.clientWidth}: ${o.culprits.join(', ')}`);
    }
    expect(wide).toEqual([]);
    await context.close();
  }, 900_000);

  for (const size of ['phone', 'desktop'] as ViewportName[]) {
    for (const scheme of ['light', 'dark'] as const) {
      it(`key pages fit and are captured: ${size}, ${scheme}`, async () => {
        const { context, page, external } = await openPage(browser, size, { colorScheme: scheme });
        for (const [name, route] of KEY_PAGES) {
          await page.goto(`${baseUrl()}${route}`, { waitUntil: 'networkidle' });
          await expect(page.locator('html').getAttribute('data-theme')).resolves.toBe(scheme);
          const o = await overflow(page);
          expect(o.scrollWidth, `${route}: ${o.culprits.join(', ')}`).toBeLessThanOrEqual(o.clientWidth);
          await screenshot(page, `${name}-${size}${scheme === 'dark' ? '-dark' : ''}`);
        }
        expect(external).toEqual([]);
        await context.close();
      }, 180_000);
    }
  }

  it('shows the copy button of code blocks without hover on a touch screen', async () => {
    const { context, page } = await openPage(browser, 'phone');
    await page.goto(`${baseUrl()}${RUNBOOK_ROUTE}`, { waitUntil: 'networkidle' });
    const button = page.locator('.theme-code-block button[aria-label*="opy" i]').first();
    await button.waitFor({ state: 'attached' });
    await expect(button.evaluate((b) => getComputedStyle(b).opacity)).resolves.toBe('1');
    await expect(button.isVisible()).resolves.toBe(true);
    await context.close();
  });
});
