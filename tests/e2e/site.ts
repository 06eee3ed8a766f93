/** Facts about the handbook the browser tests need, read from the repository rather than typed again. */
import { readFileSync } from 'node:fs';
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
