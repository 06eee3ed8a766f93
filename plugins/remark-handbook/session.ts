/** One lint session per build process: the project and the index of every document are loaded once. */
import { statSync } from 'node:fs';
import path from 'node:path';
import { cacheKey, LintCache, type CacheEntry } from '../lint/cache';
import { buildIndex, checkDocument, checkIndexed, discoverFiles, finish, prepareFile, type ParsedDoc } from '../lint/engine';
import { loadProject, type LoadedProject } from '../lint/load';
import { applySuppressions, loadSuppressions, suppressionsPath, type Suppressions } from '../lint/suppressions';
import type { FileResult, ProjectIndex } from '../lint/types';

interface Session {
  loaded: LoadedProject;
  docs: Map<string, { doc?: ParsedDoc; cached?: CacheEntry; mtime: number }>;
  index: ProjectIndex;
  results: Map<string, { mtime: number; result: FileResult }>;
  builtAt: number;
  /** handbook-suppressions.json: the build hides the same errors as `handbook lint`. */
  suppressions: Suppressions;
}

const sessions = new Map<string, Promise<Session>>();
const DEV = () => process.env.NODE_ENV === 'development';

async function open(root: string): Promise<Session> {
  const loaded = loadProject(root);
  const { project } = loaded;
  // Files that `handbook lint --cache` already checked today, unchanged since, are not parsed again.
  const cache = new LintCache(path.join(root, '.handbook-cache', 'lint.json'), cacheKey(project, nowFromEnv()));
  const docs = new Map<string, { doc?: ParsedDoc; cached?: CacheEntry; mtime: number }>();
  for (const abs of await discoverFiles(project)) {
    let size = -1;
    let mtime = -1;
    try {
      const st = statSync(abs);
      size = st.size;
      mtime = st.mtimeMs;
    } catch {
      // reported by prepareFile below
    }
    const cached = cache.getByStat(path.relative(root, abs).split(path.sep).join('/'), size, mtime);
    docs.set(abs, cached ? { cached, mtime } : { doc: await prepareFile(project, abs), mtime });
  }
  const summaries = [...docs.entries()].map(([abs, d]) => (d.cached ? { ...d.cached.summary, abs } : d.doc!));
  return { loaded, docs, index: buildIndex(project, summaries), results: new Map(), builtAt: Date.now(), suppressions: loadSuppressions(suppressionsPath(root)) };
}

function mtimeOf(abs: string): number {
  try {
    return statSync(abs).mtimeMs;
  } catch {
    return -1;
  }
}

export async function session(root: string): Promise<Session> {
  // In development files change under us: reload the project (cheap: data and an index of headings) when it is stale.
  const current = sessions.get(root);
  if (current && DEV()) {
    const s = await current;
    if (Date.now() - s.builtAt > 2000) sessions.delete(root);
  }
  if (!sessions.has(root)) sessions.set(root, open(root));
  return sessions.get(root)!;
}

export async function lintForBuild(root: string, absPath: string): Promise<FileResult | undefined> {
  const s = await session(root);
  const abs = path.resolve(absPath);
  const inRoots = s.loaded.project.config.roots.some((r) => abs.startsWith(path.join(s.loaded.project.root, r.path) + path.sep));
  if (!inRoots) return undefined;
  const mtime = mtimeOf(abs);
  const cached = s.results.get(abs);
  if (cached && cached.mtime === mtime) return cached.result; // the client and server bundles compile each file once each
  let entry = s.docs.get(abs);
  if (!entry || entry.mtime !== mtime) {
    entry = { doc: await prepareFile(s.loaded.project, abs), mtime };
    s.docs.set(abs, entry);
  }
  const opts = { now: nowFromEnv() };
  const checked = entry.cached
    ? finish(abs, entry.cached.summary.relPath, [...entry.cached.messages, ...(await checkIndexed(s.loaded.project, { ...entry.cached.summary, abs }, s.index, opts))])
    : await checkDocument(s.loaded.project, entry.doc!, s.index, opts);
  const result = applySuppressions([checked], s.suppressions).results[0];
  s.results.set(abs, { mtime, result });
  return result;
}

export function nowFromEnv(): Date {
  const v = process.env.HANDBOOK_NOW;
  if (!v) return new Date();
  const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T12:00:00Z` : v);
  return Number.isNaN(d.getTime()) ? new Date() : d;
}

export function formatMessages(result: FileResult): string {
  return result.messages
    .map((m) => `  ${result.relPath}:${m.line}:${m.column}  ${m.severity === 2 ? 'error' : 'warning'}  ${m.message}  (${m.ruleId})`)
    .join('\n');
}
