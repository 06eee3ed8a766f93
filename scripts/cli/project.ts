import path from 'node:path';
import { assertUntracked, defaultCacheLocation } from '../../plugins/lint/cache';
import { createLinter, type Linter, type LinterOptions } from '../../plugins/lint/linter';
import { ConfigError, findRoot, loadProject, type LoadedProject } from '../../plugins/lint/load';
import { rules } from '../../plugins/lint/rules/index';
import type { Project, ProjectIndex } from '../../plugins/lint/types';
import { parseInstant } from './args';
import { UsageError } from './errors';
import { normaliseSiteUrl, siteLocation, SiteUrlError } from '../../plugins/lib/site-url';

/** `memo`: keep what loading computed in the user's cache folder for the next load (`lint --cache`). */
export function openProject(cwd = process.cwd(), options: { memo?: boolean } = {}): LoadedProject {
  const root = findRoot(cwd);
  if (!root) throw new UsageError(`no handbook.config.yaml in ${cwd} or any folder above it: run handbook from the handbook repository`);
  try {
    return loadProject(root, options.memo ? { memo: memoLocation(root) } : {});
  } catch (e) {
    if (e instanceof ConfigError) throw new UsageError(`configuration error: ${e.message}`);
    throw e;
  }
}

function memoLocation(root: string): string | undefined {
  const location = path.join(path.dirname(defaultCacheLocation(root)), 'project.json');
  try {
    assertUntracked(root, location);
    return location;
  } catch {
    return undefined; // a cache folder git tracks: nothing is kept there
  }
}

/** The linter of the project around cwd, with the built-in rules. Configuration errors become usage errors (exit 2). */
export function openLinter(options: Omit<LinterOptions, 'rules' | 'project' | 'root'> & { cwd?: string; project?: LoadedProject } = {}): Linter {
  const project = options.project ?? openProject(options.cwd);
  try {
    return createLinter({ ...options, project, rules });
  } catch (e) {
    if (e instanceof ConfigError) throw new UsageError(`configuration error: ${e.message}`);
    throw e;
  }
}

/** --now / HANDBOOK_NOW: a real calendar date (YYYY-MM-DD, taken at noon UTC) or an ISO timestamp with a zone. */
export function parseNow(value: string | undefined): Date {
  const v = value ?? process.env.HANDBOOK_NOW;
  if (!v) return new Date();
  return parseInstant(v, value !== undefined ? '--now' : 'HANDBOOK_NOW');
}

/** Every document's front matter, route and anchors: what the incident, metrics, export and coverage commands read. */
export async function loadIndex(project: Project): Promise<ProjectIndex> {
  return openLinter({ project: { project, dataProblems: [] } }).index();
}

/**
 * The handbook's published address for links in what a command writes: --site-url when given, else HANDBOOK_SITE_URL,
 * else `site_url` in handbook.config.yaml; undefined when none is set (links are then relative to the site).
 */
export function siteUrlFor(project: Project, flag: string | undefined): string | undefined {
  try {
    if (flag !== undefined && flag !== '') return normaliseSiteUrl(flag, '--site-url');
    return siteLocation(project.config.site_url).url;
  } catch (e) {
    if (e instanceof SiteUrlError) throw new UsageError(e.message);
    throw e;
  }
}
