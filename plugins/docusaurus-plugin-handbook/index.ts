/**
 * Loads data/ and the document index once, checks the project-wide rules, and hands the registries
 * to theme components through global data (usePluginData('docusaurus-plugin-handbook')).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { apiFiles } from '../lib/exports';
import { computeCoverage, type FrameworkCoverage } from '../lib/coverage';
import { coverageCsv, coverageMarkdown } from '../lib/coverage-format';
import type { LoadContext, Plugin } from '@docusaurus/types';
import type { Linter } from '../lint/linter';
import { firstStepsHtml, type BreakGlassEntry } from './break-glass';
import { buildReports, type Dashboard, type Report } from './reports';
import { siteData, type SiteData } from './site-data';

export interface HandbookPluginOptions {
  /** The linter created in docusaurus.config.ts (the remark plugin uses the same one). */
  linter: Linter;
  failOnError?: boolean;
}

/** Docusaurus calls this with the options from docusaurus.config.ts before the plugin starts. */
export function validateOptions({ options }: { options: unknown }): HandbookPluginOptions {
  const o = (options ?? {}) as Record<string, unknown>;
  const problems: string[] = [];
  for (const k of Object.keys(o)) if (k !== 'linter' && k !== 'failOnError' && k !== 'id') problems.push(`unknown option "${k}"`);
  const linter = o.linter as Partial<Linter> | undefined;
  if (!linter || typeof linter.projectResults !== 'function') problems.push('"linter" is required: the object createLinter() returned in docusaurus.config.ts');
  if (o.failOnError !== undefined && typeof o.failOnError !== 'boolean') problems.push('"failOnError" must be true or false');
  if (problems.length) throw new Error(`docusaurus-plugin-handbook: ${problems.join('; ')}`);
  // Docusaurus expects the plugin id back (it names the plugin's data folder).
  return { id: 'default', ...o } as unknown as HandbookPluginOptions;
}

interface Content {
  site: SiteData;
  breakGlass: BreakGlassEntry[];
  dashboard: Dashboard;
  reports: Report[];
  coverage: FrameworkCoverage[];
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
      const problems = (await linter.projectResults()).flatMap((r) => r.messages.filter((m) => m.severity === 2).map((m) => `  ${r.relPath}:${m.line}:${m.column}  error  ${m.message}  (${m.ruleId})`));
      if (problems.length) {
        const text = problems.join('\n');
        if (failOnError) throw new Error(`handbook: the data registries have problems:\n${text}`);
        console.warn(`[handbook] data problems:\n${text}`);
      }
      const site = siteData(project, index);
      const breakGlass: BreakGlassEntry[] = [];
      for (const entry of index.byPath.values()) {
        if (entry.type !== 'runbook') continue;
        const html = firstStepsHtml(await linter.parse(entry.relPath), index);
        if (html) breakGlass.push({ title: String(entry.frontmatter.title), route: entry.route, alerts: site.runbooks.find((r) => r.route === entry.route)?.alerts ?? [], html });
      }
      breakGlass.sort((a, b) => a.title.localeCompare(b.title));
      const { dashboard, reports } = buildReports(project, index);
      return { site, breakGlass, dashboard, reports, coverage: computeCoverage(project, index) };
    },
    async postBuild({ outDir }) {
      // /api/*.json and their schemas, for automation that should not scrape HTML.
      const index = await linter.index();
      const dir = path.join(outDir, 'api');
      mkdirSync(path.join(dir, 'schemas'), { recursive: true });
      for (const f of apiFiles(linter.project, index, context.siteConfig.url)) {
        writeFileSync(path.join(dir, f.name), JSON.stringify(f.data, null, 2) + '\n');
        writeFileSync(path.join(dir, 'schemas', f.schema), readFileSync(path.join(root, 'schemas', f.schema)));
      }
      writeFileSync(path.join(dir, 'schemas', 'defs.schema.json'), readFileSync(path.join(root, 'schemas', 'defs.schema.json')));
      // The auditor export: the same coverage as the /compliance page, as CSV and Markdown.
      const coverage = computeCoverage(linter.project, index);
      mkdirSync(path.join(outDir, 'compliance'), { recursive: true });
      writeFileSync(path.join(outDir, 'compliance', 'coverage.csv'), coverageCsv(coverage, context.siteConfig.url));
      writeFileSync(path.join(outDir, 'compliance', 'coverage.md'), coverageMarkdown(coverage, context.siteConfig.url));
      writeFileSync(path.join(dir, 'coverage.json'), JSON.stringify(coverage, null, 2) + '\n');
    },
    async contentLoaded({ content, actions }) {
      actions.setGlobalData(content.site);
      const breakGlass = await actions.createData('break-glass.json', JSON.stringify(content.breakGlass));
      actions.addRoute({ path: '/break-glass', component: '@site/src/components/BreakGlassPage.tsx', exact: true, modules: { entries: breakGlass } });
      const dashboard = await actions.createData('dashboard.json', JSON.stringify(content.dashboard));
      actions.addRoute({ path: '/incidents/dashboard', component: '@site/src/components/DashboardPage.tsx', exact: true, modules: { dashboard } });
      actions.addRoute({ path: '/incidents/reports', component: '@site/src/components/ReportsIndexPage.tsx', exact: true, modules: { dashboard } });
      for (const report of content.reports) {
        const data = await actions.createData(`report-${report.kind}-${report.period}.json`, JSON.stringify(report));
        actions.addRoute({ path: report.route, component: '@site/src/components/ReportPage.tsx', exact: true, modules: { report: data } });
      }
      const coverage = await actions.createData('coverage.json', JSON.stringify(content.coverage));
      actions.addRoute({ path: '/compliance', component: '@site/src/components/CompliancePage.tsx', exact: true, modules: { coverage } });
      // /runbooks/alert/<AlertName> forwards to the runbook that lists the alert, so alert rules can carry a runbook_url.
      for (const runbook of content.site.runbooks) {
        for (const alert of runbook.alerts) {
          const target = await actions.createData(`alert-${alert}.json`, JSON.stringify({ alert, route: runbook.route, title: runbook.title }));
          actions.addRoute({ path: `/runbooks/alert/${alert}`, component: '@site/src/components/AlertRedirect.tsx', exact: true, modules: { target } });
        }
      }
    },
  };
}
