// Page weight and first render of a built site, as a responder on a slow phone link sees them: Chromium with
// network emulation (1.6 Mbps down, 750 kbps up, 150 ms latency), a cold cache, and a static server that
// gzips text like any production web server. Counts the bytes a first visit transfers until the network is idle after
// the load event (the page is usable then; code fetched while hydrating counts), with Docusaurus's route prefetches
// apart, and the service worker blocked (its background precache comes after load and does not count), and reports
// first contentful paint. Used by `npm run bench -- --pages [build dir]` and `node bench/pages.mjs`; never by a test.
import { existsSync, readFileSync, statSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain',
  '.xml': 'application/xml',
};
const TEXT = /^(text\/|application\/(json|manifest|xml)|image\/svg)/;

function resolveFile(dir, urlPath) {
  const clean = decodeURIComponent(urlPath.split('?')[0]).replace(/\/+$/, '') || '/';
  const candidates = [path.join(dir, clean), path.join(dir, `${clean}.html`), path.join(dir, clean, 'index.html')];
  return candidates.find((p) => p.startsWith(dir) && existsSync(p) && statSync(p).isFile());
}

/** A static server for a build folder that gzips text responses (as nginx or a CDN would). Port 0, loopback. */
export async function gzipServer(dir) {
  const cache = new Map();
  const server = http.createServer((req, res) => {
    const file = resolveFile(dir, req.url ?? '/');
    if (!file) {
      res.writeHead(404).end('not found');
      return;
    }
    const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
    let body = readFileSync(file);
    const headers = { 'content-type': type, 'cache-control': 'no-cache' };
    if (TEXT.test(type) && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
      if (!cache.has(file)) cache.set(file, gzipSync(body, { level: 6 }));
      body = cache.get(file);
      headers['content-encoding'] = 'gzip';
    }
    res.writeHead(200, { ...headers, 'content-length': body.length }).end(body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((resolve) => server.close(resolve)) };
}

export const LINK = { downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8, latency: 150, offline: false };

/** One cold visit of a page: bytes until the network is idle after load (all, and those of route prefetches), requests, first paint. */
async function visit(browser, url) {
  // A fresh context per visit: empty HTTP cache, no service worker yet.
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, serviceWorkers: 'block' });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', LINK);
    let bytes = 0;
    let requests = 0;
    let prefetched = 0;
    const byType = {};
    const types = new Map();
    const prefetch = new Set();
    // Docusaurus prefetches the code of routes linked from the page (navbar included) while the browser is idle;
    // on a slow link that can happen before the load event. Counted in the total, and shown apart: the page itself
    // does not need it.
    cdp.on('Network.requestWillBeSent', (e) => {
      // A script or data file fetched as "Other" (not as a script the page runs) is a <link rel="prefetch">.
      if (e.type === 'Other' && /\.(js|json)(\?|$)/.test(e.request.url)) prefetch.add(e.requestId);
    });
    cdp.on('Network.responseReceived', (e) => types.set(e.requestId, e.type));
    cdp.on('Network.loadingFinished', (e) => {
      bytes += e.encodedDataLength;
      requests++;
      if (prefetch.has(e.requestId)) prefetched += e.encodedDataLength;
      const t = prefetch.has(e.requestId) ? 'Prefetch' : (types.get(e.requestId) ?? 'Other');
      byType[t] = (byType[t] ?? 0) + e.encodedDataLength;
    });
    const start = Date.now();
    await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
    const loadMs = Date.now() - start;
    const fcp = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null);
    const atLoad = bytes - prefetched;
    // Code the page fetches while it hydrates (the highlighter of a page with code blocks) can arrive after the load
    // event; the page is usable once the network is idle.
    await page.waitForLoadState('networkidle', { timeout: 60_000 }).catch(() => undefined);
    return { bytes, prefetched, atLoad, requests, byType, fcp, loadMs };
  } finally {
    await context.close();
  }
}

const median = (xs) => {
  const v = xs.filter((x) => typeof x === 'number').sort((a, b) => a - b);
  if (!v.length) return null;
  const m = Math.floor(v.length / 2);
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
};

/**
 * Visits each path `runs` times with a cold cache, the paths alternating within each round; returns the medians of
 * the page's own bytes until it is usable (network idle after load; route prefetches apart), the prefetched bytes,
 * requests and first contentful paint.
 */
export async function measurePages(buildDir, paths, { chromiumPath, runs = 3 } = {}) {
  const { chromium } = await import('playwright-core');
  const server = await gzipServer(path.resolve(buildDir));
  const browser = await chromium.launch({
    executablePath: chromiumPath ?? process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu'],
  });
  const samples = new Map(paths.map((p) => [p, []]));
  try {
    for (let round = 0; round < runs; round++) for (const p of paths) samples.get(p).push(await visit(browser, server.url + p));
  } finally {
    await browser.close();
    await server.close();
  }
  return paths.map((p) => {
    const s = samples.get(p);
    const kinds = [...new Set(s.flatMap((x) => Object.keys(x.byType)))];
    return {
      path: p,
      runs: s.length,
      page_kb: median(s.map((x) => (x.bytes - x.prefetched) / 1024)),
      page_at_load_kb: median(s.map((x) => x.atLoad / 1024)),
      prefetch_kb: median(s.map((x) => x.prefetched / 1024)),
      transferred_kb: median(s.map((x) => x.bytes / 1024)),
      requests: median(s.map((x) => x.requests)),
      by_type_kb: Object.fromEntries(kinds.map((k) => [k, Math.round(median(s.map((x) => (x.byType[k] ?? 0) / 1024)))])),
      first_contentful_paint_ms: median(s.map((x) => x.fcp)),
      first_contentful_paint_max_ms: Math.max(...s.map((x) => x.fcp ?? 0)),
      load_ms: median(s.map((x) => x.loadMs)),
    };
  });
}

// `node bench/pages.mjs [build dir] [runs] [paths…]`: the figures for a build without the rest of the benchmark.
if (import.meta.url === `file://${process.argv[1]}`) {
  const [dir = 'build', runs = '3', ...paths] = process.argv.slice(2);
  const rows = await measurePages(dir, paths.length ? paths : ['/'], { runs: Number(runs) });
  for (const r of rows)
    console.log(
      `${r.path}: ${r.page_kb.toFixed(1)} KB for the page (${r.page_at_load_kb.toFixed(1)} KB by the load event; +${r.prefetch_kb.toFixed(1)} KB route prefetch), ${r.requests} requests, first contentful paint ${r.first_contentful_paint_ms} ms (max ${r.first_contentful_paint_max_ms}), load ${r.load_ms} ms; median of ${r.runs}; ${JSON.stringify(r.by_type_kb)}`,
    );
}
