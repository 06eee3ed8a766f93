/**
 * Archived incident records: which records are archived, and the static page each gets from a page the build
 * rendered (scripts and script-only controls removed, title, description and main content replaced, text escaped).
 */
import { describe, expect, it } from 'vitest';
import { fromHtml } from 'hast-util-from-html';
import type { Element, Nodes } from 'hast';
import { visit } from 'unist-util-visit';
import {
  ArchivedPages,
  archivedPage,
  archivedRecordHtml,
  archivedReportHtml,
  archivedReportRoutes,
  archivedRoutes,
  archiveTemplate,
} from '../../plugins/docusaurus-plugin-handbook/archive';
import { hrefOf, staticLink } from '../../plugins/lib/static-link';
import type { Report } from '../../plugins/docusaurus-plugin-handbook/reports';
import { METRICS_COLUMNS, metricsCells, type MetricsRow } from '../../plugins/lib/metrics';
import { reportSummary } from '../../plugins/lib/report-text';
import type { IncidentRow } from '../../plugins/docusaurus-plugin-handbook/incidents';
import { validateOptions } from '../../plugins/docusaurus-plugin-handbook/index';
import type { Linter } from '../../plugins/lint/linter';

/** The elements of a tree that match, in document order (a small stand-in for CSS selectors). */
function all(tree: Nodes, match: (el: Element, ancestors: Element[]) => boolean): Element[] {
  const out: Element[] = [];
  visit(tree, 'element', (el: Element, _i, parent) => {
    const chain: Element[] = [];
    for (let p = parent as Element | undefined; p && p.type === 'element'; p = parents.get(p)) chain.push(p);
    if (match(el, chain)) out.push(el);
  });
  return out;
}
const parents = new WeakMap<Element, Element>();
function index(tree: Nodes) {
  visit(tree, 'element', (el: Element, _i, parent) => {
    if (parent && parent.type === 'element') parents.set(el, parent);
  });
  return tree;
}
const cls = (el: Element) => [el.properties.className ?? []].flat().map(String);
const inNav = (chain: Element[]) => chain.some((p) => p.tagName === 'nav');

const row = (n: number, status: string, resolved?: string, pm = false): IncidentRow => ({
  id: `INC-${String(n).padStart(4, '0')}`,
  title: `Incident ${n}`,
  route: `/incidents/2025/inc-${n}`,
  severity: 'S2',
  status,
  type: 'outage',
  services: ['api'],
  detected_at: `2025-01-${String(n).padStart(2, '0')}T10:00:00Z`,
  resolved_at: resolved,
  postmortem: pm ? { route: `/incidents/2025/inc-${n}-postmortem`, status: 'published' } : undefined,
  example: false,
});

describe('archivedRoutes', () => {
  const rows = [
    row(1, 'closed', '2025-01-01T12:00:00Z', true),
    row(2, 'resolved', '2025-03-01T12:00:00Z'),
    row(3, 'closed'), // no resolution time: ordered by detection (2025-01-03)
    row(4, 'investigating'),
    row(5, 'closed', '2025-02-01T12:00:00Z'),
  ];

  it('keeps the newest closed incidents live and archives the older ones with their postmortems', () => {
    expect([...archivedRoutes(rows, 2)].sort()).toEqual(['/incidents/2025/inc-1', '/incidents/2025/inc-1-postmortem', '/incidents/2025/inc-3'].sort());
  });

  it('never archives an open incident', () => {
    expect(archivedRoutes(rows, 0).has('/incidents/2025/inc-4')).toBe(false);
    expect(archivedRoutes(rows, 0).size).toBe(5); // four closed incidents and one postmortem
  });

  it('archives nothing while the closed incidents fit', () => {
    expect(archivedRoutes(rows, 4).size).toBe(0);
    expect(archivedRoutes([], 0).size).toBe(0);
  });
});

// The shape of a page Docusaurus renders: application scripts, a preloaded chunk, a canonical link, a navigation bar
// with controls that need JavaScript, and the page's main content.
const BUILT = `<!doctype html><html lang="en"><head><meta charset="UTF-8"><title data-rh="true">Incidents | Handbook</title>
<meta name="description" content="All incidents"><meta property="og:title" content="Incidents | Handbook">
<meta property="og:description" content="All incidents"><meta property="og:url" content="https://h.example/incidents">
<link rel="canonical" href="https://h.example/incidents"><link rel="stylesheet" href="/assets/css/styles.css">
<link rel="preload" href="/assets/js/chunk.js" as="script"><script src="/assets/js/main.js" defer></script></head>
<body><script>document.documentElement.setAttribute('data-theme','light')</script><div id="__docusaurus">
<nav aria-label="Main" class="navbar"><button class="navbar__toggle" type="button">menu</button>
<a class="navbar__brand" href="/">Handbook</a><a class="navbar__link" aria-current="page" href="/incidents">Incidents</a>
<div class="toggle_x colorModeToggle_y"><button type="button">theme</button></div><div class="navbar__search"><input></div></nav>
<main class="container"><h1>Incidents</h1><p>Open incidents</p></main><footer>Footer</footer></div></body></html>`;

describe('archiveTemplate and archivedPage', () => {
  const template = archiveTemplate(BUILT);
  const html = archivedPage(template, { title: 'Checkout <down> & out', description: 'INC-0001: "S1"', mainHtml: '<h1>Record</h1>' }, 'Handbook');
  const tree = index(fromHtml(html));

  it('removes the application scripts and the controls that need them, keeps the styles and the theme script', () => {
    expect(all(tree, (e) => e.tagName === 'script' && e.properties.src !== undefined)).toHaveLength(0);
    expect(all(tree, (e) => e.tagName === 'link' && e.properties.as === 'script')).toHaveLength(0);
    expect(all(tree, (e) => e.tagName === 'script')).toHaveLength(1);
    expect(all(tree, (e) => e.tagName === 'link' && cls(e).length === 0 && String(e.properties.rel) === 'stylesheet')).toHaveLength(1);
    expect(
      all(tree, (e, up) => (e.tagName === 'button' && inNav(up)) || cls(e).some((c) => c === 'navbar__search' || c.startsWith('colorModeToggle'))),
    ).toHaveLength(0);
    expect(all(tree, (e, up) => e.tagName === 'a' && inNav(up)).map((a) => a.properties.href)).toEqual(['/', '/incidents']);
    expect(all(tree, (e) => e.properties.ariaCurrent !== undefined)).toHaveLength(0);
    expect(all(tree, (e) => e.tagName === 'footer')).toHaveLength(1);
  });

  it('drops the links that name the template page, and replaces its title, description and main content', () => {
    expect(all(tree, (e) => String(e.properties.rel) === 'canonical' || e.properties.property === 'og:url')).toHaveLength(0);
    expect(html).toContain('<title data-rh="true">Checkout &lt;down&gt; &amp; out | Handbook</title>');
    expect(all(tree, (e) => e.tagName === 'meta' && e.properties.name === 'description')[0].properties.content).toBe('INC-0001: "S1"');
    expect(all(tree, (e) => e.tagName === 'meta' && e.properties.property === 'og:title')[0].properties.content).toBe('Checkout <down> & out | Handbook');
    expect(all(tree, (e) => e.tagName === 'main')).toHaveLength(1);
    expect(all(tree, (e, up) => e.tagName === 'h1' && up[0]?.tagName === 'main').map((h) => h.children[0])).toEqual([
      expect.objectContaining({ value: 'Record' }),
    ]);
    expect(html).not.toContain('Open incidents');
    expect(html).not.toMatch(/\uE000/);
    // What is inserted is not read again: a title that spells a marker stays text.
    expect(archivedPage(template, { title: '\uE000archived-main\uE000', description: '', mainHtml: 'MAIN' }, '').match(/MAIN/g)).toHaveLength(1);
  });

  it("names the page's own address as canonical when the site's address is known, and no address otherwise", () => {
    const url = 'https://h.example/incidents/2025/inc-1?"x"';
    const withUrl = index(fromHtml(archivedPage(template, { title: 't', description: 'd', mainHtml: '', url }, '')));
    expect(all(withUrl, (e) => e.tagName === 'link' && String(e.properties.rel) === 'canonical').map((l) => l.properties.href)).toEqual([url]);
    expect(all(withUrl, (e) => e.tagName === 'meta' && e.properties.property === 'og:url').map((m) => m.properties.content)).toEqual([url]);
    expect(all(withUrl, (e, up) => e.tagName === 'link' && String(e.properties.rel) === 'canonical' && up.some((p) => p.tagName === 'head'))).toHaveLength(1);
    expect(html).not.toContain('canonical');
  });

  it('refuses a page without <main> or <title>', () => {
    expect(() => archiveTemplate('<html><head><title>x</title></head><body><p>no main</p></body></html>')).toThrow(/no <main> or no <title>/);
    expect(() => archiveTemplate('<html><body><main>x</main></body></html>')).toThrow(/no <main> or no <title>/);
  });
});

describe('archivedRecordHtml', () => {
  const levels = new Map([['S2', { name: 'Major', colour: '#ffcc00' }]]);
  const r = { ...row(7, 'closed', '2025-01-07T12:30:00+01:00', true), title: 'Pay <b>ment</b>', commander: 'alex & sam' };

  it('shows the facts the application page shows, escaped, with the times in UTC', () => {
    const html = archivedRecordHtml(
      { title: r.title, html: '<p>Body</p>', incident: r },
      { indexRoute: '/incidents', yearRoute: '/incidents/year/2025', year: '2025', levels },
    );
    const tree = index(fromHtml(html, { fragment: true }));
    const terms = all(tree, (e, up) => e.tagName === 'dt' && up.some((p) => p.properties.ariaLabel === 'About this incident'));
    expect(terms.map((dt) => (dt.children[0] as { value: string }).value)).toEqual([
      'Id',
      'Severity',
      'Status',
      'Services',
      'Commander',
      'Detected',
      'Resolved',
      'Postmortem',
    ]);
    expect(html).toContain('<h1>Pay &lt;b&gt;ment&lt;/b&gt;</h1>');
    expect(html).toContain('<dd>alex &amp; sam</dd>');
    expect(html).toContain('<time datetime="2025-01-07T11:30:00.000Z">2025-01-07 11:30 UTC</time>');
    // A light severity colour gets dark text.
    expect(html).toContain('style="background:#ffcc00;color:#000">S2 Major</span>');
    expect(all(tree, (e) => e.tagName === 'a').map((a) => a.properties.href)).toEqual([
      '/incidents',
      '/incidents/year/2025',
      '/incidents/2025/inc-7-postmortem',
    ]);
    expect(html).toContain('<p>Body</p>');
  });

  it('links a postmortem to its incident, and names an unknown severity as written', () => {
    const pm = archivedRecordHtml(
      { title: 'Postmortem', html: '', incidentLink: { id: 'INC-0007', route: '/incidents/2025/inc-7' } },
      { indexRoute: '/incidents', levels },
    );
    expect(pm).toContain('<a href="/incidents">Incidents</a> › <a href="/incidents/2025/inc-7">INC-0007</a>');
    expect(pm).not.toContain('About this incident');
    const unknown = archivedRecordHtml({ title: 'x', html: '', incident: { ...r, severity: 'S9' } }, { indexRoute: '/incidents', levels });
    expect(unknown).toContain('<dd>S9</dd>');
  });

  it('links archived pages from the application as static files', () => {
    expect(staticLink('/incidents/2025/inc-7')).toBe('pathname:///incidents/2025/inc-7');
  });
});

describe('archived reports', () => {
  const stat = (median?: number) => ({ count: median === undefined ? 0 : 1, median, mean: median, p90: median });
  const metrics: MetricsRow = {
    key: '2025-01',
    incidents: 2,
    mttd: stat(12),
    mtta: stat(4),
    mttm: stat(90),
    mttr: stat(3000),
    postmortemsRequired: 1,
    postmortemsDone: 1,
    postmortemCompletion: 1,
    actionItems: 2,
    actionItemsClosed: 1,
    actionItemClosure: 0.5,
    bySeverity: { S1: 0, S2: 2 },
  } as MetricsRow;
  const item = (n: number, route: string) => ({
    id: `INC-000${n}`,
    title: `Pay <b>${n}</b>`,
    route,
    severity: 'S2',
    status: 'closed',
    detected_at: `2025-01-0${n}T10:00:00Z`,
    example: n === 2,
  });
  const report = (route: string, incidents: Report['incidents']): Report => ({
    period: '2025-01',
    kind: 'month',
    route,
    metrics,
    incidents,
    overdueActions: [],
  });
  const archived = new Set(['/incidents/2025/inc-1', '/incidents/2025/inc-1-postmortem', '/incidents/2025/inc-2']);

  it('archives a report when every incident it lists is archived, and only then', () => {
    const reports = [
      report('/r/all-archived', [item(1, '/incidents/2025/inc-1'), item(2, '/incidents/2025/inc-2')]),
      report('/r/one-live', [item(1, '/incidents/2025/inc-1'), item(3, '/incidents/2025/inc-3')]),
      report('/r/empty', []),
    ];
    expect([...archivedReportRoutes(reports, archived)]).toEqual(['/r/all-archived']);
    expect(archivedReportRoutes(reports, new Set()).size).toBe(0);
  });

  it('shows what the report page shows: title, summary, metrics, incidents with their links, overdue items, escaped', () => {
    const r = {
      ...report('/incidents/reports/month/2025-01', [
        { ...item(1, staticLink('/incidents/2025/inc-1')), postmortem: { status: 'published', route: staticLink('/incidents/2025/inc-1-postmortem') } },
        item(2, staticLink('/incidents/2025/inc-2')),
      ]),
      overdueActions: [{ incident: 'INC-0001', id: 'A-1', title: 'Fix <it>', owner: 'sre', due: '2025-02-01', status: 'open' }],
    };
    const html = archivedReportHtml(r, { reportsRoute: '/incidents/reports' });
    const tree = index(fromHtml(html, { fragment: true }));
    expect(all(tree, (e) => e.tagName === 'h1').map((h) => (h.children[0] as { value: string }).value)).toEqual(['Monthly incident report 2025-01']);
    expect(html).toContain(`<p>${reportSummary(metrics)}</p>`);
    const heads = all(tree, (e, up) => e.tagName === 'th' && up.some((p) => p.tagName === 'thead') && up.some((p) => p.properties.ariaLabel === 'Period'));
    expect(heads.map((h) => (h.children[0] as { value: string }).value)).toEqual(['Period', ...METRICS_COLUMNS]);
    for (const cell of metricsCells(metrics)) expect(html).toContain(`<td>${cell}</td>`);
    // Links are plain addresses on a static page, never pathname:// links.
    expect(all(tree, (e) => e.tagName === 'a').map((a) => a.properties.href)).toEqual([
      '/incidents/reports',
      '/incidents/reports',
      '/incidents/2025/inc-1',
      '/incidents/2025/inc-1-postmortem',
      '/incidents/2025/inc-2',
    ]);
    expect(html).toContain('Pay &lt;b&gt;1&lt;/b&gt;');
    expect(html).toContain('Pay &lt;b&gt;2&lt;/b&gt; (example)');
    expect(html).toContain('<time datetime="2025-01-01T10:00:00.000Z">2025-01-01 10:00 UTC</time>');
    expect(html).toContain('<li>INC-0001 A-1: Fix &lt;it&gt; (owner sre, due 2025-02-01, open)</li>');
    expect(archivedReportHtml({ ...r, overdueActions: [] }, { reportsRoute: '/incidents/reports' })).toContain('<p>None at build time.</p>');
    expect(html).toContain('<strong>Archived report.</strong>');
  });

  it('reads a static link back as its address', () => {
    expect(hrefOf(staticLink('/incidents/reports/week/2025-w01'))).toBe('/incidents/reports/week/2025-w01');
    expect(hrefOf('/incidents')).toBe('/incidents');
  });
});

describe('ArchivedPages (the sitemap entries of archived pages)', () => {
  it('gives each archived route its address under the site, shaped like the sitemap entry given', () => {
    const pages = new ArchivedPages();
    pages.routes = ['/incidents/2025/inc-1', '/incidents/reports/week/2025-w01'];
    const like = { url: 'https://h.example/docs/', changefreq: 'weekly', priority: 0.5, lastmod: '2026-01-01' };
    expect(pages.sitemapItems({ url: 'https://h.example/', baseUrl: '/docs/' }, like)).toEqual([
      { url: 'https://h.example/docs/incidents/2025/inc-1', changefreq: 'weekly', priority: 0.5, lastmod: null },
      { url: 'https://h.example/docs/incidents/reports/week/2025-w01', changefreq: 'weekly', priority: 0.5, lastmod: null },
    ]);
    expect(pages.sitemapItems({ url: 'https://h.example', baseUrl: '/' })[0]).toEqual({ url: 'https://h.example/incidents/2025/inc-1', lastmod: null });
  });

  it('serialises to its name, so the site config in the client bundle carries no list', () => {
    const pages = new ArchivedPages();
    pages.routes = ['/incidents/2025/inc-1'];
    expect(JSON.stringify({ archive: pages })).toBe('{"archive":"handbook archived pages"}');
  });
});

describe('the liveRecords option', () => {
  const linter = { projectResults: async () => [] } as unknown as Linter;
  it('takes a whole number, 0 or more', () => {
    expect(validateOptions({ options: { linter, liveRecords: 0 } })).toMatchObject({ liveRecords: 0 });
    expect(validateOptions({ options: { linter, liveRecords: 250 } })).toMatchObject({ liveRecords: 250 });
    for (const bad of [-1, 2.5, '100', null])
      expect(() => validateOptions({ options: { linter, liveRecords: bad } })).toThrow('"liveRecords" must be a whole number, 0 or more');
  });

  it('takes an ArchivedPages object to fill, and nothing else', () => {
    expect(validateOptions({ options: { linter, archive: new ArchivedPages() } })).toHaveProperty('archive');
    for (const bad of [[], {}, 'sitemap'])
      expect(() => validateOptions({ options: { linter, archive: bad } })).toThrow('"archive" must be an ArchivedPages object');
  });
});
