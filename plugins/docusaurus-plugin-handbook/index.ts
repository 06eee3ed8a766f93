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
import { checkProject, prepareFile } from '../lint/engine';
import { session } from '../remark-handbook/session';
import { firstStepsHtml, type BreakGlassEntry } from './break-glass';
import { buildReports, type Dashboard, type Report } from './reports';
import { siteData, type SiteData } from './site-data';

export interface HandbookPluginOptions {
  root?: string;
  failOnError?: boolean;
}

interface Content {
  site: SiteData;
  breakGlass: BreakGlassEntry[];
  dashboard: Dashboard;
  reports: Report[];
  coverage: FrameworkCoverage[];
}

export default function pluginHandbook(context: LoadContext, options: HandbookPluginOptions = {}): Plugin<Content> {
  const root = options.root ?? context.siteDir;
  const failOnError = options.failOnError ?? (process.env.NODE_ENV !== 'development' && process.env.HANDBOOK_LINT !== 'warn');
  return {
    name: 'docusaurus-plugin-handbook',
    getPathsToWatch() {
      return [path.join(root, 'data/**/*.yaml'), path.join(root, 'schemas/*.json'), path.join(root, 'handbook.config.yaml')];
    },
    async loadContent() {
      const s = await session(root);
      const { project, dataProblems } = s.loaded;
      const problems = [...dataProblems.map((p) => ({ ...p, ruleId: 'data-schema' }))];
      for (const [file, messages] of checkProject(project, s.index)) {
        for (const m of messages) if (m.severity === 2) problems.push({ file, message: m.message, at: { start: { line: m.line, column: m.column } }, ruleId: m.ruleId });
      }
      if (problems.length) {
        const text = problems.map((p) => `  ${p.file}:${p.at.start.line}:${p.at.start.column}  error  ${p.message}  (${p.ruleId})`).join('\n');
        if (failOnError) throw new Error(`handbook: the data registries have problems:\n${text}`);
        console.warn(`[handbook] data problems:\n${text}`);
      }
      const fixed = process.env.HANDBOOK_NOW ? new Date(process.env.HANDBOOK_NOW) : undefined;
      const site = siteData(project, s.index, fixed && !Number.isNaN(fixed.getTime()) ? fixed : new Date());
      const breakGlass: BreakGlassEntry[] = [];
      for (const [abs, d] of s.docs) {
        const entry = s.index.byPath.get(path.relative(root, abs).split(path.sep).join('/'));
        if (entry?.type !== 'runbook') continue;
        // Runbooks the lint cache answered for were not parsed: parse them now, for their first steps.
        const doc = d.doc ?? (await prepareFile(project, abs));
        const html = firstStepsHtml(doc, s.index);
        if (html) breakGlass.push({ title: String(entry.frontmatter.title), route: entry.route, alerts: site.runbooks.find((r) => r.route === entry.route)?.alerts ?? [], html });
      }
      breakGlass.sort((a, b) => a.title.localeCompare(b.title));
      const { dashboard, reports } = buildReports(project, s.index);
      return { site, breakGlass, dashboard, reports, coverage: computeCoverage(project, s.index) };
    },
    async postBuild({ outDir }) {
      // /api/*.json and their schemas, for automation that should not scrape HTML.
      const s = await session(root);
      const dir = path.join(outDir, 'api');
      mkdirSync(path.join(dir, 'schemas'), { recursive: true });
      for (const f of apiFiles(s.loaded.project, s.index, context.siteConfig.url)) {
        writeFileSync(path.join(dir, f.name), JSON.stringify(f.data, null, 2) + '\n');
        writeFileSync(path.join(dir, 'schemas', f.schema), readFileSync(path.join(root, 'schemas', f.schema)));
      }
      writeFileSync(path.join(dir, 'schemas', 'defs.schema.json'), readFileSync(path.join(root, 'schemas', 'defs.schema.json')));
      // The auditor export: the same coverage as the /compliance page, as CSV and Markdown.
      const coverage = computeCoverage(s.loaded.project, s.index);
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
