/**
 * Archived incident records: closed incidents beyond the newest `liveRecords` ones (and their postmortems) are not
 * pages of the site's application, each costing a route, a data module and a server render in every build, but
 * static pages at the same address, written after the build from one template page. A record's address never
 * changes, whichever kind of page it is. The weekly, monthly, quarterly and annual reports that list only archived
 * records are archived the same way: their numbers no longer change. Knows nothing about Docusaurus: strings and
 * trees in, strings out.
 */
import type { Element, ElementContent, Root, RootContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import { formatUtc } from '../lib/comm-template';
import { METRICS_COLUMNS, metricsCells } from '../lib/metrics';
import { reportSummary, reportTitle } from '../lib/report-text';
import type { Report } from './reports';
import { escapeHtml } from '../lib/escape';
import { hrefOf } from '../lib/static-link';
import { textColourFor } from '../lib/colour';
import type { IncidentRow } from './incidents';
import { isClosed } from '../lib/incident-status';

/**
 * The archived pages of a build (records and reports), filled by the site plugin when it loads its content, for what
 * lists the site's pages from its routes and would miss them: the sitemap (plugin-sitemap's `createSitemapItems`,
 * in docusaurus.config.ts). Given to the plugin as an option, so it serialises to a name, never to the client bundle.
 */
export class ArchivedPages {
  routes: string[] = [];

  /**
   * Sitemap entries for the archived pages, shaped like one of the sitemap's own (`like`: its change frequency and
   * priority), without a modification time.
   */
  sitemapItems<T extends { url: string; lastmod?: string | null }>(siteConfig: { url: string; baseUrl: string }, like?: T): T[] {
    const base = `${siteConfig.url.replace(/\/+$/, '')}/${siteConfig.baseUrl.replace(/^\/+|\/+$/g, '')}`.replace(/\/+$/, '');
    return this.routes.map((route) => ({ ...like, url: `${base}${route}`, lastmod: null }) as T);
  }

  toJSON(): string {
    return 'handbook archived pages';
  }
}

/**
 * The records that get a page of the application when `liveRecords` is not set. Each live page is a route, and the
 * route table is part of the JavaScript every page loads: with 1,000 closed records, 100 live ones put a runbook's
 * first visit at 304 KB compressed, 25 at 294 KB (the page-weight target is 300 KB; `npm run bench -- --pages`).
 */
export const DEFAULT_LIVE_RECORDS = 25;

/**
 * Routes of the records to archive: every closed incident beyond the newest `live` ones (newest by resolution, then
 * detection), and the postmortems of those incidents. Open incidents are never archived.
 */
export function archivedRoutes(rows: readonly IncidentRow[], live: number): Set<string> {
  const when = (r: IncidentRow) => r.resolved_at ?? r.detected_at;
  const closed = rows.filter((r) => isClosed(r.status)).sort((a, b) => when(b).localeCompare(when(a)) || b.id.localeCompare(a.id));
  const out = new Set<string>();
  for (const r of closed.slice(Math.max(0, live))) {
    out.add(r.route);
    if (r.postmortem) out.add(r.postmortem.route);
  }
  return out;
}

/**
 * Routes of the reports to archive: those whose incidents are all archived records (a report of closed incidents
 * only, beyond the live ones). A report with a live or open incident stays a page of the application.
 */
export function archivedReportRoutes(reports: readonly Pick<Report, 'route' | 'incidents'>[], archivedRecords: ReadonlySet<string>): Set<string> {
  const out = new Set<string>();
  for (const r of reports) if (r.incidents.length && r.incidents.every((i) => i.route !== undefined && archivedRecords.has(i.route))) out.add(r.route);
  return out;
}

// Private-use characters: kept as they are by the serialiser, in text and in attribute values.
const MARK = {
  title: '\uE000archived-title\uE000',
  description: '\uE000archived-description\uE000',
  main: '\uE000archived-main\uE000',
  head: '\uE000archived-head\uE000',
};
const MARKS = /\uE000archived-(title|description|main|head)\uE000/g;

const classes = (el: Element): string[] => [el.properties?.className ?? []].flat().map(String);

/** Controls of the site's navigation bar that only work with the application's JavaScript. */
function needsScript(el: Element, inNav: boolean): boolean {
  if (el.tagName === 'script') return el.properties?.src !== undefined;
  if (el.tagName === 'link') {
    const rel = [el.properties?.rel ?? []].flat().map(String);
    return rel.some((r) => ['preload', 'prefetch', 'modulepreload'].includes(r)) && el.properties?.as === 'script';
  }
  if (!inNav) return false;
  if (el.tagName === 'button') return true;
  return classes(el).some((c) => /^(navbar__search|navbar-sidebar|colorModeToggle|toggle_|searchBar)/i.test(c) || c === 'navbar__toggle');
}

/**
 * Turns a page the build rendered (any page of the site, with its header, navigation and styles) into the template
 * of archived records: the application's scripts and the controls that need them are removed (a static page is not
 * hydrated), the canonical and alternate links dropped, and the title, description and main content marked for
 * `archivedPage`. Throws when the page has no <main> or <title> (not a page of this site's theme).
 */
export function archiveTemplate(builtPage: string): string {
  const tree = fromHtml(builtPage);
  let main = false;
  let title = false;
  const walk = (parent: Root | Element, inNav: boolean) => {
    const kept: (RootContent | ElementContent)[] = [];
    for (const node of parent.children) {
      if (node.type !== 'element') {
        kept.push(node);
        continue;
      }
      if (needsScript(node, inNav)) continue;
      const p = node.properties ?? {};
      if (node.tagName === 'link' && ['canonical', 'alternate'].some((r) => [p.rel ?? []].flat().map(String).includes(r))) continue;
      if (node.tagName === 'meta' && (p.property === 'og:url' || p.name === 'docsearch:docusaurus_tag')) continue;
      if (node.tagName === 'title') {
        node.children = [{ type: 'text', value: MARK.title }];
        title = true;
      } else if (node.tagName === 'meta' && (p.name === 'description' || p.property === 'og:description')) p.content = MARK.description;
      else if (node.tagName === 'meta' && p.property === 'og:title') p.content = MARK.title;
      else if (node.tagName === 'main') {
        node.children = [{ type: 'text', value: MARK.main }];
        main = true;
        kept.push(node);
        continue;
      } else if (node.tagName === 'a' && p.ariaCurrent !== undefined) delete p.ariaCurrent;
      walk(node, inNav || node.tagName === 'nav');
      // Where the page's own address goes (its canonical link), at the end of the head.
      if (node.tagName === 'head') node.children.push({ type: 'text', value: MARK.head });
      kept.push(node);
    }
    parent.children = kept as typeof parent.children;
  };
  walk(tree, false);
  if (!main || !title) throw new Error('the template page has no <main> or no <title>: it is not a page rendered by the site');
  return toHtml(tree);
}

/**
 * An archived page: the template with its title, description and main content, and, when the site's published
 * address is known, its own canonical address (one pass: what is inserted is never read again).
 */
export function archivedPage(template: string, page: { title: string; description: string; mainHtml: string; url?: string }, siteTitle: string): string {
  const values: Record<string, string> = {
    title: escapeHtml(siteTitle ? `${page.title} | ${siteTitle}` : page.title),
    description: escapeHtml(page.description),
    main: page.mainHtml,
    head: page.url ? `<link rel="canonical" href="${escapeHtml(page.url)}"><meta property="og:url" content="${escapeHtml(page.url)}">` : '',
  };
  return template.replace(MARKS, (_m, key: string) => values[key]);
}

export interface ArchivedRecord {
  title: string;
  html: string;
  incident?: IncidentRow;
  incidentLink?: { id: string; route: string };
}

export interface ArchiveContext {
  /** The incidents index route. */
  indexRoute: string;
  /** The route of the year page that lists the incident. */
  yearRoute?: string;
  year?: string;
  /** Severity levels by id: name and colour. */
  levels: ReadonlyMap<string, { name?: string; colour?: string }>;
}

const utc = (iso: string) => {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? escapeHtml(iso) : `<time datetime="${new Date(t).toISOString()}">${formatUtc(new Date(t))}</time>`;
};

/** The main content of an archived record's page: what the application's record page shows, as plain HTML. */
export function archivedRecordHtml(record: ArchivedRecord, ctx: ArchiveContext): string {
  const e = escapeHtml;
  const r = record.incident;
  const crumbs = [`<a href="${e(ctx.indexRoute)}">Incidents</a>`];
  if (record.incidentLink) crumbs.push(`<a href="${e(record.incidentLink.route)}">${e(record.incidentLink.id)}</a>`);
  const back = ctx.yearRoute && ctx.year ? ` <a href="${e(ctx.yearRoute)}">All incidents closed in ${e(ctx.year)}</a>.` : '';
  const note = archivedNote('record', back);
  let facts = '';
  if (r) {
    const level = ctx.levels.get(r.severity);
    const bg = level?.colour ?? '#444444';
    const severity = level
      ? `<span class="handbook-archived-badge" style="background:${e(bg)};color:${textColourFor(bg)}">${e(r.severity)} ${e(level.name ?? '')}</span>`
      : e(r.severity);
    const rows: [string, string][] = [
      ['Id', e(r.id)],
      ['Severity', severity],
      ['Status', e(r.status)],
      ['Services', e(r.services.join(', '))],
      ['Commander', e(r.commander ?? 'not assigned')],
      ['Detected', utc(r.detected_at)],
    ];
    if (r.resolved_at) rows.push(['Resolved', utc(r.resolved_at)]);
    if (r.postmortem) rows.push(['Postmortem', `<a href="${e(r.postmortem.route)}">${e(r.postmortem.status)}</a>`]);
    facts = `<aside class="handbook-archived-facts" aria-label="About this incident"><dl>${rows.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('')}</dl></aside>`;
  }
  return (
    `<nav aria-label="Breadcrumbs">${crumbs.join(' › ')}</nav>${note}` +
    `<article class="markdown margin-top--md"><h1>${e(record.title)}</h1>${facts}<div>${record.html}</div></article>`
  );
}

/** The note at the top of every archived page. */
function archivedNote(what: string, back: string): string {
  return `<div class="alert alert--secondary margin-top--md" role="note"><strong>Archived ${what}.</strong> A static page: the site's search and menus do not work here.${back}</div>`;
}

/** The main content of an archived report's page: what the application's report page (ReportPage) shows, as plain HTML. */
export function archivedReportHtml(report: Report, ctx: { reportsRoute: string }): string {
  const e = escapeHtml;
  const m = report.metrics;
  const label = 'Period';
  const metrics =
    `<div style="overflow-x:auto" tabindex="0" role="region" aria-label="${label} table"><table tabindex="0" aria-label="${label}">` +
    `<thead><tr><th scope="col">${label}</th>${METRICS_COLUMNS.map((c) => `<th scope="col">${e(c)}</th>`).join('')}</tr></thead>` +
    `<tbody><tr><th scope="row">${e(m.key)}</th>${metricsCells(m)
      .map((c) => `<td>${e(c)}</td>`)
      .join('')}</tr></tbody></table></div>`;
  const rows = report.incidents
    .map(
      (i) =>
        `<tr><th scope="row"><a href="${e(hrefOf(i.route ?? ''))}">${e(i.id)}</a> ${e(i.title)}${i.example ? ' (example)' : ''}</th>` +
        `<td>${e(i.severity)}</td><td>${utc(i.detected_at)}</td><td>${e(i.status)}</td>` +
        `<td>${i.postmortem?.route ? `<a href="${e(hrefOf(i.postmortem.route))}">${e(i.postmortem.status)}</a>` : '–'}</td></tr>`,
    )
    .join('');
  const incidents =
    `<table tabindex="0"><thead><tr><th scope="col">Incident</th><th scope="col">Severity</th><th scope="col">Detected</th>` +
    `<th scope="col">Status</th><th scope="col">Postmortem</th></tr></thead><tbody>${rows}</tbody></table>`;
  const overdue = report.overdueActions.length
    ? `<ul>${report.overdueActions.map((a) => `<li>${e(a.incident)} ${e(a.id)}: ${e(a.title)} (owner ${e(a.owner)}, due ${e(a.due)}, ${e(a.status)})</li>`).join('')}</ul>`
    : '<p>None at build time.</p>';
  const back = ` <a href="${e(ctx.reportsRoute)}">All incident reports</a>.`;
  return (
    `<nav aria-label="Breadcrumbs"><a href="${e(ctx.reportsRoute)}">Incident reports</a></nav>${archivedNote('report', back)}` +
    `<article class="margin-top--md"><h1>${e(reportTitle(report.kind, report.period))}</h1><p>${e(reportSummary(m))}</p>` +
    `<h2 id="metrics">Metrics</h2>${metrics}<h2 id="incidents">Incidents</h2>${incidents}<h2 id="overdue">Overdue action items</h2>${overdue}</article>`
  );
}
