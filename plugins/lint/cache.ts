/** The lint cache: phase-1 results per file, keyed by a hash of the file and of everything else that decides them. */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import type { DocSummary } from './engine';
import type { Level, LintMessage, Project } from './types';

const VERSION = 8;

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

/** Everything besides the file itself that phase-1 results depend on: engine code version, config, schemas, data, the day, rule levels. */
export function cacheKey(project: Project, now: Date, ruleLevels: Record<string, Level> = {}, engineVersion = ''): string {
  const h = createHash('sha1');
  h.update(String(VERSION)).update(engineVersion).update(JSON.stringify(project.config)).update(JSON.stringify(ruleLevels));
  h.update(now.toISOString().slice(0, 10));
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
 * small shard instead of the whole cache.
 */
export class LintCache {
  private entries: Record<string, CacheEntry> = {};
  private dirty = new Set<number>();

  constructor(
    private file: string,
    private key: string,
  ) {
    for (let i = 0; i < SHARDS; i++) {
      try {
        const data = JSON.parse(readFileSync(`${file}.${i}`, 'utf8')) as CacheFile;
        if (data.version === VERSION && data.key === key) Object.assign(this.entries, data.entries);
      } catch {
        // No shard yet, or an unreadable one: those files are checked again.
      }
    }
  }

  /** The entry for an unchanged file, judged by size and modification time alone (like ESLint's metadata strategy). */
  getByStat(relPath: string, size: number, mtimeMs: number): CacheEntry | undefined {
    const e = this.entries[relPath];
    return e && e.size === size && e.mtimeMs === mtimeMs ? e : undefined;
  }

  get(relPath: string, hash: string): CacheEntry | undefined {
    const e = this.entries[relPath];
    return e && e.hash === hash ? e : undefined;
  }

  set(relPath: string, entry: CacheEntry): void {
    this.entries[relPath] = entry;
    this.dirty.add(shardOf(relPath));
  }

  /** Drops entries of files that no longer exist. */
  retain(relPaths: Set<string>): void {
    for (const k of Object.keys(this.entries)) {
      if (!relPaths.has(k)) {
        delete this.entries[k];
        this.dirty.add(shardOf(k));
      }
    }
  }

  save(): void {
    if (!this.dirty.size) return;
    mkdirSync(path.dirname(this.file), { recursive: true });
    const shards = new Map<number, Record<string, CacheEntry>>();
    for (const i of this.dirty) shards.set(i, {});
    for (const [k, e] of Object.entries(this.entries)) {
      const shard = shards.get(shardOf(k));
      if (shard) shard[k] = e;
    }
    for (const [i, entries] of shards) {
      const tmp = `${this.file}.${i}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify({ version: VERSION, key: this.key, entries } satisfies CacheFile));
      renameSync(tmp, `${this.file}.${i}`);
    }
  }
}
