/**
 * The CLI's lint run: discover files, read each once (with size and type guards), reuse cached phase-1 results,
 * check the rest in worker threads with a per-file time budget, then run the index and project rules.
 */
import { lstatSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { cacheKey, hashBuffer, LintCache, type CacheEntry } from './cache';
import { checkIndexed, checkLocal, checkProject, discoverFiles, finish, prepareFromBuffer, relativePath, ruleUrl, buildIndex, type DocSummary, type LintOptions } from './engine';
import { LintPool } from './pool';
import { formatBytes } from './read';
import type { FileResult, LintMessage, Project, ProjectProblem } from './types';

export interface RunOptions extends LintOptions {
  now: Date;
  cache?: boolean;
  cacheLocation?: string;
  /** 1-based shard index and shard count: check every n-th file; project rules still see every file. */
  shard?: { index: number; count: number };
  /** Worker threads: 0 runs in this thread (no time budget). Default: by the number of files. */
  workers?: number;
  timeBudgetMs?: number;
}

function fatal(project: Project, relPath: string, ruleId: string, text: string): LintMessage {
  return { ruleId, severity: 2, message: text, line: 1, column: 1, fatal: true, url: ruleUrl(project, ruleId) };
}

function emptySummary(abs: string, relPath: string): DocSummary {
  return { abs, relPath, frontmatter: {}, anchors: [], links: [], keyPositions: {}, disables: [], fatal: true };
}

type Phase1 = { messages: LintMessage[]; summary: DocSummary };

interface Read {
  buf?: Buffer;
  problem?: string;
  size?: number;
  mtimeMs?: number;
  /** Set when the cache already holds this file (same size and modification time): it was not read. */
  cached?: CacheEntry;
}

async function readGuarded(project: Project, abs: string, cache?: LintCache, rel?: string): Promise<Read> {
  if (abs.includes('\uFFFD')) return { problem: 'The file name is not valid UTF-8: rename the file using UTF-8 characters' };
  try {
    const lst = await fs.lstat(abs);
    if (lst.isSymbolicLink()) {
      return { problem: 'Symbolic link: documents must be regular files in the repository (a link can publish files from outside it)' };
    }
    const st = lst;
    if (cache && rel && st.isFile()) {
      const hit = cache.getByStat(rel, st.size, st.mtimeMs);
      if (hit) return { cached: hit };
    }
    if (st.isDirectory()) return { problem: 'This is a directory named like a document; rename it or move its files' };
    if (!st.isFile()) return { problem: 'Not a regular file (a device, socket or pipe); only regular files can be documents' };
    if (st.size > project.config.max_file_size) {
      return { problem: `File is too large to check (${formatBytes(st.size)}, the limit is ${formatBytes(project.config.max_file_size)}): split it into smaller documents` };
    }
    return { buf: await fs.readFile(abs), size: st.size, mtimeMs: st.mtimeMs };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'EACCES' || code === 'EPERM' ? 'permission denied; make it readable (chmod a+r)' : code === 'ENOENT' ? 'it does not exist (a broken symbolic link?)' : code === 'ELOOP' ? 'a symbolic link loop' : String(code ?? e);
    return { problem: `Cannot read file: ${why}` };
  }
}

/**
 * A cheap screen for inputs known to make Markdown parsers crawl (deep nesting, huge lines, masses of brackets,
 * emphasis markers or link definitions). Only files that pass it may be checked without a worker's time budget.
 */
export function looksPathological(buf: Buffer): boolean {
  if (buf.length > 256 * 1024) return true;
  let line = 0;
  let brackets = 0;
  let emphasis = 0;
  let lt = 0;
  let lineStart = true;
  let indent = 0;
  for (let i = 0; i < buf.length; i++) {
    const c = buf[i];
    if (c === 10) {
      line = 0;
      lineStart = true;
      indent = 0;
      continue;
    }
    if (++line > 10_000) return true;
    if (lineStart) {
      if (c === 32 || c === 62 || c === 45 || c === 42 || c === 9) {
        if (++indent > 120) return true;
      } else lineStart = false;
    }
    if (c === 91 || c === 40) brackets++;
    else if (c === 42 || c === 95) emphasis++;
    else if (c === 60) lt++;
  }
  return brackets > 8000 || emphasis > 20_000 || lt > 8000;
}

export async function runLint(project: Project, dataProblems: ProjectProblem[], paths: string[] | undefined, opts: RunOptions): Promise<FileResult[]> {
  const all = await discoverFiles(project);
  let targets = paths?.length ? await discoverFiles(project, paths) : all;
  if (opts.shard) targets = targets.filter((_, i) => i % opts.shard!.count === opts.shard!.index - 1);
  const wanted = new Set(targets);
  const files = [...new Set([...all, ...targets])];
  const cache = opts.cache ? new LintCache(opts.cacheLocation ?? path.join(project.root, '.handbook-cache', 'lint.json'), cacheKey(project, opts.now, opts.ruleLevels)) : undefined;
  const budget = opts.timeBudgetMs ?? project.config.time_budget_ms;

  const phase1 = new Map<string, Phase1>();
  const pending: { abs: string; rel: string; buf: Buffer; hash: string; size?: number; mtimeMs?: number }[] = [];
  // Reading is I/O bound: a bounded number of reads in flight.
  const READ_CONCURRENCY = 64;
  for (let i = 0; i < files.length; i += READ_CONCURRENCY) {
    await Promise.all(
      files.slice(i, i + READ_CONCURRENCY).map(async (abs) => {
        const rel = relativePath(project, abs);
        const { buf, problem, cached, size, mtimeMs } = await readGuarded(project, abs, cache, rel);
        if (cached) {
          phase1.set(abs, { messages: cached.messages, summary: { ...cached.summary, abs } });
          return;
        }
        if (!buf) {
          phase1.set(abs, { messages: [fatal(project, rel, 'file-read', problem!)], summary: emptySummary(abs, rel) });
          return;
        }
        const hash = hashBuffer(buf);
        const hit = cache?.get(rel, hash);
        if (hit) {
          phase1.set(abs, { messages: hit.messages, summary: { ...hit.summary, abs } });
          cache!.set(rel, { ...hit, size, mtimeMs });
        } else pending.push({ abs, rel, buf, hash, size, mtimeMs });
      }),
    );
  }

  // A handful of ordinary files (the usual warm run) is checked here: starting a worker costs more than checking them.
  const small = pending.length <= 16 && pending.every((p) => !looksPathological(p.buf));
  const workers = opts.workers ?? (pending.length && !small ? LintPool.defaultSize(pending.length) : 0);
  if (workers === 0) {
    for (const p of pending) phase1.set(p.abs, await checkLocal(project, await prepareFromBuffer(project, p.abs, p.buf), opts));
  } else if (pending.length) {
    const pool = new LintPool({ root: project.root, now: opts.now, ruleLevels: opts.ruleLevels, size: workers, timeBudgetMs: budget });
    try {
      await Promise.all(
        pending.map(async (p) => {
          const r = await pool.run(p.abs, p.buf);
          if (r.summary) phase1.set(p.abs, { messages: r.messages, summary: r.summary });
          else {
            const text =
              r.failure === 'timeout'
                ? `Checking this file took longer than the last-resort time limit (time_budget_ms, ${budget} ms), so it was stopped: this verdict depends on the machine's speed. Simplify or split the document, or lower the deterministic "limits" in handbook.config.yaml so such files are refused before parsing`
                : r.failure === 'crash'
                  ? `File is too large or too complex to check (the checker ran out of memory or crashed): split it into smaller documents`
                  : `Could not check this file: ${r.error}`;
            phase1.set(p.abs, { messages: [fatal(project, p.rel, 'file-read', text)], summary: emptySummary(p.abs, p.rel) });
          }
        }),
      );
    } finally {
      await pool.close();
    }
  }
  if (cache) {
    for (const p of pending) {
      const r = phase1.get(p.abs)!;
      // Time-outs are not cached: a faster machine may manage the file.
      if (!r.messages.some((m) => m.fatal && m.ruleId === 'file-read' && /last-resort time limit|ran out of memory/.test(m.message))) {
        cache.set(p.rel, { hash: p.hash, size: p.size, mtimeMs: p.mtimeMs, ...r });
      }
    }
    cache.retain(new Set(files.map((f) => relativePath(project, f))));
    cache.save();
  }

  const index = buildIndex(project, files.map((f) => phase1.get(f)!.summary));
  const results: FileResult[] = [];
  const dataByFile = new Map<string, LintMessage[]>();
  for (const p of dataProblems) {
    const list = dataByFile.get(p.file) ?? [];
    list.push({ ruleId: 'data-schema', severity: 2, message: p.message, line: p.at.start.line, column: p.at.start.column, url: ruleUrl(project, 'data-schema') });
    dataByFile.set(p.file, list);
  }
  // Project rules report on data files; with shards only the first shard reports them, so they appear once.
  if (!opts.shard || opts.shard.index === 1) {
    for (const [file, list] of checkProject(project, index, opts)) dataByFile.set(file, [...(dataByFile.get(file) ?? []), ...list]);
  } else dataByFile.clear();
  for (const [file, list] of dataByFile) results.push(finish(path.join(project.root, file), file, list));
  for (const abs of targets) {
    if (!wanted.has(abs)) continue;
    const r = phase1.get(abs)!;
    const indexed = await checkIndexed(project, r.summary, index, opts);
    results.push(finish(abs, r.summary.relPath, [...r.messages, ...indexed]));
  }
  return results;
}
