/**
 * The one linter object every host uses (CLI, remark plugin, site plugin, incident commands, tests):
 *
 *   const linter = createLinter({ root, rules });
 *   await linter.lintText('runbooks/x.md', text);   // one document, as the build compiles it
 *   await linter.lintFiles(['runbooks/']);           // the CLI: files, data problems and project rules
 *
 * It owns the whole pipeline: load the project once, read each file once (guarded), reuse cached phase-1 results,
 * check the rest (in worker threads when there are many), build the index from summaries, run the cross-document
 * and project rules, and turn data problems into messages.
 */
import { lstatSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { assertUntracked, cacheKey, codeHash, defaultCacheLocation, defaultSummaryLocation, hashBuffer, LintCache, summaryKey } from './cache';
import {
  buildIndex,
  checkIndexed,
  checkLocal,
  checkProject,
  dataMessages,
  discoverFiles,
  finish,
  prepareFile,
  type PrepareOptions,
  relativePath,
  summarize,
  type DocSummary,
  type Env,
  type ParsedDoc,
  type TimeUse,
} from './engine';
import { loadProject, type LoadedProject } from './load';
import { LintPool } from './pool';
import { probesHold, recordProbes } from './probe';
import { digestOfIndex, indexEntryDigest, indexInput, RunCache, summaryDigest, type RunFile, type RunSnapshot } from './run-cache';
import { formatBytes } from './read';
import { ENGINE_RULES, isBuiltinRules, ruleUrl, RuleSet } from './ruleset';
import type { FileResult, Level, LintMessage, LintRule, Project, ProjectIndex, RuleInput } from './types';

export interface LinterOptions {
  /** The project root (the folder with handbook.config.yaml). Give `root` or `project`. */
  root?: string;
  /** An already loaded project. */
  project?: LoadedProject;
  /** The rules to run (the package's `rules`, plus your own). */
  rules: readonly RuleInput[];
  /** Today, for freshness and due dates. Default: HANDBOOK_NOW, else the clock. */
  now?: Date;
  /** Levels from the command line (--rule id=level): they win over the config. */
  ruleLevels?: Record<string, Level>;
  /** Reuse results of unchanged files. `true` uses the default location outside the repository. */
  cache?: boolean | { location?: string };
  /** Worker threads for phase 1; 0 checks in this thread. Default: by the number of files to check. */
  workers?: number;
  /**
   * A module (URL or absolute path) exporting `rules`, for worker threads. Without it, workers run the package's
   * built-in rules, so a linter with other rules checks in this thread.
   */
  rulesModule?: string;
  /** Per-file time budget in worker threads (default: the config's time_budget_ms). */
  timeBudgetMs?: number;
  /** In-memory documents (path relative to the root -> text): when given, these are the project's documents. */
  files?: Record<string, string>;
  /**
   * Keep the summaries of documents a run does not check (linting named paths, the remark plugin) so the next run
   * reads them instead of parsing every document again. Default: on, in the user's cache folder next to the lint
   * cache (never in the repository); `false` turns it off.
   */
  summaryCache?: boolean | { location?: string };
}

/** What a linter did so far (counts since it was created): for tests and the benchmark, never for verdicts. */
export interface LintStats {
  /** Documents read and parsed (in this thread or in workers). */
  parsed: number;
  /** Documents whose document rules ran. */
  checked: number;
  /** Documents whose document-rule results came from the lint cache. */
  fromCache: number;
  /** Documents whose summary (for the index) came from the lint cache or the summary cache without parsing. */
  summariesReused: number;
  /** Documents whose cross-document findings came from the last full run (see plugins/lint/run-cache.ts). */
  indexedReused: number;
}

export interface LintFilesOptions {
  /** 1-based shard index and count: check every n-th file; project rules still see every file. */
  shard?: { index: number; count: number };
}

export interface RuleDescription {
  id: string;
  kind: LintRule['meta']['kind'] | 'engine';
  description: string;
  severity: Level;
  security: boolean;
  url: string;
}

export interface Linter {
  readonly root: string;
  readonly project: Project;
  readonly now: Date;
  /** Every rule and engine check, with its docs URL. */
  describeRules(): RuleDescription[];
  ruleUrl(id: string): string;
  /** Lints one document given as text (path relative to the root, or absolute); `now` overrides today for this call. */
  lintText(filePath: string, text: string, options?: { now?: Date }): Promise<FileResult>;
  /** Lints the named files and folders (default: every document), plus data problems and project rules. */
  lintFiles(paths?: string[], options?: LintFilesOptions): Promise<FileResult[]>;
  /** Data problems and project-rule findings, by file (the site plugin fails the build on errors). */
  projectResults(): Promise<FileResult[]>;
  /** Every document's route, anchors and front matter (cached summaries where possible). */
  index(): Promise<ProjectIndex>;
  /** The documents a lint of these files and folders checks (default: every document), as absolute paths. */
  files(paths?: string[]): Promise<string[]>;
  /**
   * One parsed document (syntax tree, outline), for hosts that render or fix parts of it; `text` instead of the file's.
   * `{ frontMatter: false }`: the tree only (see PrepareOptions).
   */
  parse(filePath: string, text?: string, options?: PrepareOptions): Promise<ParsedDoc>;
  /** Forget the index (documents changed on disk, e.g. while `docusaurus start` runs). */
  invalidate(): void;
  /** Counts of the work done so far. */
  stats(): LintStats;
  /**
   * What JSON.stringify writes for the linter: a name, no project. Docusaurus serialises the site config, plugin
   * options included, into the JavaScript every page loads; the loaded project (data, schemas, paths) must not be.
   */
  toJSON(): string;
}

/** Size, modification time and content hash of a file as checked. */
type Stamp = [number, number, string];
type Phase1 = { messages: LintMessage[]; summary: DocSummary; stamp?: Stamp };

function emptySummary(abs: string, relPath: string): DocSummary {
  return { abs, relPath, frontmatter: {}, anchors: [], links: [], keyPositions: {}, disables: [], fatal: true };
}

/** HANDBOOK_NOW (a date or a timestamp), else the clock. */
export function nowFromEnv(): Date {
  const v = process.env.HANDBOOK_NOW;
  if (!v) return new Date();
  const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T12:00:00Z` : v);
  return Number.isNaN(d.getTime()) ? new Date() : d;
}

interface Read {
  buf?: Buffer;
  problem?: string;
  size?: number;
  mtimeMs?: number;
}

/** stat before reading: symbolic links, FIFOs, devices and oversized files are refused, never opened. */
async function readGuarded(project: Project, abs: string): Promise<Read> {
  if (abs.includes('\uFFFD')) return { problem: 'The file name is not valid UTF-8: rename the file using UTF-8 characters' };
  try {
    const st = await fs.lstat(abs);
    if (st.isSymbolicLink()) return { problem: 'Symbolic link: documents must be regular files in the repository (a link can publish files from outside it)' };
    if (st.isDirectory()) return { problem: 'This is a directory named like a document; rename it or move its files' };
    if (!st.isFile()) return { problem: 'Not a regular file (a device, socket or pipe); only regular files can be documents' };
    if (st.size > project.config.max_file_size) {
      return {
        problem: `File is too large to check (${formatBytes(st.size)}, the limit is ${formatBytes(project.config.max_file_size)}): split it into smaller documents`,
      };
    }
    return { buf: await fs.readFile(abs), size: st.size, mtimeMs: st.mtimeMs };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'EACCES' || code === 'EPERM'
        ? 'permission denied; make it readable (chmod a+r)'
        : code === 'ENOENT'
          ? 'it does not exist (a broken symbolic link?)'
          : code === 'ELOOP'
            ? 'a symbolic link loop'
            : String(code ?? e);
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

const isTimeout = (m: LintMessage) => m.fatal === true && m.ruleId === 'file-read' && /last-resort time limit|ran out of memory/.test(m.message);

export function createLinter(options: LinterOptions): Linter {
  const loaded = options.project ?? loadProject(path.resolve(options.root ?? process.cwd()));
  const { project, dataProblems } = loaded;
  const root = project.root;
  const now = options.now ?? nowFromEnv();
  const ruleLevels = options.ruleLevels ?? {};
  const ruleset = new RuleSet(project, options.rules, ruleLevels);
  const env: Env = { project, rules: ruleset, now };
  const virtual = options.files ? new Map(Object.entries(options.files).map(([rel, text]) => [path.resolve(root, rel), text])) : undefined;

  // The linter's code and rules, for the keys of both caches.
  const engineVersion = codeHash(ruleset.rules, isBuiltinRules(options.rules));
  let cache: LintCache | undefined;
  let runCache: RunCache | undefined;
  if (options.cache && !virtual) {
    const location = (typeof options.cache === 'object' && options.cache.location) || defaultCacheLocation(root);
    assertUntracked(root, path.resolve(root, location));
    const key = cacheKey(project, now, ruleLevels, engineVersion);
    cache = new LintCache(path.resolve(root, location), key);
    // The last run's findings name absolute paths (the look-ups): bound to this root too.
    runCache = new RunCache(path.resolve(root, location), `${key}\0${root}`);
  }

  const abs = (p: string) => path.resolve(root, p);
  const discover = async (paths?: string[]): Promise<string[]> => {
    if (!virtual) return discoverFiles(project, paths);
    const all = [...virtual.keys()].sort();
    if (!paths?.length) return all;
    const wanted = paths.map(abs);
    return all.filter((f) => wanted.some((w) => f === w || f.startsWith(w + path.sep)));
  };

  // Summaries of documents a run does not check, kept between runs (see LinterOptions.summaryCache).
  let summaryCache: LintCache | undefined;
  if (options.summaryCache !== false && !virtual) {
    try {
      const location = path.resolve(root, (typeof options.summaryCache === 'object' && options.summaryCache.location) || defaultSummaryLocation(root));
      assertUntracked(root, location);
      summaryCache = new LintCache(location, summaryKey(project, engineVersion));
    } catch {
      // An unwritable home or a location git tracks: no summary cache, every summary is computed.
      summaryCache = undefined;
    }
  }
  const saveSummaries = () => {
    try {
      summaryCache?.save();
    } catch {
      // A cache that cannot be written only costs time on the next run.
    }
  };

  const stats: LintStats = { parsed: 0, checked: 0, fromCache: 0, summariesReused: 0, indexedReused: 0 };
  const fileRead = (text: string): LintMessage => ({
    ruleId: 'file-read',
    severity: 2,
    message: text,
    line: 1,
    column: 1,
    fatal: true,
    url: ruleUrl(project, 'file-read'),
  });

  /**
   * Phase 1 for files: with `runRules`, the document rules' messages and the summary (from the lint cache, or by
   * checking the file, in workers when there are many); without, only the summary (from either cache, or by parsing).
   */
  async function phase1For(files: string[], runRules: boolean): Promise<Map<string, Phase1>> {
    const out = new Map<string, Phase1>();
    const pending: { abs: string; rel: string; buf: Buffer; hash: string; size?: number; mtimeMs?: number }[] = [];
    const stores = [cache, runRules ? undefined : summaryCache].filter((c): c is LintCache => c !== undefined);
    const reuse = (file: string, hit: { messages: LintMessage[]; summary: DocSummary }, stamp?: Stamp) => {
      out.set(file, { messages: runRules ? hit.messages : [], summary: { ...hit.summary, abs: file }, stamp });
      if (runRules) stats.fromCache++;
      else stats.summariesReused++;
    };
    const READ_CONCURRENCY = 64;
    for (let i = 0; i < files.length; i += READ_CONCURRENCY) {
      await Promise.all(
        files.slice(i, i + READ_CONCURRENCY).map(async (file) => {
          const rel = relativePath(project, file);
          if (virtual?.has(file)) {
            const buf = Buffer.from(virtual.get(file)!);
            pending.push({ abs: file, rel, buf, hash: hashBuffer(buf) });
            return;
          }
          if (stores.length) {
            // Same size and modification time as when the entry was written: not even read.
            try {
              const st = lstatSync(file);
              for (const store of st.isFile() ? stores : []) {
                const hit = store.getByStat(rel, st.size, st.mtimeMs);
                if (hit) return reuse(file, hit, [st.size, st.mtimeMs, hit.hash]);
              }
            } catch {
              // reported by readGuarded below
            }
          }
          const { buf, problem, size, mtimeMs } = await readGuarded(project, file);
          if (!buf) {
            out.set(file, { messages: [fileRead(problem!)], summary: emptySummary(file, rel) });
            return;
          }
          const hash = hashBuffer(buf);
          for (const store of stores) {
            const hit = store.get(rel, hash);
            if (hit) {
              reuse(file, hit, size !== undefined && mtimeMs !== undefined ? [size, mtimeMs, hash] : undefined);
              store.set(rel, { ...hit, size, mtimeMs });
              return;
            }
          }
          pending.push({ abs: file, rel, buf, hash, size, mtimeMs });
        }),
      );
    }
    stats.parsed += pending.length;
    if (runRules) stats.checked += pending.length;
    const budget = options.timeBudgetMs ?? project.config.time_budget_ms;
    // A handful of ordinary files (the usual warm run) is checked here: starting a worker costs more than checking them.
    const small = pending.length <= 16 && pending.every((p) => !looksPathological(p.buf));
    const canUseWorkers = Boolean(options.rulesModule) || isBuiltinRules(options.rules);
    const workers = !canUseWorkers ? 0 : (options.workers ?? (pending.length && !small ? LintPool.defaultSize(pending.length) : 0));
    const inThread = async (p: (typeof pending)[number]): Promise<Phase1> => {
      const doc = await prepareFile(project, p.abs, undefined, p.buf);
      return runRules ? checkLocal(env, doc) : { messages: [], summary: summarize(doc) };
    };
    // In this thread: every file when there are no workers, except (unless `workers: 0` was asked for) those the
    // screen flags as possibly pathological: they go to a worker, whose time budget stops a parse that crawls.
    const here = workers > 0 ? [] : options.workers === 0 ? pending : pending.filter((p) => !looksPathological(p.buf));
    const inHere = new Set(here);
    const there = pending.filter((p) => !inHere.has(p));
    for (const p of here) out.set(p.abs, await inThread(p));
    if (there.length && canUseWorkers) {
      const pool = new LintPool({ root, now, ruleLevels, size: Math.max(1, workers), timeBudgetMs: budget, rulesModule: options.rulesModule });
      try {
        await Promise.all(
          there.map(async (p) => {
            const r = await pool.run(p.abs, p.buf, !runRules);
            if (r.summary) out.set(p.abs, { messages: r.messages, summary: r.summary });
            else {
              const text =
                r.failure === 'timeout'
                  ? `Checking this file took longer than the last-resort time limit (time_budget_ms, ${budget} ms), so it was stopped: this verdict depends on the machine's speed. Simplify or split the document, or lower the deterministic "limits" in handbook.config.yaml so such files are refused before parsing`
                  : r.failure === 'crash'
                    ? `File is too large or too complex to check (the checker ran out of memory or crashed): split it into smaller documents`
                    : `Could not check this file: ${r.error}`;
              out.set(p.abs, { messages: [fileRead(text)], summary: emptySummary(p.abs, p.rel) });
            }
          }),
        );
      } finally {
        await pool.close();
      }
    } else for (const p of there) out.set(p.abs, await inThread(p));
    // Time-outs are not cached: a faster machine may manage the file.
    for (const p of pending) {
      const r = out.get(p.abs)!;
      if (r.messages.some(isTimeout)) continue;
      if (p.size !== undefined && p.mtimeMs !== undefined) r.stamp = [p.size, p.mtimeMs, p.hash];
      if (runRules) cache?.set(p.rel, { hash: p.hash, size: p.size, mtimeMs: p.mtimeMs, ...r });
      // What was checked now is what the next run that does not check it needs.
      if (!virtual) summaryCache?.set(p.rel, { hash: p.hash, size: p.size, mtimeMs: p.mtimeMs, messages: [], summary: r.summary });
    }
    return out;
  }

  let indexMemo: Promise<{ summaries: Map<string, DocSummary>; index: ProjectIndex }> | undefined;
  function summaries(): Promise<{ summaries: Map<string, DocSummary>; index: ProjectIndex }> {
    indexMemo ??= (async () => {
      const files = await discover();
      const p1 = await phase1For(files, false);
      saveSummaries();
      const map = new Map<string, DocSummary>();
      for (const f of files) map.set(f, p1.get(f)!.summary);
      return { summaries: map, index: buildIndex(project, [...map.values()]) };
    })();
    return indexMemo;
  }

  function projectFindings(index: ProjectIndex, time?: TimeUse): Map<string, LintMessage[]> {
    const byFile = dataMessages(project, dataProblems);
    for (const [file, list] of checkProject(env, index, time)) byFile.set(file, [...(byFile.get(file) ?? []), ...list]);
    return byFile;
  }

  const runFile = (r: Phase1, indexed: LintMessage[], usedNow: boolean): RunFile => ({
    rel: r.summary.relPath,
    ...(r.stamp ? { stamp: r.stamp } : {}),
    sum: summaryDigest(r.summary),
    idx: indexEntryDigest(r.summary),
    ...(r.messages.length ? { local: r.messages } : {}),
    ...(indexed.length ? { indexed } : {}),
    ...(usedNow ? { usedNow: true as const } : {}),
  });

  /**
   * A full run after an earlier one (run-cache.ts): the same documents, the same answers to the rules' look-ups, and
   * no changed document whose entry in the index changed. Then only the changed documents are checked, their
   * cross-document rules run again when their summary changed (and those of any document whose rules read the time,
   * when the time moved), and every other finding is the last run's. Anything else: undefined, and a full run.
   */
  async function fromLastRun(all: string[], store: RunCache): Promise<FileResult[] | undefined> {
    const last = store.read();
    if (!last || last.files.length !== all.length) return undefined;
    const rels = all.map((f) => relativePath(project, f));
    if (rels.some((rel, i) => last.files[i].rel !== rel)) return undefined;
    if (!probesHold(last.probes)) return undefined;
    const changed: string[] = [];
    all.forEach((file, i) => {
      const stamp = last.files[i].stamp;
      try {
        const st = stamp && lstatSync(file);
        if (st && st.isFile() && st.size === stamp[0] && st.mtimeMs === stamp[1]) return;
      } catch {
        // gone or unreadable: checked below, like a changed file
      }
      changed.push(file);
    });
    const at = new Map(all.map((f, i) => [f, i]));
    const files = [...last.files];
    const again = new Set<number>();
    const p1 = await phase1For(changed, true);
    for (const file of changed) {
      const i = at.get(file)!;
      const r = p1.get(file)!;
      if (indexEntryDigest(r.summary) !== last.files[i].idx) return undefined;
      const { indexed, usedNow } = last.files[i];
      files[i] = runFile(r, indexed ?? [], usedNow === true);
      if (files[i].sum !== last.files[i].sum) again.add(i);
    }
    const sameTime = last.now === now.toISOString();
    if (!sameTime) last.files.forEach((f, i) => f.usedNow && again.add(i));
    const projectAgain = !sameTime && last.projectUsedNow;
    let projectList = last.project;
    let projectUsedNow = last.projectUsedNow;
    const probes = new Map(last.probes);
    if (again.size || projectAgain) {
      const docs = store.readIndex(last.indexDigest);
      if (!docs) return undefined;
      const index = buildIndex(
        project,
        docs.map((d) => ({ ...d, abs: path.join(root, d.relPath), links: [], keyPositions: {}, disables: [], fatal: false })),
      );
      const unchanged = [...again].map((i) => all[i]).filter((f) => !p1.has(f));
      const more = await phase1For(unchanged, true);
      const rerun = await recordProbes(async () => {
        for (const i of [...again].sort((a, b) => a - b)) {
          const r = p1.get(all[i]) ?? more.get(all[i])!;
          const time: TimeUse = { now: false };
          const indexed = await checkIndexed(env, r.summary, index, time);
          files[i] = runFile(r, indexed, time.now);
        }
        if (projectAgain) {
          const time: TimeUse = { now: false };
          projectList = [...projectFindings(index, time)];
          projectUsedNow = time.now;
        }
      });
      for (const [k, v] of rerun.probes) probes.set(k, v);
    }
    stats.indexedReused += all.length - again.size;
    cache?.save();
    if (changed.length || !sameTime) {
      const touched = [...again, ...changed.map((f) => at.get(f)!)];
      const snapshot = { now: now.toISOString(), indexDigest: last.indexDigest, files, project: projectList, projectUsedNow, probes: [...probes] };
      try {
        store.update(
          snapshot,
          touched,
          projectAgain || probes.size !== last.probes.length || [...probes].some(([k, v], n) => last.probes[n]?.[0] !== k || last.probes[n][1] !== v),
        );
      } catch {
        // Not written: the next run is a full one.
      }
    }
    indexMemo = undefined;
    const results = projectList.map(([file, list]) => finish(path.join(root, file), file, [...list]));
    all.forEach((file, i) => results.push(finish(file, rels[i], [...(files[i].local ?? []), ...(files[i].indexed ?? [])])));
    return results;
  }

  const linter: Linter = {
    root,
    project,
    now,
    ruleUrl: (id) => ruleUrl(project, id),
    describeRules() {
      const rules: RuleDescription[] = ruleset.rules.map((r) => ({
        id: r.meta.id,
        kind: r.meta.kind,
        description: r.meta.description,
        severity: r.meta.severity,
        security: ruleset.isSecurity(r.meta.id),
        url: ruleUrl(project, r.meta.id),
      }));
      const engine: RuleDescription[] = Object.entries(ENGINE_RULES).map(([id, r]) => ({
        id,
        kind: 'engine',
        description: r.description,
        severity: r.level ?? 'error',
        security: false,
        url: ruleUrl(project, id),
      }));
      return [...rules, ...engine];
    },

    async lintText(filePath, text, opts = {}) {
      const file = abs(filePath);
      const callEnv: Env = opts.now ? { ...env, now: opts.now } : env;
      const rel = relativePath(project, file);
      const buf = Buffer.from(text);
      const hash = hashBuffer(buf);
      let local: Phase1 | undefined;
      const hit = opts.now ? undefined : cache?.get(rel, hash);
      if (hit) {
        stats.fromCache++;
        local = { messages: hit.messages, summary: { ...hit.summary, abs: file } };
      } else {
        stats.parsed++;
        stats.checked++;
        local = await checkLocal(callEnv, await prepareFile(project, file, text));
        if (!opts.now) cache?.set(rel, { hash, ...local });
      }
      const { summaries: all, index } = await summaries();
      // The index knows this document as it was on disk; the text given may differ (an editor, a test).
      const known = all.get(file);
      const fresh =
        !known ||
        JSON.stringify(known.anchors) !== JSON.stringify(local.summary.anchors) ||
        JSON.stringify(known.frontmatter) !== JSON.stringify(local.summary.frontmatter);
      const idx = fresh ? buildIndex(project, [...[...all.entries()].filter(([f]) => f !== file).map(([, s]) => s), local.summary]) : index;
      const indexed = await checkIndexed(callEnv, local.summary, idx);
      return finish(file, rel, [...local.messages, ...indexed]);
    },

    async lintFiles(paths, opts = {}) {
      const all = await discover();
      // Every document, with the cache: the last full run may give most of the findings.
      const whole = runCache !== undefined && !paths?.length && !opts.shard;
      if (whole) {
        const warm = await fromLastRun(all, runCache!);
        if (warm) return warm;
      }
      let targets = paths?.length ? await discover(paths) : all;
      if (opts.shard) targets = targets.filter((_, i) => i % opts.shard!.count === opts.shard!.index - 1);
      const wanted = new Set(targets);
      const others = all.filter((f) => !wanted.has(f));
      const p1 = await phase1For(targets, true);
      // Cross-document rules need every document's summary; files not being linted give theirs without rules.
      const rest = await phase1For(others, false);
      const present = new Set([...all, ...targets].map((f) => relativePath(project, f)));
      if (cache) {
        cache.retain(present);
        cache.save();
      }
      // Named paths: the summaries of the other documents are what the next such run reuses.
      if (others.length && summaryCache) {
        summaryCache.retain(present);
        saveSummaries();
      }
      const byFile = new Map([...rest, ...p1]);
      const inAll = new Set(all);
      const index = buildIndex(
        project,
        [...all, ...targets.filter((t) => !inAll.has(t))].map((f) => byFile.get(f)!.summary),
      );
      indexMemo = Promise.resolve({ summaries: new Map([...byFile].map(([f, r]) => [f, r.summary])), index });
      const results: FileResult[] = [];
      const run = { files: [] as RunFile[], project: [] as RunSnapshot['project'], projectUsedNow: false };
      const { probes } = await recordProbes(async () => {
        // Data and project findings once: with shards, only the first shard reports them.
        if (!opts.shard || opts.shard.index === 1) {
          const time: TimeUse = { now: false };
          for (const [file, list] of projectFindings(index, time)) {
            run.project.push([file, [...list]]);
            results.push(finish(path.join(root, file), file, list));
          }
          run.projectUsedNow = time.now;
        }
        for (const file of targets) {
          const r = p1.get(file)!;
          const time: TimeUse = { now: false };
          const indexed = await checkIndexed(env, r.summary, index, time);
          if (whole) run.files.push(runFile(r, indexed, time.now));
          results.push(finish(file, r.summary.relPath, [...r.messages, ...indexed]));
        }
      });
      if (whole) {
        try {
          runCache!.write(
            {
              now: now.toISOString(),
              indexDigest: digestOfIndex(run.files),
              files: run.files,
              project: run.project,
              projectUsedNow: run.projectUsedNow,
              probes: [...probes],
            },
            all.map((f) => indexInput(byFile.get(f)!.summary)),
          );
        } catch {
          // Not written: the next run is a full one.
        }
      }
      return results;
    },

    async projectResults() {
      const { index } = await summaries();
      return [...projectFindings(index)].map(([file, list]) => finish(path.join(root, file), file, list));
    },

    async index() {
      return (await summaries()).index;
    },

    files(paths) {
      return discover(paths);
    },

    async parse(filePath, text, options) {
      const file = abs(filePath);
      return prepareFile(project, file, text ?? virtual?.get(file), undefined, options);
    },

    invalidate() {
      indexMemo = undefined;
    },

    stats() {
      return { ...stats };
    },

    toJSON() {
      return 'handbook linter';
    },
  };
  return linter;
}
