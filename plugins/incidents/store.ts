/**
 * The incident store: the Markdown records under incidents/ are the system of record.
 *
 * Every write (the CLI, the responder, drills) goes through here: it takes the store's exclusive lock, reads the
 * current text from disk, applies the change, validates the result and replaces the file atomically (temporary
 * file + rename). Ids are allocated under the same lock, so concurrent declarations get distinct ids and
 * concurrent updates of one record are serialised, never lost.
 */
import { writeFileAtomicAsync } from '../lib/write-atomic';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import GithubSlugger from 'github-slugger';
import { parse } from 'yaml';
import { split } from '../lib/incident-file';
import type { IncidentRecord } from '../lib/metrics';
import { withLock, type LockOptions } from './lock';

export interface StoredIncident {
  id: string;
  /** Path relative to the project root, with forward slashes. */
  relPath: string;
  abs: string;
  text: string;
  fm: IncidentFrontMatter;
}

/**
 * A record's front matter as read from disk: the fields of schemas/incident.schema.json where they are set, and
 * anything else as unknown. Every write is validated; a record edited by hand may not match (the linter says so).
 */
export type IncidentFrontMatter = Partial<IncidentRecord> & {
  roles?: Record<string, string>;
  public_updates?: { at: string; status?: string; text: string }[];
  [field: string]: unknown;
};

export interface StoreOptions {
  root: string;
  /** Throws when the new text of a record is not acceptable; nothing is written then. */
  validate?: (abs: string, text: string) => Promise<void> | void;
  /** Called after each write, still under the lock (e.g. to commit it). */
  afterWrite?: (change: { relPath: string; id: string; message: string; created: boolean }) => Promise<void> | void;
  lock?: LockOptions;
  /** Folder of the records (default incidents). */
  dir?: string;
  /**
   * A long-running process (the responder) may reuse its view of the records for this long (ms) while no record
   * folder changed (their mtimes: any create or rename by any process) and only its own writes happened; a change
   * made in place by another program (an editor) is seen at the latest after this long. 0 (the default): every
   * list() stats every record.
   */
  rescanMs?: number;
}

export class StoreError extends Error {
  constructor(message: string, readonly code: 'not-found' | 'invalid' | 'conflict' = 'invalid') {
    super(message);
  }
}

export const INCIDENT_ID = /^INC-(\d{4,6})$/;

/** Where the lock of a handbook's incident store lives (git-ignored). */
export function lockFileOf(root: string): string {
  return path.join(root, '.handbook-state', 'incidents.lock');
}


function mtimeOf(p: string): number {
  try {
    return statSync(p).mtimeMs;
  } catch {
    return -1;
  }
}

const idNumber = (id: string) => Number(INCIDENT_ID.exec(id)?.[1] ?? Number.MAX_SAFE_INTEGER);

/** By id number (INC-0009 before INC-0010), then by id and path for ties. */
function sortById(list: StoredIncident[]): StoredIncident[] {
  return list.sort((a, b) => idNumber(a.id) - idNumber(b.id) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) || (a.abs < b.abs ? -1 : 1));
}

function frontmatterOf(text: string): IncidentFrontMatter | undefined {
  try {
    const v = parse(split(text).fm, { schema: 'core', uniqueKeys: true });
    return v && typeof v === 'object' ? (v as IncidentFrontMatter) : undefined;
  } catch {
    return undefined;
  }
}

export class IncidentStore {
  readonly root: string;
  readonly dir: string;
  private cache = new Map<string, { mtime: number; size: number; incident?: StoredIncident }>();
  private snapshot: { at: number; dirs: Map<string, number>; list: StoredIncident[] } | undefined;

  constructor(private readonly opts: StoreOptions) {
    this.root = path.resolve(opts.root);
    this.dir = path.join(this.root, opts.dir ?? 'incidents');
  }

  private files(dir = this.dir, out: string[] = [], dirs?: Map<string, number>): string[] {
    if (!existsSync(dir)) return out;
    if (dirs) dirs.set(dir, mtimeOf(dir));
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.name.startsWith('.')) continue;
      const p = path.join(dir, e.name);
      if (e.isDirectory()) this.files(p, out, dirs);
      else if (e.isFile() && /^INC-\d+.*\.mdx?$/.test(e.name)) out.push(p);
    }
    return out;
  }

  /** The last view is still good: recent enough, and no record folder changed since (creates and renames change it). */
  private snapshotValid(): boolean {
    const snap = this.snapshot;
    const limit = this.opts.rescanMs ?? 0;
    if (!snap || limit <= 0 || Date.now() - snap.at >= limit) return false;
    if (mtimeOf(this.dir) !== (snap.dirs.get(this.dir) ?? -1)) return false;
    for (const [dir, mtime] of snap.dirs) if (mtimeOf(dir) !== mtime) return false;
    return true;
  }

  /** After this process wrote a record: the view is updated in place instead of stat-ing every record again. */
  private noteWrite(incident: StoredIncident): void {
    let st;
    try {
      st = statSync(incident.abs);
    } catch {
      this.snapshot = undefined;
      return;
    }
    this.cache.set(incident.abs, { mtime: st.mtimeMs, size: st.size, incident });
    const snap = this.snapshot;
    if (!snap) return;
    const dir = path.dirname(incident.abs);
    if (!snap.dirs.has(dir) && dir !== this.dir) {
      this.snapshot = undefined; // a new folder: look again
      return;
    }
    snap.dirs.set(dir, mtimeOf(dir));
    snap.dirs.set(this.dir, mtimeOf(this.dir));
    snap.list = sortById([...snap.list.filter((i) => i.abs !== incident.abs), incident]);
  }

  /** Every incident record, read fresh from disk (unchanged files come from a cache keyed on mtime and size). */
  list(opts: { fresh?: boolean } = {}): StoredIncident[] {
    if (!opts.fresh && this.snapshotValid()) return this.snapshot!.list;
    const dirs = new Map<string, number>();
    const at = Date.now();
    const seen = new Set<string>();
    const out: StoredIncident[] = [];
    for (const abs of this.files(this.dir, [], dirs)) {
      seen.add(abs);
      let st;
      try {
        st = statSync(abs);
      } catch {
        continue;
      }
      const hit = this.cache.get(abs);
      if (hit && hit.mtime === st.mtimeMs && hit.size === st.size) {
        if (hit.incident) out.push(hit.incident);
        continue;
      }
      const text = readFileSync(abs, 'utf8');
      const fm = frontmatterOf(text);
      const incident =
        fm && fm.type === 'incident' && typeof fm.id === 'string'
          ? { id: fm.id, abs, relPath: path.relative(this.root, abs).split(path.sep).join('/'), text, fm }
          : undefined;
      this.cache.set(abs, { mtime: st.mtimeMs, size: st.size, incident });
      if (incident) out.push(incident);
    }
    for (const k of this.cache.keys()) if (!seen.has(k)) this.cache.delete(k);
    const list = sortById(out);
    this.snapshot = { at, dirs, list };
    return list;
  }

  get(id: string): StoredIncident {
    if (!INCIDENT_ID.test(id)) throw new StoreError(`"${id}" is not an incident id like INC-0042`, 'not-found');
    const found = this.list().filter((i) => i.id === id);
    if (found.length === 0) throw new StoreError(`no incident ${id} under ${path.relative(this.root, this.dir) || '.'}/`, 'not-found');
    if (found.length > 1) throw new StoreError(`${id} is used by more than one record (${found.map((f) => f.relPath).join(', ')}): give one of them a new id`, 'conflict');
    return found[0];
  }

  /** Runs `fn` under the store's exclusive lock. */
  locked<T>(fn: () => Promise<T> | T): Promise<T> {
    return withLock(lockFileOf(this.root), fn, this.opts.lock);
  }

  /** The id the next record gets: one more than the highest in use. Call under the lock. */
  nextId(): string {
    const numbers = this.list({ fresh: true }).map((i) => Number(INCIDENT_ID.exec(i.id)?.[1] ?? 0));
    return `INC-${String(Math.max(0, ...numbers) + 1).padStart(4, '0')}`;
  }

  /**
   * Creates a record under the lock. `existing` may return a record that already stands for the same thing (the
   * same alert group): then nothing is written and that record is returned with created=false.
   */
  async create(
    make: (id: string) => { text: string; title: string; year: number; message?: string },
    existing?: (all: StoredIncident[]) => StoredIncident | undefined,
  ): Promise<{ incident: StoredIncident; created: boolean }> {
    // Validate before taking the lock, with a provisional id, so the lock is held only to allocate and write:
    // the id only appears where `make` puts it, and the same text with the real id is written.
    const PROVISIONAL = 'INC-999999';
    const draft = make(PROVISIONAL);
    const fileOf = (id: string, title: string, year: number) => path.join(this.dir, String(year), `${id}-${new GithubSlugger().slug(title).slice(0, 60).replace(/-+$/, '') || 'incident'}.md`);
    if (existing?.(this.list())) return this.locked(async () => this.createLocked(make, existing));
    await this.opts.validate?.(fileOf(PROVISIONAL, draft.title, draft.year), draft.text);
    return this.locked(async () => this.createLocked(make, existing, (id, built) => built.text === draft.text.split(PROVISIONAL).join(id)));
  }

  private async createLocked(
    make: (id: string) => { text: string; title: string; year: number; message?: string },
    existing?: (all: StoredIncident[]) => StoredIncident | undefined,
    prevalidated?: (id: string, built: { text: string }) => boolean,
  ): Promise<{ incident: StoredIncident; created: boolean }> {
    {
      const found = existing?.(this.list());
      if (found) return { incident: found, created: false };
      const id = this.nextId();
      const { text, title, year, message } = make(id);
      const slug = new GithubSlugger().slug(title).slice(0, 60).replace(/-+$/, '') || 'incident';
      const dir = path.join(this.dir, String(year));
      const abs = path.join(dir, `${id}-${slug}.md`);
      if (!prevalidated?.(id, { text })) await this.opts.validate?.(abs, text);
      mkdirSync(dir, { recursive: true });
      writeFileSync(abs, text, { flag: 'wx' });
      const relPath = path.relative(this.root, abs).split(path.sep).join('/');
      const incident = { id, abs, relPath, text, fm: frontmatterOf(text) ?? {} };
      this.noteWrite(incident);
      await this.opts.afterWrite?.({ relPath, id, message: message ?? `${id}: opened`, created: true });
      return { incident, created: true };
    }
  }

  /**
   * Changes one record under the lock: `change` gets the current text (read after the lock is taken) and returns
   * the new text, or null to leave it as it is. Because `change` always sees the latest text, two concurrent
   * updates are applied one after the other and neither is lost.
   */
  async update(id: string, change: (current: StoredIncident) => string | null, message: string, opts: { trusted?: boolean } = {}): Promise<{ incident: StoredIncident; changed: boolean }> {
    return this.locked(async () => {
      const current = this.get(id);
      const text = readFileSync(current.abs, 'utf8');
      const fresh = { ...current, text, fm: frontmatterOf(text) ?? current.fm };
      const next = change(fresh);
      if (next === null || next === text) return { incident: fresh, changed: false };
      // A trusted change (the responder's own bookkeeping: escalation entries, alert counts) only needs to stay
      // parseable; the full validation is for what people and alerts put into a record.
      const fm = frontmatterOf(next);
      if (opts.trusted) {
        if (!fm) throw new StoreError(`${id}: the change would break the front matter; nothing was written`);
      } else await this.opts.validate?.(current.abs, next);
      await writeFileAtomicAsync(current.abs, next, { durable: true });
      const incident = { ...current, text: next, fm: fm ?? {} };
      this.noteWrite(incident);
      await this.opts.afterWrite?.({ relPath: current.relPath, id, message: `${id}: ${message}`, created: false });
      return { incident, changed: true };
    });
  }
}
