/**
 * The site's address comes from one setting (site_url / HANDBOOK_SITE_URL). Whatever the build used, nothing it
 * exports names example.com, and links follow the setting: absolute under it when set, relative to the site when not.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { loadProject } from '../../plugins/lint/load';
import { siteLocation, SITE_URL_PLACEHOLDER } from '../../plugins/lib/site-url';
import { baseUrl, browserSession } from './browser';
import { RUNBOOK_ROUTE } from './site';

const ROOT = path.resolve(__dirname, '../..');
const BUILD = path.join(ROOT, 'build');
// What the build was given: the same resolution docusaurus.config.ts makes (the environment of this run, then the config).
const site = siteLocation(loadProject(ROOT).project.config.site_url).url;
const session = browserSession();

function files(dir: string, test: (name: string) => boolean): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return files(p, test);
    return test(e.name) ? [p] : [];
  });
}

/** What the build exports for other programs and people: /api, the compliance exports, calendar feeds, the sitemap. */
const exported = () => [
  ...files(path.join(BUILD, 'api'), (n) => n.endsWith('.json') && !n.endsWith('.schema.json')),
  ...files(path.join(BUILD, 'compliance'), (n) => /\.(csv|md)$/.test(n)),
  ...files(path.join(BUILD, 'oncall'), (n) => n.endsWith('.ics')),
  ...files(BUILD, (n) => n === 'sitemap.xml' || n === 'responder.json'),
];

describe("the site's address in what the build exports", () => {
  it('never names example.com', () => {
    const list = exported();
    expect(list.filter((f) => f.endsWith('.ics')).length).toBeGreaterThan(0);
    const offenders = list.filter((f) => /example\.com/i.test(readFileSync(f, 'utf8'))).map((f) => path.relative(BUILD, f));
    expect(offenders).toEqual([]);
  });

  it('links the /api and compliance exports under the configured address, or relative to the site when none is set', () => {
    const runbooks = JSON.parse(readFileSync(path.join(BUILD, 'api/runbooks.json'), 'utf8')).runbooks as { route: string; url: string }[];
    expect(runbooks.length).toBeGreaterThan(0);
    for (const r of runbooks) expect(r.url).toBe(site ? `${site}${r.route}` : r.route);
    const csv = readFileSync(path.join(BUILD, 'compliance/coverage.csv'), 'utf8');
    if (!site) expect(csv).not.toMatch(/https?:\/\/[^\s,"]*\/(runbooks|incidents)\//);
    else expect(csv).toContain(`${site}/`);
  });

  it('gives calendar events stable ids and a link only when the address is known', () => {
    for (const f of files(path.join(BUILD, 'oncall'), (n) => n.endsWith('.ics'))) {
      const events = new ICAL.Component(ICAL.parse(readFileSync(f, 'utf8'))).getAllSubcomponents('vevent');
      expect(events.length).toBeGreaterThan(0);
      for (const e of events) {
        expect(String(e.getFirstPropertyValue('uid'))).toMatch(site ? new RegExp(`@${new URL(site).host.replace(/\./g, '\\.')}$`) : /@incident-handbook$/);
        const url = e.getFirstPropertyValue('url');
        if (site) expect(url).toBe(`${site}/on-call-now`);
        else expect(url).toBeNull();
      }
    }
  });

  it('writes a sitemap and canonical links only for a known address, and never the placeholder', async () => {
    expect(existsSync(path.join(BUILD, 'sitemap.xml'))).toBe(Boolean(site));
    const withPlaceholder = files(BUILD, (n) => n.endsWith('.html')).filter((f) => readFileSync(f, 'utf8').includes(new URL(SITE_URL_PLACEHOLDER).host));
    expect(withPlaceholder.map((f) => path.relative(BUILD, f))).toEqual([]);
    // The page as served (what link previews, crawlers and readers without JavaScript get).
    const html = await (await session.page.request.get(`${baseUrl()}/on-call-now`)).text();
    const canonical = [...html.matchAll(/<link[^>]*rel=["']?canonical[^>]*>/g)].map((m) => /href=["']?([^"' >]+)/.exec(m[0])?.[1]);
    expect(canonical).toEqual(site ? [`${site}/on-call-now`] : []);
  });

  it('gives archived records their own canonical address under a known address, and none otherwise', async () => {
    const api = JSON.parse(readFileSync(path.join(BUILD, 'api/incidents.json'), 'utf8')) as { incidents: { route: string }[] };
    const archived = api.incidents.map((i) => i.route).filter((r) => !/<script[^>]*\ssrc=/.test(readFileSync(path.join(BUILD, `${r}.html`), 'utf8')));
    for (const route of archived.slice(0, 3)) {
      const html = await (await session.page.request.get(`${baseUrl()}${route}`)).text();
      const canonical = [...html.matchAll(/<link[^>]*rel=["']?canonical[^>]*>/g)].map((m) => /href=["']?([^"' >]+)/.exec(m[0])?.[1]);
      expect(canonical).toEqual(site ? [`${site}${route}`] : []);
    }
    // The sitemap lists them too: they are pages of the site, though not routes of its application.
    if (site && archived.length) {
      const sitemap = readFileSync(path.join(BUILD, 'sitemap.xml'), 'utf8');
      for (const route of archived) expect(sitemap).toContain(`<loc>${site}${route}</loc>`);
    }
  });
});

describe("the site's address in pages after hydration", () => {
  const placeholderHost = new URL(SITE_URL_PLACEHOLDER).host;
  const hydrated = () => session.page.locator('button[class*="toggleButton"]:not([disabled])').first().waitFor({ state: 'attached' });

  it.each(['/', RUNBOOK_ROUTE, '/on-call-now', '/break-glass', '/incidents/dashboard', '/incidents'])(
    '%s references no placeholder address once React has run',
    async (route) => {
      await session.page.goto(`${baseUrl()}${route}`, { waitUntil: 'networkidle' });
      await hydrated();
      const offenders = await session.page.evaluate(
        (host) =>
          Array.from(document.querySelectorAll('head *, body *'))
            .filter((e) => e.outerHTML.includes(host) && !Array.from(e.children).some((c) => c.outerHTML.includes(host)))
            .map((e) => e.outerHTML.slice(0, 200)),
        placeholderHost,
      );
      expect(offenders).toEqual([]);
      const canonical = await session.page.locator('link[rel=canonical]').evaluateAll((ls) => ls.map((l) => l.getAttribute('href')));
      expect(canonical).toEqual(site ? [`${site}${route === '/' ? '/' : route}`] : []);
    },
  );

  it('prints the address the handbook is read at on the break-glass sheet', async () => {
    const page = session.page;
    await page.goto(`${baseUrl()}/break-glass`, { waitUntil: 'networkidle' });
    await hydrated();
    await page.emulateMedia({ media: 'print' });
    const expected = site ?? baseUrl().replace(/\/+$/, '');
    const sheet = page.getByText(/^Handbook: /);
    await expect(sheet.isVisible()).resolves.toBe(true);
    const text = await sheet.innerText();
    expect(text).toContain(`Handbook: ${expected} `);
    expect(text).toContain(`Who is on call: ${expected}/on-call-now`);
    await page.emulateMedia({ media: 'screen' });
  });
});
