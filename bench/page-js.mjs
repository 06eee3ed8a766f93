// Compressed JavaScript a first visit downloads, per page and per file (what issue 17's 300 KB budget counts), from
// a built site served gzipped: `node bench/page-js.mjs [build dir] [paths…]`. Cold cache, no service worker, a phone
// viewport; counts scripts the page runs until the network is idle, and apart from them the route prefetches.
import path from 'node:path';
import { chromium } from 'playwright-core';
import { gzipServer } from './pages.mjs';

const [dir = 'build', ...paths] = process.argv.slice(2);
const server = await gzipServer(path.resolve(dir));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu'],
});
try {
  for (const p of paths.length ? paths : ['/']) {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, serviceWorkers: 'block' });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    const meta = new Map();
    const files = [];
    cdp.on('Network.requestWillBeSent', (e) => meta.set(e.requestId, { url: e.request.url, type: e.type }));
    cdp.on('Network.responseReceived', (e) => Object.assign(meta.get(e.requestId) ?? {}, { type: e.type }));
    cdp.on('Network.loadingFinished', (e) => {
      const m = meta.get(e.requestId);
      if (m && /\.js(\?|$)/.test(m.url)) files.push({ file: new URL(m.url).pathname, kb: e.encodedDataLength / 1024, prefetch: m.type !== 'Script' });
    });
    await page.goto(server.url + p, { waitUntil: 'load' });
    // Hydrated (the colour-mode toggle is enabled then), and the idle-time prefetches have finished.
    await page.locator('button[class*="toggleButton"]:not([disabled])').first().waitFor({ state: 'attached', timeout: 60_000 });
    await page.waitForLoadState('networkidle');
    const run = files.filter((f) => !f.prefetch);
    const sum = (list) => list.reduce((s, f) => s + f.kb, 0).toFixed(1);
    console.log(`${p}: ${sum(run)} KB gzipped JavaScript run (${run.length} files); ${sum(files.filter((f) => f.prefetch))} KB prefetched for other routes`);
    for (const f of run.sort((a, b) => b.kb - a.kb)) console.log(`  ${f.kb.toFixed(1).padStart(7)} KB  ${f.file}`);
    if (process.env.PREFETCH)
      for (const f of files.filter((x) => x.prefetch).sort((a, b) => b.kb - a.kb)) console.log(`  ${f.kb.toFixed(1).padStart(7)} KB  ${f.file} (prefetch)`);
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
