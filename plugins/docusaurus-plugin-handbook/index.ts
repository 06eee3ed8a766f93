/**
 * Loads data/ and the document index once, checks the project-wide rules, and hands the registries
 * to theme components through global data (usePluginData('docusaurus-plugin-handbook')).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { apiFiles } from '../lib/exports';
import { computeCoverage, type FrameworkCoverage } from '../lib/coverage';
import { coverageCsv, coverageMarkdown } from '../lib/coverage-format';
import type { LoadContext, Plugin, RouteConfig } from '@docusaurus/types';
import { nowFromEnv, type Linter } from '../lint/linter';
import { rotations, severityLevels } from '../lint/registries';
import type { Project } from '../lint/types';
import { alertRoute } from '../lint/routes';
import { PAGE_ROUTES } from './page-routes';
import { formatMessages } from '../remark-handbook/index';
import { writeCalendars } from './calendars';
import { firstStepsHtml, firstStepsSummary, type BreakGlassEntry } from './break-glass';
import { buildReports, type Dashboard, type Report } from './reports';
import { incidentRows, incidentsIndex, type IncidentRow, type IncidentsIndex, type YearPage } from './incidents';
import { bodyHtml } from './markdown-html';
import {
  type ArchivedPages,
  archivedPage,
  archivedRecordHtml,
  archivedReportHtml,
  archivedReportRoutes,
  archivedRoutes,
  archiveTemplate,
  DEFAULT_LIVE_RECORDS,
} from './archive';
import { staticLink } from '../lib/static-link';
import { reportDescription, reportTitle } from '../lib/report-text';
import { siteData, type SiteData } from './site-data';
import { SITE_URL_PLACEHOLDER, SITE_URL_UNSET, siteLink } from '../lib/site-url';
import { responderLocation } from '../lib/responder-url';
import { removePlaceholderLinks } from './site-links';

export interface HandbookPluginOptions {
  /** The linter created in docusaurus.config.ts (the remark plugin uses the same one). */
  linter: Linter;
  failOnError?: boolean;
  /**
   * The content root whose documents this plugin renders itself (one light page per record, no MDX), with an
   * index at the root's route. Default: the root at `incidents`. `false`: leave it to a docs instance.
   */
  incidentsPath?: string | false;
  /**
   * How many closed incidents (the newest, with their postmortems) get a page of the site's application; older
   * ones are archived: static pages at the same address, written after the build, so years of records do not each
   * cost a route, a data module and a server render. Open incidents always get a page. Default 25 (DEFAULT_LIVE_RECORDS).
   */
  liveRecords?: number;
  /** Filled with the archived pages' routes when the content loads (see ArchivedPages: for the sitemap). */
  archive?: ArchivedPages;
}

/** A document of the incidents root, rendered by the plugin. */
export interface RecordPage {
  route: string;
  relPath: string;
  title: string;
  type?: string;
  /** The incident row for incident records (facts shown above the body). */
  incident?: IncidentRow;
  /** For a postmortem: its incident's route and id. */
  incidentLink?: { id: string; route: string };
  html: string;
  /** Archived: a static page written after the build instead of a route of the application. */
  archived?: boolean;
  /** The year page that lists the incident (archived pages link back to it). */
  year?: { year: string; route: string };
}

interface IncidentsContent {
  route: string;
  /** Routes of archived records (static pages, no route of the application). */
  archived: Set<string>;
  intro: { title: string; description?: string; html: string };
  index: IncidentsIndex;
  years: YearPage[];
  pages: RecordPage[];
}

interface Content {
  site: SiteData;
  breakGlass: BreakGlassEntry[];
  dashboard: Dashboard;
  reports: Report[];
  coverage: FrameworkCoverage[];
  incidents?: IncidentsContent;
}

/** Docusaurus calls this with the options from docusaurus.config.ts before the plugin starts. */
export function validateOptions({ options }: { options: unknown }): HandbookPluginOptions {
  const o = (options ?? {}) as Record<string, unknown>;
  const problems: string[] = [];
  for (const k of Object.keys(o))
    if (!['linter', 'failOnError', 'incidentsPath', 'liveRecords', 'archive', 'id'].includes(k)) problems.push(`unknown option "${k}"`);
  const linter = o.linter as Partial<Linter> | undefined;
  if (!linter || typeof linter.projectResults !== 'function') problems.push('"linter" is required: the object createLinter() returned in docusaurus.config.ts');
  if (o.failOnError !== undefined && typeof o.failOnError !== 'boolean') problems.push('"failOnError" must be true or false');
  if (o.incidentsPath !== undefined && o.incidentsPath !== false && typeof o.incidentsPath !== 'string')
    problems.push('"incidentsPath" must be a folder or false');
  if (o.liveRecords !== undefined && !(Number.isInteger(o.liveRecords) && Number(o.liveRecords) >= 0))
    problems.push('"liveRecords" must be a whole number, 0 or more (how many closed incidents keep a page of the application)');
  // By shape: Docusaurus loads this module afresh, so the config's class is another copy of it.
  const archive = o.archive as Partial<ArchivedPages> | undefined;
  if (archive !== undefined && !(Array.isArray(archive?.routes) && typeof archive?.sitemapItems === 'function'))
    problems.push('"archive" must be an ArchivedPages object (new ArchivedPages() in docusaurus.config.ts)');
  if (problems.length) throw new Error(`docusaurus-plugin-handbook: ${problems.join('; ')}`);
  // Docusaurus expects the plugin id back (it names the plugin's data folder).
  return { id: 'default', ...o } as unknown as HandbookPluginOptions;
}

export default function pluginHandbook(context: LoadContext, options: HandbookPluginOptions): Plugin<Content> {
  const { linter } = options;
  const root = linter.root;
  const failOnError = options.failOnError ?? (process.env.NODE_ENV !== 'development' && process.env.HANDBOOK_LINT !== 'warn');
  return {
    name: 'docusaurus-plugin-handbook',
    getPathsToWatch() {
      return [path.join(root, 'data/**/*.yaml'), path.join(root, 'schemas/*.json'), path.join(root, 'handbook.config.yaml')];
    },
    async loadContent() {
      const { project } = linter;
      const index = await linter.index();
      const problems = (await linter.projectResults()).flatMap((r) =>
        r.messages.filter((m) => m.severity === 2).map((m) => `  ${r.relPath}:${m.line}:${m.column}  error  ${m.message}  (${m.ruleId})`),
      );
      if (problems.length) {
        const text = problems.join('\n');
        if (failOnError) throw new Error(`handbook: the data registries have problems:\n${text}`);
        console.warn(`[handbook] data problems:\n${text}`);
      }
      const fixed = process.env.HANDBOOK_NOW ? new Date(process.env.HANDBOOK_NOW) : undefined;
      const site = siteData(project, index, fixed && !Number.isNaN(fixed.getTime()) ? fixed : new Date());
      const breakGlass: BreakGlassEntry[] = [];
      for (const entry of index.byPath.values()) {
        if (entry.type !== 'runbook') continue;
        const doc = await linter.parse(entry.relPath);
        const html = firstStepsHtml(doc, index);
        if (html)
          breakGlass.push({
            title: String(entry.frontmatter.title),
            route: entry.route,
            alerts: site.runbooks.find((r) => r.route === entry.route)?.alerts ?? [],
            html,
            steps: firstStepsSummary(doc),
          });
      }
      breakGlass.sort((a, b) => a.title.localeCompare(b.title));
      const live = options.liveRecords ?? DEFAULT_LIVE_RECORDS;
      const incidents = options.incidentsPath === false ? undefined : await loadIncidents(linter, options.incidentsPath ?? 'incidents', failOnError, live);
      const { dashboard, reports } = buildReports(project, index);
      if (incidents?.archived.size) archiveReports(dashboard, reports, incidents.archived);
      if (options.archive) options.archive.routes = [...(incidents?.archived ?? []), ...reports.filter((r) => r.archived).map((r) => r.route)].sort();
      return { site, breakGlass, dashboard, reports, coverage: computeCoverage(project, index), incidents };
    },
    async postBuild({ outDir, content }) {
      // The published address (site_url / HANDBOOK_SITE_URL, read in docusaurus.config.ts); '' when not set: links
      // in exports are then relative to the site and the pages carry no absolute self-links.
      const siteUrl = String(context.siteConfig.customFields?.siteUrl ?? '');
      // First and without waiting: the service worker's precache list (plugin-pwa's postBuild, started after this
      // one) then sees the archived pages.
      if (content.incidents) writeArchive(outDir, content.incidents, content.reports, linter.project, { siteTitle: context.siteConfig.title, siteUrl });
      if (!siteUrl) {
        console.warn(`[handbook] ${SITE_URL_UNSET}`);
        removePlaceholderLinks(outDir, SITE_URL_PLACEHOLDER);
      }
      // Where the incidents index reads open incidents live (an address only, never a token); null: the last build only.
      writeFileSync(path.join(outDir, 'responder.json'), `${JSON.stringify({ url: responderLocation(linter.project.config.responder_url) ?? null })}\n`);
      // /api/*.json and their schemas, for automation that should not scrape HTML.
      const index = await linter.index();
      const dir = path.join(outDir, 'api');
      mkdirSync(path.join(dir, 'schemas'), { recursive: true });
      for (const f of apiFiles(linter.project, index, siteUrl)) {
        writeFileSync(path.join(dir, f.name), JSON.stringify(f.data, null, 2) + '\n');
        writeFileSync(path.join(dir, 'schemas', f.schema), readFileSync(path.join(root, 'schemas', f.schema)));
      }
      writeFileSync(path.join(dir, 'schemas', 'defs.schema.json'), readFileSync(path.join(root, 'schemas', 'defs.schema.json')));
      // The auditor export: the same coverage as the /compliance page, as CSV and Markdown.
      const coverage = computeCoverage(linter.project, index);
      mkdirSync(path.join(outDir, 'compliance'), { recursive: true });
      writeFileSync(path.join(outDir, 'compliance', 'coverage.csv'), coverageCsv(coverage, siteUrl));
      writeFileSync(path.join(outDir, 'compliance', 'coverage.md'), coverageMarkdown(coverage, siteUrl));
      writeFileSync(path.join(dir, 'coverage.json'), JSON.stringify(coverage, null, 2) + '\n');
      // A calendar feed per on-call rotation (/oncall/<id>.ics), for subscribing from any calendar app.
      writeCalendars(path.join(outDir, 'oncall'), rotations(linter.project), {
        now: nowFromEnv(),
        siteUrl: siteUrl || undefined,
      });
    },
    async contentLoaded({ content, actions }) {
      actions.setGlobalData(content.site);
      const breakGlass = await actions.createData('break-glass.json', JSON.stringify(content.breakGlass));
      actions.addRoute({ path: PAGE_ROUTES.breakGlass, component: '@site/src/components/BreakGlassPage.tsx', exact: true, modules: { entries: breakGlass } });
      const dashboard = await actions.createData('dashboard.json', JSON.stringify(content.dashboard));
      actions.addRoute({ path: PAGE_ROUTES.dashboard, component: '@site/src/components/DashboardPage.tsx', exact: true, modules: { dashboard } });
      actions.addRoute({ path: PAGE_ROUTES.reports, component: '@site/src/components/ReportsIndexPage.tsx', exact: true, modules: { dashboard } });
      for (const report of content.reports) {
        if (report.archived) continue;
        const data = await actions.createData(`report-${report.kind}-${report.period}.json`, JSON.stringify(report));
        actions.addRoute({ path: report.route, component: '@site/src/components/ReportPage.tsx', exact: true, modules: { report: data } });
      }
      const coverage = await actions.createData('coverage.json', JSON.stringify(content.coverage));
      actions.addRoute({ path: PAGE_ROUTES.compliance, component: '@site/src/components/CompliancePage.tsx', exact: true, modules: { coverage } });
      if (content.incidents) await addIncidentRoutes(content.incidents, actions);
      // /runbooks/alert/<AlertName> forwards to the runbook that lists the alert, so alert rules can carry a runbook_url.
      for (const runbook of content.site.runbooks) {
        for (const alert of runbook.alerts) {
          const target = await actions.createData(`alert-${alert}.json`, JSON.stringify({ alert, route: runbook.route, title: runbook.title }));
          // Case-sensitive, as the static server is: /runbooks/alert/<lower case> is answered with 404.html, and a client
          // route matching it anyway would make the first render differ from that page (React error #418).
          actions.addRoute({
            path: alertRoute(alert),
            component: '@site/src/components/AlertRedirect.tsx',
            exact: true,
            sensitive: true,
            modules: { target },
          } as RouteConfig);
        }
      }
    },
  };
}

/**
 * Renders the documents of the incidents root without MDX: each is linted with the same engine as every other
 * page (the build fails on an error, as the remark plugin does for docs), parsed once, and turned into HTML.
 */
async function loadIncidents(linter: Linter, rootPath: string, failOnError: boolean, live: number): Promise<IncidentsContent | undefined> {
  const { project } = linter;
  const sIndex = await linter.index();
  const contentRoot = project.config.roots.find((r) => r.path.replace(/\/$/, '') === rootPath);
  if (!contentRoot) return undefined;
  const prefix = `${contentRoot.path.replace(/\/$/, '')}/`;
  const texts = new Map<string, string>();
  const pages: RecordPage[] = [];
  let intro: IncidentsContent['intro'] = { title: 'Incidents', html: '' };
  const failures: string[] = [];
  for (const entry of sIndex.byPath.values()) {
    const relPath = entry.relPath;
    if (!relPath.startsWith(prefix)) continue;
    // The tree of the body only: the front matter's facts come from the index, the verdict from the linter.
    const doc = await linter.parse(relPath, undefined, { frontMatter: false });
    // The same linter as every other page: the build fails on an error, as the remark plugin does for docs.
    const result = await linter.lintText(relPath, doc.text);
    if (result.messages.length) {
      if (result.errorCount > 0) failures.push(`handbook lint failed for ${result.relPath}:\n${formatMessages(result)}`);
      else console.warn(`[handbook] ${result.relPath}\n${formatMessages(result)}`);
    }
    if (!doc.tree) continue;
    texts.set(relPath, doc.text);
    const html = bodyHtml(doc.tree, relPath, sIndex);
    const title = String(entry.frontmatter.title ?? relPath);
    if (entry.route === contentRoot.route || entry.route === `${contentRoot.route}/`) {
      intro = { title, description: typeof entry.frontmatter.description === 'string' ? entry.frontmatter.description : undefined, html };
      continue;
    }
    pages.push({ route: entry.route, relPath, title, type: entry.type, html });
  }
  if (failures.length) {
    if (failOnError) throw new Error(failures.join('\n'));
  }
  const rows = incidentRows(project, sIndex, (rel) => texts.get(rel));
  const byRoute = new Map(rows.map((r) => [r.route, r]));
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const p of pages) {
    p.incident = byRoute.get(p.route);
    const fm = sIndex.byPath.get(p.relPath)?.frontmatter ?? {};
    const target = p.type === 'postmortem' && typeof fm.incident === 'string' ? byId.get(fm.incident) : undefined;
    if (target) p.incidentLink = { id: target.id, route: target.route };
  }
  const { index, years } = incidentsIndex(project, rows, contentRoot.route, nowFromEnv());
  const archived = archivedRoutes(rows, live);
  // The year page that lists an incident lists its postmortem too.
  const yearOf = new Map<string, YearPage>();
  for (const y of years)
    for (const r of y.closed) {
      yearOf.set(r.route, y);
      if (r.postmortem) yearOf.set(r.postmortem.route, y);
    }
  for (const p of pages) {
    p.archived = archived.has(p.route);
    const y = yearOf.get(p.route);
    if (y) p.year = { year: y.year, route: y.route };
  }
  // The application's pages link to archived records as to static files (a full page load, no route to check).
  const linked = years.map((y) => ({ ...y, closed: y.closed.map((r) => archivedRow(r, archived)) }));
  return { route: contentRoot.route, intro, index, years: linked, pages, archived };
}

/** A row whose links to archived pages are static links. */
function archivedRow<T extends { route?: string; postmortem?: { route?: string; status: string } }>(r: T, archived: ReadonlySet<string>): T {
  const pm = r.postmortem?.route && archived.has(r.postmortem.route) ? { ...r.postmortem, route: staticLink(r.postmortem.route) } : r.postmortem;
  return { ...r, route: r.route && archived.has(r.route) ? staticLink(r.route) : r.route, postmortem: pm };
}

/**
 * Reports that list only archived records are archived too (marked, and linked as static files from the reports
 * index); reports and the dashboard link to archived records as static files.
 */
function archiveReports(dashboard: Dashboard, reports: Report[], archived: ReadonlySet<string>): void {
  const finished = archivedReportRoutes(reports, archived);
  for (const r of reports) {
    r.incidents = r.incidents.map((i) => archivedRow(i, archived));
    if (finished.has(r.route)) r.archived = true;
  }
  dashboard.recent = dashboard.recent.map((i) => archivedRow(i, archived));
  dashboard.reports = dashboard.reports.map((r) => (finished.has(r.route) ? { ...r, route: staticLink(r.route) } : r));
}

/**
 * The archived records' and reports' pages, written over the incidents index page the build rendered (the
 * template: the site's header, styles and footer).
 */
function writeArchive(
  outDir: string,
  c: IncidentsContent,
  reports: readonly Report[],
  project: Project,
  { siteTitle, siteUrl }: { siteTitle: string; siteUrl: string },
): void {
  const pages = c.pages.filter((p) => p.archived);
  const finished = reports.filter((r) => r.archived);
  if (!pages.length && !finished.length) return;
  const built = [`${c.route}.html`, `${c.route}/index.html`].map((f) => path.join(outDir, f)).find((f) => existsSync(f));
  if (!built) throw new Error(`handbook: the incidents index page (${c.route}) was not built, so the archived records and reports have no template`);
  const template = archiveTemplate(readFileSync(built, 'utf8'));
  // Each page at its route's file, naming its own address when the site's is known.
  const write = (route: string, page: { title: string; description: string; mainHtml: string }) => {
    const file = path.join(outDir, `${route.replace(/^\//, '')}.html`);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, archivedPage(template, { ...page, url: siteUrl ? siteLink(siteUrl, route) : undefined }, siteTitle));
  };
  const levels = new Map(severityLevels(project).map((l) => [String(l.id), { name: l.name, colour: l.colour }]));
  for (const p of pages) {
    const mainHtml = archivedRecordHtml(p, { indexRoute: c.route, yearRoute: p.year?.route, year: p.year?.year, levels });
    const r = p.incident;
    // As the application's record page describes it (IncidentRecordPage), marked archived.
    const description = `${r ? `${r.id}: ${r.severity}, ${r.status}` : p.title} (archived record)`;
    write(p.route, { title: p.title, description, mainHtml });
  }
  for (const r of finished) {
    const mainHtml = archivedReportHtml(r, { reportsRoute: PAGE_ROUTES.reports });
    const description = `${reportDescription(r.metrics, r.period)} (archived report)`;
    write(r.route, { title: reportTitle(r.kind, r.period), description, mainHtml });
  }
}

type Actions = Parameters<NonNullable<Plugin<Content>['contentLoaded']>>[0]['actions'];

async function addIncidentRoutes(c: IncidentsContent, actions: Actions): Promise<void> {
  const index = await actions.createData('incidents-index.json', JSON.stringify({ ...c.index, intro: c.intro }));
  actions.addRoute({ path: c.route, component: '@site/src/components/IncidentsIndexPage.tsx', exact: true, modules: { index } });
  for (const y of c.years) {
    const year = await actions.createData(`incidents-year-${y.year}.json`, JSON.stringify(y));
    actions.addRoute({ path: y.route, component: '@site/src/components/IncidentsIndexPage.tsx', exact: true, modules: { index, year } });
  }
  for (const p of c.pages) {
    if (p.archived) continue;
    const name = `incident-page-${p.relPath.replace(/[^A-Za-z0-9_-]+/g, '-')}.json`;
    const record = await actions.createData(name, JSON.stringify(p));
    actions.addRoute({ path: p.route, component: '@site/src/components/IncidentRecordPage.tsx', exact: true, modules: { record } });
  }
}
