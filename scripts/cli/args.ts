/** Validation of command-line values: every bad value becomes a UsageError (exit 2) naming the option and the fix. */
import { realpathSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { forbiddenCharacter } from '../../plugins/lib/escape';
import { UsageError } from './errors';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

function realDate(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/**
 * A calendar date (YYYY-MM-DD, taken at `dateTime` UTC) or an ISO 8601 timestamp with a time zone. Refuses what
 * JavaScript's Date would silently roll over (2026-02-30 -> 2 March) and free text Date would guess at.
 */
export function parseInstant(value: string, flag: string, dateTime = '12:00:00'): Date {
  const v = value.trim();
  const d = DATE.exec(v);
  if (d) {
    if (!realDate(+d[1], +d[2], +d[3])) throw new UsageError(`${flag}: ${JSON.stringify(value)} is not a real date`);
    return new Date(`${v}T${dateTime}Z`);
  }
  const t = TIMESTAMP.exec(v);
  if (!t || !realDate(+t[1], +t[2], +t[3]) || +t[4] > 23 || +t[5] > 59 || (t[6] !== undefined && +t[6] > 59)) {
    throw new UsageError(`${flag} needs a date like 2026-11-23 or a timestamp like 2026-11-23T14:05:00Z, got ${JSON.stringify(value.slice(0, 60))}`);
  }
  const out = new Date(v.replace(' ', 'T'));
  if (Number.isNaN(out.getTime())) throw new UsageError(`${flag}: ${JSON.stringify(value.slice(0, 60))} is not a valid timestamp`);
  return out;
}

/** A short human text (a title, a name): not empty, at most `max` characters, no control or bidi characters. */
export function checkText(value: string, flag: string, max = 120): string {
  const v = value.trim();
  if (!v) throw new UsageError(`${flag} must not be empty`);
  if ([...v].length > max) throw new UsageError(`${flag} is ${[...v].length} characters long; keep it under ${max + 1}`);
  const bad = forbiddenCharacter(v) ?? (/[\n\r]/.test(v) ? 'a line break' : undefined);
  if (bad) throw new UsageError(`${flag} contains ${bad}: remove it`);
  return v;
}

/** A folder inside the repository (existing or to be created), never a file and never outside `root`. */
export function folderInside(root: string, value: string, flag: string): string {
  const abs = path.resolve(root, value);
  const rel = path.relative(root, abs);
  if (rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel)) {
    throw new UsageError(`${flag} ${JSON.stringify(value)} is outside the repository (${root}): give a folder inside it`);
  }
  // Every existing part of the path must be a real folder (no file, no symbolic link out of the repository).
  let cur = root;
  for (const part of rel.split(path.sep).filter(Boolean)) {
    cur = path.join(cur, part);
    let st;
    try {
      st = statSync(cur, { throwIfNoEntry: false });
    } catch {
      st = undefined;
    }
    if (!st) break;
    if (!st.isDirectory()) throw new UsageError(`${flag} ${JSON.stringify(value)}: ${path.relative(root, cur)} is a file, not a folder`);
    const realRel = path.relative(realpathSync(root), realpathSync(cur));
    if (realRel.startsWith('..') || path.isAbsolute(realRel))
      throw new UsageError(`${flag} ${JSON.stringify(value)} leads outside the repository through a symbolic link`);
  }
  return abs;
}

/** --workers: a whole number, capped at the number of cores (more threads only cost memory). */
export function parseWorkers(value: string): { workers: number; capped: boolean } {
  if (!/^\d{1,6}$/.test(value))
    throw new UsageError(`--workers needs a whole number (0 to check in the main thread), got ${JSON.stringify(value.slice(0, 20))}`);
  const cores = os.availableParallelism?.() ?? os.cpus().length;
  const n = Number(value);
  return { workers: Math.min(n, cores), capped: n > cores };
}
