import { buildIndex, discoverFiles, prepareFile } from '../../plugins/lint/engine';
import { ConfigError, findRoot, loadProject, type LoadedProject } from '../../plugins/lint/load';
import type { Project, ProjectIndex } from '../../plugins/lint/types';
import { UsageError } from './errors';

export function openProject(cwd = process.cwd()): LoadedProject {
  const root = findRoot(cwd);
  if (!root) throw new UsageError(`no handbook.config.yaml in ${cwd} or any folder above it: run handbook from the handbook repository`);
  try {
    return loadProject(root);
  } catch (e) {
    if (e instanceof ConfigError) throw new UsageError(`configuration error: ${e.message}`);
    throw e;
  }
}

/** --now / HANDBOOK_NOW: a date (YYYY-MM-DD) or a timestamp. */
export function parseNow(value: string | undefined): Date {
  const v = value ?? process.env.HANDBOOK_NOW;
  if (!v) return new Date();
  const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T12:00:00Z` : v);
  if (Number.isNaN(d.getTime())) throw new UsageError(`--now needs a date like 2026-11-23, got "${v}"`);
  return d;
}

/** Every document's front matter, route and anchors: what the incident, metrics, export and coverage commands read. */
export async function loadIndex(project: Project): Promise<ProjectIndex> {
  const docs = await Promise.all((await discoverFiles(project)).map((f) => prepareFile(project, f)));
  return buildIndex(project, docs);
}
