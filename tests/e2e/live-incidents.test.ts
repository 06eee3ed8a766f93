/**
 * The incidents index reads open incidents live from the responder when the site knows where it is, and says plainly
 * when it shows the last build instead (no responder address, no token, offline, or an error). A real `handbook serve`
 * on loopback with a read-only token and CORS for the site's origin; the site's /responder.json (written by the build
 * from responder_url) is answered by the test with that responder's address.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startProcess, waitFor, type Proc } from '../integration/harness';
import { baseUrl, launch, openPage, screenshot, type ViewportName } from './browser';
import { dataOf } from './site';

const REPO = path.resolve(__dirname, '../..');
const CLI = path.join(REPO, 'scripts/handbook.mjs');
const FULL = 'live-full-token-0123456789abcdef';
const READ = 'live-read-token-0123456789abcdef';
const COMMANDER = '@live-view-commander';
let root: string;
let responderUrl: string;
let responder: Proc | undefined;
let browser: Browser;
let declared: { id: string; severity: string };

const levels = (dataOf('severity').levels as { id: string }[]).map((l) => l.id);
const service = (dataOf('services').services as { id: string }[])[0].id;

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'site-live-'));
  for (const p of ['data', 'schemas', 'runbooks', 'handbook.config.yaml']) cpSync(path.join(REPO, p), path.join(root, p), { recursive: true });
  mkdirSync(path.join(root, 'incidents'));
  writeFileSync(path.join(root, '.tokens'), `ops:${FULL}\n`);
  writeFileSync(path.join(root, '.read-tokens'), `site:${READ}\n`);
  // A fixed clock: the test never depends on the time it runs.
  writeFileSync(path.join(root, '.clock'), process.env.HANDBOOK_NOW ? `${process.env.HANDBOOK_NOW.slice(0, 10)}T10:00:00Z` : '2026-11-23T10:00:00Z');
  const port = await freePort();
  responderUrl = `http://127.0.0.1:${port}`;
  responder = startProcess(
    process.execPath,
    [
      CLI,
      'serve',
      '--port',
      String(port),
      '--token-file',
      '.tokens',
      '--read-token-file',
      '.read-tokens',
      '--cors-origin',
      new URL(baseUrl()).origin,
      '--clock-file',
      '.clock',
      '--tick-ms',
      '60000',
      '--log-level',
      'warn',
    ],
    { cwd: root },
  );
  await waitFor('the responder', async () => (await fetch(`${responderUrl}/healthz`)).ok, 180_000, 250).catch((e) => {
    throw new Error(`${e.message}\n${responder!.output()}`);
  });
  const res = await fetch(`${responderUrl}/api/incidents`, {
    method: 'POST',
    headers: { authorization: `Bearer ${FULL}`, 'content-type': 'application/json' },
    body: JSON.stringify({ title: 'Live view fixture incident', severity: levels[0], services: [service], commander: COMMANDER }),
  });
  if (res.status !== 201) throw new Error(`declare failed: ${res.status} ${await res.text()}`);
  declared = await res.json();
  browser = await launch();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await responder?.stop();
  if (root) rmSync(root, { recursive: true, force: true });
});

/** A page whose site says the responder is at `url` (null: built without one). */
async function incidentsPage(size: ViewportName, url: string | null): Promise<{ context: BrowserContext; page: Page; authorized: string[] }> {
  const { context, page } = await openPage(browser, size, { serviceWorkers: 'block' });
  await page.route('**/responder.json', (route) => route.fulfill({ contentType: 'application/json', body: JSON.stringify({ url }) }));
  const authorized: string[] = [];
  page.on('request', (req) => {
    if (req.headers().authorization) authorized.push(new URL(req.url()).origin);
  });
  await page.goto(`${baseUrl()}/incidents`);
  return { context, page, authorized };
}

const status = (page: Page) => page.getByTestId('live-status');
// The page hydrates, fetches /responder.json, then the responder: give a loaded machine time (no duration is asserted).
const SLOW = { timeout: 30_000 };

describe('live open incidents on the incidents index', () => {
  it('says it shows the last build when the site has no responder address', async () => {
    const { context, page } = await incidentsPage('desktop', null);
    await expect.poll(() => status(page).getAttribute('data-state'), SLOW).toBe('no-responder');
    await expect(status(page).textContent()).resolves.toContain('as of the last build');
    await expect(status(page).textContent()).resolves.toContain('without a responder address');
    await expect(page.locator('#responder-token').count()).resolves.toBe(0);
    await context.close();
  });

  it.each<ViewportName>(['phone', 'desktop'])('lists open incidents live once a read token is given (%s)', async (size) => {
    const { context, page, authorized } = await incidentsPage(size, responderUrl);
    await expect.poll(() => status(page).getAttribute('data-state'), SLOW).toBe('no-token');
    await expect(status(page).textContent()).resolves.toContain('not live');
    await page.getByLabel('Read token').fill(READ);
    await page.getByRole('button', { name: 'Show live' }).click();
    await expect.poll(() => status(page).getAttribute('data-state'), SLOW).toBe('live');
    const row = page.locator('tr', { hasText: declared.id });
    await expect(row.count()).resolves.toBe(1);
    await expect(row.locator('[data-label="Severity"]').textContent()).resolves.toContain(declared.severity);
    await expect(row.locator('[data-label="Commander"]').textContent()).resolves.toBe(COMMANDER);
    await expect(row.locator('[data-label="Next update due"]').textContent()).resolves.toMatch(/\d{4}-\d\d-\d\d \d\d:\d\d UTC/);
    await expect(page.locator('h2#open').textContent()).resolves.toBe('Open incidents (1)');
    // The token stays in this tab, goes only to the responder, and is nowhere in the page.
    expect(await page.evaluate(() => Object.values(localStorage).join(' '))).not.toContain(READ);
    expect(await page.evaluate(() => sessionStorage.getItem('incident-handbook:responder-token'))).toBe(READ);
    expect(new Set(authorized)).toEqual(new Set([responderUrl]));
    expect(await page.content()).not.toContain(READ);
    await screenshot(page, `incidents-live-${size}`);
    // Still live after a reload, without asking again.
    await page.reload();
    await expect.poll(() => status(page).getAttribute('data-state'), SLOW).toBe('live');
    // Offline: the last build, said plainly.
    await context.setOffline(true);
    await expect.poll(() => status(page).getAttribute('data-state'), SLOW).toBe('offline');
    await expect(status(page).textContent()).resolves.toContain('You are offline');
    await expect(page.locator('tr', { hasText: declared.id }).count()).resolves.toBe(0);
    await screenshot(page, `incidents-offline-${size}`);
    await context.setOffline(false);
    await context.close();
  });

  it('falls back to the last build when the responder does not answer, and asks again for a refused token', async () => {
    const { context, page } = await incidentsPage('desktop', responderUrl);
    await page.evaluate((t) => sessionStorage.setItem('incident-handbook:responder-token', t), READ);
    await page.route(`${responderUrl}/**`, (route) => route.abort('connectionrefused'));
    await page.reload();
    await expect.poll(() => status(page).getAttribute('data-state'), SLOW).toBe('error');
    await expect(status(page).textContent()).resolves.toContain('could not be reached');
    await expect(status(page).textContent()).resolves.toContain('as of the last build');
    await page.unroute(`${responderUrl}/**`);
    await page.evaluate(() => sessionStorage.setItem('incident-handbook:responder-token', 'not-the-right-token-000000'));
    await page.reload();
    await expect.poll(() => status(page).getAttribute('data-state'), SLOW).toBe('no-token');
    await expect(status(page).textContent()).resolves.toContain('refused the token (HTTP 401)');
    expect(await page.evaluate(() => sessionStorage.getItem('incident-handbook:responder-token'))).toBeNull();
    await context.close();
  });
});
