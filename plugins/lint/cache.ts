/**
 * The lint cache: phase-1 results per file, keyed by a hash of the file and of everything else that decides them
 * (package version, the rules' code, config, schemas, data, the day, rule levels) and bound to a machine key kept
 * outside the repository, so a cache committed to (or planted in) the checked-out tree is never trusted.
 */
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, writeFileSync, existsSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeFileAtomic } from '../lib/write-atomic';
import { ConfigError } from './errors';
import { codeDir } from './code-dir';
import { packageVersion } from './version';
import type { DocSummary } from './engine';
import type { Level, LintMessage, LintRule, Project } from './types';

const VERSION = 9;

/** Where caches live by default: the user's cache folder (XDG), never the repository. */
export function cacheHome(): string {
  const xdg = process.env.XDG_CACHE_HOME;
  const base = xdg && path.isAbsolute(xdg) ? xdg : path.join(os.homedir() || os.tmpdir(), '.cache');
  return path.join(base, 'incident-handbook');
}

/** The default cache location of a project: one folder per project root under cacheHome(). */
export function defaultCacheLocation(root: string): string {
  const id = createHash('sha1').update(path.resolve(root)).digest('hex').slice(0, 16);
  return path.join(cacheHome(), id, 'lint.json');
}

/**
 * Where the summaries of a project's documents live by default (next to its lint cache): what cross-document and
 * project rules need from the documents a run does not check (linting named paths, the remark plugin).
 */
export function defaultSummaryLocation(root: string): string {
  return path.join(path.dirname(defaultCacheLocation(root)), 'summaries.json');
}

let machineKeyMemo: string | undefined;
/** A random key created once per user and machine, outside any repository (mode 0600). */
export function machineKey(): string {
  if (machineKeyMemo) return machineKeyMemo;
  const file = path.join(cacheHome(), 'machine-key');
  try {
    machineKeyMemo = readFileSync(file, 'utf8').trim();
  } catch {
    mkdirSync(path.dirname(file), { recursive: true });
    const key = randomBytes(32).toString('hex');
    try {
      writeFileSync(file, key, { mode: 0o600, flag: 'wx' });
      machineKeyMemo = key;
    } catch {
      machineKeyMemo = readFileSync(file, 'utf8').trim(); // another process wrote it first
    }
  }
  return machineKeyMemo;
}

/**
 * Refuses a cache location inside a folder that git tracks files in: results from the checked-out tree are
 * never trusted. Outside a git repository (or without git) there is nothing to check.
 */
export function assertUntracked(root: string, location: string): void {
  const dir = path.resolve(path.dirname(location));
  const rel = path.relative(root, dir);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return;
  let tracked = '';
  try {
    tracked = execFileSync('git', ['ls-files', '--', rel || '.'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return;
  }
  if (tracked.trim() && (rel === '' || tracked.split('\n').some((f) => f.startsWith(rel.split(path.sep).join('/') + '/')))) {
    throw new ConfigError(
      `cache location ${location} is in a folder tracked by git (${rel || '.'}): a cache from the checked-out tree is never trusted; use a folder outside the repository (the default) or one git ignores`,
    );
  }
}

let codeMemo: string | undefined;
function hashCodeDir(dir: string, h: ReturnType<typeof createHash>) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
    const p = path.join(dir, e.name);
    // A dist/ under the sources is the package built from them (megabytes): the sources already decide the code.
    if (e.isDirectory()) {
      if (e.name !== 'dist') hashCodeDir(p, h);
    } else if (/\.(ts|mts|js|mjs|cjs|json)$/.test(e.name) && statSync(p).size < 4 * 1024 * 1024) h.update(e.name).update(readFileSync(p));
  }
}

/**
 * A hash of the linter's own code and of the rules' code. The package's own rules are files in that code; rules
 * from elsewhere (`builtin` false) add their functions' text, which differs between compilers, so it is left out
 * for the package's rules.
 */
export function codeHash(rules: readonly LintRule[], builtin = false): string {
  if (!codeMemo) {
    const h = createHash('sha1');
    try {
      hashCodeDir(codeDir(), h);
    } catch {
      // No file URL (an unusual loader): the rules' code below still changes the key.
    }
    codeMemo = h.digest('base64');
  }
  const h = createHash('sha1').update(packageVersion()).update(codeMemo);
  for (const r of rules) {
    h.update(r.meta.id).update(JSON.stringify(r.meta.messages));
    if (!builtin) h.update(String(r.check));
  }
  return h.digest('base64');
}

export interface CacheEntry {
  hash: string;
  /** Size and modification time when the entry was written: when both match, the file is not even read. */
  size?: number;
  mtimeMs?: number;
  messages: LintMessage[];
  summary: DocSummary;
}

interface CacheFile {
  version: number;
  key: string;
  entries: Record<string, CacheEntry>;
}

export function hashBuffer(buf: Uint8Array): string {
  return createHash('sha1').update(buf).digest('base64');
}

function hashFolder(root: string, rel: string, h: ReturnType<typeof createHash>) {
  const dir = path.join(root, rel);
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (/\.(ya?ml|json)$/.test(name)) h.update(name).update(readFileSync(p));
    else if (!name.includes('.')) hashFolder(root, path.join(rel, name), h);
  }
}

/**
 * Everything besides the file itself that phase-1 results depend on: cache format, package version, the code of
 * the engine and rules, config, schemas, data, the day, rule levels; and the machine key.
 */
export function cacheKey(project: Project, now: Date, ruleLevels: Record<string, Level> = {}, engineVersion = ''): string {
  const h = createHash('sha1');
  h.update(String(VERSION)).update(machineKey()).update(engineVersion).update(JSON.stringify(project.config)).update(JSON.stringify(ruleLevels));
  h.update(now.toISOString().slice(0, 10));
  hashFolder(project.root, 'schemas', h);
  hashFolder(project.root, 'data', h);
  return h.digest('base64');
}

/**
 * The key of the summary cache: like cacheKey, without the day and the rule levels (a document's summary depends on
 * its text, the code, config, schemas and data only).
 */
export function summaryKey(project: Project, engineVersion = ''): string {
  const h = createHash('sha1');
  h.update(`summaries-${VERSION}`).update(machineKey()).update(engineVersion).update(JSON.stringify(project.config));
  hashFolder(project.root, 'schemas', h);
  hashFolder(project.root, 'data', h);
  return h.digest('base64');
}

const SHARDS = 32;

function shardOf(relPath: string): number {
  let h = 2166136261;
  for (let i = 0; i < relPath.length; i++) h = Math.imul(h ^ relPath.charCodeAt(i), 16777619);
  return (h >>> 0) % SHARDS;
}

/**
 * The cache is split into shards (<location>.0 ... <location>.31) so a run that changes one file rewrites one
 * small shard instead of the whole cache, and reads only the shards of the files it looks up.
 */
export class LintCache {
  private shards = new Map<number, Map<string, CacheEntry>>();
  /** Entries set before their shard was read; they win over what the shard holds, as later writes do. */
  private early = new Map<number, Map<string, CacheEntry>>();
  private dirty = new Set<number>();

  constructor(
    private file: string,
    private key: string,
  ) {}

  /**
   * A shard is read on first use, not by the constructor: a run that only writes to a cache it never saves (the
   * summary cache during a full run) does not read it at all.
   */
  private shard(i: number): Map<string, CacheEntry> {
    const known = this.shards.get(i);
    if (known) return known;
    const entries = new Map<string, CacheEntry>();
    try {
      const data = JSON.parse(readFileSync(`${this.file}.${i}`, 'utf8')) as CacheFile;
      if (data.version === VERSION && data.key === this.key) for (const [k, e] of Object.entries(data.entries)) entries.set(k, e);
    } catch {
      // No shard yet, or an unreadable one: those files are checked again.
    }
    for (const [k, e] of this.early.get(i) ?? []) entries.set(k, e);
    this.early.delete(i);
    this.shards.set(i, entries);
    return entries;
  }

  /** The entry for an unchanged file, judged by size and modification time alone (like ESLint's metadata strategy). */
  getByStat(relPath: string, size: number, mtimeMs: number): CacheEntry | undefined {
    const e = this.shard(shardOf(relPath)).get(relPath);
    return e && e.size === size && e.mtimeMs === mtimeMs ? e : undefined;
  }

  get(relPath: string, hash: string): CacheEntry | undefined {
    const e = this.shard(shardOf(relPath)).get(relPath);
    return e && e.hash === hash ? e : undefined;
  }

  set(relPath: string, entry: CacheEntry): void {
    const i = shardOf(relPath);
    const loaded = this.shards.get(i);
    if (loaded) loaded.set(relPath, entry);
    else {
      const early = this.early.get(i) ?? new Map<string, CacheEntry>();
      early.set(relPath, entry);
      this.early.set(i, early);
    }
    this.dirty.add(i);
  }

  /** Drops entries of files that no longer exist. */
  retain(relPaths: Set<string>): void {
    for (let i = 0; i < SHARDS; i++) {
      const entries = this.shard(i);
      for (const k of [...entries.keys()]) {
        if (!relPaths.has(k)) {
          entries.delete(k);
          this.dirty.add(i);
        }
      }
    }
  }

  save(): void {
    if (!this.dirty.size) return;
    mkdirSync(path.dirname(this.file), { recursive: true });
    for (const i of this.dirty) {
      const entries = Object.fromEntries(this.shard(i));
      writeFileAtomic(`${this.file}.${i}`, JSON.stringify({ version: VERSION, key: this.key, entries } satisfies CacheFile), { mode: 0o600 });
    }
    this.dirty.clear();
  }
}
