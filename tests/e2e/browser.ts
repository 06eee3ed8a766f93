/** Launches Debian's Chromium through playwright-core (no browser download needed). */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = path.resolve(__dirname, 'screenshots');

export async function launch(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: install it with "apt-get install -y chromium" (or set CHROMIUM_PATH)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

export const baseUrl = () => inject('baseUrl');

/**
 * A full-page capture for people to look at. On an emulated phone what shows only under `(hover: none)` (the copy
 * buttons of code blocks) is missing from full-page captures, although the page shows it (a viewport capture does):
 * the capture resizes the page and the touch state is not kept meanwhile. layout.test.ts asserts those buttons on the
 * page itself.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Fails the test when the page asks for anything outside the site (the handbook must work offline). */
export function recordExternalRequests(page: Page): string[] {
  const external: string[] = [];
  page.on('request', (req) => {
    const url = req.url();
    if (!url.startsWith(baseUrl()) && !url.startsWith('data:') && !url.startsWith('blob:')) external.push(url);
  });
  return external;
}

export interface Session {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Requests the page made to anything outside the site. */
  external: string[];
}

/** Starts Chromium once for a test file, with one context and page, and closes it afterwards. */
export function browserSession(opts: { clipboard?: boolean } = {}): Session {
  const s = { external: [] as string[] } as Session;
  beforeAll(async () => {
    s.browser = await launch();
    s.context = await s.browser.newContext();
    if (opts.clipboard) await s.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl() });
    s.page = await s.context.newPage();
    s.external = recordExternalRequests(s.page);
  });
  afterAll(async () => s.browser?.close());
  return s;
}

/** The two sizes every page is looked at: a phone (390×844, touch) and a laptop (1366×900). */
export const VIEWPORTS = {
  phone: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
  desktop: { viewport: { width: 1366, height: 900 } },
} satisfies Record<string, BrowserContextOptions>;
export type ViewportName = keyof typeof VIEWPORTS;

/** A fresh context and page at one of the two sizes, light or dark, that records requests leaving the site. */
export async function openPage(
  browser: Browser,
  size: ViewportName,
  opts: BrowserContextOptions = {},
): Promise<{ context: BrowserContext; page: Page; external: string[] }> {
  const context = await browser.newContext({ ...VIEWPORTS[size], ...opts });
  const page = await context.newPage();
  return { context, page, external: recordExternalRequests(page) };
}

/** Waits until the service worker controls the page (it installs after load and precaches the site). */
export async function waitForOfflineCache(page: Page, timeout = 60_000): Promise<void> {
  await page.evaluate(async () => {
    const reg = await navigator.serviceWorker.ready;
    return Boolean(reg.active);
  });
  await page.reload();
  await page.waitForFunction(() => Boolean(navigator.serviceWorker.controller), undefined, { timeout });
}
