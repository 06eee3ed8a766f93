import { buildIndex, discoverFiles, prepareFile } from '../../plugins/lint/engine';
import { ConfigError, findRoot, loadProject, type LoadedProject } from '../../plugins/lint/load';
import type { Project, ProjectIndex } from '../../plugins/lint/types';
import { parseInstant } from './args';
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

/** --now / HANDBOOK_NOW: a real calendar date (YYYY-MM-DD, taken at noon UTC) or an ISO timestamp with a zone. */
export function parseNow(value: string | undefined): Date {
  const v = value ?? process.env.HANDBOOK_NOW;
  if (!v) return new Date();
  return parseInstant(v, value !== undefined ? '--now' : 'HANDBOOK_NOW');
}

/** Every document's front matter, route and anchors: what the incident, metrics, export and coverage commands read. */
export async function loadIndex(project: Project): Promise<ProjectIndex> {
  const docs = await Promise.all((await discoverFiles(project)).map((f) => prepareFile(project, f)));
  return buildIndex(project, docs);
}
