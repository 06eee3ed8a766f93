/**
 * Loads data/ and the document index once, checks the project-wide rules, and hands the registries
 * to theme components through global data (usePluginData('docusaurus-plugin-handbook')).
 */
import path from 'node:path';
import type { LoadContext, Plugin } from '@docusaurus/types';
import { checkProject } from '../lint/engine';
import { session } from '../remark-handbook/session';
import { siteData, type SiteData } from './site-data';

export interface HandbookPluginOptions {
  root?: string;
  failOnError?: boolean;
}

export default function pluginHandbook(context: LoadContext, options: HandbookPluginOptions = {}): Plugin<SiteData> {
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
      return siteData(project, s.index);
    },
    async contentLoaded({ content, actions }) {
      actions.setGlobalData(content);
    },
  };
}
