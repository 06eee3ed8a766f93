/** Facts about the handbook the browser tests need, read from the repository rather than typed again. */
import { readdirSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import path from 'node:path';
import { parseFrontMatter } from '../../plugins/lint/frontmatter';

const ROOT = path.resolve(__dirname, '../..');

export function frontMatterOf(rel: string): Record<string, any> {
  return parseFrontMatter(readFileSync(path.join(ROOT, rel), 'utf8')).data;
}

export const RUNBOOK_FILE = 'runbooks/database-connection-failure.md';
export const RUNBOOK_ROUTE = '/runbooks/database-connection-failure';
export const QUIZ_FILE = 'docs/training/responder-fundamentals.mdx';
export const QUIZ_ROUTE = '/training/responder-fundamentals';
export const EXERCISE_FILE = 'docs/exercises/database-failover.mdx';
export const EXERCISE_ROUTE = '/exercises/database-failover';

/** A data/<name>.yaml registry, parsed. */
export function dataOf(name: string): any {
  return parse(readFileSync(path.join(ROOT, 'data', `${name}.yaml`), 'utf8'));
}

export interface RunbookFacts {
  file: string;
  route: string;
  title: string;
  alerts: string[];
  services: string[];
  severities: string[];
  incidentTypes: string[];
}

/** Every runbook with the alerts, services and severities its front matter lists. */
export function runbooks(): RunbookFacts[] {
  return readdirSync(path.join(ROOT, 'runbooks'))
    .filter((f) => /\.mdx?$/.test(f))
    .map((f) => ({ f, fm: frontMatterOf(`runbooks/${f}`) }))
    .filter(({ fm }) => fm.type === 'runbook')
    .map(({ f, fm }) => ({
      file: `runbooks/${f}`,
      route: typeof fm.slug === 'string' ? `/runbooks/${fm.slug.replace(/^\//, '')}` : `/runbooks/${f.replace(/\.mdx?$/, '')}`,
      title: String(fm.title),
      alerts: (fm.alerts ?? []) as string[],
      services: (fm.services ?? []) as string[],
      severities: (fm.severities ?? []) as string[],
      incidentTypes: (fm.incident_types ?? []) as string[],
    }));
}
